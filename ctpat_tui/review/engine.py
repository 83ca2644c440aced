"""Run every rule family over a profile (or one criterion, for the app's live check) and summarize readiness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ctpat_tui.catalog.model import Catalog, Criterion, Designation
from ctpat_tui.profile.model import Answer, Profile
from ctpat_tui.records import field, record
from ctpat_tui.review import (
    acceptance,
    alignment,
    cycle,
    evidence,
    facilities,
    partners,
    placement,
    portal_text,
    privacy,
    risk,
    specificity,
    spelling,
)
from ctpat_tui.review.context import ReviewContext, make_context
from ctpat_tui.review.finding import SEVERITY_RANK, Finding
from ctpat_tui.review.readiness import Readiness, ReadinessCounts, compute_readiness
from ctpat_tui.review.rules import Family, Rule

FAMILIES: tuple[Family, ...] = (
    evidence.FAMILY, alignment.FAMILY, specificity.FAMILY, placement.FAMILY, risk.FAMILY, facilities.FAMILY,
    partners.FAMILY, portal_text.FAMILY, spelling.FAMILY, cycle.FAMILY, acceptance.FAMILY, privacy.FAMILY,
)

AnswerCheck = Callable[[ReviewContext, Criterion, Designation, Answer], list[Finding]]
_ANSWER_CHECKS: tuple[AnswerCheck, ...] = (
    alignment.check_answer, evidence.check_answer, placement.check_answer, specificity.check_answer,
    risk.check_answer, facilities.check_answer, portal_text.check_answer, cycle.check_answer, spelling.check_answer,
)


def all_rules() -> tuple[Rule, ...]:
    """Every rule, family by family."""
    return tuple(rule for family in FAMILIES for rule in family.rules)


@record
class Review:
    """All findings for a profile (accepted ones included, marked) plus its readiness summary."""

    findings: tuple[Finding, ...]
    readiness: Readiness = field(default_factory=lambda: Readiness(ReadinessCounts()))

    def open_findings(self) -> tuple[Finding, ...]:
        """Findings that are not accepted."""
        return tuple(f for f in self.findings if not f.accepted)

    def count(self, severity: str) -> int:
        """Open findings of `severity`."""
        return sum(1 for f in self.findings if f.severity == severity and not f.accepted)

    def blocking(self, fail_on: str = "error") -> tuple[Finding, ...]:
        """Open findings at or above `fail_on` ('error' or 'warning')."""
        limit = SEVERITY_RANK[fail_on]
        return tuple(f for f in self.open_findings() if SEVERITY_RANK[f.severity] <= limit)

    def for_criterion(self, criterion_id: str) -> tuple[Finding, ...]:
        """Findings filed under one criterion."""
        return tuple(f for f in self.findings if f.criterion == criterion_id)


def _criterion_findings(ctx: ReviewContext, criterion: Criterion, designation: Designation,
                        profile_level: list[Finding]) -> list[Finding]:
    answer = ctx.profile.answer(criterion.id)
    findings: list[Finding] = []
    for check in _ANSWER_CHECKS:
        findings.extend(check(ctx, criterion, designation, answer))
    findings.extend(profile_level)
    return acceptance.apply_acceptance(answer, findings)


def _partner_findings(ctx: ReviewContext, criterion_id: str) -> list[Finding]:
    if criterion_id != partners.anchor_criterion(ctx):
        return []
    return list(partners.check_profile(ctx))


def review_answer(catalog: Catalog, profile: Profile, criterion_id: str, *,
                  today: dt.date | None = None) -> tuple[Finding, ...]:
    """Findings for one criterion: the live check behind the app's findings panel."""
    ctx = make_context(catalog, profile, today)
    if not criterion_id:
        return tuple(cycle.check_profile(ctx))
    designation = ctx.designation(criterion_id)
    answer = profile.answer(criterion_id)
    if designation is None:
        return tuple(acceptance.apply_acceptance(answer, alignment.check_inapplicable(ctx, criterion_id, answer)))
    criterion = catalog.criteria[criterion_id]
    return tuple(_criterion_findings(ctx, criterion, designation, _partner_findings(ctx, criterion_id)))


def review_profile(catalog: Catalog, profile: Profile, *, today: dt.date | None = None) -> Review:
    """Findings for every criterion of the profile's entity type, the partner register and stray answers."""
    ctx = make_context(catalog, profile, today)
    anchor = partners.anchor_criterion(ctx)
    register = list(partners.check_profile(ctx)) if anchor else []
    findings: list[Finding] = []
    for criterion, designation in catalog.applicable(profile.entity_type):
        extra = register if criterion.id == anchor else []
        findings.extend(_criterion_findings(ctx, criterion, designation, extra))
    for cid, answer in profile.answers.items():
        if ctx.designation(cid) is None:
            findings.extend(acceptance.apply_acceptance(answer, alignment.check_inapplicable(ctx, cid, answer)))
    findings.extend(cycle.check_profile(ctx))
    result = tuple(findings)
    return Review(result, compute_readiness(catalog, profile, result))


def with_file_findings(review: Review, profile: Profile) -> Review:
    """The review plus PRIV001 for profile files other users can open (for check and the review screen, not output)."""
    return Review(review.findings + tuple(privacy.file_findings(profile)), review.readiness)


def lint_text(text: str, field: str, *, criterion: str | Criterion | None = None, entity: str | None = None,
              catalog: Catalog | None = None) -> tuple[Finding, ...]:
    """Findings for one field's text on its own (`ctpat lint`, editor integrations)."""
    found: Criterion | None
    if isinstance(criterion, Criterion):
        found = criterion
    elif criterion and catalog is not None:
        found = catalog.criteria.get(criterion)
    else:
        found = None
    cid = found.id if found else (criterion if isinstance(criterion, str) else "") or ""
    findings = specificity.field_findings(text, field, cid, found, entity or "importer")
    findings.extend(portal_text.text_findings(text, field, cid))
    findings.extend(spelling.text_findings(text, field, cid))
    return tuple(findings)
