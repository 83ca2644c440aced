"""Word classes behind the specificity signals (signals.py) and the risk-assessment terms (risk.py)."""

from __future__ import annotations

STOPWORDS = frozenset(
    "a an and are as at be been by for from has have in is its of on or our that the their them then these "
    "this those to was we were which who will with us any all each every per into onto".split()
)

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)

ROLE_ACRONYMS = frozenset({"ceo", "cfo", "coo", "cio", "ciso", "cso", "cto", "poc", "vp", "svp", "evp", "gm", "dpo",
                           # ship, port and facility security titles (ISPS, ISM) and the HR business partner
                           "sso", "pfso", "fso", "oow", "dpa", "hrbp"})

GENERIC_ACRONYMS = frozenset({"it", "hr", "ctpat", "c-tpat", "cbp", "us", "usa", "u.s", "msc", "sop", "sops", "n/a"})

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

# --- signals.py: the word classes behind the general signals ----------------------------------------------------
# These are classes of words (what a role head noun is, what a device is), used with the text's structure and word
# rarity; they are not lists of accepted answers.

ABBREVIATIONS = {
    # time
    "evry": "every", "evey": "every", "ea": "each", "ea.": "each", "wk": "week", "wks": "weeks", "wkly": "weekly",
    "mo": "month", "mos": "months", "mth": "month", "mths": "months", "mnth": "month", "mthly": "monthly",
    "mnthly": "monthly", "yr": "year", "yrs": "years", "yrly": "yearly", "hr": "hour", "hrs": "hours", "h": "hours",
    "min": "minutes", "mins": "minutes", "dly": "daily", "iaw": "in accordance with", "annly": "annually", "ann.": "annually", "semi-ann": "semiannually",
    "semi-annly": "semiannually", "semi-ann.": "semiannually", "s/a": "semiannually", "cob": "close of business", "eob": "end of business",
    "nlt": "no later than", "i.a.w.": "in accordance with", "wkdays": "weekdays", "bus.": "business", "biz": "business",
    "bd": "business days", "bds": "business days", "bi-wkly": "biweekly",
    "biwkly": "biweekly", "bi-mthly": "bimonthly", "qtrly": "quarterly", "qtly": "quarterly",
    "qrtly": "quarterly", "qtr": "quarter", "b4": "before", "w/": "with", "w/in": "within", "w/i": "within",
    "w/o": "without", "thru": "through", "2x": "twice", "1x": "once", "3x": "three times", "4x": "four times",
    "immed": "immediately", "nxt": "next", "shft": "shift", "shfts": "shifts", "nite": "night", "tonite": "tonight",
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
    "thurs": "thursday", "fri": "friday", "sat.": "saturday", "sun.": "sunday", "n": "and", "u": "you", "r": "are",
    "pls": "please", "b/c": "because", "asap": "asap", "eod": "end of day", "eos": "end of shift",
    # hedges and availability written short: 'typ. at origin', 'usu. w/in the hour', 'as crew avail'
    "typ": "typically", "typ.": "typically", "usu": "usually", "usu.": "usually", "avail": "available",
    "avail.": "available", "approx": "approximately", "approx.": "approximately",
    # roles and units
    "sup": "supervisor", "supv": "supervisor", "supvr": "supervisor", "spvr": "supervisor", "suprv": "supervisor",
    "supr": "supervisor", "supvs": "supervisors", "sups": "supervisors", "mgr": "manager", "mngr": "manager",
    "mgrs": "managers", "mgmt": "management", "mgt": "management", "dir": "director", "coord": "coordinator",
    "anlst": "analyst", "compl": "compliance", "sr": "senior", "sr.": "senior", "jr": "junior", "asst": "assistant",
    "whse": "warehouse", "whs": "warehouse", "ops": "operations", "dept": "department", "depts": "departments",
    "admin": "administrator", "tech": "technician", "techs": "technicians", "supt": "superintendent",
    "ofcr": "officer", "offcr": "officer", "rep": "representative", "reps": "representatives", "disp": "dispatcher",
    "clk": "clerk", "fmn": "foreman", "secy": "secretary", "gm": "general manager", "drvr": "driver",
    "drvrs": "drivers", "dvr": "driver", "opr": "operator", "insp": "inspection", "insps": "inspections",
    "acctg": "accounting", "hse": "hse", "ehs": "ehs", "sec.": "security", "sgt": "sergeant", "lt": "lieutenant",
    "capt": "captain", "engr": "engineer", "eng": "engineer", "spec.": "specialist", "spcl": "specialist",
    # things
    "trl": "trailer", "trlr": "trailer", "trlrs": "trailers", "trls": "trailers", "cntr": "container",
    "cont": "container", "chk": "check", "chks": "checks", "chkd": "checked", "chklist": "checklist",
    "chklists": "checklists", "rvw": "review", "rvwd": "reviewed", "rpt": "report", "rpts": "reports",
    "doc": "document", "sched": "schedule", "scheds": "schedules", "docs": "documents", "recs": "records", "yd": "yard", "bldg": "building", "rm": "room",
    "sys": "system", "bkgrnd": "background", "bkgd": "background", "bgc": "background check", "cust": "customer", "inv": "inventory", "lvl": "level", "std": "standard", "stds": "standards",
    "notif": "notify", "esc": "escalate", "pic": "photo", "pics": "photos", "vid": "video", "cam": "camera",
    "cams": "cameras", "govt": "government", "reqd": "required", "req": "required", "info": "information",
    # Spanish
    "cada": "each", "turno": "shift", "turnos": "shifts", "diario": "daily", "diariamente": "daily",
    "semanal": "weekly", "semanalmente": "weekly", "mensual": "monthly", "mensualmente": "monthly",
    "anual": "yearly", "anualmente": "yearly", "trimestral": "quarterly", "dia": "day", "dias": "days",
    "hora": "hour", "horas": "hours", "minuto": "minute", "minutos": "minutes", "mes": "month", "meses": "months",
    "ano": "year", "anos": "years", "semana": "week", "semanas": "weeks", "viaje": "trip", "viajes": "trips",
    "antes": "before", "despues": "after", "dentro": "within", "inmediatamente": "immediately",
    "ingresar": "hire", "ingreso": "hire", "contratacion": "hire", "jefe": "chief", "gerente": "manager",
    "encargado": "lead", "encargada": "lead", "coordinador": "coordinator", "coordinadora": "coordinator",
    "vigilante": "guard", "guardia": "guard", "chofer": "driver", "operador": "driver", "monitorista": "monitorist",
    "auxiliar": "assistant", "analista": "analyst", "despachador": "dispatcher", "almacenista": "storekeeper",
    "montacarguista": "forklift operator", "custodio": "custodian", "bitacora": "log", "bitacoras": "logs",
    "registro": "record", "registros": "records", "expediente": "file", "expedientes": "files",
    "carpeta": "folder", "archivo": "archive", "oficina": "office", "sistema": "system", "personal": "staff",
    "responsable": "responsible", "todos": "all", "todo": "all", "gerencia": "management",
    "direccion": "management", "cuando": "when", "siempre": "always", "periodicamente": "periodically",
    "regularmente": "regularly", "constantemente": "constantly", "necesario": "necessary", "segun": "as per",
    "llama": "calls", "avisa": "tells", "reporta": "reports", "notifica": "notifies",
    "detiene": "stops", "revisa": "checks", "firma": "signs", "sello": "seal", "sellos": "seals",
    "candado": "padlock", "camara": "camera", "camaras": "cameras", "forma": "form", "formato": "form",
    "lista": "list", "guardan": "kept", "guardamos": "we keep", "se": "se", "y": "and", "o": "or", "de": "of",
    "el": "the", "la": "the", "los": "the", "las": "the", "en": "in", "al": "to the", "del": "of the", "por": "per", "veces": "times", "vez": "time",
    "con": "with", "para": "for", "sin": "without", "cruce": "crossing", "tiene": "has", "tienen": "have", "tiempo": "time", "hay": "there is",
    "puerta": "door", "puertas": "doors", "llave": "key", "llaves": "keys", "caseta": "booth",
    "candados": "padlocks",
    # Spanish checks in the first person and plural: 'lo verificamos en el portal', 'revisamos', 'cotejamos'
    "verificamos": "we verify", "verifican": "verify", "verifica": "verifies",
    "verificado": "verified", "verificada": "verified", "revisamos": "we check", "revisan": "check",
    "revisado": "checked", "revisada": "checked", "checamos": "we check", "checa": "checks",
    "checan": "check", "cotejamos": "we compare", "coteja": "compares", "cotejan": "compare",
    "cotejado": "compared", "comparamos": "we compare", "compara": "compares",
    "inspeccionamos": "we inspect", "inspecciona": "inspects", "inspeccionan": "inspect",
    "validamos": "we verify", "validan": "verify", "firmamos": "we sign",
    "firman": "sign", "firmado": "signed", "firmada": "signed", "captura": "screenshot", "capturas": "screenshots",
    # Spanish record nouns: 'reporte de auditoria firmado', 'hoja de revision', 'libreta de la caseta'
    "reporte": "report", "reportes": "reports", "informe": "report", "informes": "reports", "hoja": "sheet",
    "hojas": "sheets", "libreta": "notebook", "libretas": "notebooks", "cuaderno": "notebook",
    "auditoria": "audit", "auditorias": "audits", "constancia": "certificate", "constancias": "certificates",
    "fisica": "paper", "fisico": "paper", "fisicas": "paper", "fisicos": "paper",
    "escaneamos": "we scan", "escanea": "scans", "pesamos": "we weigh",
    "cerradura": "lock", "cerraduras": "locks", "alarma": "alarm", "alarmas": "alarms", "foto": "photo",
    "fotos": "photos", "porton": "gate", "reja": "gate", "rampa": "dock", "anden": "dock", "remolque": "trailer",
    "remolques": "trailers", "revision": "inspection", "inspeccion": "inspection", "quien": "whoever",
    "menos": "less", "avisado": "told", "avisada": "told", "notificado": "notified", "reportado": "reported",
    "lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday", "viernes": "friday",
    "sabado": "saturday", "sabados": "saturdays", "domingo": "sunday", "domingos": "sundays",
    # French and Portuguese, for writers who think in them: 'chaque conteneur avant le plombage', 'lacre
    # conferido na portaria', 'registre des scelles', 'planilha de lacres'
    "chaque": "each", "avant": "before", "apres": "after", "plombage": "sealing", "scelle": "seal",
    "scelles": "seals", "plomb": "seal", "plombs": "seals", "trimestre": "quarter", "trimestriel": "quarterly",
    "trimestrielle": "quarterly", "mois": "month", "semaine": "week", "semaines": "weeks", "jour": "day",
    "jours": "days", "heure": "hour", "heures": "hours", "ans": "years", "annee": "year", "annees": "years",
    "annuel": "yearly", "annuelle": "yearly", "mensuel": "monthly", "mensuelle": "monthly", "hebdomadaire": "weekly",
    "quotidien": "daily", "quotidienne": "daily", "quotidiennement": "daily", "registre": "register",
    "registres": "registers", "fiche": "form", "fiches": "forms", "formulaire": "form", "verifie": "verified",
    "verifiee": "verified", "verifions": "we verify", "controlons": "we check", "controles": "checks",
    "conserve": "kept", "conserves": "kept", "conservee": "kept", "conservees": "kept",
    "connaissement": "bill of lading", "arrivee": "arrival", "chauffeur": "driver", "chauffeurs": "drivers",
    "remorque": "trailer", "remorques": "trailers", "camion": "truck", "camions": "trucks", "quai": "dock",
    "quais": "docks", "gardien": "guard", "gardiens": "guards", "surete": "security", "securite": "security",
    "directeur": "director", "responsables": "responsible", "sous": "within", "dans": "in", "appelle": "calls",
    "previent": "tells", "bloque": "holds", "regulierement": "regularly", "periodiquement": "periodically",
    "selon": "as per", "besoins": "needs", "besoin": "need", "hierarchie": "management", "concerne": "concerned",
    "concernes": "concerned", "anomalie": "anomaly", "chaine": "chain", "lacre": "seal", "lacres": "seals",
    "lacracao": "sealing", "conteiner": "container", "conteineres": "containers", "mensal": "monthly",
    "mensalmente": "monthly", "planilha": "spreadsheet", "planilhas": "spreadsheets", "guardada": "kept",
    "guardado": "kept", "guardadas": "kept", "guardados": "kept", "arquivado": "archived", "arquivada": "archived",
    "conferido": "checked", "conferida": "checked", "conferimos": "we check", "portaria": "gate",
    "anexada": "attached", "anexado": "attached", "motorista": "driver", "motoristas": "drivers", "liga": "calls",
    "ligam": "call", "avisam": "tell", "monitoramento": "monitoring", "coordenador": "coordinator",
    "coordenadora": "coordinator", "seguranca": "security", "unidade": "site", "responsavel": "responsible",
    "quando": "when", "necessaria": "necessary", "sempre": "always", "vistoria": "inspection",
    "vistorias": "inspections", "caminhao": "truck", "carreta": "trailer", "carretas": "trailers", "doca": "dock",
    "docas": "docks", "depois": "after", "imediatamente": "immediately",
    # German, the same way: 'jeden Container vor dem Verschliessen', 'Plombe mit dem Frachtbrief abgeglichen'
    "plombe": "seal", "plomben": "seals", "verplombung": "sealing", "monatlich": "monthly", "wochentlich": "weekly",
    "taglich": "daily", "jahrlich": "yearly", "quartalsweise": "quarterly", "jeden": "each", "jede": "each",
    "jedes": "each", "jeder": "each", "vor": "before", "nach": "after", "innerhalb": "within", "stunden": "hours",
    "stunde": "hour", "tagen": "days", "tage": "days", "minuten": "minutes", "wochen": "weeks", "monaten": "months",
    "jahre": "years", "jahren": "years", "fahrer": "driver", "frachtbrief": "bill of lading", "abgeglichen": "compared",
    "gepruft": "checked", "kontrolliert": "checked", "eingetragen": "recorded", "unterschreibt": "signs",
    "protokoll": "log", "formular": "form", "pruefliste": "checklist", "checkliste": "checklist",
    "sicherheit": "security", "leiter": "head", "aufbewahrt": "kept", "gespeichert": "stored",
    "rampe": "dock", "verschließen": "sealing", "verschliessen": "sealing", "bei": "at", "regelmaßig": "regularly",
    "regelmassig": "regularly", "gelegentlich": "occasionally", "bedarf": "need",
    "c/": "each", "dueno": "owner", "duena": "owner", "embarque": "shipment", "embarques": "shipments",
}

