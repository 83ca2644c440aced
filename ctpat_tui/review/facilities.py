"""Facility rules: the overall answer matches what each facility actually does."""

from __future__ import annotations

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.profile.model import Answer
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

SITE_CATEGORIES = frozenset({5, 6, 8, 9, 10})
_SITES = '''[[facilities]]
id = "laredo-dc"
name = "Laredo distribution center"

[[facilities]]
id = "elgin-hq"
name = "Elgin headquarters"

[answers."9.1"]
status = "implemented"
controls = "An 8-foot fence with barbed wire encloses the Laredo yard; Elgin has locked perimeter doors."
'''

FAC001 = Rule(
    "FAC001", "error", "The answer says implemented while a facility says partial, planned or not implemented.",
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "partial" }\n'),
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "implemented" }\n'))
FAC002 = Rule(
    "FAC002", "warning", "A facility has no status on a Must criterion that concerns sites and cargo.",
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented" }\n'),
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "not_applicable" }\n'))
FAC003 = Rule(
    "FAC003", "warning", "An answer gives a status for a facility the profile does not list.",
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "implemented", '
                     '"houston-dc" = "implemented" }\n'),
    Example(_SITES + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "implemented" }\n'))
FAC004 = Rule(
    "FAC004", "warning", "The overall status does not follow from the facility statuses (e.g. partial while every "
    "facility says implemented).",
    Example(_SITES.replace('status = "implemented"', 'status = "partial"')
            + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "implemented" }\n'),
    Example(_SITES.replace('status = "implemented"', 'status = "partial"')
            + 'facilities = { "laredo-dc" = "implemented", "elgin-hq" = "planned" }\n'))

FAMILY = Family("Facilities", "The profile does not match what each facility actually does.",
                (FAC001, FAC002, FAC003, FAC004))

_NOT_DONE = ("partial", "planned", "not_implemented")


def is_site_criterion(criterion: Criterion) -> bool:
    """True when the criterion concerns what happens at a site (cargo handling, physical and access controls)."""
    return "cargo_handling" in criterion.tags or criterion.category in SITE_CATEGORIES


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Facility findings for one answered criterion."""
    facilities = ctx.profile.facilities
    if not facilities or answer.is_blank:
        return []
    cid = criterion.id
    names = {f.id: f"{f.name or f.id}" for f in facilities}
    findings = []
    unknown = [fid for fid in answer.facilities if fid not in names]
    if unknown:
        findings.append(FAC003.finding(cid, "facilities", f"status given for unknown facility {', '.join(unknown)}",
                                       f"Use one of the profile's facility IDs ({', '.join(names)}) or add the "
                                       "facility under [[facilities]]."))
    statuses = {fid: answer.facilities.get(fid, "") for fid in names}
    behind = [fid for fid, status in statuses.items() if status in _NOT_DONE]
    if answer.status == "implemented" and behind:
        where = "; ".join(f"{names[fid]} says {statuses[fid].replace('_', ' ')}" for fid in behind)
        findings.append(FAC001.finding(cid, "facilities", f"profile says implemented; {where}",
                                       "Set the status to partial and say in the answer what is still missing at "
                                       "that site and by when, or correct the facility status."))
    missing = [fid for fid, status in statuses.items() if not status]
    relevant = is_site_criterion(criterion) or bool(answer.facilities)
    if missing and relevant and designation.required and answer.status != "not_applicable":
        findings.append(FAC002.finding(cid, "facilities",
                                       f"no status for {', '.join(names[f] for f in missing)}",
                                       "Give each facility a status (implemented, partial, planned, not_implemented "
                                       "or not_applicable)."))
    findings.extend(_consistency(cid, answer.status, statuses))
    return findings


def _consistency(cid: str, status: str, statuses: dict[str, str]) -> list[Finding]:
    given = [s for s in statuses.values() if s and s != "not_applicable"]
    if not given:
        return []
    suggestion = "Make the overall status follow the sites: implemented everywhere = implemented; a mix = partial."
    if status == "partial" and all(s == "implemented" for s in given):
        return [FAC004.finding(cid, "status", "profile says partial; every facility says implemented", suggestion)]
    if status == "planned" and any(s in ("implemented", "partial") for s in given):
        return [FAC004.finding(cid, "status", "profile says planned; a facility already has it in place",
                               suggestion)]
    if status == "not_applicable":
        return [FAC004.finding(cid, "status", "profile says not applicable; a facility gives a status",
                               "Either answer the criterion, or mark the facilities not_applicable too.")]
    return []
