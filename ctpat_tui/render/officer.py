"""The review checklist in the Company Officer's words: what is missing and who must act, per criterion.

The Markdown keeps the preparer's checklist (rule codes, fields, fixes in the profile's terms); the Word draft is read
by the Company Officer, who needs to know what is still missing before the profile can be submitted, and whom to ask.
No rule codes, TOML tables, field names or shell commands appear here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ctpat_tui.render.view import CriterionView, FindingView, ProfileView

_FIELD_WORDS: Mapping[str, str] = {
    "controls": "what is done",
    "frequency": "how often it is done",
    "owner": "who is responsible",
    "records": "what records are kept",
    "escalation": "who is told when something goes wrong, and how fast",
    "narrative": "the response",
}

# rule code -> what the officer reads (a short instruction); None = not for the officer (preparer's housekeeping)
_PHRASES: Mapping[str, str | None] = {
    "EVID001": "name a document that proves it (title, number and date)",
    "EVID002": "complete each document reference (title, number and date)",
    "EVID003": "supply the document file: the file named is missing",
    "EVID004": "confirm the current version of a document: it changed after it was referenced",
    "EVID005": "supply a current document: the newest one is older than its review cycle",
    "EVID006": "correct a document date that lies in the future",
    "EVID007": "supply the document itself: the path named is not a readable file",
    "EVID008": None,
    "EVID009": "carry out the periodic review that is due and record its date",
    "ALIGN001": "answer it, or say why it does not apply to the company",
    "ALIGN002": "remove or move an answer given for a criterion that does not apply to this entity type",
    "ALIGN003": "correct the criterion number of an answer (the number is unknown)",
    "ALIGN004": "say why it does not apply",
    "ALIGN005": "give a fuller reason why this Must criterion does not apply",
    "ALIGN006": "say whether it is implemented, partly implemented, planned or not applicable",
    "ALIGN007": None,
    "ALIGN008": "give the date it will be fully in place and who drives it",
    "SPEC002": "say how often as a period or a trigger, not 'regularly' or 'as needed'",
    "SPEC003": "name the responsible role or job title",
    "SPEC004": "name the record or system and how long it is kept",
    "SPEC005": "say who is told, by whom and how fast",
    "SPEC006": "describe what is actually done, with what, and by whom",
    "SPEC007": "replace general claims with what is actually done",
    "SPEC008": "say how the company does it, not only what the criterion asks",
    "SPEC009": "give more detail: the answer is very short",
    "SPEC010": "write this answer for this criterion: its text is nearly the same as another criterion's",
    "SPEC013": "replace placeholder text (such as TODO or TBD) with the real answer",
    "PLACE001": "file each document under a portal section that asks this criterion",
    "PLACE002": "say in which portal section each document is uploaded",
    "RISK001": "record when the risk assessment was last reviewed",
    "RISK002": "review the risk assessment: the last review is more than 12 months old",
    "RISK003": "name the risk assessment method",
    "RISK004": "name who owns each mitigation, with a due date",
    "RISK005": "correct the risk assessment review date: it lies in the future",
    "FAC001": "settle the status: the answer says implemented while a site says otherwise",
    "FAC002": "give the status at each site",
    "FAC003": "remove a site status for a site the profile does not list",
    "PART007": "list the business partners (suppliers, carriers, service providers) with their screening",
    "TEXT001": "shorten the response to the portal's character limit",
    "TEXT002": None,
    "TEXT003": None,
    "ACC001": "write down why an accepted issue is acceptable",
    "ACC002": None,
}
UNANSWERED_RULES = frozenset({"ALIGN001", "SPEC001", "EVID001", "SPEC009", "SPEC011"})
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_TECHNICAL_BRACKET = re.compile(r"\s*\([^()]*(?:_|=|\[\[|`)[^()]*\)")


def officer_phrase(finding: FindingView) -> str | None:
    """What the officer reads for one finding (None when it is the preparer's housekeeping only)."""
    if finding.rule == "SPEC001":
        return f"say {_FIELD_WORDS.get(finding.field, 'what is missing')}"
    if finding.rule in _PHRASES:
        return _PHRASES[finding.rule]
    if finding.severity == "info":
        return None
    return plain_words(finding.message)


def plain_words(text: str) -> str:
    """A review message without the profile's technical terms (bracketed field names, code marks, snake_case)."""
    text = _TECHNICAL_BRACKET.sub("", text).replace("`", "")
    text = _SNAKE.sub(lambda m: m.group().replace("_", " "), text)
    return " ".join(text.split())


@dataclass(frozen=True)
class OfficerLine:
    """One criterion's open issues in plain words: what must be done before submitting, what is worth improving."""

    criterion: str
    title: str
    designation: str
    status: str
    before_submitting: tuple[str, ...]
    worth_improving: tuple[str, ...]
    ask: str = ""


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _line(criterion: CriterionView | None, cid: str, findings: list[FindingView],
          phrase: Callable[[FindingView], str | None]) -> OfficerLine | None:
    errors = _unique([phrase(f) or "" for f in findings if f.severity == "error"])
    warnings = tuple(p for p in _unique([phrase(f) or "" for f in findings if f.severity == "warning"])
                     if p not in errors)
    if not errors and not warnings:
        return None
    owner = criterion.details.get("owner", "").strip() if criterion is not None else ""
    owner_vague = any(f.rule in ("SPEC003", "SPEC001") and f.field == "owner" for f in findings)
    return OfficerLine(
        criterion=cid, title=criterion.title if criterion else "",
        designation=criterion.designation_label if criterion else "",
        status=(criterion.status_label or "not set") if criterion else "",
        before_submitting=errors, worth_improving=warnings,
        ask="" if owner_vague or "\n" in owner or len(owner) > 80 else owner.rstrip("."),
    )


def officer_checklist(view: ProfileView) -> tuple[OfficerLine, ...]:
    """One line per criterion that has open findings, in portal order; that a criterion is not answered is left
    out (the draft lists those criteria once, in their own part), its other findings are kept."""
    by_id = {c.id: c for c in view.criteria}
    grouped: dict[str, list[FindingView]] = {}
    for finding in view.open_findings:
        criterion = by_id.get(finding.criterion)
        if criterion is not None and criterion.unanswered and finding.rule in UNANSWERED_RULES:
            continue
        grouped.setdefault(finding.criterion, []).append(finding)
    lines = [_line(by_id.get(cid), cid, findings, officer_phrase) for cid, findings in grouped.items()]
    return tuple(line for line in lines if line is not None)


def unanswered_summary(view: ProfileView) -> str:
    """'47 criteria are not answered yet, 30 of them Musts; 10 more are probably not applicable ...'
    ('' when every criterion has an answer)."""
    missing = [c for c in view.unanswered if not c.suggested_na]
    likely_na = [c for c in view.unanswered if c.suggested_na]
    parts = []
    if missing:
        musts = sum(1 for c in missing if c.designation.required)
        noun = "criterion is" if len(missing) == 1 else "criteria are"
        text = f"{len(missing)} {noun} not answered yet"
        if musts:
            text += f", {musts} of them {'a Must' if musts == 1 else 'Musts'}"
        parts.append(text)
    if likely_na:
        more = " more" if missing else ""
        verb = "is" if len(likely_na) == 1 else "are"
        parts.append(f"{len(likely_na)}{more} {verb} probably not applicable to a {view.entity_name}, "
                     "which the preparer confirms with the reason given")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""