ROLE_HEADS = frozenset(
    """manager director supervisor superintendent officer coordinator administrator lead leader head chief
    specialist analyst clerk guard controller president vp engineer agent receptionist planner technician
    dispatcher auditor counsel attorney accountant foreman forewoman inspector buyer trainer instructor secretary
    treasurer custodian steward driver operator captain master mate pilot chair chairperson consultant
    representative owner jockey checker loader picker packer handler stevedore longshoreman bosun boatswain purser
    porter janitor keeper warden marshal sergeant lieutenant watchman gatekeeper dockmaster harbormaster
    loadmaster yardmaster wharfinger tallyman rigger mechanic electrician assistant associate principal
    proprietor founder registrar recruiter generalist paralegal broker courier investigator examiner scheduler
    expeditor liaison deputy storekeeper monitorist foreperson engineer cso ciso sso pfso boss""".split()
)

ROLE_NEEDS_QUALIFIER = frozenset(
    "manager director supervisor officer coordinator administrator lead leader head chief specialist analyst "
    "assistant associate representative engineer agent operator technician boss".split()
)

NOT_PERSON = frozenset(
    """container trailer order paper computer server number folder register border other cover water letter filter
    scanner sticker printer shelter counter sensor monitor door floor indoor outdoor error factor sector vendor
    supplier carrier customer member worker user matter manner power tower corner number header footer meter
    recorder master's whoever whichever whomever however whatever never ever together further rather either neither
    whether
    another under over after before later minor major senior junior interior exterior perimeter barrier
    character quarter chapter cluster charter ledger binder router adapter parameter trigger chamber locker
    thinner toner poster timer buffer manner banner cylinder polymer laser layer answer sister brother mother
    father daughter partner human german woman women roman firearm uniform platform program procedure
    measure culture feature structure failure pressure exposure disclosure closure""".split()
)

