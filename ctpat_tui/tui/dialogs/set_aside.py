"""The dialog that marks one or several criteria not applicable with one reason (pre-filled, to confirm or edit)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.tui.widgets.answer_fields import AnswerInput

SHOWN_IDS = 12


def id_list(ids: Sequence[str]) -> str:
    """'9.2, 9.5, 10.4' (the first dozen, then 'and N more')."""
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown if len(ids) <= SHOWN_IDS else f"{shown} and {len(ids) - SHOWN_IDS} more"


def offered_reason(catalog: Catalog, entity: str, ids: Sequence[str], last_reason: str) -> tuple[str, str]:
    """The reason to pre-fill and a line saying where it comes from: the reason given last time (offered for the
    next one), else the catalog's suggestion for a probably-not-applicable criterion, else nothing."""
    entity_ids = [c.id for c, _d in catalog.applicable(entity)]
    if last_reason and not any(catalog.suggested_na_reason(entity, cid) == last_reason for cid in entity_ids):
        return last_reason, "The reason you gave last time is filled in: Enter applies it again, or edit it."
    suggestions = [catalog.suggested_na_reason(entity, cid) for cid in ids]
    if suggestions and all(suggestions):
        note = "Suggested reason filled in"
        if len(ids) > 1:
            note += " (each criterion gets its own ID and title in it)"
        return suggestions[0], (note + f": confirm it with Enter, or edit it to say it in your words.\n"
                                f"\"{suggestions[0]}\"")
    return "", ""


def reasons_for(catalog: Catalog, entity: str, ids: Sequence[str], text: str) -> dict[str, str]:
    """The reason stored per criterion: when the text is the first criterion's untouched suggestion, each criterion
    gets its own suggestion; otherwise every criterion gets the text as typed."""
    suggestions = {cid: catalog.suggested_na_reason(entity, cid) for cid in ids}
    if ids and text == suggestions[ids[0]] and all(suggestions.values()):
        return suggestions
    return {cid: text for cid in ids}


class SetAsideDialog(ModalScreen[str | None]):
    """One reason for several criteria; Enter accepts, Escape cancels (nothing changes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "accept", "OK", show=False),
    ]

    def __init__(self, ids: Sequence[str], reason: str, note: str) -> None:
        super().__init__()
        self.ids = tuple(ids)
        self.reason = reason
        self.note = note

    def compose(self) -> ComposeResult:
        count = len(self.ids)
        title = f"{self.ids[0]} does not apply" if count == 1 else f"{count} criteria do not apply"
        with Vertical(classes="dialog"):
            yield Label(title, classes="dialog-title")
            yield Static(f"Mark not applicable: {id_list(self.ids)}.\nSay why (the reviewer reads it; for a Must it "
                         "needs to convince). u in the list undoes it.", classes="dialog-message")
            yield AnswerInput(self.reason, placeholder="e.g. We hold no cargo: carriers and warehouses do",
                              select_on_focus=False, id="set-aside-reason")
            yield Static(self.note, id="set-aside-note", classes="dialog-message")
            yield Static("", id="set-aside-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the reason box, cursor after the offered text."""
        self.query_one("#set-aside-note").display = bool(self.note)
        self.query_one("#set-aside-reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_accept(self) -> None:
        """Accept the reason (refused when empty)."""
        text = self.query_one("#set-aside-reason", Input).value.strip()
        if not text:
            self.query_one("#set-aside-error", Static).update("Give a reason, or press Esc to leave them as they are.")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave every criterion as it is."""
        self.dismiss(None)
