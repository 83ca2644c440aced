"""The response preview of the current criterion in a window of its own: one key (F6) from anywhere in the form."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class PreviewDialog(ModalScreen[None]):
    """The text that goes into the portal box, with its length; Esc, F6 or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f6,enter", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, title: str, heading: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.heading = heading
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -tall"):
            yield Label(f"{self.title_text}: response preview (Esc or F6 closes)", classes="dialog-title")
            yield Static(Content(self.heading), classes="hint")
            with VerticalScroll(id="preview-body"):
                yield Static(Content(self.text or "(empty: nothing entered yet)"), id="preview-text")

    def on_mount(self) -> None:
        """Focus the text so the arrows and PageDown scroll a long response."""
        self.query_one("#preview-body").focus()

    def action_close(self) -> None:
        """Back to the form."""
        self.dismiss(None)
