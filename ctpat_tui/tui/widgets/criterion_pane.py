"""The criterion pane: the widgets for ONE criterion, reused and refilled when the user moves to another."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input, Label, Select, Static, TextArea

from ctpat_tui.catalog.model import DETAIL_LABELS, Criterion, Designation
from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import (
    STATUS_LABELS,
    STATUSES,
    Answer,
    Facility,
    ReviewNote,
)
from ctpat_tui.tui.dialogs.common import ChoiceDialog
from ctpat_tui.tui.outline import portal_questions_label
from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerInput, AnswerSelect
from ctpat_tui.tui.widgets.evidence_list import EvidenceList
from ctpat_tui.tui.widgets.extra_fields import ExtraFields, extra_problem, parse_extra
from ctpat_tui.tui.widgets.facility_statuses import (
    CHOICES,
    FACILITY_LABELS,
    FacilityStatuses,
)

TEXTAREA_FIELDS: tuple[str, ...] = ("na_reason", "controls", "records", "escalation", "narrative")
INPUT_FIELDS: tuple[str, ...] = ("frequency", "owner")
TYPED_FIELDS = frozenset(TEXTAREA_FIELDS + INPUT_FIELDS)
PLACEHOLDERS = {
    "controls": "What is in place: the procedure, system or physical measure, by name",
    "frequency": "e.g. at every shipment; monthly; within 24 hours of hire",
    "owner": "a role or title, e.g. Logistics Manager",
    "records": "which record, where it is kept, for how long",
    "escalation": "who is told, how fast, and how it is corrected",
    "narrative": "Optional: write the whole response yourself (replaces the composed text)",
    "na_reason": "why this does not apply to your business",
}


def text_field(name: str) -> Widget:
    """An answer field that never selects its text on focus (one keystroke must not wipe an answer)."""
    if name in TEXTAREA_FIELDS:
        return AnswerArea(id=f"field-{name}", compact=True, soft_wrap=True, tab_behavior="focus",
                        placeholder=PLACEHOLDERS.get(name, ""), classes=f"answer -{name}")
    return AnswerInput(id=f"field-{name}", compact=True, select_on_focus=False, placeholder=PLACEHOLDERS.get(name, ""),
                 classes="answer")


class SettledSize:
    """A widget whose new size, once the screen has laid it out, needs no second layout.

    Textual stores every widget's size after a layout in `virtual_size`, a reactive that asks for another layout
    of the screen when it changes. For a text block (its height comes from its text, which the layout has just
    measured) and for the pane's scrolling body (a scroll bar that appears or goes asks for its own layout) that
    second pass changes nothing, yet costs as much as the first: after a criterion switch it doubled the time to
    a settled screen.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]


class Text(SettledSize, Static):
    """A block of text in the pane (heading, prompt, hints, preview) that redraws only when its text changes, and
    asks for a layout of the screen only when its height changes (Static.update always asks for one)."""

    _shown: object = None

    def show(self, content: str | Content) -> None:
        """Show `content` (as Static.update does)."""
        key = (content.plain, tuple(content.spans)) if isinstance(content, Content) else content
        if key == self._shown:
            return
        self._shown = key
        width, height = self.size
        self.update(content, layout=False)
        if not width or not self.display or self.get_content_height(self.container_size, self.app.size,
                                                                    width) != height:
            self.refresh(layout=True, repaint=False)  # keeps the height just measured for the layout


class PaneBody(SettledSize, VerticalScroll, can_focus=False):
    """The scrolling part of the pane (prompt and form); never a tab stop itself."""


def review_note_line(note: ReviewNote) -> str:
    """'Review note (Ann, 2026-11-20): text' for the criterion pane."""
    who = ", ".join(p for p in (note.author, note.date) if p)
    return f"Review note{f' ({who})' if who else ''}: {' '.join(note.text.split())}"


