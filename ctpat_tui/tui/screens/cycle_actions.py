"""The annual cycle in the app: the corrective-action screen, and the helpers the editor's keys use."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ctpat_tui.cycle.actions import SORT_KEYS, select_actions
from ctpat_tui.cycle.history import SubmissionError, record_submission
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import ACTION_STATUS_LABELS, Action
from ctpat_tui.review.finding import Finding
from ctpat_tui.tui.dialogs.cycle import ActionDialog
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.widgets.key_footer import KeyFooter

HELP = """\
How the corrective-action plan works
  One row per corrective action: what is missing or weak (the gap),
  what will be done, who owns it and by when; ! after a date means
  it is overdue. Below the list: the highlighted action in full.
  Enter edits the highlighted action; Ins (or +) adds one for the
  criterion open in the editor (ctrl+y there does the same, filled
  in from its finding). In the form, typing replaces a filled-in
  value; End or an arrow key edits it. ctrl+s saves, Esc cancels
  (asking first when you typed something).
  / shows all, open or overdue actions in turn; s changes the order;
  j jumps to the action's criterion in the editor. A verified action
  needs its closure evidence: the record that shows it is closed.
"""
FILTERS = ("all", "open", "overdue")
OWNER_WIDTH = 14
FIXED_COLUMNS = 59  # ID, Crit, Status, Due and Owner at their widest, with each column's padding (Gap's too)


def clip(text: str, width: int) -> str:
    """`text` on one line in at most `width` characters, with an ellipsis when something was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def new_action(session: EditSession, criterion_id: str, finding: Finding | None, today: dt.date) -> Action:
    """A new action for a criterion, prefilled from a finding or from a partial/planned answer."""
    answer = session.answer(criterion_id) if criterion_id else None
    gap = ""
    if finding is not None:
        gap = finding.message
    elif answer is not None and answer.status in ("partial", "planned"):
        title = session.catalog.criteria[criterion_id].title if criterion_id in session.catalog.criteria else ""
        gap = f"{title}: {answer.status}".strip(": ")
    return Action(session.document.next_action_id(), criterion_id, gap, finding.rule if finding else "",
                  owner=answer.owner if answer is not None else "", status="open", opened=today)


def save_action(session: EditSession, action: Action) -> str:
    """Store the action and save the profile; returns a problem to show, or ''."""
    if session.read_only:
        return "read-only: the action was not saved"
    session.document.set_action(action)
    try:
        elsewhere = session.flush()
    except ProfileError as error:
        return str(error)
    return f"could not save over a changed file; edits kept in {elsewhere}" if elsewhere else ""


def mark_submitted(session: EditSession, day: dt.date, portal_ref: str, note: str, today: dt.date) -> str:
    """Save, snapshot the saved profile as submitted on `day`, and record the date; returns a one-line outcome."""
    if session.read_only:
        return "read-only: nothing recorded"
    try:
        elsewhere = session.flush()
        if elsewhere:
            return f"not recorded: the profile changed on disk (your edits are in {elsewhere})"
        document = session.document
        submission = record_submission(session.path, document.saved_text, document.profile, day,
                                       portal_ref=portal_ref, note=note, today=today)
        latest = document.profile.last_submitted
        if latest is None or day >= latest:
            document.set_header_date("last_submitted", day)
            session.flush()
    except (SubmissionError, ProfileError) as error:
        return f"not recorded: {error}"
    return f"Submission of {day.isoformat()} recorded in {submission.folder.name}/ ({len(submission.evidence)} " \
           "evidence files fingerprinted)"