PSEUDO_ROLES = frozenset("focal designee nominee delegate stakeholder stakeholders champion person persons".split())

VAGUE_ROLE_MODIFIERS = frozenset(
    "relevant respective appropriate concerned applicable whichever whoever whoevers any designated nominated "
    "appointed assigned competent accountable responsible various all every person persona individual "
    "rotating empowered".split()
)

GENERIC_UNIT_WORDS = frozenset(
    """management staff team teams department departments dept group groups division unit office everyone all the
    company employees personnel leadership senior upper executive executives operations security it hr human
    resources admin administration compliance logistics quality safety warehouse shipping receiving finance
    accounting purchasing procurement production maintenance site plant facility corporate headquarters hq board
    committee our we of and relevant responsible appropriate each every local area function functions owners
    people workers business organisation organization ctpat c-tpat cbp supply chain ops general my us they
    level levels sites their its his her mgmt our""".split()
)

GENERIC_QUALIFIERS = STOPWORDS | frozenset(
    """security all relevant required necessary appropriate ctpat c-tpat company internal electronic paper various
    other such some any these kept are is applicable standard usual proper complete full related supporting
    pertinent corresponding associated our their its his her my general generic certain particular important
    key our your necessary needed audit-ready""".split()
)

GENERIC_ACRONYMS = GENERIC_ACRONYMS | frozenset({"ok", "ai", "na", "ii", "iii", "iv"})
# periods and business shorthand name no system: '99.8% YTD', 'KPIs reviewed EOD'
GENERIC_ACRONYMS = GENERIC_ACRONYMS | frozenset({"ytd", "mtd", "qtd", "ttm", "fy", "fytd", "eod", "eow", "eom", "eta",
                                                 "asap", "fyi", "kpi", "kpis", "yoy", "mom"})

