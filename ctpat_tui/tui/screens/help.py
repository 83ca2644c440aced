"""F1 help: the keys of the screen underneath and a short how-to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ctpat_tui.tui.keymap import help_keys_text

HELP_WIDTH = 72
"""Help lines are wrapped between words to fit the help window at 80 columns (78 wide, a border and a scrollbar)."""

HOW_TO = """\
How it works
  The list on the left holds every criterion for your entity type in
  the order the CTPAT portal asks them, grouped by portal section:
  Q1 beside 1.2 means it is the portal's question 1, which is why 1.2
  comes before 1.1. o in the list switches to MSC-ID order (1.1, 1.2,
  ... 2.1) and back; the line over the list says which one is shown.
  Marks (never color alone):
    {complete} complete   {partial} in progress   {errors} has errors
    {attention} open warnings (not ready)   {empty} not answered
    {na} not applicable
  After the ID: * marked (to set aside), ~ changed since the last
  submission.
  M = Must, S = Should, m = partly Must, ? = not known.
  Enter (or the right arrow) on a criterion moves into its form;
  ctrl+l goes back to the list; F8 and F9 step to the previous and
  next criterion from anywhere. Fill the status and the five detail
  fields, add evidence (F5), and read the findings at the bottom:
  F4 jumps to the field the first finding is about; in the findings
  list, Enter jumps to that finding's field and x accepts it with a
  written reason; on a spelling finding, k keeps its words (names,
  terms of your trade) as the profile's own spelling words.
  Everything is saved a moment after you stop typing ("saved" at the
  top right). F6 shows the text that goes into the portal box.
  ctrl+r shows readiness and every finding; ctrl+o renders the
  documents; ctrl+g jumps to a criterion by ID or words; ctrl+p
  finds any command by name.

Setting criteria aside
  In the list, space (or m) marks a criterion and moves down; a marks
  the whole group. n marks the marked ones (or the one under the
  cursor) not applicable with one reason; the next time, the same
  reason is offered. u puts them back as they were. A status list
  takes type-ahead: n picks Not applicable, pl Planned.
  For an entity type that never holds cargo (customs broker), the
  cargo criteria wait in the last group, "Probably N/A",
  with a suggested reason to confirm or edit.

Pasting
  Multi-line text keeps its lines in the multi-line boxes (controls,
  records, escalation, own response text). Pasted into a one-line
  field (how often, owner, ...) its lines are joined with spaces.
  A terminal without bracketed paste sends each line break as Enter:
  still fine in the boxes, but in a one-line field the lines then run
  together, so paste long text into a box.
"""


class HelpScreen(ModalScreen[None]):
    """Keys of the current screen plus the general ones; any of Esc, F1, q or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,enter", "close", "Close", show=False)]

    def __init__(self, screen: Screen, marks: dict[str, str]) -> None:
        super().__init__()
        self.for_screen = screen
        self.marks = marks

    def compose(self) -> ComposeResult:
        keys_text = help_keys_text(type(self.for_screen), HELP_WIDTH)
        how_to = getattr(self.for_screen, "HELP", None) or HOW_TO.format(**self.marks)
        with Vertical(classes="dialog -wide -tall"):
            yield Label("Help (Esc or F1 closes)", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content(f"{keys_text}\n\n{how_to}"))

    def on_mount(self) -> None:
        """Focus the scrollable text so arrows and PageDown scroll it."""
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