class ActionsScreen(Screen[str | None]):
    """Every corrective action: filter, sort, create and edit; Enter on none goes back."""

    HELP = HELP

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("enter", "edit", "Edit", tooltip="Edit the highlighted action"),
        Binding("insert,plus", "add", "New", key_display="Ins", tooltip="A new corrective action"),
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Filter the actions by state, in turn"),
        Binding("s", "sort", "Sort", tooltip="Sort the actions, in turn"),
        Binding("j", "go", "Go to criterion", tooltip="Jump to the highlighted action's criterion"),
        Binding("f10,escape,q", "back", "Back", key_display="Esc", tooltip="Back to the editor"),
    ]

    DEFAULT_CSS = """
    ActionsScreen #actions-table { height: 1fr; }
    ActionsScreen #actions-summary {
        height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ActionsScreen #action-detail { height: 4; padding: 0 1; background: $panel; }
    """

    def __init__(self, session: EditSession, current: str | None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.current = current or ""
        self.today = today or dt.date.today()
        self.shown: list[Action] = []
        self.filter = "all"
        self.sort = "due"

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(f"Corrective actions · {self.session.profile.company}", id="title")
        yield Static("", id="actions-summary")
        yield DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="action-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.add_columns("ID", "Crit", "Status", "Due", "Owner", "Gap")
        table.focus()
        self.refill()

    def refill(self, keep: str = "") -> None:
        """Apply filter and sort to the table."""
        profile = self.session.profile
        rows = select_actions(profile, today=self.today, overdue=self.filter == "overdue", sort=self.sort)
        if self.filter == "open":
            rows = [a for a in rows if a.is_open]
        self.shown = rows
        table = self.query_one(DataTable)
        table.clear()
        gap_width = max(12, (table.size.width or self.app.size.width) - 1 - FIXED_COLUMNS)
        for action in rows:
            due = action.due.isoformat() if action.due else "-"
            if action.overdue(self.today):
                due += " !"
            table.add_row(action.id, action.criterion or "-", ACTION_STATUS_LABELS[action.status], due,
                          clip(action.owner or "-", OWNER_WIDTH), clip(action.gap or action.action, gap_width))
        overdue = sum(a.overdue(self.today) for a in profile.actions)
        self.query_one("#actions-summary", Static).update(
            f"{len(rows)} of {len(profile.actions)} shown ({self.filter}) · {overdue} overdue · sorted by {self.sort}")
        if keep:
            index = next((i for i, a in enumerate(rows) if a.id == keep), 0)
            table.move_cursor(row=index)
        if not rows:
            self.query_one("#action-detail", Static).update("No corrective actions here. Ins: a new action.")

    def _highlighted_action(self) -> Action | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        return self.shown[row] if self.shown and row is not None and 0 <= row < len(self.shown) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        action = self._highlighted_action()
        if action is None:
            return
        lines = [f"{action.id} {action.criterion or '(profile-wide)'}: {action.gap or '(no gap described)'}",
                 f"Action: {action.action or '-'} · owner {action.owner or '-'}"
                 + (" · OVERDUE" if action.overdue(self.today) else "")]
        if action.closure_evidence:
            lines.append(f"Closed by: {action.closure_evidence}")
        self.query_one("#action-detail", Static).update(Content("\n".join(lines)))

    def _edit(self, action: Action, title: str = "", *, new: bool = False) -> None:
        def done(result: Action | None) -> None:
            if result is None:
                return
            problem = save_action(self.session, result)
            if problem:
                self.notify(problem, severity="error")
            self.refill(keep=result.id)

        self.app.push_screen(ActionDialog(action, today=self.today, title=title,
                                          criteria=self.session.catalog.criteria, new=new), done)

    def action_edit(self) -> None:
        """Edit the highlighted action."""
        action = self._highlighted_action()
        if action is not None:
            self._edit(action)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        """Ins or +: a new corrective action (Ins/+ add everywhere in the app)."""
        self.action_new()

    def action_new(self) -> None:
        """A new action (for the criterion open in the editor)."""
        self._edit(new_action(self.session, self.current, None, self.today), "New corrective action", new=True)

    def profile_reloaded(self) -> None:
        """The profile was read again from disk: show its actions, keeping the highlighted one when it is there."""
        action = self._highlighted_action()
        self.refill(keep=action.id if action is not None else "")

    def action_filter(self) -> None:
        """Cycle the filter: all, open or in progress, overdue."""
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.refill()

    def action_sort(self) -> None:
        """Cycle the sort order: due date, status, criterion, owner, ID."""
        self.sort = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
        self.refill()

    def action_go(self) -> None:
        """Back to the editor at the highlighted action's criterion."""
        action = self._highlighted_action()
        if action is not None and action.criterion:
            self.dismiss(action.criterion)

    def action_back(self) -> None:
        """Back to the editor."""
        self.dismiss(None)