STANDARDS = frozenset(
    """iso wco safe aeo oea nist tapa fsr tsr icao iata imo isps solas msc gdpr sox tsa pip marsec cfr""".split()
)

# Words that cite a rule rather than an event or a place: 'per CTPAT', 'per our policy', 'retained per ISO 27001'.
RULE_WORDS = frozenset(
    """ctpat c-tpat cbp our the company policy policies procedure procedures sop sops standard standards guideline
    guidelines requirement requirements regulation regulations law laws rule rules contract agreement annex
    clause section framework program programme manual handbook regulatory legal statutory applicable industry
    government governmental legislative""".split()
)

STANDARD_PATTERNS = (
    r"iso\s*(?:28000|28001|9001|27001|31000|14001|45001)(?:\s+principles)?", r"wco safe(?: framework)?",
    r"framework of standards", r"nist(?:\s+csf|\s+800-\d+)?", r"tapa(?:\s+fsr|\s+tsr)?", r"aeo|oea",
    r"(?:tsa|icao|iata|imo|cbp|ctpat|c-tpat)\s+(?:expectations|standards|guidelines|requirements|principles)",
    r"isps code", r"industry (?:standards?|good practice|best practice)",
    # a regulation cited in general: 'per regulatory requirements', 'under applicable laws and regulations'
    r"(?:regulatory|legal|statutory|governmental|government|legislative|customs|applicable|relevant)\s+"
    r"(?:requirements?|obligations|rules|regulations|mandates?|laws?|legislation|stds?|standards?)",
    r"(?:laws|legislation)\s+(?:and|&)\s+regulations|the (?:law|regulations)",
)

VAGUE_OWNER = (
    # 'each department head for their area', 'the team leader of the relevant area': a role spread over every unit
    r"(?:leaders?|leads?|managers?|heads?|supervisors?|owners?|directors?)\s+(?:of|for|in)\s+"
    r"(?:the\s+)?(?:relevant|respective|concerned|applicable|affected|corresponding)\s+(?:area|department|"
    r"unit|function|team|site|process|business|line|location|region)s?|"
    r"(?:each|every|the respective|respective|the relevant|relevant|their|its)\s+(?:department|area|unit|function|"
    r"team|site|process|business|line)\s+(?:heads?|managers?|leads?|leaders?|supervisors?|directors?)|"
    r"whoever|whoevers|whomever|whichever|one of us|the (?:q|que)|(?:shall|will|to|may|must)\s+(?:designate|nominate|"
    r"appoint|assign)|suitable\s+\w+|individuals|(?:operational|functional|business|risk|control|data|asset|local|"
    r"area)\s+owners?|someone|somebody|anyone|anybody|everyone|everybody|every one|"
    r"all of us|"
    # an outside provider named only by its kind, as the whole answer: 'our MSP', 'the 3PL', 'the guard company'
    r"^(?:our|the|an?)\s+(?:outside\s+|external\s+|contract\s+)?(?:msp|3pl|4pl|vendor|provider|service provider|"
    r"it provider|contractor|outsourcer|security company|guard company|security provider|agency|broker|forwarder|"
    r"carrier|consultant|consultants)\s*[.!]?\s*$|"
    r"all staff|all employees|all personnel|all workers|all managers|all supervisors|all departments|"
    r"management|leadership|the business|the company|the organi[sz]ation|the team|our team|the staff|staff|"
    r"personnel|employees|stakeholders?|focal point|point person|process owners?|system owners?|"
    r"relevant\s+\w+|respective\s+\w+|appropriate\s+\w+|concerned|as (?:nominated|assigned|designated|appointed)|"
    r"(?:designated|nominated)\s+(?!under\b|pursuant\b|in accordance\b)\w+|(?:people|folks|guys|workers|hands)(?!\s+(?:&|and|ops|operations|services|partners?|team|"
    r"department|culture|office)\b)|competent persons?|responsible (?:person|persons|personnel|party|parties|"
    r"individuals?|staff|department)|depending on|depends on|varies|shared responsibility|share responsibility|"
    r"distributed|collective(?:ly)?|cross-functional|governance|every level|each area|each process|"
    r"each department|each function|the department|the relevant|ops team|security team|it team|hr team|"
    r"pitches in|on duty that|on the board|in general|all of them|the crew|crew members|crews|"
    # every person, every level, a team measured by its size: 'every employee', 'leaders at all levels', 'the wider
    # people team', 'entre todos los del turno'
    r"(?:every|each|any)\s+(?:employee|worker|colleague|staff member|team member|person|individual)|"
    r"(?:at|across)\s+all\s+levels|(?:wider|broader|extended|whole|entire)\s+(?:[\w-]+\s+)?(?:team|teams|crew|"
    r"group|organi[sz]ation|workforce|staff|company)|entre todos|todos los del|todo el (?:personal|equipo)|"
    # a collective however its place or unit is written: 'la gente de la base NLD', 'los muchachos del patio', 'the
    # boys at the MTY yard', 'our folks in Bldg 3', 'el equipo de la planta 4'
    r"(?:la|las|los|el|the|our|nuestr[ao]s?|mis|my)\s+(?:gente|muchach[oa]s|chav[oa]s|chic[oa]s|compas|compa[nñ]eros|"
    r"raza|cuates|banda|equipo|plantilla|trabajadores|empleados|boys|lads|gals|girls|fellas|fellows|colleagues|"
    r"teammates|team members|crew members)|(?:gente|muchachos|chavos|compas|raza|cuates)\s+(?:de|del|of)\b|"
    # a pseudo-role made of abstract nouns: 'appropriately empowered functions', 'designated resources', 'the
    # accountable stakeholders', 'in line with our RACI philosophy'
    r"(?:appropriately|suitably|duly|properly|adequately|sufficiently|fully|formally)\s+(?:[\w-]+\s+)?"
    r"(?:empowered|authori[sz]ed|designated|qualified|trained|assigned|mandated|delegated|resourced|skilled|"
    r"equipped|positioned)|"
    r"(?:empowered|accountable|responsible|designated|dedicated|available|assigned|trained|qualified|competent|"
    r"authori[sz]ed|nominated|appointed|relevant|appropriate|suitable|various|key|business|support|corporate)\s+"
    r"(?:[\w-]+\s+)?(?:functions|resources|stakeholders|parties|bodies|entities|capabilities|owners|custodians|"
    r"actors)|(?<!human )(?<!hr )resources|raci|rasci|raid log|"
    # a system as the owner: 'the TOS assigns tasks', 'the WMS handles it', 'system-driven', 'handled by workflow'
    r"(?:system|tool|workflow|software|platform|algorithm|auto)[- ](?:driven|generated|assigned|managed|based|"
    r"controlled|run|led)|automatic(?:ally)?|(?:fully\s+)?automated|"
    r"(?:the|our|a|an)\s+(?:[\w-]+\s+)?(?:system|platform|software|tool|app|application|workflow|algorithm|tos|wms|tms|"
    r"yms|erp|sap|hris|crm|mes|oms|cmms|qms|lms)\s+(?:assigns?|handles?|routes?|manages?|allocates?|dispatches?|"
    r"does|runs?|owns?|tracks?|takes care|controls?|decides?|triggers?|schedules?|covers?)|"
    r"handled (?:by|in|through|via) (?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:system|workflow|platform|software|tool|"
    r"app|automation)|"
    # a shift or a watch as a whole: 'the shift in Bay 4', 'the night watch', 'el turno de noche'
    r"(?:^|(?:by|with|to|is|are|sits with|rests with|lies with)\s+)(?:the|our|whichever|each|every|el|cada)\s+"
    r"(?:[\w-]+\s+)?(?:shift|watch|turno)(?![\w-])(?!\s+(?:[\w-]+\s+)?"
    r"(?:supervisors?|leads?|leaders?|managers?|foreman|foremen|chiefs?|officers?|captains?|mates?|coordinators?|"
    r"heads?|engineers?|in charge|changes?|handovers?|turnovers?))|"
    r"(?:process|data|risk|control|asset|information|policy|program|programme)\s+(?:stewards?|custodians?|"
    r"champions?)",
)

