"""The annual-cycle part of the render view: changes since the last submission, the review sign-off, the CAP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.profile.model import ACTION_STATUS_LABELS, REVIEW_STATE_LABELS, Profile

Clean = Callable[[object, str], str]

FIRST_SUBMISSION_HEADING = "First submission"  # the one annex of a profile with no history, review or actions yet


@dataclass(frozen=True)
class ChangeRow:
    """One changed criterion (or the register) and what changed in it, one line per change."""

    criterion: str
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ReviewRow:
    """One criterion's annual-review state."""

    criterion: str
    title: str
    state: str
    by: str
    on: str
    note: str


@dataclass(frozen=True)
class ActionRow:
    """One corrective action as the documents print it."""

    id: str
    criterion: str
    gap: str
    action: str
    owner: str
    due: str
    status: str
    closure_evidence: str
    overdue: bool


@dataclass(frozen=True)
class CycleView:
    """What the documents say about the annual cycle."""

    first_submission: bool
    base: str
    last_submitted: str
    certification_date: str
    review_due: str
    changes: tuple[ChangeRow, ...]
    changed_ids: tuple[str, ...]
    review_started: bool
    reviewer: str
    review: tuple[ReviewRow, ...]
    reviewed: int
    applicable: int
    signed_off_by: str
    signed_off_on: str
    actions: tuple[ActionRow, ...]
    problems: tuple[str, ...] = ()
    history_note: str = ""  # set when the submission history cannot be read, instead of a list of changes

    @property
    def nothing_yet(self) -> bool:
        """True for a profile never submitted, with no annual review and no corrective actions: the documents then
        print one short note instead of three annexes that would each say 'nothing recorded'."""
        return (self.first_submission and not self.history_note and not self.changes and not self.review_started
                and not self.actions)

    @property
    def first_note(self) -> str:
        """The one short note that stands for the three annexes when there is nothing yet to show in them."""
        due = f" The first annual review is due {self.review_due}." if self.review_due else ""
        return ("This is the first submission of the profile, so every answer is new. No annual review and no "
                f"corrective actions are recorded yet.{due}")

    @property
    def review_complete(self) -> bool:
        """True when every applicable criterion has a review state."""
        return self.review_started and self.reviewed == self.applicable


def build_cycle_view(catalog: Catalog, profile: Profile, clean: Clean, today: dt.date) -> CycleView:
    """The cycle view of `profile`: reads the snapshot store (never writes it); problems are reported, not raised."""
    from ctpat_tui.cycle.dates import review_due
    from ctpat_tui.cycle.diff import DiffRefused, ProfileDiff, diff_since_submission
    from ctpat_tui.cycle.history import history_problems

    problems: list[str] = []
    result = ProfileDiff("no submission", first=True)
    if profile.path is not None:
        problems += history_problems(profile)
        try:
            result = diff_since_submission(profile)
        except (DiffRefused, OSError, ValueError) as error:
            problems.append(str(error))
        except Exception as error:  # a snapshot that no longer parses is reported, never fatal
            problems.append(f"the last submission cannot be read: {error}")
    titles = {c.id: c.title for c in catalog.criteria.values()}
    changes = [ChangeRow(cid, clean(titles.get(cid, ""), f"{cid} title"),
                         tuple(clean(c.describe(), f"{cid} change") for c in result.for_criterion(cid)))
               for cid in result.changed_criteria()]
    if result.profile_changes():
        changes.append(ChangeRow("", "Facilities and partner register",
                                 tuple(clean(c.describe(), "register change") for c in result.profile_changes())))
    applicable = [c for c, _d in catalog.applicable(profile.entity_type)]
    review = profile.annual_review
    rows = []
    if review is not None:
        for criterion in applicable:
            mark = review.marks.get(criterion.id)
            rows.append(ReviewRow(criterion.id, clean(criterion.title, f"{criterion.id} title"),
                                  REVIEW_STATE_LABELS[mark.state if mark else ""],
                                  clean(mark.by, f"{criterion.id} reviewer") if mark else "",
                                  mark.on.isoformat() if mark and mark.on else "",
                                  clean(mark.note, f"{criterion.id} review note") if mark else ""))
    actions = tuple(ActionRow(a.id, a.criterion, clean(a.gap, f"{a.id} gap"), clean(a.action, f"{a.id} action"),
                              clean(a.owner, f"{a.id} owner"), a.due.isoformat() if a.due else "",
                              ACTION_STATUS_LABELS.get(a.status, a.status),
                              clean(a.closure_evidence, f"{a.id} closure evidence"), a.overdue(today))
                    for a in profile.actions)
    due = review_due(profile, today)
    note = ""
    if result.first and problems:
        note = (f"The submission history cannot be read ({problems[0]}), so the changes since the last submission "
                "are not listed; run `ctpat history` for details.")
    return CycleView(
        history_note=clean(note, "submission history"),
        first_submission=result.first and not problems, base=result.base,
        last_submitted=profile.last_submitted.isoformat() if profile.last_submitted else "",
        certification_date=profile.certification_date.isoformat() if profile.certification_date else "",
        review_due=due.isoformat() if due else "", changes=tuple(changes), changed_ids=result.changed_criteria(),
        review_started=review is not None, reviewer=clean(review.reviewer, "reviewer") if review else "",
        review=tuple(rows), reviewed=sum(1 for c in applicable if review is not None and c.id in review.marks),
        applicable=len(applicable),
        signed_off_by=clean(review.signed_off_by, "signed off by") if review else "",
        signed_off_on=review.signed_off_on.isoformat() if review and review.signed_off_on else "",
        actions=actions, problems=tuple(problems))
