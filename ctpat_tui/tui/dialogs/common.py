"""Generic dialogs: a choice between a few numbered buttons, a confirmation, and one line of text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerInput


class ChoiceDialog(ModalScreen[str]):
    """Ask the user to pick one of a few choices; each button also answers to its number key."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, message: str, choices: Sequence[tuple[str, str]], *, cancel: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = list(choices)
        self.cancel_value = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            for number, (value, label) in enumerate(self.choices, start=1):
                yield Button(f"{number}  {label}", id=f"choice-{value}", compact=True, classes="choice")

    @on(Button.Pressed, ".choice")
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def on_key(self, event: Key) -> None:
        """Number keys pick the matching choice."""
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.choices):
                event.stop()
                self.dismiss(self.choices[index][0])

    def action_cancel(self) -> None:
        """Escape: the cancel choice, when the dialog has one."""
        if self.cancel_value:
            self.dismiss(self.cancel_value)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no; `y` and `n` answer directly."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No", show=False),
        Binding("y", "answer(True)", "Yes", show=False),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        """Answer yes or no."""
        self.dismiss(value)


class TextPromptDialog(ModalScreen[str | None]):
    """One line of text (a reason, a path); Enter or ctrl+s accepts, Escape or the Cancel button gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "accept", "OK", show=False),
    ]

    def __init__(self, title: str, message: str, *, value: str = "", placeholder: str = "",
                 required: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.value = value
        self.placeholder = placeholder
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            yield AnswerInput(self.value, placeholder=self.placeholder, select_on_focus=False, id="prompt-input")
            yield Static("", id="prompt-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_accept(self) -> None:
        """Accept the text (refused when empty and required)."""
        box = self.query_one("#prompt-input")
        text = (box.text if isinstance(box, TextArea) else box.value).strip()  # type: ignore[attr-defined]
        if self.required and not text:
            self.query_one("#prompt-error", Static).update("Please type something, or press Esc to cancel.")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Give up without an answer."""
        self.dismiss(None)


class ReasonDialog(TextPromptDialog):
    """A reason (why a criterion does not apply, why a finding is acceptable) in a box that wraps, so a long one
    offered or typed is read whole; Enter (or ctrl+s) accepts, as in the one-line prompt."""

    AUTO_FOCUS = "#prompt-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "OK", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            yield AnswerArea(self.value, placeholder=self.placeholder, soft_wrap=True, tab_behavior="focus",
                             compact=True, id="prompt-input", classes="-reason")
            yield Static("", id="prompt-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def action_accept(self) -> None:
        """Enter accepts, except on the Cancel button, where it cancels."""
        if self.focused is not None and self.focused.id == "cancel":
            self.dismiss(None)
            return
        super().action_accept()