# System names written as acronyms: the system an owner uses, never the owner ('the TOS', 'our WMS')
SYSTEM_ACRONYMS = frozenset("tos wms tms yms erp sap hris crm mes oms cmms qms lms ats dms ecm plm scm".split())

VAGUE_RECIPIENT = (
    r"management|leadership|the parties involved|parties involved|relevant parties|affected parties|"
    r"stakeholders?|appropriate (?:person|people|personnel|parties|party|channels?|functions?|level)|"
    r"proper authorities|the authorities|relevant authorities|responsible (?:person|party|department)|"
    r"the team|the business|accountable stakeholders|"
    r"(?:someone|somebody|anyone|anybody|whoever is|the person|a person|the people)\s+(?:in charge|responsible|"
    r"senior|above|higher up|on duty|on call)|(?:whoever|someone|somebody) (?:is )?(?:around|available|about)",
)

RECORD_TYPES = frozenset(
    """log logbook register checklist form sheet roster report certificate ticket minutes tracker matrix spreadsheet
    workbook receipt manifest footage recording photo photograph scan signoff sign-off acknowledgment
    acknowledgement agreement contract questionnaire trail notebook binder ledger printout print-out clipboard
    journal diary card cards bol bl awb cmr pedimento invoice entry entries imagery video videos screenshot
    screenshots e-mail email emails ticket tickets case file book picture pictures pic pics image images snapshot
    snapshots foto fotos""".split()
)

GENERIC_RECORDS = frozenset(
    """record records documentation document documents paperwork proof evidence files data information history
    copy copies result results outcome outcomes detail details event events note notes""".split()
)

# Record nouns so broad that a qualifier does not name a record ('export artefacts', 'corporate data').
BROAD_RECORDS = frozenset(
    "artefacts artifacts artefact artifact items materials data information stuff content everything paperwork".split()
)

# Abstract nouns a record word can modify ('record strategy', 'records policy'): the phrase is not a record.
RECORD_ABSTRACTS = frozenset(
    """strategy strategies policy policies management keeping retention approach practice practices process
    processes program programme framework governance lifecycle rules standards requirements culture
    discipline system systems control""".split()
)

# Words before a capitalised name that make it a person rather than a unit ('Don Chuy', 'Mr Patel').
HONORIFICS = frozenset(
    "don dona doña mr mrs ms miss mister señor senor sra srta senora señora tio tia uncle aunt".split()
)

