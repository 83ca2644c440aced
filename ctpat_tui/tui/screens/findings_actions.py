"""The live and whole-profile reviews of the main screen: when they run, and how their findings are shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ctpat_tui.review.finding import Finding
from ctpat_tui.tui import outline
from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
from ctpat_tui.tui.widgets.findings import FindingsPanel
from ctpat_tui.tui.widgets.navigator import Navigator

if TYPE_CHECKING:
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


class FindingsActions(Screen[None]):
    """Reviews for the screen that owns `session`, `current`, `findings_by_id` and `states`."""

    session: EditSession
    current: str | None
    findings_by_id: dict[str, list[Finding]]
    states: dict[str, str]
    _preview_stale: bool
    _review_timer: Timer | None = None
    _full_review_timer: Timer | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog the session uses."""
        return self.session.catalog

    def postpone_full_review(self) -> None:
        """The user is typing again: a pending whole-profile review waits again (Timer.reset restarts the wait
        when the current one ends, so the review starts at least FULL_REVIEW_QUIET seconds after this edit)."""
        if self._full_review_timer is not None:
            self._full_review_timer.reset()

    def schedule_review(self, delay: float) -> None:
        """Review the current criterion after `delay` seconds (restarted by every edit)."""
        if self._review_timer is not None:
            self._review_timer.stop()
        self._review_timer = self.set_timer(max(delay, 0.001), self._live_review)

    def _live_review(self) -> None:
        self._review_timer = None
        if self.current is not None:
            if self._preview_stale:
                self._preview_stale = False
                self.query_one(CriterionPane).show_answer(self.session.answer(self.current))
            self._review_one(self.current, self.session.profile)

    @work(thread=True, exclusive=True, group="live-review", exit_on_error=False)
    def _review_one(self, criterion_id: str, profile) -> None:  # type: ignore[no-untyped-def]
        findings = review_answer(self.catalog, profile, criterion_id)
        self.post_message(LiveFindings(criterion_id, tuple(findings)))

    def full_review_soon(self) -> None:
        """Review the whole profile after FULL_REVIEW_QUIET seconds without edits (the live review keeps the
        current criterion up to date meanwhile; this one refreshes the marks of the others)."""
        if self._full_review_timer is not None:
            self._full_review_timer.stop()
        self._full_review_timer = self.set_timer(FULL_REVIEW_QUIET, self._full_review_now)

    def _full_review_now(self) -> None:
        self._full_review_timer = None
        self.review_whole_profile()

    @work(thread=True, exclusive=True, group="full-review", exit_on_error=False)
    def review_whole_profile(self) -> None:
        """Review every criterion in a thread worker; the findings come back as a FullReview message."""
        review = review_profile(self.catalog, self.session.profile)
        self.post_message(FullReview(tuple(review.findings)))

    @on(LiveFindings)
    def _live_findings(self, event: LiveFindings) -> None:
        self.findings_by_id[event.criterion_id] = list(event.findings)
        if event.criterion_id == self.current:
            self.show_findings(event.findings)
        self.set_state(event.criterion_id)

    @on(FullReview)
    def _full_findings(self, event: FullReview) -> None:
        grouped = outline.group_findings(event.findings)
        self.findings_by_id = {cid: grouped.get(cid, []) for cid in self.states}
        self.states = outline.all_states(self.catalog, self.session.profile, self.findings_by_id)
        self.query_one(Navigator).set_states(self.states)
        if self.current is not None:
            self.show_findings(self.findings_by_id.get(self.current, []))
        self.update_progress()
        self.settle_heap()

    def settle_heap(self) -> None:
        """The whole profile has been reviewed (the screen decides whether its heap is settled now)."""

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show the current criterion's findings and their summary line in the same frame."""
        panel = self.query_one(FindingsPanel)
        if panel.show_findings(findings):
            self.query_one("#findings-title", Static).update(panel.summary_line, layout=False)

    def set_state(self, criterion_id: str) -> None:
        """Recompute one criterion's state and update its navigator mark and the progress when it changed."""
        if criterion_id not in self.states:
            return
        state = outline.answer_state(self.session.criterion(criterion_id), self.session.answer(criterion_id),
                                     self.findings_by_id.get(criterion_id, []))
        if state != self.states[criterion_id]:
            self.states[criterion_id] = state
            self.query_one(Navigator).set_states({criterion_id: state})
            self.update_progress()

    def update_progress(self) -> None:
        """'12/93 done · 3 with errors' in the top bar."""
        done = outline.progress(self.states, self.states)
        errors = sum(1 for s in self.states.values() if s == "errors")
        attention = sum(1 for s in self.states.values() if s == "attention")
        text = f"{done.label} done" + (f" · {errors} with errors" if errors else "") + (
            f" · {attention} need attention" if attention else "")
        self.query_one("#progress", Static).update(text)
