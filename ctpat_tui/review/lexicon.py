"""Word lists behind the specificity tests: vague phrases, role nouns, record nouns, concrete mechanisms."""

from __future__ import annotations

STOPWORDS = frozenset(
    "a an and are as at be been by for from has have in is its of on or our that the their them then these "
    "this those to was we were which who will with us any all each every per into onto".split()
)

VAGUE_FREQUENCY = (
    "regularly", "regular basis", "regular intervals", "as needed", "as required", "as necessary", "if needed",
    "if necessary", "when needed", "when necessary", "when required", "when appropriate", "as appropriate",
    "ongoing", "on-going", "on an ongoing basis", "periodically", "periodic", "from time to time", "continuously",
    "continuous", "constantly", "routinely", "routine", "frequently", "often", "at all times", "all the time",
    "always", "sometimes", "occasionally", "timely", "in a timely manner", "when possible", "whenever possible",
    "as per requirements", "per ctpat requirements", "as scheduled", "according to schedule", "as applicable",
)

PERIOD_WORDS = (
    "hourly", "daily", "nightly", "weekly", "fortnightly", "biweekly", "bi-weekly", "monthly", "bimonthly",
    "bi-monthly", "quarterly", "annually", "annual", "yearly", "semiannually", "semi-annually", "semiannual",
    "semi-annual", "biannually", "bi-annually", "twice a year", "once a year", "twice a month", "once a month",
    "24/7", "24 hours a day",
)

TIME_UNITS = r"(?:minutes?|mins?|hours?|hrs?|days?|business days?|working days?|calendar days?|weeks?|months?|" \
             r"quarters?|years?|yrs?|shifts?)"

NUMBER_WORDS = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|" \
               r"eighteen|twenty|thirty|forty-eight|sixty|ninety)"

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)

TRIGGER_PHRASES = (
    r"before", r"after", r"upon", r"prior to", r"on arrival", r"on receipt", r"on departure", r"on hire",
    r"at hire", r"at hiring", r"at onboarding", r"during onboarding", r"at arrival", r"at departure", r"at loading",
    r"at pickup", r"at delivery", r"at check-in", r"at entry", r"at exit", r"at the start of", r"at the end of",
    r"when(?:ever)? (?:a|an|the|any|someone|staff|we|it|there|new|changes?|procedures?)\b", r"each time",
    r"every time", r"within", r"on each", r"on every", r"for each", r"for every",
    r"at (?:each|every)", r"at (?:the )?(?:start|end) of", r"on the day", r"same day",
)

EVERY_GENERIC = frozenset({"time", "times", "so", "now", "once", "case", "situation", "opportunity"})

ROLE_NOUNS = frozenset(
    """manager managers director directors supervisor supervisors officer officers coordinator coordinators
    administrator administrators admin lead leads leader leaders head heads chief specialist specialists analyst
    analysts clerk clerks guard guards controller controllers president vp engineer engineers agent agents
    receptionist receptionists planner planners technician technicians superintendent superintendents dispatcher
    dispatchers auditor auditors counsel attorney accountant accountants foreman foremen inspector inspectors buyer
    buyers trainer trainers instructor instructors secretary treasurer custodian steward driver drivers operator
    operators captain master pilot chair chairperson consultant representative representatives""".split()
)

ROLE_ACRONYMS = frozenset({"ceo", "cfo", "coo", "cio", "ciso", "cso", "cto", "poc", "vp", "svp", "evp", "gm", "dpo"})

VAGUE_OWNER_WORDS = frozenset(
    """management staff employees employee everyone everybody all team teams personnel workers worker people
    company department departments we us our relevant respective appropriate designated responsible senior
    various concerned individuals individual person persons someone whoever organization organisation
    business site office group the a an of and or""".split()
)

RECORD_NOUNS = frozenset(
    """log logs logbook logbooks register registers checklist checklists form forms sheet sheets roster rosters
    report reports certificate certificates ticket tickets minutes tracker trackers matrix spreadsheet
    spreadsheets receipts manifest manifests footage recordings recording photos photographs scans signoff
    sign-off sign-offs acknowledgment acknowledgments acknowledgement acknowledgements agreements contracts
    questionnaires questionnaire audits trail""".split()
)

RECORD_PLACES = frozenset(
    """folder folders drive binder binders cabinet cabinets database sharepoint archive archives safe vault
    office file files portal server""".split()
)

GENERIC_ACRONYMS = frozenset({"it", "hr", "ctpat", "c-tpat", "cbp", "us", "usa", "u.s", "msc", "sop", "sops", "n/a"})

VAGUE_ESCALATION = (
    "addressed", "handled", "dealt with", "taken care of", "resolved", "as needed", "as appropriate",
    "appropriate action", "appropriate person", "appropriate personnel", "appropriate parties", "management",
    "promptly", "as soon as possible", "asap", "in a timely manner", "timely", "accordingly", "according to procedure",
    "per procedure", "as required",
)

TIME_FRAME_PHRASES = (
    r"immediately", r"at once", r"same[- ]day", r"same[- ]shift", r"next business day", r"next working day",
    r"before (?:the )?(?:end of|next) (?:the )?(?:shift|day)", r"before release",
    r"before (?:the )?(?:truck|trailer|load|shipment|container)",
    r"by (?:the )?end of (?:the )?(?:shift|day|week)", r"within", r"on the spot", r"before departure",
    r"before (?:it|they) (?:leaves?|departs?|ships?)", r"before (?:work|the next)", r"at the next",
    r"(?:before|prior to) (?:the|a|an|any|each|its|their) \w+",
    r"at (?:each|every|the) (?:\w+ )?(?:meeting|review)", r"no later than",
)