PLACE_NOUNS = (
    r"folders?", r"drives?", r"binders?", r"cabinets?", r"database", r"sharepoint", r"archives?", r"safe", r"vault",
    r"offices?", r"servers?", r"portal", r"share", r"boxe?s?", r"rooms?", r"lockers?", r"shelf", r"shelves",
    r"desk", r"nas", r"bucket", r"cloud", r"systems?", r"apps?", r"platform", r"tms", r"wms", r"erp", r"sap",
    r"hris", r"module", r"repository", r"library", r"site", r"house", r"gatehouse", r"guardhouse", r"booth",
    r"trailer", r"cab", r"truck", r"vessel", r"ship", r"dock", r"yard", r"recorder", r"dvr", r"nvr", r"file",
    r"files", r"record", r"account", r"inbox", r"mailbox", r"workspace", r"tool", r"software", r"disk", r"usb",
    r"oficina", r"carpeta", r"sistema", r"archivo",
)

DEVICES = frozenset(
    """badge badges camera cameras cctv vms seal seals lock locks padlock padlocks fence fences fencing gate gates
    weighbridge weighbridges bascula basculas scale scales
    alarm alarms key keys keypad scanner scanners reader readers turnstile turnstiles bollard bollards lighting
    lights light mirror mirrors sensor sensors gps geofence geocerca tracker trackers x-ray xray swab etd mfa
    firewall firewalls vpn encryption antivirus edr siem backup backups password passwords passphrase
    passphrases token tokens biometric fingerprint cage cages tape tamper-evident bolt cable barrier barriers
    boom probe flashlight dog dogs k9 radio radios panic button buttons app tablet door doors hinges rivets
    rods rod chip proximity cabinet safe vault tag tags rfid ble beacon dashcam login logins""".split()
)

DOCUMENTS = frozenset(
    """checklist checklists form forms log logs logbook register registers sheet sheets roster list lists
    manifest bol awb questionnaire questionnaires certificate certificates ticket tickets report photo photos
    photograph photographs record clipboard notebook binder instruction instructions procedure plan sop
    ledger capa capas ncr ncrs rca rcas invoice invoices screenshot screenshots book""".split()  # a corrective-action or root-cause record is a document, no recipient
)

CHECK_VERBS = frozenset(
    """verify verifies verified check checks checked scan scans scanned inspect inspects inspected inspection
    compare compares compared photograph photographs photographed match matches matched reconcile reconciles
    reconciled weigh weighs weighed count counts counted sign signs signed countersign countersigns
    countersigned escort escorts escorted tug pull-test test tested screen screens screened swab x-ray
    look record records recorded log logs logged enter enters entered collect collects collected surrender
    surrendered issue issues issued revoke revokes revoked disable disables disabled lock locks locked seal
    seals sealed enforce enforces enforced block blocks blocked encrypt encrypts encrypted back restore
    restores restored approve approves approved receive receives presents present call calls alert alerts
    search searches searched open opens opened quiz exam initial initials initialed initialled cross-check
    cross-checks cross-checked tally tallies tallied""".split()
)

