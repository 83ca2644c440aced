"""Specificity rules: each detail field says who, what, how often, which record and how fast, not template language."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ctpat_tui.catalog.model import DETAIL_FIELDS, DETAIL_LABELS, Criterion, Designation, ExtraField
from ctpat_tui.profile.model import Answer
from ctpat_tui.review import vagueness as vg
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule, as_date

SHORT_ANSWER_WORDS = 25
RESTATE_SHARE = 0.7
REUSE_FIT_MARGIN = 0.05

_STRONG_FIELDS = (
    'controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS and the '
    'nearest port within 24 hours."\n'
) + '''frequency = "Every incident; contact list checked every quarter"
owner = "Security Manager (Laredo)"
records = "Incident log in ServiceNow, kept 5 years"
escalation = "The Security Manager informs the Director of Trade Compliance within 1 hour and CBP within 24 hours."
'''


def _answer(**overrides: str) -> str:
    lines = ['[answers."7.23"]', 'status = "implemented"']
    for line in _STRONG_FIELDS.strip().splitlines():
        key = line.split(" = ", 1)[0]
        lines.append(f'{key} = "{overrides[key]}"' if key in overrides else line)
    return "\n".join(lines) + "\n"


SPEC001 = Rule("SPEC001", "error", "One of the five detail fields (controls, frequency, owner, records, escalation) "
               "is empty.", Example(_answer(records="")), Example(_answer()),
               severity_note="warning when the answer has its own narrative, which may cover the field")
SPEC002 = Rule("SPEC002", "warning", "Frequency names no period or trigger ('regularly', 'as needed', 'ongoing').",
               Example(_answer(frequency="Regularly")), Example(_answer()))
SPEC003 = Rule("SPEC003", "warning", "Owner names no role or title ('management', 'IT', 'staff', 'everyone').",
               Example(_answer(owner="Management")), Example(_answer()))
SPEC004 = Rule("SPEC004", "warning", "Records name no record, system or retention ('records are kept', 'logs').",
               Example(_answer(records="Logs are kept")), Example(_answer()))
SPEC005 = Rule("SPEC005", "warning", "Escalation names no path, person or time frame ('issues are addressed').",
               Example(_answer(escalation="Issues are addressed")), Example(_answer()))
SPEC006 = Rule("SPEC006", "warning", "Controls are generic claims without a mechanism ('we maintain security', "
               "'appropriate measures', 'all employees receive training').",
               Example(_answer(controls="We maintain appropriate security measures at all times.")),
               Example(_answer()))
SPEC007 = Rule("SPEC007", "warning", "The narrative is made of generic claims without a mechanism.",
               Example(_answer() + 'narrative = "We take security seriously and follow all CTPAT requirements."\n'),
               Example(_answer() + 'narrative = "Staff report incidents on form SEC-F-12 to the Security Manager, '
                       'who logs them in ServiceNow and notifies our SCSS and the Laredo port within 24 hours; the '
                       'contact list is checked every quarter by the Director of Trade Compliance."\n'))
SPEC008 = Rule("SPEC008", "warning", "The controls or narrative only restate the criterion.",
               Example(_answer(controls="We have written security incident reporting procedures.")),
               Example(_answer()))
SPEC009 = Rule("SPEC009", "warning", "The answer is too short to carry the five elements (fewer than 25 words "
               "across the detail fields, or in the narrative).",
               Example('[answers."7.23"]\nstatus = "implemented"\ncontrols = "Form SEC-F-12"\nfrequency = "Each '
                       'incident"\nowner = "Security Manager"\nrecords = "ServiceNow"\nescalation = "Call CFO '
                       'within 1 hour"\n'), Example(_answer()))
SPEC010 = Rule("SPEC010", "warning", "The same or nearly the same text is used for several criteria (template "
               "reuse); the copy that fits its own criterion no better than the original is flagged.",
               Example(_answer() + "\n" + _answer().replace('"7.23"', '"9.1"'), criterion="9.1"),
               Example(_answer() + '\n[answers."9.1"]\nstatus = "implemented"\ncontrols = "An 8-foot fence with '
                       'barbed wire encloses the Laredo yard; the patrol guard walks the fence line twice per shift '
                       'and logs gaps in the patrol app."\n', criterion="9.1"))
SPEC011 = Rule("SPEC011", "warning", "A structured value the criterion requires (e.g. refresher interval) is "
               "missing.", Example('[answers."12.1"]\nstatus = "implemented"\n'),
               Example('[answers."12.1"]\nstatus = "implemented"\nrefresher_interval_months = 12\n'))
SPEC012 = Rule("SPEC012", "warning", "A structured value has the wrong type, is not one of its choices, or is a "
               "number outside the plausible range its field gives (a refresher interval of 1030 months).",
               Example('[answers."12.1"]\nstatus = "implemented"\nrefresher_interval_months = 1030.802\n'),
               Example('[answers."12.1"]\nstatus = "implemented"\nrefresher_interval_months = 12\n'))
SPEC013 = Rule("SPEC013", "error", "Placeholder text is left in the answer ('TODO', 'TBD', '<role>').",
               Example(_answer(owner="TBD")), Example(_answer()))

FAMILY = Family(
    "Specificity", "Answers are generic template language instead of the company's own controls.",
    (SPEC001, SPEC002, SPEC003, SPEC004, SPEC005, SPEC006, SPEC007, SPEC008, SPEC009, SPEC010, SPEC011, SPEC012,
     SPEC013))

_EXAMPLES: dict[int, dict[str, str]] = {
    1: {"owner": "Director of Trade Compliance (CTPAT POC)", "records": "signed policy statement in SharePoint",
        "frequency": "reviewed every January", "escalation": "the CEO within 5 business days"},
    2: {"owner": "Director of Trade Compliance", "records": "risk register RA-2026 in SharePoint, kept 5 years",
        "frequency": "every 12 months and after any incident", "escalation": "the CEO within 10 days"},
    3: {"owner": "Procurement Manager", "records": "partner screening file in SharePoint, kept 5 years",
        "frequency": "before onboarding, then every 12 months for high-risk partners",
        "escalation": "the Director of Trade Compliance within 2 business days"},
    4: {"owner": "IT Manager", "records": "ServiceNow tickets and firewall logs, kept 1 year",
        "frequency": "every quarter", "escalation": "the IT Manager within 1 hour"},
    7: {"owner": "Shipping Supervisor", "records": "shipping checklist SHP-F-07 in SAP, kept 3 years",
        "frequency": "every outbound load", "escalation": "the Security Manager the same day"},
    11: {"owner": "HR Manager", "records": "signed checklist in the HR file, kept 7 years",
         "frequency": "every hire before the start date", "escalation": "the HR Manager within 3 business days"},
    12: {"owner": "Training Coordinator", "records": "KnowBe4 completion report, kept 5 years",
         "frequency": "at hire and every 12 months", "escalation": "the employee's manager within 14 days"},
}
_SITE_EXAMPLE = {"owner": "Security Manager", "records": "seal log in SAP, kept 2 years",
                 "frequency": "every shift; audit monthly", "escalation": "the Security Manager within 1 hour"}


def example_for(category: int | None, field: str) -> str:
    """A concrete example of a good `field` value for the criterion's category."""
    return _EXAMPLES.get(category or 0, _SITE_EXAMPLE)[field]


