"""Risk assessment rules: a dated, current assessment with a named method and named owners for each mitigation."""

from __future__ import annotations

import datetime as dt
import re

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import Answer
from ctpat_tui.review import lexicon as lx
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule, as_date, is_stale, months_ago

RISK_CYCLE_MONTHS = 12
_METHOD = re.compile(r"\b(?:" + "|".join(lx.METHOD_TERMS) + r")", re.IGNORECASE)
_MITIGATION = re.compile(r"\b(?:" + "|".join(lx.MITIGATION_TERMS) + r")", re.IGNORECASE)
_OWNERSHIP = re.compile(r"\b(?:" + "|".join(lx.OWNERSHIP_TERMS) + r")\b", re.IGNORECASE)

_RA = (
    '[answers."2.1"]\nstatus = "implemented"\n'
    'controls = "We follow CBP\'s five-step process: threats per supplier lane are rated by likelihood and impact; '
    'each high or medium risk has a mitigation with a named owner and a due date in risk register RA-2026."\n'
    'method = "CBP five-step risk assessment"\nlast_reviewed = 2026-02-10\n'
)

RISK001 = Rule("RISK001", "error", "The date of the last risk-assessment review is missing.",
               Example(_RA.replace("last_reviewed = 2026-02-10\n", "")), Example(_RA))
RISK002 = Rule("RISK002", "error", "The risk assessment was last reviewed more than 12 months ago.",
               Example(_RA.replace("2026-02-10", "2025-06-01")), Example(_RA))
RISK003 = Rule("RISK003", "error", "The risk assessment method is not named.",
               Example(_RA.replace('method = "CBP five-step risk assessment"\n', "")), Example(_RA))
RISK004 = Rule("RISK004", "error", "The risk-assessment answers do not say who owns each mitigation.",
               Example(_RA.replace("each high or medium risk has a mitigation with a named owner and a due date in "
                                   "risk register RA-2026", "results are kept in RA-2026")), Example(_RA))
RISK005 = Rule("RISK005", "warning", "The last risk-assessment review date lies in the future.",
               Example(_RA.replace("2026-02-10", "2027-02-10")), Example(_RA))

FAMILY = Family("Risk assessment", "The risk assessment is weak, generic or stale.",
                (RISK001, RISK002, RISK003, RISK004, RISK005))


def _texts(ctx: ReviewContext) -> str:
    parts: list[str] = []
    for criterion in ctx.criteria_tagged("risk_assessment"):
        answer = ctx.profile.answer(criterion.id)
        if answer.status != "not_applicable":
            parts.extend((answer.controls, answer.narrative, answer.escalation))
    return "\n".join(p for p in parts if p)


def _review_date(criterion: Criterion, answer: Answer, today: dt.date) -> list[Finding]:
    cid = criterion.id
    raw = answer.extra.get("last_reviewed")
    day = as_date(raw)
    if day is None:
        what = "missing" if raw in (None, "") else f"'{raw}' is not a date"
        return [RISK001.finding(cid, "last_reviewed", f"date of the last risk-assessment review is {what}",
                                "Enter last_reviewed as the date the assessment was last reviewed and approved, "
                                "e.g. 2026-02-10.")]
    if day > today:
        return [RISK005.finding(cid, "last_reviewed", f"last review date {day.isoformat()} is in the future",
                                "Enter the date the review actually took place.")]
    if is_stale(day, today, min(RISK_CYCLE_MONTHS, criterion.review_cycle_months)):
        return [RISK002.finding(cid, "last_reviewed",
                                f"risk assessment last reviewed {day.isoformat()}, {months_ago(day, today)} months "
                                "ago (at least every 12 months)",
                                "Review the risk assessment now (threats, vulnerabilities, mitigations and their "
                                "owners) and enter the new date.")]
    return []


def _method_findings(criterion: Criterion, answer: Answer) -> list[Finding]:
    method = answer.extra.get("method")
    if not (isinstance(method, str) and method.strip()):
        named = bool(_METHOD.search(f"{answer.controls} {answer.narrative}"))
        return [RISK003.finding(
            criterion.id, "method",
            "risk assessment method not recorded" + (" (the text mentions one: record it)" if named else ""),
            "Enter method, e.g. 'CBP five-step risk assessment, likelihood x impact on a 1-5 scale'.")]
    response = compose_response(criterion, answer)
    if response.source == "narrative" and method.lower() not in response.text.lower() \
            and not _METHOD.search(response.text):
        return [RISK003.finding(criterion.id, "narrative", "the response text does not name the risk assessment "
                                f"method ('{method}' is only in the method field)",
                                f"Name the method in your narrative, e.g. 'We follow the {method}'.")]
    return []


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Risk-assessment findings for one answered 2.x criterion."""
    if "risk_assessment" not in criterion.tags or answer.is_blank or answer.status == "not_applicable":
        return []
    findings: list[Finding] = []
    if criterion.field("last_reviewed") is not None:
        findings.extend(_review_date(criterion, answer, ctx.today))
    if criterion.field("method") is not None:
        findings.extend(_method_findings(criterion, answer))
        text = _texts(ctx)
        if not (_MITIGATION.search(text) and _OWNERSHIP.search(text)):
            findings.append(RISK004.finding(
                criterion.id, "controls", "the risk-assessment answers do not name who owns each mitigation",
                "Say that every high or medium risk has a mitigation with an owner by role and a due date, e.g. "
                "'seal audits at the Laredo DC, owner: Security Manager, due 2026-06-30'."))
    return findings