class CriterionPane(Vertical):
    """Shows and edits one criterion (a fixed heading over a scrolling form); posts Edited for every change."""

    @dataclass
    class Edited(Message):
        """The user changed a value of the current answer (`facility` set for a facility status)."""

        criterion_id: str
        key: str
        value: object
        facility: str = ""

    def __init__(self, entity: str, facilities: Sequence[Facility], *, char_limit: int = 0,
                 response_style: str = "prose", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entity = entity
        self.char_limit = char_limit
        self.response_style = response_style
        self.facilities = tuple(facilities)
        self.criterion: Criterion | None = None
        self._loading = False
        self._read_only = False
        self._guidance_shown = ""
        self.preview_heading = ""
        self.preview_text = ""

    def compose(self) -> ComposeResult:
        yield Text(id="crit-title")
        yield Text(id="crit-meta")
        notes = Text(id="review-notes", classes="hint")
        notes.display = False  # shown while the answer has open review notes
        yield notes
        with PaneBody(id="pane-body"):
            yield from self._form()

    def _form(self) -> ComposeResult:
        yield Text(id="crit-prompt")
        # Born with the class its collapsed state gives it (added after mounting, it restyled the whole block).
        with Collapsible(title="Guidance", id="guidance", collapsed=True, classes="-collapsed"):
            yield Static(id="guidance-body")
        with Horizontal(classes="row"):
            yield Label("Status", classes="label")
            yield AnswerSelect([(STATUS_LABELS[s], s) for s in STATUSES], id="field-status", compact=True,
                         prompt="not set", classes="answer")
        with Vertical(id="na-row"):
            yield Label("Why not applicable (the reviewer reads all of it)", classes="block-label")
            yield text_field("na_reason")
        for name in ("controls", "frequency", "owner", "records", "escalation"):
            if name in TEXTAREA_FIELDS:
                yield Label(DETAIL_LABELS[name], classes="block-label")
                yield text_field(name)
            else:
                with Horizontal(classes="row"):
                    yield Label(DETAIL_LABELS[name], classes="label")
                    yield text_field(name)
        yield ExtraFields(id="extras")
        if self.facilities:
            yield Label("Status per facility (Enter or ←/→ to change)", classes="block-label")
            yield FacilityStatuses(self.facilities, id="field-facilities", classes="answer -facilities")
        yield Text(id="evidence-heading", classes="block-label")
        yield EvidenceList(id="field-evidence")
        yield Text(id="evidence-hint", classes="hint")
        yield Button("Add evidence (F5)", id="add-evidence", compact=True)
        yield Label("Own response text (optional)", classes="block-label")
        yield text_field("narrative")
        yield Text(id="preview-heading", classes="block-label")
        yield Text(id="preview")

    # --- loading ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Keep the pane's own widgets at hand: a switch refills about twenty of them, and looking each up by its
        ID walks the widget tree every time."""
        self._text = {widget.id: widget for widget in self.query(Text) if widget.id}
        self._areas = {name: self.query_one(f"#field-{name}", AnswerArea) for name in TEXTAREA_FIELDS}
        self._inputs = {name: self.query_one(f"#field-{name}", AnswerInput) for name in INPUT_FIELDS}
        self._status = self.query_one("#field-status", AnswerSelect)
        self._guidance = self.query_one("#guidance", Collapsible)
        self._extras = self.query_one(ExtraFields)
        self._evidence = self.query_one(EvidenceList)
        self._na_row = self.query_one("#na-row")
        self._body = self.query_one(PaneBody)

    async def load(self, criterion: Criterion, designation: Designation | None, entity_name: str, answer: Answer,
                   *, read_only: bool = False, note: str = "") -> None:
        """Show `criterion` with `answer`; no Edited messages are posted for the loaded values. The widgets stay
        and only what differs from the criterion shown before is redrawn."""
        refilled_at = time.monotonic()
        for field in (*self._areas.values(), *self._inputs.values(), *self._extras.query(AnswerInput)):
            field.mark_refilled(refilled_at)
        self.criterion = criterion
        self._loading = True
        text = self._text
        try:
            with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
                text["crit-title"].show(Content.assemble((f"{criterion.id}  {criterion.title}", "bold")))
                level = designation.label if designation else "does not apply"
                basis = f" ({designation.basis})" if designation and designation.confidence == "assumed" \
                    and designation.basis != "reference data" else ""
                text["crit-meta"].show(
                    f"{level} for {entity_name}{basis} · Portal: {portal_questions_label(criterion)} "
                    "· F6 preview" + (f"\n{note}" if note else ""))
                official = criterion.official_text_for(self.entity)
                prompt = criterion.prompt_for(self.entity)
                text["crit-prompt"].show(
                    Content.assemble(prompt, ("\nCBP wording (imported): ", "italic"), official) if official else prompt)
                self._guidance_shown = ""
                if not self._guidance.collapsed:
                    self._show_guidance()
                self._status.value = answer.status or Select.NULL
                for name, area in self._areas.items():
                    if area.text != answer.detail(name):
                        area.load_text(answer.detail(name))
                for name, box in self._inputs.items():
                    if box.value != answer.detail(name):
                        box.value = answer.detail(name)
                        box.cursor_position = len(box.value)
                if self.facilities:
                    self.query_one(FacilityStatuses).show_statuses(answer.facilities)
                await self._extras.show_fields(criterion.fields, answer.extra)
                self.show_answer(answer)
            self.set_read_only(read_only)
        finally:
            self._loading = False
        self._body.scroll_home(animate=False, immediate=True)

    def set_read_only(self, read_only: bool) -> None:
        """Lock every editing widget (read-only sessions) or unlock them."""
        extras = self._extras
        if read_only == self._read_only and not extras.mounted_new:
            return
        self._read_only = read_only
        extras.mounted_new = False
        for area in self.query(TextArea):
            area.read_only = read_only
        for widget in self.query(".answer"):
            if not isinstance(widget, TextArea):
                widget.disabled = read_only
        self.query_one("#add-evidence", Button).display = not read_only

    def show_answer(self, answer: Answer) -> None:
        """Refresh what derives from the answer: N/A row, evidence list and the response preview."""
        criterion = self.criterion
        if criterion is None:
            return
        text = self._text
        self._na_row.display = answer.status == "not_applicable" or bool(answer.na_reason)
        notes = text["review-notes"]
        notes.display = bool(answer.open_review_notes)
        notes.show(Content("\n".join(review_note_line(n) for n in answer.open_review_notes)))
        keys = " · Enter on a line edits it, Del removes it" if answer.evidence else ""
        text["evidence-heading"].show(f"Evidence ({len(answer.evidence)}){keys}")
        self._evidence.show_items(answer.evidence)
        hint = text["evidence-hint"]
        hint.show(f"Typical evidence: {criterion.evidence_hint}" if criterion.evidence_hint else "")
        hint.display = not answer.evidence and bool(criterion.evidence_hint)
        response = compose_response(criterion, answer, self.response_style)
        source = {"narrative": "your own text", "composed": "composed from the fields",
                  "not_applicable": "not applicable", "empty": "nothing yet"}[response.source]
        limit = self.char_limit
        over = f" (limit {limit}: {response.length - limit} too many)" if limit and response.length > limit else ""
        self.preview_heading = f"{response.length} characters{over} · {source}"
        self.preview_text = response.text
        text["preview-heading"].show(f"Response preview (F6) · {self.preview_heading}")
        text["preview"].show(Content(response.text or "(empty)"))

    # --- editing ---------------------------------------------------------------------------

    def _emit(self, key: str, value: object, facility: str = "") -> None:
        if self._loading or self.criterion is None:
            return
        self.post_message(self.Edited(self.criterion.id, key, value, facility))

    @on(TextArea.Changed, ".answer")
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.id:
            self._emit(event.text_area.id.removeprefix("field-"), event.text_area.text)

    @on(Input.Changed, ".answer")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        widget_id = event.input.id or ""
        key = widget_id.removeprefix("field-")
        if "-extra" in event.input.classes and self.criterion is not None:
            field = self.criterion.field(key)
            if field is None:
                return
            valid, value = parse_extra(field, event.value)
            self.query_one(ExtraFields).show_problem(key, extra_problem(field, event.value))
            if valid:
                self._emit(key, value)
            elif field.type == "number":
                self._emit(key, event.value.strip())  # kept as typed (never lost); the review reports it
            return
        self._emit(key, event.value)

    @on(Select.Changed, ".answer")
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        widget_id = event.select.id or ""
        value = "" if event.value is Select.NULL else event.value
        self._emit(widget_id.removeprefix("field-"), value or None if "-extra" in event.select.classes else value)

    @on(FacilityStatuses.Chosen)
    def _facility_chosen(self, event: FacilityStatuses.Chosen) -> None:
        event.stop()
        self._emit("facilities", event.status, facility=event.facility_id)

    @on(FacilityStatuses.Requested)
    def _facility_requested(self, event: FacilityStatuses.Requested) -> None:
        event.stop()
        statuses = self.query_one(FacilityStatuses)
        choices = [(status or "unset", FACILITY_LABELS.get(status, "not set")) for status in CHOICES]

        def chosen(choice: str | None) -> None:
            if choice and choice != "cancel":
                statuses.set_status(event.facility.id, "" if choice == "unset" else choice)

        self.app.push_screen(ChoiceDialog(event.facility.name or event.facility.id,
                                          f"Status of {self.criterion.id if self.criterion else 'this criterion'} "
                                          "at this facility (Esc keeps it):", choices, cancel="cancel"), chosen)

    def _show_guidance(self) -> None:
        """Render the guidance Markdown (only when the user opens it: parsing it on every switch is wasted)."""
        if self.criterion is None or self._guidance_shown == self.criterion.id:
            return
        self._guidance_shown = self.criterion.id
        from rich.markdown import Markdown as RichMarkdown  # a 0.1 s import the first screen does not need

        self.query_one("#guidance-body", Static).update(RichMarkdown(self.criterion.guidance_for(self.entity)))

    @on(Collapsible.Expanded, "#guidance")
    def _guidance_opened(self) -> None:
        self._show_guidance()

    @on(events.DescendantFocus)
    def _cursor_to_end(self, event: events.DescendantFocus) -> None:
        """Entering a text field puts the cursor after the text: typing adds to an answer, never replaces it."""
        widget = event.widget
        if isinstance(widget, TextArea) and widget.selection.is_empty:
            widget.move_cursor(widget.document.end)
        elif isinstance(widget, Input):
            widget.cursor_position = len(widget.value)

    def focus_first_field(self) -> None:
        """Focus the status at the top of the form, keeping the prompt in view when the status fits below it."""
        status = self.query_one("#field-status")
        if status.disabled:
            return
        if self.screen.focused is not status:
            self.screen.set_focus(status, scroll_visible=False)  # now, not after this frame (Widget.focus defers)
        body = self.query_one(PaneBody)
        body.scroll_home(animate=False, immediate=True)
        self.set_timer(0.25, lambda: body.scroll_to_widget(status, animate=False) if status.is_attached else None)

    def focus_field(self, name: str) -> bool:
        """Move focus to the widget for answer field `name` (evidence: the list or the add button)."""
        if name == "evidence":
            evidence = self.query_one(EvidenceList)
            target: Widget = evidence if evidence.display else self.query_one("#add-evidence", Button)
        elif name == "facilities" and self.facilities:
            target = self.query_one(FacilityStatuses)
        else:
            matches = self.query(f"#field-{name}")
            extra = self.query_one(ExtraFields).slots.get(name)
            if not matches or (extra is not None and not extra.widget.display):
                return False  # no such field, or another criterion's extra field (hidden)
            target = matches.first()
        if name == "na_reason":
            self.query_one("#na-row").display = True
        if target.disabled:
            target.scroll_visible(animate=False)
            return False
        target.focus(scroll_visible=True)
        return True
