"""The reviews behind the editing screen: when the live and whole-profile reviews run, and what they found.

`Reviews` is a collaborator the screen owns (not a part of the screen): it keeps the findings per criterion and
each criterion's state, schedules the reviews with the owner's timers, runs them in the owner's thread workers and
tells the owner what to draw. It can be read, and tested, without a screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message

from ctpat_tui.review.finding import Finding
from ctpat_tui.tui import outline

if TYPE_CHECKING:
    from textual.timer import Timer

    from ctpat_tui.catalog.model import Catalog
    from ctpat_tui.profile.model import Profile
    from ctpat_tui.review.engine import Review
    from ctpat_tui.tui.session import EditSession

LIVE_REVIEW_DELAY = 0.3
FULL_REVIEW_QUIET = 2.0


def app_today() -> dt.date:
    """The date the app judges deadlines and evidence ages by: the annual cycle's (which tests can inject)."""
    from ctpat_tui.tui.screens import cycle_keys

    return cycle_keys.today()


def review_answer(catalog: Catalog, profile: Profile, criterion_id: str) -> list[Finding]:
    """The review engine's findings for one answer (the engine, a large import, loads on first use)."""
    from ctpat_tui.review.engine import review_answer as review

    return review(catalog, profile, criterion_id, today=app_today())


def review_profile(catalog: Catalog, profile: Profile) -> Review:
    """The review engine's findings for the whole profile (loads the engine on first use)."""
    from ctpat_tui.review.engine import review_profile as review

    return review(catalog, profile, today=app_today())


@dataclass
class LiveFindings(Message):
    """The review engine's findings for one criterion at one document revision."""

    criterion_id: str
    findings: tuple[Finding, ...]


@dataclass
class FullReview(Message):
    """Findings for the whole profile (keeps every navigator mark current)."""

    findings: tuple[Finding, ...]


class ReviewsOwner(Protocol):
    """What the reviews need from the screen that owns them: its session and current criterion, its timers,
    thread workers and message queue, and the places where findings and states are drawn."""

    session: EditSession
    current: str | None

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Timer: ...

    def run_worker(self, work: Callable[[], object], *, thread: bool, exclusive: bool, group: str,
                   exit_on_error: bool) -> Any: ...

    def post_message(self, message: Message) -> bool: ...

    def refresh_stale_preview(self) -> None: ...

    def show_findings(self, findings: Sequence[Finding]) -> None: ...

    def states_changed(self, states: Mapping[str, str]) -> None: ...

    def settle_heap(self) -> None: ...


class Reviews:
    """The live review of the current criterion (after a pause in typing, and at once after a switch) and the
    review of the whole profile (after a longer pause, or on request), both in thread workers; their findings
    per criterion (`findings_by_id`) and each criterion's state (`states`: empty, partial, errors, ...)."""

    def __init__(self, owner: ReviewsOwner) -> None:
        self.owner = owner
        self.findings_by_id: dict[str, list[Finding]] = {}
        self.states: dict[str, str] = {}
        self._live_timer: Timer | None = None
        self._full_timer: Timer | None = None

    # --- when they run -----------------------------------------------------------------------

    def schedule_live(self, delay: float) -> None:
        """Review the current criterion after `delay` seconds (restarted by every edit)."""
        self.cancel_live()
        self._live_timer = self.owner.set_timer(max(delay, 0.001), self._live_review)

    def cancel_live(self) -> None:
        """Drop a pending live review (a whole-profile review that covers the criterion is coming)."""
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None

    def full_soon(self) -> None:
        """Review the whole profile after FULL_REVIEW_QUIET seconds without edits (the live review keeps the
        current criterion up to date meanwhile; this one refreshes the marks of the others)."""
        if self._full_timer is not None:
            self._full_timer.stop()
        self._full_timer = self.owner.set_timer(FULL_REVIEW_QUIET, self._full_review_now)

    def postpone_full(self) -> None:
        """The user is typing again: a pending whole-profile review waits again (Timer.reset restarts the wait
        when the current one ends, so the review starts at least FULL_REVIEW_QUIET seconds after this edit)."""
        if self._full_timer is not None:
            self._full_timer.reset()

    def review_whole_profile(self) -> None:
        """Review every criterion now, in a thread worker; the findings come back as a FullReview message."""
        owner = self.owner
        session = owner.session

        def review() -> None:
            owner.post_message(FullReview(tuple(review_profile(session.catalog, session.profile).findings)))

        owner.run_worker(review, thread=True, exclusive=True, group="full-review", exit_on_error=False)

    def _live_review(self) -> None:
        self._live_timer = None
        owner = self.owner
        criterion_id = owner.current
        if criterion_id is None:
            return
        owner.refresh_stale_preview()
        session = owner.session
        profile = session.profile

        def review() -> None:
            owner.post_message(LiveFindings(criterion_id, tuple(review_answer(session.catalog, profile,
                                                                              criterion_id))))

        owner.run_worker(review, thread=True, exclusive=True, group="live-review", exit_on_error=False)

    def _full_review_now(self) -> None:
        self._full_timer = None
        self.review_whole_profile()

    # --- what they found ---------------------------------------------------------------------

    def live_findings(self, event: LiveFindings) -> None:
        """One criterion's findings are in: keep them, show them when it is still the current one."""
        self.findings_by_id[event.criterion_id] = list(event.findings)
        if event.criterion_id == self.owner.current:
            self.owner.show_findings(event.findings)
        self.recompute(event.criterion_id)

    def full_review(self, event: FullReview) -> None:
        """The whole profile's findings are in: every criterion's findings and state are replaced."""
        owner = self.owner
        grouped = outline.group_findings(event.findings)
        self.findings_by_id = {cid: grouped.get(cid, []) for cid in self.states}
        self.reset_states()
        if owner.current is not None:
            owner.show_findings(self.findings_by_id.get(owner.current, []))
        owner.settle_heap()

    def reset_states(self) -> None:
        """Every criterion's state from the profile and the findings kept (at start, after a reload)."""
        session = self.owner.session
        self.states = outline.all_states(session.catalog, session.profile, self.findings_by_id)
        self.owner.states_changed(self.states)

    def recompute(self, criterion_id: str) -> None:
        """Recompute one criterion's state; the owner is told only when it changed."""
        if criterion_id not in self.states:
            return
        session = self.owner.session
        state = outline.answer_state(session.criterion(criterion_id), session.answer(criterion_id),
                                     self.findings_by_id.get(criterion_id, []))
        if state != self.states[criterion_id]:
            self.states[criterion_id] = state
            self.owner.states_changed({criterion_id: state})

    def progress_line(self) -> str:
        """'12/93 done · 3 with errors · 2 need attention' for the top bar."""
        states = self.states
        done = outline.progress(states, states)
        errors = sum(1 for s in states.values() if s == "errors")
        attention = sum(1 for s in states.values() if s == "attention")
        return f"{done.label} done" + (f" · {errors} with errors" if errors else "") + (
            f" · {attention} need attention" if attention else "")
