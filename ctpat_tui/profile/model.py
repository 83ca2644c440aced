"""Immutable, typed view of a user's profile: the answers the review rules and renderers read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ctpat_tui.records import field, field_names, record

SCHEMA_VERSION = 1
STATUSES: tuple[str, ...] = ("implemented", "partial", "planned", "not_applicable")
STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {"": "not set", "implemented": "Implemented", "partial": "Partially implemented",
     "planned": "Planned", "not_applicable": "Not applicable"}
)
FACILITY_STATUSES: tuple[str, ...] = ("implemented", "partial", "planned", "not_implemented", "not_applicable")
CERTIFICATIONS: tuple[str, ...] = ("ctpat", "aeo", "none")
RISK_LEVELS: tuple[str, ...] = ("high", "medium", "low")
RESPONSE_STYLES: tuple[str, ...] = ("prose", "labeled")
ACTION_STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "verified")
ACTION_STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {"open": "Open", "in_progress": "In progress", "done": "Done", "verified": "Verified"})
REVIEW_STATES: tuple[str, ...] = ("reaffirmed", "updated", "needs_work")
REVIEW_STATE_LABELS: Mapping[str, str] = MappingProxyType(
    {"": "not yet reviewed", "reaffirmed": "Re-affirmed", "updated": "Updated", "needs_work": "Needs work"})


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@record
class Facility:
    """A site the profile covers."""

    id: str
    name: str


@record
class Evidence:
    """A reference to a document that proves a control is really in place."""

    title: str = ""
    ref: str = ""
    date: dt.date | None = None
    portal_section: str = ""
    file: str = ""
    sha256: str = ""


@record
class ReviewNote:
    """A reviewer's comment kept on an answer until the user marks it resolved."""

    text: str
    author: str = ""
    date: str = ""  # as the reviewer's copy dated it (YYYY-MM-DD)
    source: str = ""  # the reviewed file it came from
    resolved: bool = False


@record
class Answer:
    """The user's response to one criterion."""

    criterion_id: str
    status: str = ""
    na_reason: str = ""
    controls: str = ""
    frequency: str = ""
    owner: str = ""
    records: str = ""
    escalation: str = ""
    narrative: str = ""
    facilities: Mapping[str, str] = field(default_factory=_empty)
    extra: Mapping[str, Any] = field(default_factory=_empty)
    evidence: tuple[Evidence, ...] = ()
    accepted: Mapping[str, str] = field(default_factory=_empty)
    review_notes: tuple[ReviewNote, ...] = ()

    @property
    def open_review_notes(self) -> tuple[ReviewNote, ...]:
        """The reviewers' notes not yet marked resolved."""
        return tuple(n for n in self.review_notes if not n.resolved)

    def detail(self, name: str) -> str:
        """The text of a detail field (controls, frequency, owner, records, escalation, narrative)."""
        value = getattr(self, name, "")
        return value if isinstance(value, str) else ""

    @property
    def is_blank(self) -> bool:
        """True when nothing at all has been entered."""
        texts = (self.status, self.na_reason, self.controls, self.frequency, self.owner, self.records,
                 self.escalation, self.narrative)
        return not any(t.strip() for t in texts) and not self.evidence and not self.extra


@record
class Partner:
    """A business partner in the screening register."""

    name: str
    role: str = ""
    country: str = ""
    certification: str = "none"
    svi: str = ""
    aeo_programme: str = ""
    verified: dt.date | None = None
    last_screened: dt.date | None = None
    risk: str = ""
    risk_reason: str = ""
    questionnaire: str = ""
    questionnaire_date: dt.date | None = None
    questionnaire_file: str = ""
    open_issues: str = ""


PARTNER_KEY_ORDER: tuple[str, ...] = field_names(Partner)  # the register's keys, in file order
PARTNER_DATE_KEYS: tuple[str, ...] = ("verified", "last_screened", "questionnaire_date")
PARTNER_TEXT_KEYS: tuple[str, ...] = tuple(key for key in PARTNER_KEY_ORDER if key not in PARTNER_DATE_KEYS)


WORD_LAYOUTS: tuple[str, ...] = ("compact", "full")


@record
class Action:
    """One corrective action: a gap, what will close it, who owns it and by when, and how it was closed."""

    id: str
    criterion: str = ""
    gap: str = ""
    rule: str = ""
    action: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: str = "open"
    closure_evidence: str = ""
    opened: dt.date | None = None
    closed: dt.date | None = None
    verified: dt.date | None = None

    @property
    def is_open(self) -> bool:
        """True while the action is not yet done (open or in progress)."""
        return self.status in ("open", "in_progress")

    def overdue(self, today: dt.date) -> bool:
        """True when the action is still open after its due date."""
        return self.is_open and self.due is not None and self.due < today


@record
class ReviewMark:
    """The annual-review state of one criterion: re-affirmed, updated or needs work, by whom and when."""

    criterion_id: str
    state: str
    by: str = ""
    on: dt.date | None = None
    note: str = ""


@record
class AnnualReview:
    """The current year's review of the whole profile: who leads it, when it is due, each criterion's state."""

    due: dt.date | None = None
    reviewer: str = ""
    started: dt.date | None = None
    signed_off_by: str = ""
    signed_off_on: dt.date | None = None
    marks: Mapping[str, ReviewMark] = field(default_factory=_empty)

    @property
    def has_work(self) -> bool:
        """True when someone has marked a criterion or signed the review off (work that must not be dropped)."""
        return bool(self.marks or self.signed_off_on or self.signed_off_by)


@record
class Settings:
    """Per-profile options for the review rules and renderers."""

    portal_char_limit: int = 0
    screening_cycle_months: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({"high": 12, "medium": 24, "low": 36})
    )
    response_style: str = "prose"  # composed responses as flowing prose or as labeled lines
    spelling: bool = True
    spelling_words: frozenset[str] = frozenset()  # the company's own words the spelling check accepts
    word_layout: str = "compact"  # "compact" (the response once) or "full" (detail table and response)


@record
class Profile:
    """A whole Security Profile draft: company, entity type, facilities, answers and partners."""

    company: str
    entity_type: str
    prepared_by: str = ""
    schema: int = SCHEMA_VERSION
    version: str = ""
    facilities: tuple[Facility, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=_empty)
    partners: tuple[Partner, ...] = ()
    settings: Settings = field(default_factory=Settings)
    path: Path | None = None
    certification_date: dt.date | None = None
    last_submitted: dt.date | None = None
    actions: tuple[Action, ...] = ()
    annual_review: AnnualReview | None = None

    def answer(self, criterion_id: str) -> Answer:
        """The answer to `criterion_id`, or an empty one."""
        return self.answers.get(criterion_id) or Answer(criterion_id)

    @property
    def base_dir(self) -> Path:
        """Directory that relative evidence paths are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()


def parse_facilities(text: str) -> list[tuple[str, str]]:
    """Facility lines ('Laredo DC' or 'laredo-dc=Laredo DC') as (id, name) with unique slug IDs."""
    result: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        given, sep, name = line.partition("=")
        if not sep:
            given, name = "", line
        base = re.sub(r"[^a-z0-9]+", "-", (given or name).lower()).strip("-") or "site"
        facility_id, number = base, 2
        while facility_id in seen:
            facility_id, number = f"{base}-{number}", number + 1
        seen.add(facility_id)
        result.append((facility_id, name.strip()))
    return result
