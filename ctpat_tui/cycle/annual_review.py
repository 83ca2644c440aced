"""The annual review: which criteria are reviewed, what to look at before re-affirming one, and when it is done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.cycle.dates import review_due, review_window_open
from ctpat_tui.cycle.history import History, Submission
from ctpat_tui.profile.document import read_profile
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import AnnualReview, Profile
from ctpat_tui.review.files import inspect, resolve, sha256_of
from ctpat_tui.review.rules import is_stale, months_ago


@dataclass(frozen=True)
class ReviewProgress:
    """How far this year's review has come."""

    reviewed: int
    applicable: int
    reaffirmed: int
    updated: int
    needs_work: int

    @property
    def complete(self) -> bool:
        """True when every applicable criterion has a review state."""
        return self.applicable > 0 and self.reviewed == self.applicable

    def line(self) -> str:
        """One line for the review screen."""
        return (f"{self.reviewed} of {self.applicable} reviewed: {self.reaffirmed} re-affirmed, {self.updated} "
                f"updated, {self.needs_work} need work" + (" - complete" if self.complete else ""))


def offer_review(profile: Profile, today: dt.date) -> bool:
    """True when the app should offer the annual review: due within 90 days (or overdue) and not signed off."""
    if not review_window_open(profile, today):
        return False
    review = profile.annual_review
    return not (review is not None and review.due == review_due(profile, today) and review.signed_off_on)


def review_on_record(review: AnnualReview | None, history: History) -> bool:
    """True when starting a new review loses nothing: the review on file holds no marks or sign-off, or an intact
    submitted snapshot holds it exactly as it is now."""
    if review is None or not review.has_work:
        return True
    for submission in reversed([s for s in history.submissions if s.ok]):
        try:
            submitted = read_profile(submission.profile_file)
        except (ProfileError, OSError, ValueError):
            continue
        if submitted.annual_review == review:
            return True
    return False


def progress(catalog: Catalog, profile: Profile) -> ReviewProgress:
    """Counts of review states over the applicable criteria."""
    ids = [c.id for c, _d in catalog.applicable(profile.entity_type)]
    marks: Mapping[str, object] = profile.annual_review.marks if profile.annual_review else {}
    states = [getattr(marks[cid], "state", "") for cid in ids if cid in marks]
    return ReviewProgress(len(states), len(ids), states.count("reaffirmed"), states.count("updated"),
                          states.count("needs_work"))


def not_yet_reviewed(catalog: Catalog, profile: Profile) -> list[str]:
    """Applicable criteria without a review state, in portal order."""
    marks = profile.annual_review.marks if profile.annual_review else {}
    return [c.id for c, _d in catalog.applicable(profile.entity_type) if c.id not in marks]


def reaffirm_warnings(catalog: Catalog, profile: Profile, criterion_id: str, today: dt.date,
                      submitted: Submission | None = None) -> list[str]:
    """What to look at before re-affirming an answer unchanged: aged evidence, and files changed since submitted."""
    criterion = catalog.criteria.get(criterion_id)
    answer = profile.answer(criterion_id)
    if criterion is None or answer.status == "not_applicable":
        return []
    warnings: list[str] = []
    cycle = criterion.review_cycle_months
    dates = [e.date for e in answer.evidence if e.date is not None and e.date <= today]
    if answer.status and not answer.evidence:
        warnings.append("no evidence is referenced for this answer")
    elif dates and is_stale(max(dates), today, cycle):
        newest = max(dates)
        warnings.append(f"the newest evidence is dated {newest.isoformat()}, {months_ago(newest, today)} months ago "
                        f"(this criterion expects a {cycle}-month cycle)")
    for item in answer.evidence:
        if not item.file:
            continue
        path = resolve(profile.base_dir, item.file)
        check = inspect(path)
        if check.state != "ok":
            warnings.append(f"{item.file} {check.detail}")
            continue
        now = sha256_of(path, check)
        then = submitted.evidence_sha(criterion_id, item.file) if submitted is not None else None
        recorded = then or item.sha256
        if now and recorded and now != recorded.lower():
            since = "since it was submitted" if then else "since it was referenced"
            warnings.append(f"{item.file} changed {since}")
    return warnings
