"""F1 help: the keys of the screen underneath and a short how-to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

GENERAL_KEYS = [
    ("Tab / shift+Tab", "next / previous field"),
    ("ctrl+u / ctrl+k", "delete to the start / end of the line (F7 selects all in a text box)"),
    ("Enter", "in a list: open or choose; on a status: open its choices"),
    ("ctrl+g", "go to a criterion (type its ID, e.g. 1.4, or words)"),
    ("ctrl+p", "command palette: every command by name"),
    ("F1", "this help"),
    ("ctrl+q", "save and quit"),
]

HOW_TO = """\
How it works
  The list on the left holds every criterion for your entity type,
  grouped by portal section. Marks (never color alone):
    {complete} complete   {partial} in progress   {errors} has errors
    {attention} open warnings (not ready)   {empty} not answered   {na} not applicable
  M = Must, S = Should, MS = partly Must, ? = not known.
  Enter (or the right arrow) on a criterion moves into its form;
  ctrl+l goes back to the list. Fill the status and the five detail
  fields, add evidence (F5), and read the findings at the bottom:
  F4 jumps to the field the first finding is about; in the findings
  list, Enter jumps to that finding's field and x accepts it with a
  written reason; on a spelling finding, a adds its words (names,
  terms of your trade) to the profile's own spelling words.
  Everything is saved a moment after you stop typing ("saved" at the
  top right). The preview shows the text that goes into the portal.
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


def binding_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for the screen's bindings that have a description."""
    rows = []
    own = [b for cls in type(screen).__mro__ if cls.__module__.startswith("ctpat_tui")  # the screen and its parts
           for b in cls.__dict__.get("BINDINGS", [])]
    for binding in own:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = ", ".join(screen.app.get_key_display(Binding(k.strip(), binding.action))
                         for k in binding.key.split(","))
        rows.append((keys, binding.tooltip or binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys of the current screen plus the general ones; any of Esc, F1, q or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,enter", "close", "Close", show=False)]

    def __init__(self, screen: Screen, marks: dict[str, str]) -> None:
        super().__init__()
        self.for_screen = screen
        self.marks = marks

    def compose(self) -> ComposeResult:
        rows = binding_rows(self.for_screen) + GENERAL_KEYS
        width = max(len(keys) for keys, _ in rows) + 2
        keys_text = "\n".join(f"  {keys:<{width}}{text}" for keys, text in rows)
        how_to = getattr(self.for_screen, "HELP", None) or HOW_TO.format(**self.marks)
        with Vertical(classes="dialog -wide -tall"):
            yield Label("Help (Esc or F1 closes)", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content(f"Keys on this screen\n{keys_text}\n\n{how_to}"))

    def on_mount(self) -> None:
        """Focus the scrollable text so arrows and PageDown scroll it."""
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
