"""The editor's keys for the annual cycle (part of the main screen): actions, annual review, changes, submission."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ctpat_tui.review.finding import Finding

if TYPE_CHECKING:
    from ctpat_tui.tui.session import EditSession

CYCLE = Binding.Group("Annual cycle", compact=True)
CHANGE_MARKS_SECONDS = 3.0


def today() -> dt.date:
    """The date the app works with (a function, so tests can inject another day)."""
    return dt.date.today()


class CycleKeys(Screen[None]):
    """Corrective actions (F10, ctrl+y), the annual review (F12), changes since submission (F11), mark submitted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "actions", "Actions", id="actions", show=False, group=CYCLE, priority=True,
                tooltip="The corrective-action plan: filter, sort, create, edit"),
        Binding("ctrl+y", "new_action", "New action", id="new-action", show=False, group=CYCLE, priority=True,
                tooltip="A corrective action for this criterion, from its first finding or its partial/planned status"),
        Binding("f12", "annual_review", "Annual review", id="annual-review", show=False, group=CYCLE, priority=True,
                tooltip="Re-affirm, update or flag every criterion for this year's review"),
        Binding("f11", "changes", "Changes", id="changes", show=False, group=CYCLE, priority=True,
                tooltip="What changed in this criterion since the last submission"),
    ]

    session: EditSession
    current: str | None
    findings_by_id: dict[str, list[Finding]]

    async def go_to(self, criterion_id: str, field: str | None = None) -> None:  # pragma: no cover - the screen's
        raise NotImplementedError

    def review_whole_profile(self) -> None:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    _changes_revision = -1

    def current_reload_after_cycle(self) -> None:
        """Refresh findings and the navigator after the profile changed on a cycle screen."""
        self.review_whole_profile()
        self._changes_revision = -1
        self._refresh_change_marks()

    def start_change_marks(self) -> None:
        """Mark criteria changed since the last submission in the navigator, and keep the marks current."""
        self._refresh_change_marks()
        self.set_interval(CHANGE_MARKS_SECONDS, self._refresh_change_marks)

    def _refresh_change_marks(self) -> None:
        revision = self.session.document.revision
        if revision == self._changes_revision:
            return
        self._changes_revision = revision
        self._compute_changes(self.session.profile)

    _history_reported = False

    @work(thread=True, exclusive=True, group="change-marks", exit_on_error=False)
    def _compute_changes(self, profile: object) -> None:
        from ctpat_tui.cycle.diff import diff_since_submission
        from ctpat_tui.cycle.history import history_problems

        if not self._history_reported:
            self._history_reported = True
            problems = history_problems(profile)  # type: ignore[arg-type]
            if problems:
                more = f" (and {len(problems) - 1} more; see ctpat history)" if len(problems) > 1 else ""
                self.app.call_from_thread(self.notify, problems[0] + more, title="Submission history",
                                          severity="warning", timeout=12)
        try:
            changed = set(diff_since_submission(profile).changed_criteria())  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - an unreadable history only means no marks; `ctpat history` says why
            changed = set()
        self.app.call_from_thread(self._show_changes, changed)

    def _show_changes(self, changed: set[str]) -> None:
        from ctpat_tui.tui.widgets.navigator import Navigator

        if self.is_attached:
            self.query_one(Navigator).set_changed(changed)

    def _back_to(self, criterion_id: str | None) -> None:
        self.current_reload_after_cycle()
        if criterion_id:
            self.call_later(self.go_to, criterion_id)

    def offer_annual_review(self) -> None:
        """Say so when the annual review is due within 90 days (or overdue) and not signed off."""
        from ctpat_tui.cycle.dates import review_due
        from ctpat_tui.cycle.annual_review import offer_review

        profile = self.session.profile
        day = today()
        if offer_review(profile, day):
            due = review_due(profile, day)
            when = "overdue since" if due and due < day else "due"
            self.notify(f"The annual profile review is {when} {due}. Press F12 to review every criterion.",
                        title="Annual review", timeout=12)

    def action_actions(self) -> None:
        """Open the corrective-action screen."""
        from ctpat_tui.tui.screens.cycle_actions import ActionsScreen

        self.app.push_screen(ActionsScreen(self.session, self.current, today=today()), self._back_to)

    def action_new_action(self) -> None:
        """Create an action for the current criterion from its first open finding (or its partial/planned status)."""
        if self.current is None:
            return
        open_findings = [f for f in self.findings_by_id.get(self.current, []) if not f.accepted]
        ranked = sorted(open_findings, key=lambda f: ("error", "warning", "info").index(f.severity))
        status = self.session.answer(self.current).status
        finding = None if status in ("partial", "planned") and not ranked else (ranked[0] if ranked else None)
        self.new_action_for(self.current, finding)

    def new_action_for(self, criterion_id: str, finding: Finding | None) -> None:
        """Open the action form prefilled from `finding` (or the criterion's status) and save what the user keeps."""
        from ctpat_tui.profile.model import Action
        from ctpat_tui.tui.dialogs.cycle import ActionDialog
        from ctpat_tui.tui.screens.cycle_actions import new_action, save_action

        if self.session.read_only:
            self.notify("Read-only: actions cannot be added.", severity="warning")
            return
        action = new_action(self.session, criterion_id, finding, today())

        def done(result: object) -> None:
            if isinstance(result, Action):
                problem = save_action(self.session, result)
                self.notify(problem or f"{result.id} saved. F10 lists every action.",
                            severity="error" if problem else "information")
                self.current_reload_after_cycle()

        where = f" for {criterion_id}" if criterion_id else ""
        self.app.push_screen(ActionDialog(action, today=today(), title=f"New corrective action{where}",
                                          criteria=self.session.catalog.criteria, new=True), done)

    def action_annual_review(self) -> None:
        """Open the annual review screen."""
        from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen

        self.app.push_screen(AnnualReviewScreen(self.session, today=today()), self._back_to)

    def action_changes(self) -> None:
        """Show what changed in the current criterion since the last submission."""
        from ctpat_tui.cycle.diff import diff_since_submission
        from ctpat_tui.tui.dialogs.common import ChoiceDialog

        if self.current is None:
            return
        try:
            changes = diff_since_submission(self.session.profile)
        except Exception as error:  # noqa: BLE001 - a history that cannot be read is reported, never fatal
            self.notify(f"Cannot compare with the last submission: {error}", severity="warning")
            return
        if changes.first:
            message = "No submission is on record yet: everything is new."
        else:
            lines = [c.describe() for c in changes.for_criterion(self.current)]
            message = "\n".join(lines) if lines else f"Unchanged since {changes.base}."
        self.app.push_screen(ChoiceDialog(f"{self.current}: changes since {changes.base}", message,
                                          [("close", "Close")], cancel="close"))

    def action_mark_submitted(self) -> None:
        """Ask for the submission date and record the profile as submitted."""
        from ctpat_tui.tui.dialogs.cycle import SubmitDialog
        from ctpat_tui.tui.screens.cycle_actions import mark_submitted

        def done(result: tuple[dt.date, str, str] | None) -> None:
            if result is None:
                return
            outcome = mark_submitted(self.session, *result, today())
            self.notify(outcome, severity="error" if outcome.startswith("not recorded") else "information",
                        timeout=10)
            self.current_reload_after_cycle()

        self.app.push_screen(SubmitDialog(today=today(), last=self.session.profile.last_submitted), done)