CONTROL_CLAIMS = (
    r"robust", r"comprehensive", r"multi-?layered", r"layered", r"holistic(?:ally)?", r"framework",
    r"methodology", r"approach", r"model", r"culture", r"oversight", r"vigilan(?:ce|t)", r"tiered",
    r"next-?gen", r"ai-driven", r"defen[cs]e-in-depth", r"zero-trust", r"principles", r"best practices?",
    r"good practice", r"industry std", r"industry standards?", r"std procedure", r"standard procedures?",
    r"in line with", r"aligned with", r"in accordance with", r"consistent with", r"commensurate", r"proportionate",
    r"suitable", r"appropriate", r"adequate(?:ly)?", r"sufficient", r"rigorous", r"stringent", r"strict(?:ly)?",
    r"world-class", r"state[- ]of[- ]the[- ]art", r"best-in-class", r"risk-(?:based|weighted)", r"calibrated",
    r"continuous improvement", r"resilience", r"assurance", r"capability", r"at a level", r"expectations",
    r"experienced", r"conscious", r"much control", r"under control", r"left to (?:the\s+)?chance",
    r"never had a problem", r"nothing gets by", r"our guys", r"know what to look for", r"sound professional",
    r"judgement", r"judgment", r"efficacy", r"we maintain", r"we ensure", r"ensure[sd]?", r"ensuring",
    r"committed", r"take security seriously", r"security is (?:a|our) (?:top\s+)?priority", r"measures",
    r"as required", r"as needed", r"proper(?:ly)?", r"effective(?:ly)?", r"trained staff", r"qualified personnel",
    r"all employees", r"all staff", r"everyone", r"policies and procedures", r"procedures are in place",
    r"controls are in place", r"fully compliant",
    # a programme said to exist: 'seal program in place', 'a vetting process is in place'
    r"(?:program|programme|process|processes|system|systems|plan|policy|policies|protocols?|regime|scheme)\s+"
    r"(?:is\s+|are\s+)?(?:in place|established|implemented|maintained|deployed)", r"100% compliance", r"zero incidents", r"keep\s+\w+\s+safe",
    r"safe and secure", r"secure manner", r"at all times", r"constant", r"deterred", r"high level",
    # reliance on people's know-how instead of a check: 'they know the drill', 'the crew knows what to do'
    r"knows? (?:the\s+)?(?:drill|ropes|routine|score|job)", r"knows? what (?:to do|they(?:'re| are) doing)",
    r"(?:a\s+)?(?:real|really|very|pretty|proper)\s+good\s+(?:look|check|eye)",
    # an informal appraisal instead of a check: 'locked down pretty good', 'look over the cars good'
    r"(?:pretty|real|really|very|quite|proper)\s+(?:good|well|tight|solid)\b",
    r"(?:look|looks|looked|check|checks|checked|watch|watches)\s+(?:over\s+)?(?:\w+\s+){0,3}?good\b",
    # an appraisal by eye, memory or experience instead of a check: 'I can tell just by looking', 'keeps an eye on',
    # 'thirty years on the job'
    r"(?:just\s+)?by (?:looking|eye|sight|feel|instinct|experience|memory)|eyeball(?:s|ed|ing)?|"
    r"(?:keeps?|kept|keeping|has|have|had|puts?|with)\s+(?:a\s+|an\s+|their\s+|his\s+|her\s+|our\s+|two\s+|extra\s+|"
    r"more\s+|many\s+)?(?:good\s+|close\s+|watchful\s+|sharp\s+|careful\s+|constant\s+|extra\s+|an\s+)?eyes? "
    r"(?:on|out|over)\b|(?:keeps?|kept|keeping)\s+(?:close\s+)?(?:tabs|watch)\s+(?:on|over)|(?:can|could) tell|"
    r"(?:echan?|echamos|tienen|tenemos)\s+(?:el\s+)?ojo|(?:est[aá]n?|estamos)\s+al pendiente|de cerca|"
    r"gut (?:feel|feeling|instinct)|years (?:of experience|on the)|from memory|in (?:my|his|her|their) heads?",
    # a custom cited instead of a procedure: 'established railroad practice', 'accepted industry methods'
    r"(?:established|accepted|customary|usual|common|normal|recogni[sz]ed|traditional)\s+(?:[\w-]+\s+)?"
    r"(?:practices?|methods?|norms?|customs?|ways?)",
    # care said as a manner instead of a check: 'handled carefully', 'kept safe', 'looked after diligently'
    r"carefully|cautiously|diligently|attentively|conscientiously|responsibly|vigilantly|securely|safely|"
    r"with (?:great\s+|due\s+|extra\s+|utmost\s+)?(?:care|caution|attention)|looked after|taken care of|"
    r"(?:kept|keep|keeps|stay|stays|remain|remains|is|are|be)\s+(?:\w+\s+)?(?:safe|secure|protected|intact)(?![\w-])",
    # an activity or a safeguard said to be in place, never named: 'enhanced screening is in place', 'safeguards are
    # in place' ('cameras are in place at all 12 dock doors' names the device)
    r"(?:\w+ing|measures|controls|safeguards|arrangements|protections?|precautions|checks|mechanisms)\s+(?:is|are)\s+"
    r"(?:firmly\s+|fully\s+|now\s+|always\s+)?in place",
    # awareness or an expectation instead of a check: 'are made aware of the importance of', 'are expected to follow'
    r"(?:made|kept|are|is|remain|be)\s+(?:fully\s+|well\s+)?aware", r"awareness", r"(?:the\s+)?importance of",
    r"(?:are|is|were|was)\s+(?:all\s+)?expected to", r"company (?:standards?|expectations|rules)",
    # a manner instead of a check: 'secured appropriately', 'handled as required'
    r"appropriately|suitably|accordingly|as (?:necessary|appropriate|applicable|instructed)",
    # someone else's requirements instead of one's own procedure: 'per customer requirements'
    r"(?:per|to|under|meeting|meets?)\s+(?:the\s+)?(?:customer|client|customers'?|clients'?|shipper|carrier|"
    r"regulatory|government|legal|their)\s+(?:requirements?|specs?|specifications|instructions|standards?|needs)",
    # abstract technology named instead of a system: 'AI-assisted integrity analytics', 'automated controls'
    r"analytics", r"ai-(?:assisted|driven|powered|based|enabled)", r"machine learning",
    r"automated (?:controls|safeguards|validation|monitoring)",
    # conformity claimed instead of a mechanism: 'protocols which meet or exceed all CTPAT MSC', 'fully compliant with
    # ISO 28000', 'certified processes', 'conform to all CTPAT criteria'
    r"meets? or exceeds?|meeting or exceeding|met or exceeded|(?:meets?|exceeds?|exceeding|surpass(?:es|ing)?)\s+"
    r"(?:all|every|each|the|any)\s+(?:[\w-]+\s+){0,4}?(?:requirements?|criteria|standards?|expectations?|msc|guidelines|"
    r"benchmarks?|norms?)",
    r"(?:fully|completely|totally|wholly|entirely|100%)\s+(?:compliant|conformant|conforming|aligned|certified)|"
    r"(?:compliant|conformant|in (?:full\s+)?compliance|conform(?:s|ing)?|in conformity)\s+(?:with|to)",
    r"certified\s+(?:[\w-]+\s+)?(?:processes|procedures|systems|programs?|programmes?|protocols?|practices|methods|"
    r"controls|approach|operations|management)|[\w-]+-(?:certified|accredited)\s+(?:[\w-]+\s+)?(?:processes|"
    r"procedures|systems|programs?|programmes?|protocols?|practices|methods|controls|operations)",
    r"(?:system|sistema|process|proceso|procedimiento|procedure)s?\s+(?:(?:of|de)\s+\w+\s+){0,3}certificad[oa]s?|"
    r"(?:all|todos?|todas?)\s+(?:\w+\s+)?(?:certified|certificad[oa]s?)",
    # credentials claimed for the people instead of a check: 'by certified staff', 'licensed professionals'
    r"(?:certified|licensed|accredited|vetted|experienced|seasoned|competent|skilled|well-trained|highly trained)\s+"
    r"(?:staff|personnel|people|employees|professionals|workforce|experts|specialists)",
    r"protocols?(?!\s+(?:no\.?\s*|#\s*)?[a-z]{0,5}-?\d)",  # an unnamed protocol ('protocol SP-12' is named)
    # an outcome reported instead of the check that found it: 'seals ok, no issues', 'all good', 'sin novedad'
    r"(?<!if )(?<!when )(?<!unless )(?<!until )no (?:issues|problems|findings|exceptions|concerns|discrepancies)"
    r"(?! (?:are|is)\b)|all good|all fine|everything (?:is\s+)?(?:ok|okay|fine|good)|sin novedad(?:es)?|todo bien|"
    r"sin problemas?",
    # know-how in Spanish: 'saben lo que deben de revisar', 'muy capacitados'
    r"saben?\s+(?:lo que|qu[eé]|como)\s+(?:\w+\s+){0,3}?(?:hacer|revisar|checar|buscar|verificar)|"
    r"(?:muy|bien|altamente|plenamente)\s+(?:capacitad[oa]s|entrenad[oa]s|preparad[oa]s)|"
    r"knows? what (?:\w+\s+){0,3}?(?:check|look for|inspect|watch for)",
    # an unnamed standard followed: 'checked per standard', 'done by the book', 'to the usual standard'
    r"(?:per|to|by|as per|following)\s+(?:the\s+|our\s+)?(?:usual\s+)?(?:standard|std|norm|book|usual)(?!\s*[\w-]*\d)",
    # trust, familiarity and a clean record instead of a check: 'carriers we know and trust', 'son de confianza',
    # 'mucha experiencia', 'been doing it this way for 30 years', 'guards know the trucks', 'nothing has ever gone
    # missing', 'nunca hemos tenido problema', '0 findings 2025'
    r"know and trust|we trust (?:them|him|her|our)|trusted (?:\w+\s+)?(?:people|staff|drivers|carriers|guys|crew)|"
    r"de (?:toda\s+)?confianza|(?:mucha|amplia|gran)\s+experiencia|(?:been|doing|done)\s+(?:it|this)\s+(?:\w+\s+){0,2}?"
    r"for\s+(?:\d+\+?|many|years|decades)|(?:\d+\+?|decades of|many)\s+years?\s+(?:of\s+)?(?:combined\s+)?"
    r"(?:\w+\s+)?(?:experience|before cbp|in the business|doing this)|"
    r"knows?\s+(?:the|our|all the|every|their)\s+(?:trucks|drivers|faces|carriers|people|regulars|vendors|customers)|"
    r"nothing (?:has\s+)?(?:ever\s+)?(?:gone|went|goes) (?:missing|wrong)|nunca (?:hemos|ha|han) (?:tenido|pasado)|"
    r"(?:0|zero|no) (?:findings|incidents|losses|problems)\s+(?:in\s+|since\s+|for\s+)?(?:fy)?\d{2,4}|"
    # care and tightness as a manner: 'we are very careful', 'revisan bien la caja', 'con mucho cuidado', 'gate
    # ctrl tight', 'a philosophy', 'ISO-grade', 'industry-leading'
    r"(?:very|really|extra|super|always|so|muy)\s+(?:careful|cuidadosos?|cuidadosas?)|thoroughly|"
    r"(?:revisa|revisan|revisamos|checa|checan|checamos|cuidan?|cuidamos)\s+(?:muy\s+)?bien|"
    r"con (?:mucho|gran|sumo)\s+cuidado|cuidan?\s+(?:la|el|los|las)\s+(?:carga|unidad|mercanc[ií]a|sellos)|"
    r"(?:controlled|ctrl|control|run|runs|kept|is|are|r)\s+(?:very\s+|real\s+|pretty\s+)?tight(?![\w-])|"
    r"tight ship|philosoph(?:y|ies)|concept|(?:industry|market)-leading|leading (?:practices|benchmarks)|"
    r"benchmarks|mature|(?:iso|military|industrial|commercial|high)-grade|diligence|"
    r"satisf(?:y|ies|ied)\s+(?:him|her|them|it)sel(?:f|ves)|(?:keeps?|kept)\s+(?:its|their|his|her|our)?\s*eyes\s+"
    r"(?:open|peeled)",
    # devices said to be used everywhere, for security in general: 'seals and cameras are used throughout the
    # facility to maintain security'
    r"(?:are|is)\s+(?:used|in use|deployed|utili[sz]ed|employed|installed)\s+(?:throughout|across|all over|everywhere)|"
    r"to (?:maintain|ensure|guarantee|protect|safeguard|preserve)\s+(?:the\s+|our\s+)?(?:security|safety|integrity)\b",
    # training or supervision praised instead of described: 'excellent training', 'thorough supervision'
    r"(?:excellent|extensive|thorough|intensive|strong|solid|great|top-notch|first-class|high-quality|"
    r"world-class|top)\s+(?:training|awareness|supervision|oversight|controls?|security|preparation|capacitaci[oó]n)",
    # a device praised instead of described: 'good locks', 'solid seals', 'decent cameras', 'buenos candados'
    r"(?:good|solid|decent|strong|quality|reliable|sturdy|tough|buen[oa]s?)\s+(?:quality\s+)?(?:locks?|padlocks?|"
    r"seals?|cameras?|fenc(?:e|es|ing)|lighting|lights|doors?|gates?|alarms?|candados|sellos|camaras|cercas?|chapas)|"
    r"(?:candados|sellos|camaras|chapas|cercas?|cerraduras)\s+(?:buen[oa]s|fuertes|seguros|de (?:buena\s+)?calidad)",
)

ROLE_AS_MODIFIER = frozenset(
    """force team teams service services house booth shack company contract contractor licence licences license
    licenses card cards training roster rosters rotation station bot bots software app apps tool tools module
    queue queues portal""".split()
)

# Phone and chat shorthand that mixes letters and digits: a word, not a code ('b4 the bridge', 'gr8').
PHONE_SHORTHAND = frozenset("b4 2day 2nite 2nd 2moro 2morrow l8r l8 gr8 w8 4ever 4get 2gether any1 some1 no1 ev1 "
                            "every1 s1 h8 m8 str8 sk8 10q 4u".split())

# Spanish areas that qualify a role written after it: 'sup patio', 'jefe turno', 'encargado almacen'
SPANISH_AREAS = frozenset("""patio turno almacen bodega embarques embarque trafico seguridad vigilancia planta caseta anden
    recibo monitoreo logistica operaciones mantenimiento produccion calidad compras rh transporte aduanas
    exportacion importacion""".split())
