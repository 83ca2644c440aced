"""Reviewers' feedback from Word drafts, criterion by criterion: accept a proposed text, reject it, or keep a comment
as a review note. Nothing changes in the profile without one of these keys."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ctpat_tui.feedback.apply import accept, keep_as_note, move_version_on
from ctpat_tui.feedback.report import Feedback, Item
from ctpat_tui.tui.autosave import Autosaver
from ctpat_tui.tui.dialogs.common import ChoiceDialog
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.widgets.key_footer import KeyFooter

HELP = """\
How the feedback screen works
  The list holds what reviewers left in the Word drafts you named:
  tracked changes ("tracked"), text edited without tracking
  ("edited") and comments, criterion by criterion. Below the list:
  who wrote it, when, in which draft, and for a change the field's
  text now and as proposed; Tab moves into that text to scroll it
  (arrows, PageDown) and shift+Tab back to the list. The lines at
  the top say which files were read, and why a file was not (not a
  draft of this profile, unreadable, anchors deleted).
  Decide each item; the cursor then moves on to the next one:
    x  accept: the proposed text replaces the field's text. When the
       field changed in the profile after the draft was made, you
       are asked first.
    p  pin it to its criterion's answer as a review note (a comment,
       or a change's summary). The note shows with the answer until
       you resolve it (ctrl+p, "resolve this criterion's review
       notes").
    l  leave it: the answer stays as it is.
  Nothing in the profile changes without one of these keys; what you
  accept or pin is saved like typing. Items you leave undecided stay
  in the Word files: read them again later (ctrl+p, "feedback").
  Esc goes back to the editor. When something was taken in, the
  profile's version moves on, so the next draft shows it is newer.
"""
KIND_LABELS = {"change": "tracked", "edit": "edited", "comment": "comment"}


def detail_text(item: Item) -> str:
    """Everything about one item, with the field's text now and as proposed."""
    lines = [f"{item.criterion or '(no criterion)'} \u00b7 {item.label or 'heading'} \u00b7 "
             f"{', '.join(item.authors)} {item.date[:10]} \u00b7 {item.draft}"]
    if item.kind == "comment":
        lines.append(item.text)
        if item.anchored:
            lines.append(f"On: \u201c{item.anchored}\u201d")
        lines += [f"Reply ({r['author']}): {r['text']}" for r in item.replies]
    else:
        lines.append(item.text)
        if item.conflict:
            lines.append("CONFLICT: this field changed in the profile since the draft was made.")
        if "composed" in item.label:
            lines.append("Accepting makes this the company's own response text (the detail fields are kept but no "
                         "longer make up the response).")
        lines += ["", "Now:", item.before or "(empty)", "", "Proposed:", item.after or "(empty)"]
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[:width - 1] + "\u2026"


class FeedbackScreen(Screen[set[str]]):
    """The items of one or more reviewed drafts; returns the criteria whose answers changed."""

    HELP = HELP

    DEFAULT_CSS = """
    #feedback-title { height: 1; text-style: bold; }
    #feedback-drafts { height: auto; max-height: 3; }
    #feedback-table { height: 8; }
    #feedback-detail { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("escape", "back", "Back", id="feedback-back", tooltip="Back to the editor"),
        Binding("x", "accept", "Accept", id="feedback-accept", tooltip="Put the proposed text into the answer"),
        Binding("l", "reject", "Leave", id="feedback-reject", tooltip="Reject: leave the answer as it is"),
        Binding("p", "note", "Pin as note", id="feedback-note",
                tooltip="Pin the comment to the answer as a review note until you resolve it"),
    ]

    def __init__(self, session: EditSession, autosaver: Autosaver | None, feedback: Feedback) -> None:
        super().__init__()
        self.session = session
        self.autosaver = autosaver
        self.feedback = feedback
        self.items = [item for items in feedback.by_criterion().values() for item in items]
        self.decisions: dict[int, str] = {}
        self.changed: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-title")
        yield Static(id="feedback-drafts")
        yield DataTable(id="feedback-table", cursor_type="row", zebra_stripes=False)
        with VerticalScroll(id="feedback-detail"):
            yield Static(id="feedback-text")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """List the items and show the first."""
        table = self.query_one(DataTable)
        table.add_columns("Crit", "What", "Field", "By", "Decision")
        for index, item in enumerate(self.items):
            table.add_row(item.criterion or "-", KIND_LABELS[item.kind], _cut(item.label, 26) or "heading",
                          _cut(", ".join(item.authors), 16), "", key=str(index))
        drafts = [d.message for d in self.feedback.drafts]
        drafts += [f"Not read back (anchors deleted): {', '.join(d.unread)}" for d in self.feedback.drafts if d.unread]
        self.query_one("#feedback-drafts", Static).update(Content("\n".join(drafts)))
        self._title()
        self._show(0)
        table.focus()

    def _title(self) -> None:
        done = len(self.decisions)
        self.query_one("#feedback-title", Static).update(
            f"Reviewers' feedback: {len(self.items)} items, {done} decided")

    def _show(self, index: int) -> None:
        if self.items:
            text = detail_text(self.items[index])
        elif any(d.status == "this profile" for d in self.feedback.drafts):
            text = "No comments or changes in these drafts."
        else:
            text = "Nothing to take in: none of these files is a draft of this profile (see above why)."
        self.query_one("#feedback-text", Static).update(Content(text))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _current(self) -> tuple[int, Item] | None:
        if not self.items:
            return None
        index = self.query_one(DataTable).cursor_row
        return index, self.items[index]

    def _decide(self, index: int, decision: str) -> None:
        self.decisions[index] = decision
        table = self.query_one(DataTable)
        table.update_cell(str(index), table.ordered_columns[-1].key, decision, update_width=True)
        self._title()
        if index + 1 < len(self.items):
            table.move_cursor(row=index + 1)

    def _changed(self, criterion: str) -> None:
        self.changed.add(criterion)
        if self.autosaver is not None:
            self.autosaver.touch()

    @work
    async def action_accept(self) -> None:
        """Put the proposed text into the answer (asks first when the profile's text changed since the draft)."""
        current = self._current()
        if current is None or self.session.read_only:
            return
        index, item = current
        if item.kind == "comment":
            self.notify("A comment has no text to accept: pin it as a note (p) or leave it (l).")
            return
        if item.conflict:
            choice = await self.app.push_screen_wait(ChoiceDialog(
                "The answer changed since this draft",
                f"{item.criterion} {item.label} was edited in the profile after the draft was made. Replace the text "
                "it has now with the reviewer's?", [("replace", "Replace"), ("keep", "Keep mine")], cancel="keep"))
            if choice != "replace":
                return
        if accept(self.session.document, item):
            self._changed(item.criterion)
        self._decide(index, "accepted")

    def action_reject(self) -> None:
        """Leave the answer as it is."""
        current = self._current()
        if current is not None:
            self._decide(current[0], "rejected")

    def action_note(self) -> None:
        """Keep the item as a review note on its criterion's answer."""
        current = self._current()
        if current is None or self.session.read_only:
            return
        index, item = current
        if not item.criterion:
            self.notify("This comment is not under a criterion, so there is no answer to keep it on.")
            return
        keep_as_note(self.session.document, item)
        self._changed(item.criterion)
        self._decide(index, "note kept")

    def action_back(self) -> None:
        """Back to the criteria; when anything was taken in, the profile's version moves on."""
        if self.changed and not self.session.read_only:
            move_version_on(self.session.document)
            if self.autosaver is not None:
                self.autosaver.touch()
        self.dismiss(self.changed)
