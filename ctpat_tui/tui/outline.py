"""The profile's outline for the navigator: groups, rows, progress and status marks (pure, no Textual)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ctpat_tui.catalog.model import DETAIL_FIELDS, Catalog, Criterion, Designation
from ctpat_tui.profile.model import Answer, Profile
from ctpat_tui.review.finding import Finding

STATES: tuple[str, ...] = ("complete", "partial", "errors", "attention", "empty", "na")
UNICODE_MARKS: Mapping[str, str] = {"complete": "✓", "partial": "◐", "errors": "!", "attention": "△", "empty": "·",
                                    "na": "–"}
ASCII_MARKS: Mapping[str, str] = {"complete": "+", "partial": "o", "errors": "!", "attention": "^", "empty": ".",
                                  "na": "-"}
STATE_LABELS: Mapping[str, str] = {"complete": "complete", "partial": "in progress", "errors": "has errors",
                                   "attention": "needs attention (open warnings)", "empty": "not answered",
                                   "na": "not applicable"}
GROUPINGS: tuple[str, ...] = ("section", "category")


def status_marks(environ: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The status glyphs: ASCII on the Linux console (whose font lacks ✓ and ◐), Unicode elsewhere."""
    env = os.environ if environ is None else environ
    if env.get("CTPAT_ASCII") or env.get("TERM") == "linux":
        return ASCII_MARKS
    return UNICODE_MARKS


def missing_parts(criterion: Criterion, answer: Answer) -> list[str]:
    """What an answer still lacks before it can be complete (status, text fields, required values, evidence)."""
    if answer.status == "not_applicable":
        return [] if answer.na_reason.strip() else ["na_reason"]
    missing = [] if answer.status else ["status"]
    if not answer.narrative.strip():
        missing += [name for name in DETAIL_FIELDS if not answer.detail(name).strip()]
    missing += [f.name for f in criterion.fields if f.required and answer.extra.get(f.name) in (None, "")]
    if not answer.evidence:
        missing.append("evidence")
    return missing


def open_errors(findings: Iterable[Finding]) -> list[Finding]:
    """Findings of severity error that the user has not accepted."""
    return [f for f in findings if f.severity == "error" and not f.accepted]


def open_warnings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings of severity warning that the user has not accepted with a written reason."""
    return [f for f in findings if f.severity == "warning" and not f.accepted]


def answer_state(criterion: Criterion, answer: Answer, findings: Sequence[Finding]) -> str:
    """One of STATES: empty, not applicable, in progress (parts missing), has errors, needs attention (open
    warnings), or complete. Only complete and not applicable count as done, as in the readiness figure."""
    if answer.is_blank:
        return "empty"
    if answer.status == "not_applicable" and answer.na_reason.strip() and not open_errors(findings):
        return "attention" if open_warnings(findings) else "na"
    if missing_parts(criterion, answer):
        return "partial"
    if open_errors(findings):
        return "errors"
    return "attention" if open_warnings(findings) else "complete"


def level_tag(designation: Designation) -> str:
    """One-character must/should tag for the navigator: 'M', 'S', 'm' (partly must) or '?' (unknown)."""
    return {"must": "M", "should": "S", "mixed": "m"}.get(designation.level, "?")


@dataclass(frozen=True)
class Group:
    """A heading in the navigator with the criteria under it."""

    key: str
    title: str
    criterion_ids: tuple[str, ...]


PROBABLY_NA_KEY = "probably-na"
PROBABLY_NA_TITLE = "Probably N/A"


def build_groups(catalog: Catalog, entity: str, grouping: str) -> tuple[Group, ...]:
    """The applicable criteria grouped by portal section (portal order) or by MSC category (numeric order).

    Criteria that are probably not applicable to the entity type (it never holds cargo) come last, in a group
    of their own: still there to be confirmed or answered, never hidden.
    """
    probably_na = [c.id for c, _d in catalog.applicable(entity) if catalog.probably_not_applicable(entity, c.id)]
    skip = set(probably_na)
    applicable = [(c, d) for c, d in catalog.applicable(entity) if c.id not in skip]
    groups: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    if grouping == "category":
        for criterion, _designation in sorted(applicable, key=lambda pair: _id_key(pair[0].id)):
            key = f"cat:{criterion.category}"
            titles[key] = f"{criterion.category}. {catalog.category(criterion.category).name}"
            groups.setdefault(key, []).append(criterion.id)
        probably_na.sort(key=_id_key)
    else:
        for criterion, _designation in applicable:
            section = criterion.primary_section or "Other"
            key = f"sec:{section}"
            titles[key] = section
            groups.setdefault(key, []).append(criterion.id)
    if probably_na:
        titles[PROBABLY_NA_KEY] = PROBABLY_NA_TITLE
        groups[PROBABLY_NA_KEY] = probably_na
    return tuple(Group(k, titles[k], tuple(v)) for k, v in groups.items())


def _id_key(criterion_id: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 10_000 for p in criterion_id.split("."))


def ordered_ids(groups: Sequence[Group]) -> list[str]:
    """Criterion IDs in the order the navigator shows them."""
    return [cid for group in groups for cid in group.criterion_ids]


def next_matching(order: Sequence[str], current: str | None, wanted: Iterable[str]) -> str | None:
    """The first ID after `current` (wrapping round) that is in `wanted`; None when there is none."""
    wanted_set = set(wanted)
    if not order:
        return None
    start = order.index(current) + 1 if current in order else 0
    for offset in range(len(order)):
        cid = order[(start + offset) % len(order)]
        if cid in wanted_set and cid != current:
            return cid
    return current if current in wanted_set else None


def step(order: Sequence[str], current: str | None, delta: int) -> str | None:
    """The ID `delta` places from `current`, clamped to the ends of the list."""
    if not order:
        return None
    if current not in order:
        return order[0]
    index = max(0, min(len(order) - 1, order.index(current) + delta))
    return order[index]


@dataclass(frozen=True)
class Progress:
    """How many criteria of a group are done (complete or not applicable) out of the total."""

    done: int
    total: int

    @property
    def label(self) -> str:
        """'3/12'."""
        return f"{self.done}/{self.total}"


def progress(ids: Iterable[str], states: Mapping[str, str]) -> Progress:
    """Progress of `ids` given each criterion's state."""
    id_list = list(ids)
    done = sum(1 for cid in id_list if states.get(cid) in ("complete", "na"))
    return Progress(done, len(id_list))


def all_states(catalog: Catalog, profile: Profile, findings_by_id: Mapping[str, Sequence[Finding]]) -> dict[str, str]:
    """The state of every applicable criterion."""
    return {
        criterion.id: answer_state(criterion, profile.answer(criterion.id), findings_by_id.get(criterion.id, ()))
        for criterion, _designation in catalog.applicable(profile.entity_type)
    }


def group_findings(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings keyed by criterion ID."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.criterion, []).append(finding)
    return grouped


def portal_questions_label(criterion: Criterion) -> str:
    """'Procedural Security Q50, 51, 52' (or the sections alone when the portal numbers are unknown)."""
    return criterion.portal_label
