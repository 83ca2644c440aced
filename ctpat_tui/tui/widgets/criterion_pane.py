"""The criterion pane: the widgets for ONE criterion, reused and refilled when the user moves to another."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Sequence
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
from ctpat_tui.tui.outline import portal_questions_label
from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerInput, AnswerSelect, StaleInputGuard
from ctpat_tui.tui.widgets.evidence_list import EvidenceList
from ctpat_tui.tui.widgets.extra_fields import ExtraFields, extra_problem, parse_extra
from ctpat_tui.tui.widgets.form_fields import FormFields, FormPart
from ctpat_tui.tui.widgets.facility_statuses import (
    CHOICES,
    FACILITY_LABELS,
    FacilityStatuses,
)

TEXTAREA_FIELDS: tuple[str, ...] = ("na_reason", "controls", "records", "escalation", "narrative")
INPUT_FIELDS: tuple[str, ...] = ("frequency", "owner")
TYPED_FIELDS = frozenset(TEXTAREA_FIELDS + INPUT_FIELDS)
FORM_FIELD_NAMES = TYPED_FIELDS | {"status", "facilities", "evidence"}
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


class Text(Static):
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


class PaneBody(VerticalScroll, can_focus=False):
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
        self._answer: Answer | None = None
        self._mounting = asyncio.Lock()
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
        parts = self._parts()
        self.form = FormFields(parts[1:])
        with PaneBody(id="pane-body"):
            yield from parts[0].build()

    def _parts(self) -> list[FormPart]:
        """The form from top to bottom in the parts it is mounted in: the first with the pane, the others once
        the first frame is drawn (or before it, as far as the screen would show them: see `mount_visible`)."""

        def head() -> list[Widget]:
            # Born with the class its collapsed state gives it (added after mounting, it restyled the whole block).
            guidance = Collapsible(Static(id="guidance-body"), title="Guidance", id="guidance", collapsed=True,
                                   classes="-collapsed")
            status = Horizontal(Label("Status", classes="label"),
                                AnswerSelect([(STATUS_LABELS[s], s) for s in STATUSES], id="field-status",
                                             compact=True, prompt="not set", classes="answer"), classes="row")
            na_row = Vertical(Label("Why not applicable (the reviewer reads all of it)", classes="block-label"),
                              text_field("na_reason"), id="na-row")
            return [Text(id="crit-prompt"), guidance, status, na_row, *labeled_field("controls"), *labeled_field("frequency"),
                    *labeled_field("owner")]

        def labeled_field(name: str) -> list[Widget]:
            if name in TEXTAREA_FIELDS:
                return [Label(DETAIL_LABELS[name], classes="block-label"), text_field(name)]
            return [Horizontal(Label(DETAIL_LABELS[name], classes="label"), text_field(name), classes="row")]

        def facilities() -> list[Widget]:
            if not self.facilities:
                return []
            return [Label("Status per facility (Enter or ←/→ to change)", classes="block-label"),
                    FacilityStatuses(self.facilities, id="field-facilities", classes="answer -facilities")]

        return [
            FormPart("head", head, 0),
            FormPart("records", lambda: [*labeled_field("records"), *labeled_field("escalation")], 6),
            FormPart("extras", lambda: [ExtraFields(id="extras")], 0),
            FormPart("facilities", facilities, 1 + len(self.facilities) if self.facilities else 0),
            FormPart("evidence", lambda: [Text(id="evidence-heading", classes="block-label"),
                                          EvidenceList(id="field-evidence"), Text(id="evidence-hint", classes="hint"),
                                          Button("Add evidence (F5)", id="add-evidence", compact=True)], 3),
            FormPart("narrative", lambda: [Label("Own response text (optional)", classes="block-label"),
                                           text_field("narrative")], 3),
            FormPart("preview", lambda: [Text(id="preview-heading", classes="block-label"), Text(id="preview")], 3),
        ]

    # --- mounting --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Register the widgets mounted with the pane (the heading and the top of the form)."""
        self._body = self.query_one(PaneBody)
        self.form.add(self.children)

    async def mount_visible(self) -> None:
        """Before the first frame, with the first criterion loaded: mount the parts of the form the screen would
        show below the top part. Every height is taken at its least (the prompt wrapped at the widest the pane can
        be, each box at its smallest), so whatever the first frame would show is in it."""
        width, height = self.app.size
        body_width = max(1, width - 31 - 3)  # the navigator takes 31 columns at least; padding and scroll bar
        body_rows = height - 6  # top bar, footer, findings title, criterion title, meta line, one spare
        prompt = self._text("crit-prompt")
        rows = prompt.get_content_height(Size(body_width, height), self.app.size, body_width) if prompt else 0
        rows += 1 + 1 + 1 + 3 + 1 + 1  # guidance, status, controls label and box, frequency, owner
        na_row = self.form.get("na-row")
        if na_row is not None and na_row.display:
            rows += 3
        while rows < body_rows:
            part = await self._mount_next()
            if part is None:
                break
            rows += part.min_rows

    def mount_rest(self) -> None:
        """After the first frame: mount the next part of the form, then (after the frame it causes) the next."""

        async def mount_then_next() -> None:
            if await self._mount_next() is not None:
                self.call_after_refresh(self.mount_rest)

        if not self.form.complete:
            self.call_later(mount_then_next)

    async def complete_form(self) -> None:
        """Mount every part still to come, now (a key that moves the focus through the form waits for it)."""
        while await self._mount_next() is not None:
            pass

    async def _mount_next(self) -> FormPart | None:
        """Mount the next part of the form (None: it was complete). Parts go in one at a time, in order, whoever
        asks (the parts after the first frame, `complete_form`)."""
        async with self._mounting:
            part = self.form.next_part()
            if part is not None:
                await self._mount_part(part)
            return part

    async def _mount_part(self, part: FormPart) -> None:
        """Mount `part` at the end of the form, fill it from the criterion shown, and give it a focus asked for."""
        widgets = part.build()
        if not widgets:
            return
        await self._body.mount_all(widgets)
        names = self.form.add(widgets)
        if self.criterion is not None and self._answer is not None:
            with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
                loading, self._loading = self._loading, True
                try:
                    self._fill(self._answer, names)
                    if "extras" in names:
                        await self._extras_show(self.criterion, self._answer)
                    self.show_answer(self._answer)
                finally:
                    self._loading = loading
            self._lock(widgets, self._read_only)
        wanted = self.form.focus_wanted
        if wanted is not None and wanted in names:
            self.form.focus_wanted = None
            self.focus_field(wanted)

    def _text(self, name: str) -> Text | None:
        widget = self.form.get(name)
        return widget if isinstance(widget, Text) else None

    # --- loading ---------------------------------------------------------------------------

    async def load(self, criterion: Criterion, designation: Designation | None, entity_name: str, answer: Answer,
                   *, read_only: bool = False, note: str = "") -> None:
        """Show `criterion` with `answer`; no Edited messages are posted for the loaded values. The widgets stay
        and only what differs from the criterion shown before is redrawn."""
        refilled_at = time.monotonic()
        form = self.form
        extras = form.get("extras")
        for _name, field in form.of_type(StaleInputGuard, TYPED_FIELDS):
            field.mark_refilled(refilled_at)  # type: ignore[attr-defined]
        if isinstance(extras, ExtraFields):
            for field in extras.query(AnswerInput):
                field.mark_refilled(refilled_at)
        self.criterion = criterion
        self._answer = answer
        self._loading = True
        text = self._text
        try:
            with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
                text("crit-title").show(Content.assemble((f"{criterion.id}  {criterion.title}", "bold")))  # type: ignore[union-attr]
                level = designation.label if designation else "does not apply"
                basis = f" ({designation.basis})" if designation and designation.confidence == "assumed" \
                    and designation.basis != "reference data" else ""
                text("crit-meta").show(  # type: ignore[union-attr]
                    f"{level} for {entity_name}{basis} · Portal: {portal_questions_label(criterion)} "
                    "· F6 preview" + (f"\n{note}" if note else ""))
                official = criterion.official_text_for(self.entity)
                prompt = criterion.prompt_for(self.entity)
                text("crit-prompt").show(  # type: ignore[union-attr]
                    Content.assemble(prompt, ("\nCBP wording (imported): ", "italic"), official) if official else prompt)
                self._guidance_shown = ""
                guidance = form.get("guidance")
                if isinstance(guidance, Collapsible) and not guidance.collapsed:
                    self._show_guidance()
                self._fill(answer, form.widgets)
                if extras is not None:
                    await self._extras_show(criterion, answer)
                self.show_answer(answer)
            self.set_read_only(read_only)
        finally:
            self._loading = False
        self._body.scroll_home(animate=False, immediate=True)

    def _fill(self, answer: Answer, names: Iterable[str]) -> None:
        """Put `answer`'s values into the mounted fields among `names` (the caller suppresses Changed)."""
        for name, widget in self.form.of_type(Widget, names):
            if isinstance(widget, AnswerSelect) and name == "status":
                widget.value = answer.status or Select.NULL
            elif isinstance(widget, AnswerArea) and name in TEXTAREA_FIELDS:
                if widget.text != answer.detail(name):
                    widget.load_text(answer.detail(name))
            elif isinstance(widget, AnswerInput) and name in INPUT_FIELDS:
                if widget.value != answer.detail(name):
                    widget.value = answer.detail(name)
                    widget.cursor_position = len(widget.value)
            elif isinstance(widget, FacilityStatuses):
                widget.show_statuses(answer.facilities)

    async def _extras_show(self, criterion: Criterion, answer: Answer) -> None:
        extras = self.form.get("extras")
        if isinstance(extras, ExtraFields):
            await extras.show_fields(criterion.fields, answer.extra)

    def set_read_only(self, read_only: bool) -> None:
        """Lock every editing widget (read-only sessions) or unlock them."""
        extras = self.form.get("extras")
        mounted_new = isinstance(extras, ExtraFields) and extras.mounted_new
        if read_only == self._read_only and not mounted_new:
            return
        self._read_only = read_only
        if isinstance(extras, ExtraFields):
            extras.mounted_new = False
        self._lock([self._body], read_only)

    def _lock(self, widgets: Iterable[Widget], read_only: bool) -> None:
        """Lock (or unlock) the editing widgets among `widgets` and their descendants."""
        for top in widgets:
            for widget in top.walk_children(with_self=True):
                if isinstance(widget, TextArea):
                    widget.read_only = read_only
                elif isinstance(widget, Widget) and widget.has_class("answer"):
                    widget.disabled = read_only
                elif isinstance(widget, Button) and widget.id == "add-evidence":
                    widget.display = not read_only

    def show_answer(self, answer: Answer) -> None:
        """Refresh what derives from the answer: N/A row, evidence list and the response preview."""
        criterion = self.criterion
        if criterion is None:
            return
        self._answer = answer
        text, form = self._text, self.form
        na_row = form.get("na-row")
        if na_row is not None:
            na_row.display = answer.status == "not_applicable" or bool(answer.na_reason)
        notes = text("review-notes")
        if notes is not None:
            notes.display = bool(answer.open_review_notes)
            notes.show(Content("\n".join(review_note_line(n) for n in answer.open_review_notes)))
        heading = text("evidence-heading")
        if heading is not None:
            keys = " · Enter on a line edits it, Del removes it" if answer.evidence else ""
            heading.show(f"Evidence ({len(answer.evidence)}){keys}")
        evidence = form.get("evidence")
        if isinstance(evidence, EvidenceList):
            evidence.show_items(answer.evidence)
        hint = text("evidence-hint")
        if hint is not None:
            hint.show(f"Typical evidence: {criterion.evidence_hint}" if criterion.evidence_hint else "")
            hint.display = not answer.evidence and bool(criterion.evidence_hint)
        response = compose_response(criterion, answer, self.response_style)
        source = {"narrative": "your own text", "composed": "composed from the fields",
                  "not_applicable": "not applicable", "empty": "nothing yet"}[response.source]
        limit = self.char_limit
        over = f" (limit {limit}: {response.length - limit} too many)" if limit and response.length > limit else ""
        self.preview_heading = f"{response.length} characters{over} · {source}"
        self.preview_text = response.text
        preview_heading, preview = text("preview-heading"), text("preview")
        if preview_heading is not None and preview is not None:
            preview_heading.show(f"Response preview (F6) · {self.preview_heading}")
            preview.show(Content(response.text or "(empty)"))

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
        from ctpat_tui.tui.dialogs.common import ChoiceDialog  # the dialogs: imported when the first is opened

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
        status = self.form.get("status")
        if status is None or status.disabled:
            return
        if self.screen.focused is not status:
            self.screen.set_focus(status, scroll_visible=False)  # now, not after this frame (Widget.focus defers)
        body = self._body
        body.scroll_home(animate=False, immediate=True)
        self.set_timer(0.25, lambda: body.scroll_to_widget(status, animate=False) if status.is_attached else None)

    def focus_field(self, name: str) -> bool:
        """Move focus to the widget for answer field `name` (evidence: the list or the add button); a field whose
        part of the form is still to come gets the focus when it arrives."""
        form = self.form
        if name == "evidence":
            evidence, add = form.get("evidence"), form.get("add-evidence")
            target = evidence if evidence is not None and evidence.display else add
        elif name == "facilities" and self.facilities:
            target = form.get("facilities")
        else:
            target = form.get(name)
            extras = form.get("extras")
            if target is None and isinstance(extras, ExtraFields):
                target = extras.widget_for(name)  # None: another criterion's extra field (hidden)
            elif target is not None and target.id != f"field-{name}":
                target = None  # a part of the form that is not a field
        if target is None:
            if form.will_arrive(name if name in FORM_FIELD_NAMES else "extras"):
                form.focus_wanted = name
                return True
            return False
        if name == "na_reason":
            na_row = form.get("na-row")
            if na_row is not None:
                na_row.display = True
        if target.disabled:
            target.scroll_visible(animate=False)
            return False
        target.focus(scroll_visible=True)
        return True