GENERIC_CLAIMS = (
    r"\bwe (?:maintain|ensure|make sure|guarantee|strive|are committed|take)\b",
    r"\bmaintain(?:s|ed)? (?:a )?(?:high|strict|appropriate|adequate|proper|good|robust|strong)? ?"
    r"(?:level of )?security\b",
    r"\bappropriate (?:security )?(?:measures|controls|steps|procedures|action)\b",
    r"\b(?:necessary|reasonable|all) (?:steps|measures|precautions)\b",
    r"\ball (?:employees|staff|personnel|workers) (?:receive|are given|get|undergo|complete|attend|are) "
    r"(?:\w+ )?(?:training|trained)\b",
    r"\b(?:receive|receives|given|provided) (?:\w+ )?training\b",
    r"\bbest practices?\b", r"\bindustry standards?\b", r"\bas required\b", r"\bas needed\b",
    r"\bin (?:accordance|compliance|line) with (?:the )?(?:ctpat|c-tpat|cbp|all|applicable|company|our)\b",
    r"\b(?:procedures|policies|controls|measures|systems) (?:are|is) in place\b", r"\bpolicies and procedures\b",
    r"\bsecurity is (?:a|our) (?:top )?priority\b", r"\btake[s]? security seriously\b", r"\brobust\b",
    r"\bcomprehensive\b", r"\bstrict(?:ly)?\b", r"\bproper(?:ly)?\b", r"\badequate(?:ly)?\b", r"\beffective(?:ly)?\b",
    r"\bcommitted to\b", r"\bzero tolerance\b", r"\bstate of the art\b", r"\bsecure manner\b", r"\bat all times\b",
    r"\baccording to (?:our|the|company|internal) (?:procedures?|polic(?:y|ies)|guidelines|standards)\b",
    r"\bappropriate (?:person|personnel|people|parties|party|staff|individuals?)\b", r"\bdealt with\b",
    r"\bon a regular basis\b", r"\bregularly\b", r"\bperiodically\b", r"\ball applicable\b", r"\bas appropriate\b",
    r"\bfully compliant\b", r"\bmeets? (?:all )?(?:the )?(?:ctpat|c-tpat|cbp)? ?(?:requirements|criteria)\b",
    r"\bsecurity (?:measures|procedures|controls)\b", r"\bhigh level\b", r"\bwhere (?:possible|applicable)\b",
)

CONCRETE_NOUNS = frozenset(
    """badge badges camera cameras cctv vms seal seals lock locks padlock padlocks fence fences fencing gate gates
    guard guards guardhouse checklist checklists log logs form forms alarm alarms key keys id ids identification
    scan scanner password passwords passphrase mfa firewall firewalls backup backups vpn container containers
    trailer trailers tractor tractors pallet pallets dock docks door doors window windows lighting lights
    bolt vvtt iso 17712 inspection inspections roster rosters quiz test tests sign-in signature signatures
    ticket tickets portal database spreadsheet register questionnaire questionnaires audit audits visit visits
    certificate certificates photo photos photograph photographs footage patrol patrols escort escorts visitor
    visitors driver drivers carrier carriers supplier suppliers invoice invoices manifest manifests shipment
    shipments load loads route routes gps geofence tracking account accounts laptop laptops usb encryption
    antivirus patch patches module modules course courses hotline matrix score scores threshold sample sampling
    reference references contract contracts clause clauses agreement agreements screening vendor vendors
    reconciliation whitelist blacklist watch-list watchlist wpm ispm pest pests bill lading booking""".split()
)

CONCRETE_VERBS = frozenset(
    """verify verifies verified check checks checked scan scans scanned inspect inspects inspected compare
    compares compared record records recorded log logs logged sign signs signed photograph photographs lock
    locks locked seal seals sealed match matches matched reconcile reconciles reconciled audit audits audited
    test tests tested screen screens screened escort escorts escorted issue issues issued disable disables
    disabled approve approves approved review reviews reviewed count counts counted weigh weighs weighed
    register registers registered upload uploads uploaded encrypt encrypts encrypted patch patches patched
    report reports reported sample samples sampled interview interviews interviewed contact contacts contacted
    assess assesses assessed rate rates rated score scores scored validate validates validated confirm confirms
    confirmed tag tags tagged rekey rekeys rekeyed revoke revokes revoked suspend suspends suspended
    quarantine quarantines quarantined isolate isolates isolated refuse refuses refused reject rejects rejected
    hold holds held store stores stored retain retains retained attach attaches attached programme programmes
    programmed schedule schedules scheduled assign assigns assigned""".split()
)

PLACEHOLDERS = (
    r"\btodo\b", r"\btbd\b", r"\btbc\b", r"\bxxx+\b", r"\[verify\]", r"\blorem ipsum\b", r"\binsert\b.{0,20}\bhere\b",
    r"<[^<>]{1,40}>", r"\[(?:company|name|role|date|system)[^\]]*\]", r"\bfill in\b",
)

METHOD_TERMS = (
    r"five[- ]step", r"5[- ]step", r"iso 31000", r"iso 28000", r"likelihood", r"probability", r"impact", r"matrix",
    r"heat ?map", r"fmea", r"scor(?:e|ing)", r"rating scale", r"risk register", r"threat assessment",
    r"vulnerability assessment", r"method(?:ology)?",
)

MITIGATION_TERMS = (
    r"mitigat\w*", r"countermeasures?", r"corrective actions?", r"action plan", r"risk treatment", r"treatment plan",
    r"measures?",
)

OWNERSHIP_TERMS = (
    r"owners?", r"owned by", r"assigned to", r"responsible", r"accountable", r"due dates?", r"named role",
)