def _suggestion(field: str, category: int | None) -> str:
    example = example_for(category, field) if field in ("owner", "records", "frequency", "escalation") else ""
    return {
        "frequency": f"Give a period or a trigger, e.g. '{example}'.",
        "owner": f"Name the role or title that owns it, e.g. '{example}'.",
        "records": f"Name the record or system and how long it is kept, e.g. '{example}'.",
        "escalation": f"Say who is told and how fast, and what is done to stop or correct it, e.g. 'reported to "
                      f"{example}, who opens a corrective action with a due date'.",
        "controls": "Describe the mechanism: what is checked or done, with which tool or form, by which role "
                    "(e.g. 'the guard compares the seal number with the bill of lading before release').",
        "narrative": "Replace the claims with what actually happens: the check, the tool or form, the role, how "
                     "often, the record and the escalation.",
    }[field]


_FIELD_TESTS: dict[str, tuple[Rule, Callable[[str], str]]] = {
    "frequency": (SPEC002, vg.frequency_problem),
    "owner": (SPEC003, vg.owner_problem),
    "records": (SPEC004, vg.records_problem),
    "escalation": (SPEC005, vg.escalation_problem),
    "controls": (SPEC006, vg.statement_problem),
    "narrative": (SPEC007, lambda text: vg.statement_problem(text, minimum=3)),
}


@lru_cache(maxsize=1024)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(vg.content_words(text))


def _reference(criterion: Criterion, entity: str) -> frozenset[str]:
    return _word_set(" ".join((criterion.title, criterion.summary, criterion.prompt_for(entity),
                               criterion.official_text_for(entity))))


def _restates(text: str, criterion: Criterion, entity: str) -> bool:
    own = _word_set(text)
    if len(own) < 3 or not vg.verdict(text, "controls").vague:
        return False
    return len(own & _reference(criterion, entity)) / len(own) >= RESTATE_SHARE


def field_findings(text: str, field: str, cid: str = "", criterion: Criterion | None = None,
                   entity: str = "importer") -> list[Finding]:
    """Specificity findings for one field's text (shared by the profile review and `ctpat lint`)."""
    findings = list(_text_findings(text, field, cid, criterion.category if criterion else None))
    if field in ("controls", "narrative") and criterion is not None and text.strip() \
            and _restates(text, criterion, entity):
        findings.append(SPEC008.finding(cid, field, f"{DETAIL_LABELS[field]} only restates the criterion",
                                        "Say how you meet it: the check, the tool or form, the role and the "
                                        "record, instead of repeating the requirement."))
    return findings


