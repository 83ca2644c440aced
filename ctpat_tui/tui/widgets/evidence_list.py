"""The evidence references of the current criterion, as one list with add / edit / remove keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctpat_tui.profile.model import Evidence
from ctpat_tui.tui.widgets.settled import FittedScrollbars


def evidence_prompt(item: Evidence) -> Content:
    """'SEC-SOP-12 v3 · Security incident reporting procedure · 2026-03-01 · file' for one reference."""
    parts = [item.ref or "(no ref)", item.title or "(no title)", item.date.isoformat() if item.date else "(no date)"]
    if item.file:
        parts.append(item.file)
    return Content(" · ".join(parts))


class EvidenceList(FittedScrollbars, OptionList):
    """Evidence references; `enter` edits one in place, `delete` or `d` removes it, `insert` or `+` adds one. Its
    scroll bar is decided when it is refilled (FittedScrollbars: no second layout after a criterion switch)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit", show=True,
                tooltip="Edit the highlighted reference (the same checks as adding)"),
        Binding("delete,d", "remove", "Remove", show=True,
                tooltip="Remove the highlighted reference (asks first)"),
        Binding("insert,plus", "add", "Add evidence", show=False, tooltip="Add a reference"),
    ]

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The lines' total size, which asks for no layout: the list's height is measured by the layout from its
    options (new options ask for one themselves), and it only counts its lines once shown, just after the layout
    that showed it (Textual's asked for a second one)."""

    DEFAULT_CSS = """
    EvidenceList {
        height: auto;
        max-height: 6;
        margin: 0 0 0 2;
    }
    """

    @dataclass
    class Requested(Message):
        """The user asked to add, edit or remove an evidence reference (`index` -1 for add)."""

        action: str
        index: int = -1

    def __init__(self, **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]
        self._items: tuple[Evidence, ...] | None = None

    def show_items(self, items: Sequence[Evidence]) -> None:
        """Show `items`, keeping the cursor where it was when possible (the same items again: nothing to redo)."""
        if tuple(items) == self._items:
            return
        self._items = tuple(items)
        keep = self.highlighted
        self.set_options([Option(evidence_prompt(item)) for item in items])
        self.display = bool(items)
        if items:
            self.highlighted = min(keep or 0, len(items) - 1)

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Requested("edit", event.option_index))

    def action_edit(self) -> None:
        """Edit the highlighted reference."""
        if self.highlighted is not None:
            self.post_message(self.Requested("edit", self.highlighted))

    def action_add(self) -> None:
        """Ask for a new evidence reference."""
        self.post_message(self.Requested("add"))

    def action_remove(self) -> None:
        """Ask to remove the highlighted reference."""
        if self.highlighted is not None:
            self.post_message(self.Requested("remove", self.highlighted))
