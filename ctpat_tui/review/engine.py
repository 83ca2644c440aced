"""Run the review rules over a profile (placeholder: completeness only, until the rule families land)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ctpat_tui.catalog.model import DETAIL_FIELDS, Catalog
from ctpat_tui.profile.model import Profile
from ctpat_tui.review.finding import Finding


@dataclass(frozen=True)
class Review:
    """All findings for a profile plus its readiness summary."""

    findings: tuple[Finding, ...]
    readiness: dict[str, object] = field(default_factory=dict)


def review_answer(catalog: Catalog, profile: Profile, criterion_id: str, *, today: dt.date | None = None) -> tuple[Finding, ...]:
    """Findings for one criterion (completeness only for now)."""
    designation = catalog.designation(criterion_id, profile.entity_type)
    answer = profile.answer(criterion_id)
    findings: list[Finding] = []
    if designation is None:
        return ()
    if answer.is_blank:
        severity = "error" if designation.required else "warning"
        return (Finding("ALIGN001", severity, criterion_id, "", "not answered yet"),)
    if answer.status == "not_applicable":
        return ()
    for name in DETAIL_FIELDS:
        if not answer.detail(name).strip():
            findings.append(Finding("SPEC000", "error", criterion_id, name, f"{name} is empty"))
    if not answer.evidence:
        findings.append(Finding("EVID001", "error", criterion_id, "evidence", "no evidence reference"))
    return tuple(findings)


def review_profile(catalog: Catalog, profile: Profile, *, today: dt.date | None = None) -> Review:
    """Findings for every criterion that applies to the profile's entity type."""
    findings: list[Finding] = []
    for criterion, _designation in catalog.applicable(profile.entity_type):
        findings.extend(review_answer(catalog, profile, criterion.id, today=today))
    return Review(tuple(findings))
