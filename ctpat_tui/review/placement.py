"""Portal placement rules: each piece of evidence goes to a portal section that asks its criterion."""

from __future__ import annotations

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.profile.model import Answer
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

_EVIDENCE = '''[answers."7.23"]
status = "implemented"

[[answers."7.23".evidence]]
title = "Security incident reporting procedure"
ref = "SEC-SOP-12 v3"
date = 2026-03-01
'''

PLACE001 = Rule(
    "PLACE001", "error", "Evidence is filed under a portal section that does not ask this criterion.",
    Example(_EVIDENCE + 'portal_section = "Physical Security"\n'),
    Example(_EVIDENCE + 'portal_section = "Procedural Security"\n'),
    severity_note="warning when the criterion's portal section is itself only assumed")
PLACE002 = Rule(
    "PLACE002", "warning", "Evidence does not say which portal section it will be uploaded to.",
    Example(_EVIDENCE), Example(_EVIDENCE + 'portal_section = "Procedural Security"\n'))

FAMILY = Family("Portal placement", "Evidence is uploaded to the wrong section of the portal.", (PLACE001, PLACE002))


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Placement findings for the evidence of one answer."""
    sections = criterion.portal_sections
    if answer.status == "not_applicable" or not answer.evidence or not sections:
        return []
    right = " or ".join(f"'{s}'" for s in sections)
    findings = []
    for index, item in enumerate(answer.evidence):
        label = f"evidence {index + 1}" + (f" ('{item.title}')" if item.title else "")
        section = item.portal_section.strip()
        if not section:
            findings.append(PLACE002.finding(criterion.id, "evidence", f"{label} has no portal section",
                                             f"Set portal_section = {right}."))
        elif section not in sections:
            known = ctx.catalog.section(section) is not None
            what = f"filed under '{section}'" if known else f"filed under '{section}', which is not a portal section"
            note = " (assumed placement: check the portal)" if criterion.portal_section_assumed else ""
            severity = "warning" if criterion.portal_section_assumed else "error"
            findings.append(PLACE001.finding(criterion.id, "evidence",
                                             f"{label} is {what}; the portal asks {criterion.id} under {right}{note}",
                                             f"Set portal_section = {right} and upload it there.", severity))
    return findings