@lru_cache(maxsize=8192)
def _text_findings(text: str, field: str, cid: str, category: int | None) -> tuple[Finding, ...]:
    label = DETAIL_LABELS.get(field, field)
    if not text.strip():
        return (SPEC001.finding(cid, field, f"{label} is empty", _suggestion(field, category)),)
    findings = []
    left = vg.placeholder(text)
    if left:
        findings.append(SPEC013.finding(cid, field, f"{label} still holds placeholder text '{left}'",
                                        "Replace the placeholder with the real value before you submit."))
    rule, test = _FIELD_TESTS[field]
    problem = test(text)
    if problem:
        findings.append(rule.finding(cid, field, f"{label} is vague: {problem}", _suggestion(field, category)))
    count = len(vg.words(text))
    if field == "narrative" and count < SHORT_ANSWER_WORDS:
        findings.append(SPEC009.finding(cid, field, f"narrative has {count} words, too few to cover controls, "
                                        "frequency, owner, records and escalation",
                                        "Cover each of the five elements in a sentence or two."))
    return tuple(findings)


_EXTRA_EXAMPLES = {"date": "2026-03-01", "number": "12", "text": "'CBP five-step process'"}


def _extra_problem(extra: ExtraField, value: object) -> str:
    if extra.type == "date":
        return "" if as_date(value) is not None else f"'{value}' is not a date like 2026-03-01"
    if extra.type == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return extra.out_of_range(value) if ok else f"'{value}' is not a number"
    if extra.type == "choice":
        return "" if value in extra.choices else f"'{value}' is not one of: {', '.join(extra.choices)}"
    return "" if isinstance(value, str) else f"'{value}' is not text"


def _extra_findings(criterion: Criterion, answer: Answer) -> list[Finding]:
    findings = []
    for extra in criterion.fields:
        if "risk_assessment" in criterion.tags and extra.name in ("method", "last_reviewed"):
            continue
        value = answer.extra.get(extra.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if extra.required:
                findings.append(SPEC011.finding(criterion.id, extra.name, f"{extra.label}: missing",
                                                f"Enter {extra.name} ({extra.type}): {extra.label.lower()}."))
            continue
        problem = _extra_problem(extra, value)
        if problem:
            example = _EXTRA_EXAMPLES.get(extra.type, "text")
            suggestion = (f"Enter {extra.name} as a number from {extra.range_text()}, e.g. {example}."
                          if extra.type == "number" and extra.range_text() else
                          f"Enter {extra.name} as a {extra.type}, e.g. {example}.")
            findings.append(SPEC012.finding(criterion.id, extra.name, f"{extra.label}: {problem}", suggestion))
    return findings


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Specificity findings for one answered criterion."""
    if answer.is_blank or answer.status == "not_applicable":
        return []
    cid = criterion.id
    narrative = answer.narrative.strip()
    findings: list[Finding] = []
    for name in DETAIL_FIELDS:
        for finding in field_findings(answer.detail(name), name, cid, criterion, ctx.entity):
            if finding.rule == "SPEC001" and narrative:
                finding = SPEC001.finding(cid, name, finding.message + " (the narrative may cover it)",
                                          finding.suggestion, "warning")
            findings.append(finding)
    if narrative:
        findings.extend(field_findings(narrative, "narrative", cid, criterion, ctx.entity))
    elif all(answer.detail(n).strip() for n in DETAIL_FIELDS):
        count = sum(len(vg.words(answer.detail(n))) for n in DETAIL_FIELDS)
        if count < SHORT_ANSWER_WORDS:
            findings.append(SPEC009.finding(cid, "", f"the five fields hold {count} words in all, too few to "
                                            "show how the control works",
                                            "Add the mechanism to controls and the retention and time frames to "
                                            "records and escalation."))
    findings.extend(_reuse(ctx, criterion, answer))
    findings.extend(_extra_findings(criterion, answer))
    return findings


def _affinity(text: str, criterion: Criterion, entity: str) -> float:
    own = _word_set(text)
    return len(own & _reference(criterion, entity)) / len(own) if own else 0.0


def _reuse(ctx: ReviewContext, criterion: Criterion, answer: Answer) -> list[Finding]:
    findings = []
    for name in ("controls", "narrative", "escalation"):
        text = answer.detail(name)
        others = ctx.data.reused_in(criterion.id, name, text)
        if not others:
            continue
        fit = _affinity(text, criterion, ctx.entity)
        better = [o for o in others if _affinity(text, ctx.catalog.criteria[o], ctx.entity) >= fit - REUSE_FIT_MARGIN]
        if better:
            findings.append(SPEC010.finding(criterion.id, name, f"{DETAIL_LABELS[name]} is the same or nearly the "
                                            f"same as in {', '.join(better)}",
                                            "Describe how this criterion is met in its own words; reviewers read "
                                            "copied text as template language."))
    return findings
