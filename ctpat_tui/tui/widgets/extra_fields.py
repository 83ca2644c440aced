"""A criterion's extra structured values (dates, numbers, choices): widgets kept per field and shown or hidden."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from ctpat_tui.catalog.model import ExtraField
from ctpat_tui.tui.widgets.answer_fields import AnswerInput, AnswerSelect


def extra_widget(field: ExtraField, value: object) -> Widget:
    """The input for one extra structured value (date, number, choice or text)."""
    widget_id = f"field-{field.name}"
    if field.type == "choice":
        options = [(choice, choice) for choice in field.choices]
        current = value if value in field.choices else Select.NULL
        return AnswerSelect(options, id=widget_id, compact=True, prompt="not chosen", value=current,  # type: ignore[arg-type]
                      classes="answer -extra")
    placeholder = {"date": "YYYY-MM-DD", "number": number_hint(field)}.get(field.type, "")
    restrict = {"date": r"[0-9-]*"}.get(field.type)  # a number field takes any text: it says when it is not one
    return AnswerInput(extra_text(value), id=widget_id, compact=True, select_on_focus=False, placeholder=placeholder,
                 restrict=restrict, classes="answer -extra")


def extra_text(value: object) -> str:
    """How a stored extra value is typed: ISO dates, plain numbers and text, nothing for no value."""
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


def extra_label(field: ExtraField, problem: str = "") -> str:
    """The label above an extra field, with what is wrong with its value (marked '!', readable without color)."""
    return field.label + (" (required)" if field.required else "") + (f"  ! {problem}" if problem else "")


def number_hint(field: ExtraField) -> str:
    """The placeholder of a number field: 'a number (1 to 36), or leave empty'."""
    span = field.range_text()
    return f"a number ({span}), or leave empty" if span else "a number, or leave empty"


def extra_problem(field: ExtraField, text: str) -> str:
    """What is wrong with the typed text of a number field, said at once ('' when nothing is)."""
    if field.type != "number":
        return ""
    valid, value = parse_extra(field, text)
    if not valid:
        return "not a number: type digits, e.g. 12"
    problem = field.out_of_range(value)
    return problem.replace(" is outside", ": outside") if problem else ""


def parse_extra(field: ExtraField, text: str) -> tuple[bool, object]:
    """(valid, value) for an extra field's typed text; an empty text clears the value."""
    text = text.strip()
    if not text:
        return True, None
    if field.type == "date":
        try:
            return True, dt.date.fromisoformat(text)
        except ValueError:
            return False, None
    if field.type == "number":
        try:
            number = float(text)
        except ValueError:
            return False, None
        return True, int(number) if number.is_integer() else number
    return True, text


def same_widget(old: ExtraField, new: ExtraField) -> bool:
    """True when the widget made for `old` can show `new` (same name, type and choices)."""
    return (old.name, old.type, old.choices) == (new.name, new.type, new.choices)


@dataclass
class Slot:
    """The label and input of one extra field, mounted once and reused by every criterion that has the field."""

    field: ExtraField
    label: Label
    widget: Widget


class ExtraFields(Vertical):
    """The extra fields of the current criterion; moving to another criterion hides and shows, it rarely mounts."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.slots: dict[str, Slot] = {}
        self.mounted_new = False

    async def show_fields(self, fields: Sequence[ExtraField], values: Mapping[str, object]) -> None:
        """Show the inputs for `fields` (in order) holding `values`; the caller suppresses Changed messages."""
        wanted = {field.name for field in fields}
        for name, unused in self.slots.items():
            if name not in wanted:
                unused.label.display = unused.widget.display = False
        new: list[Widget] = []
        for field in fields:
            slot = self.slots.get(field.name)
            if slot is not None and not same_widget(slot.field, field):
                await self.remove_children([slot.label, slot.widget])
                slot = None
            if slot is None:
                self.slots[field.name] = Slot(field, Label(extra_label(field), classes="block-label"),
                                              extra_widget(field, values.get(field.name)))
                new += [self.slots[field.name].label, self.slots[field.name].widget]
        if new:
            await self.mount_all(new)
            self.mounted_new = True
        previous: Widget | None = None
        for field in fields:
            slot = self.slots[field.name]
            self._place(slot, previous)
            previous = slot.widget
            self._fill(slot, field, values.get(field.name))

    def _place(self, slot: Slot, previous: Widget | None) -> None:
        """Keep the slots in the criterion's order (they were mounted in the order they were first needed)."""
        children = list(self.children)
        if previous is not None and children.index(slot.label) != children.index(previous) + 1:
            self.move_child(slot.label, after=previous)
        children = list(self.children)
        if children.index(slot.widget) != children.index(slot.label) + 1:
            self.move_child(slot.widget, after=slot.label)

    @staticmethod
    def _fill(slot: Slot, field: ExtraField, value: object) -> None:
        if slot.field != field:
            slot.field = field
        slot.label.display = slot.widget.display = True
        widget = slot.widget
        if isinstance(widget, Select):
            widget.value = value if value in field.choices else Select.NULL
        elif isinstance(widget, Input):
            text = extra_text(value)
            if widget.value != text:
                widget.value = text
                widget.cursor_position = len(text)
            widget.placeholder = number_hint(field) if field.type == "number" else widget.placeholder
            problem = extra_problem(field, text)
            widget.set_class(bool(problem), "-invalid")
            slot.label.update(extra_label(field, problem))

    def show_problem(self, name: str, problem: str) -> None:
        """Say at once, on the field's label, what is wrong with the value being typed ('' clears it)."""
        slot = self.slots.get(name)
        if slot is not None:
            slot.label.update(extra_label(slot.field, problem))
            slot.widget.set_class(bool(problem), "-invalid")

    def widget_for(self, name: str) -> Widget | None:
        """The shown input of extra field `name`, if the current criterion has it."""
        slot = self.slots.get(name)
        return slot.widget if slot is not None and slot.widget.display else None
