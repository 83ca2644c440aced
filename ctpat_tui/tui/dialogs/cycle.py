"""Dialogs of the annual cycle: a corrective action's form, and recording a submission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ctpat_tui.profile.model import ACTION_STATUS_LABELS, ACTION_STATUSES, Action
from ctpat_tui.tui.dialogs.common import ChoiceDialog

T = TypeVar("T")

TEXT_FIELDS = (("criterion", "Criterion", "MSC ID, e.g. 7.23 (empty: profile-wide)"),
               ("gap", "Gap", "what is missing or weak"),
               ("action", "Action", "what will be done to close it"),
               ("owner", "Owner", "role or name responsible"),
               ("due", "Due", "YYYY-MM-DD"),
               ("closure_evidence", "Closure evidence", "document or record that shows it is closed"))


def parse_day(text: str) -> dt.date | None:
    """A YYYY-MM-DD date, or None for an empty text; raises ValueError for anything else."""
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


class _FormDialog(ModalScreen[T | None]):
    """A form in a dialog: Enter moves to the next field, Save (ctrl+s) calls `action_save`, Cancel (Esc) closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def action_save(self) -> None:
        """Check the form and dismiss with its value (each dialog says how)."""
        raise NotImplementedError

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def on_mount(self) -> None:
        self._opened_with = self._form_values()

    def _form_values(self) -> list[str]:
        return [str(widget.value) for widget in self.query("Input, Select")]  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        """Close without saving; when something was typed, ask first so it is not lost to one Esc."""
        if self._form_values() == getattr(self, "_opened_with", None):
            self.dismiss(None)
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)

        self.app.push_screen(ChoiceDialog("Discard your changes?", "What you typed in this form is not saved yet.",
                                          [("keep", "Keep editing"), ("discard", "Discard the changes")],
                                          cancel="keep"), answered)


class ActionDialog(_FormDialog[Action]):
    """Create or edit one corrective action; a new action's prefilled values are selected on focus, so typing
    replaces them (arrows, Home or End edit them instead)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(self, action: Action, *, today: dt.date, title: str = "", criteria: Collection[str] = (),
                 new: bool = False) -> None:
        super().__init__()
        self.action_item = action
        self.new = new  # the values were filled in for the user, not typed by them
        self.today = today
        self.criteria = frozenset(criteria)  # the catalog's criterion IDs; empty: not checked
        self.title_text = title or f"Corrective action {action.id}"

    def compose(self) -> ComposeResult:
        item = self.action_item
        with Vertical(classes="dialog -wide"):
            yield Label(self.title_text, classes="dialog-title")
            source = f"From finding {item.rule}. " if item.rule else ""
            if self.new and any(getattr(item, key) for key, _label, _hint in TEXT_FIELDS):
                yield Static(f"{source}Typing replaces a filled-in value; End edits it.",
                             classes="hint")
            elif source:
                yield Static(source.rstrip(". "), classes="hint")
            for key, label, hint in TEXT_FIELDS:
                value = getattr(item, key)
                text = value.isoformat() if isinstance(value, dt.date) else (value or "")
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    yield Input(text, id=f"ca-{key}", compact=True, select_on_focus=self.new and bool(text),
                                placeholder=hint)
            with Horizontal(classes="row"):
                yield Label("Status", classes="label")
                yield Select([(ACTION_STATUS_LABELS[s], s) for s in ACTION_STATUSES], value=item.status,
                             id="ca-status", compact=True, allow_blank=False)
            yield Static("", id="ca-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    @on(Input.Changed)
    def _typed_over(self, event: Input.Changed) -> None:
        """Once the user has edited a prefilled field it holds their text: focusing it again no longer selects it."""
        if event.input.select_on_focus and event.input.has_focus:
            event.input.select_on_focus = False

    def _value(self, key: str) -> str:
        return self.query_one(f"#ca-{key}", Input).value.strip()

    def action_save(self) -> None:
        """Check the form and dismiss with the action (done/verified dates filled in on the way)."""
        error = self.query_one("#ca-error", Static)
        try:
            due = parse_day(self._value("due"))
        except ValueError:
            error.update(f"Due {self._value('due')!r} is not a date: use YYYY-MM-DD.")
            self.query_one("#ca-due").focus()
            return
        criterion = self._value("criterion")
        if criterion and self.criteria and criterion not in self.criteria:
            error.update(f"There is no criterion {criterion!r}: give an MSC ID such as 7.23, or leave it empty for "
                         "the whole profile.")
            self.query_one("#ca-criterion").focus()
            return
        status = str(self.query_one("#ca-status", Select).value)
        if not (self._value("gap") or self._value("action")):
            error.update("Describe the gap or the action.")
            self.query_one("#ca-gap").focus()
            return
        if status == "verified" and not self._value("closure_evidence"):
            error.update("A verified action needs its closure evidence (the document or record that shows it).")
            self.query_one("#ca-closure_evidence").focus()
            return
        item = self.action_item
        closed = item.closed or (self.today if status in ("done", "verified") else None)
        verified = item.verified or (self.today if status == "verified" else None)
        self.dismiss(Action(item.id, self._value("criterion"), self._value("gap"), item.rule, self._value("action"),
                            self._value("owner"), due, status, self._value("closure_evidence"),
                            item.opened or self.today, closed if status in ("done", "verified") else None,
                            verified if status == "verified" else None))


class SubmitDialog(_FormDialog[tuple[dt.date, str, str]]):
    """Record that the profile as saved now was entered into the portal: date, portal reference, note."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Record", show=False),
    ]

    def __init__(self, *, today: dt.date, last: dt.date | None) -> None:
        super().__init__()
        self.today = today
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label("Mark as submitted", classes="dialog-title")
            last = self.last.isoformat() if self.last else "never"
            yield Static(f"Records the profile as saved now as entered into the CTPAT Portal: a snapshot is kept next "
                         f"to the profile and is never rewritten. Last submission: {last}.", classes="dialog-message")
            with Horizontal(classes="row"):
                yield Label("Submitted on", classes="label")
                yield Input(self.today.isoformat(), id="sub-date", compact=True, placeholder="YYYY-MM-DD")
            with Horizontal(classes="row"):
                yield Label("Portal ref", classes="label")
                yield Input("", id="sub-ref", compact=True, placeholder="optional: confirmation or reference")
            with Horizontal(classes="row"):
                yield Label("Note", classes="label")
                yield Input("", id="sub-note", compact=True, placeholder="optional")
            yield Static("", id="sub-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def action_save(self) -> None:
        """Check the date (not in the future) and dismiss with (date, portal ref, note)."""
        error = self.query_one("#sub-error", Static)
        text = self.query_one("#sub-date", Input).value
        try:
            day = parse_day(text)
        except ValueError:
            day = None
        if day is None:
            error.update(f"{text!r} is not a date: use YYYY-MM-DD.")
            return
        if day > self.today:
            error.update(f"{day.isoformat()} is in the future: give the day it was entered in the portal.")
            return
        self.dismiss((day, self.query_one("#sub-ref", Input).value.strip(),
                      self.query_one("#sub-note", Input).value.strip()))
