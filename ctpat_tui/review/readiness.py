"""Readiness summary: how far the profile is from submission, per category, per portal section and overall."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import add, attrgetter
from types import MappingProxyType

from ctpat_tui.catalog.model import DETAIL_FIELDS, Catalog, Criterion, Designation
from ctpat_tui.profile.model import Answer, Profile
from ctpat_tui.records import field, field_names, record
from ctpat_tui.review.finding import Finding

READINESS_DEFINITION = (
    "Readiness is the share of the criteria that apply to the entity type which are ready, rounded down. "
    "A criterion is ready when it has a status; is complete (all five detail fields filled, or marked not "
    "applicable with a reason); has at least one evidence reference (not needed when not applicable); and has no "
    "open error or warning finding (a finding accepted with a written reason does not count; info findings do not "
    "count). A criterion with an open warning needs attention and is not ready. 100% means every criterion the "
    "portal asks this entity type is ready."
)


@record
class ReadinessCounts:
    """Counts for one group of criteria (a category, a portal section, or the whole profile)."""

    applicable: int = 0
    answered: int = 0
    complete: int = 0
    with_evidence: int = 0
    musts: int = 0
    musts_covered: int = 0
    ready: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def percent(self) -> int:
        """Ready criteria as a whole percentage of the applicable ones (100 when none apply)."""
        return 100 * self.ready // self.applicable if self.applicable else 100

    def as_dict(self) -> dict[str, int]:
        """Plain counts plus the percentage, for JSON."""
        return {**{n: getattr(self, n) for n in _COUNT_NAMES}, "percent": self.percent}


@record
class Readiness:
    """Readiness overall, per MSC category and per portal section (both in catalog order)."""

    overall: ReadinessCounts
    by_category: Mapping[str, ReadinessCounts] = field(default_factory=lambda: MappingProxyType({}))
    by_section: Mapping[str, ReadinessCounts] = field(default_factory=lambda: MappingProxyType({}))
    definition: str = READINESS_DEFINITION

    @property
    def percent(self) -> int:
        """The one overall readiness percentage."""
        return self.overall.percent

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `ctpat check --json`'s readiness object."""
        return {
            "percent": self.percent,
            "definition": self.definition,
            "overall": self.overall.as_dict(),
            "categories": {name: counts.as_dict() for name, counts in self.by_category.items()},
            "sections": {name: counts.as_dict() for name, counts in self.by_section.items()},
        }


def is_complete(answer: Answer) -> bool:
    """True when the answer has a status and all five detail fields, or is not applicable with a reason."""
    if answer.status == "not_applicable":
        return bool(answer.na_reason.strip())
    return bool(answer.status) and all(answer.detail(n).strip() for n in DETAIL_FIELDS)


def _row(criterion: Criterion, designation: Designation, answer: Answer, errors: int, warnings: int) -> ReadinessCounts:
    answered = bool(answer.status)
    complete = is_complete(answer)
    evidence = bool(answer.evidence) and answer.status != "not_applicable"
    ready = complete and (evidence or answer.status == "not_applicable") and errors == 0 and warnings == 0
    return ReadinessCounts(1, int(answered), int(complete), int(evidence), int(designation.required),
                           int(designation.required and complete), int(ready), errors, warnings)


_COUNT_NAMES = field_names(ReadinessCounts)
_COUNTS = attrgetter(*_COUNT_NAMES)


def _add(a: ReadinessCounts, b: ReadinessCounts) -> ReadinessCounts:
    return ReadinessCounts(*map(add, _COUNTS(a), _COUNTS(b)))


def compute_readiness(catalog: Catalog, profile: Profile, findings: Iterable[Finding]) -> Readiness:
    """Readiness of `profile` given its findings (accepted findings are not counted)."""
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    loose_errors = loose_warnings = 0
    applicable = catalog.applicable(profile.entity_type)
    ids = {c.id for c, _ in applicable}
    for finding in findings:
        if finding.accepted or finding.severity == "info":
            continue
        bucket = errors if finding.severity == "error" else warnings
        if finding.criterion in ids:
            bucket[finding.criterion] = bucket.get(finding.criterion, 0) + 1
        elif finding.severity == "error":
            loose_errors += 1
        else:
            loose_warnings += 1
    overall = ReadinessCounts(errors=loose_errors, warnings=loose_warnings)
    categories: dict[str, ReadinessCounts] = {c.name: ReadinessCounts() for c in catalog.categories}
    sections: dict[str, ReadinessCounts] = {s.name: ReadinessCounts() for s in catalog.portal_sections}
    names = {c.number: c.name for c in catalog.categories}
    for criterion, designation in applicable:
        row = _row(criterion, designation, profile.answer(criterion.id), errors.get(criterion.id, 0),
                   warnings.get(criterion.id, 0))
        overall = _add(overall, row)
        category = names.get(criterion.category, str(criterion.category))
        categories[category] = _add(categories.get(category, ReadinessCounts()), row)
        section = criterion.primary_section or "(no portal section)"
        sections[section] = _add(sections.get(section, ReadinessCounts()), row)
    return Readiness(
        overall,
        MappingProxyType({k: v for k, v in categories.items() if v.applicable}),
        MappingProxyType({k: v for k, v in sections.items() if v.applicable}),
    )
