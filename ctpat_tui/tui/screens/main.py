"""The editing screen: navigator on the left, the current criterion and its live findings on the right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Static

from ctpat_tui.review.finding import Finding
from ctpat_tui.tui import outline
from ctpat_tui.tui.heap import HeapSettler
from ctpat_tui.tui.autosave import SaveFinished
from ctpat_tui.tui.screens.cycle_keys import CycleKeys
from ctpat_tui.tui.screens.evidence_actions import EvidenceEditor
from ctpat_tui.tui.screens.findings_actions import LIVE_REVIEW_DELAY, FullReview, LiveFindings, Reviews
from ctpat_tui.tui.screens.saving import SaveKeeper
from ctpat_tui.tui.screens.set_aside_actions import SetAsideActions
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.widgets.criterion_pane import TYPED_FIELDS, CriterionPane
from ctpat_tui.tui.widgets.evidence_list import EvidenceList
from ctpat_tui.tui.widgets.findings import FindingsPanel
from ctpat_tui.tui.widgets.key_footer import KeyFooter
from ctpat_tui.tui.widgets.navigator import Navigator
from ctpat_tui.tui.widgets.save_indicator import SaveIndicator
from ctpat_tui.tui.widgets.settled import SettledCompositor, sizes_settle

if TYPE_CHECKING:
    from ctpat_tui.catalog.model import Catalog

NEXT_PREV = Binding.Group("Prev/Next", compact=True)
DISK_CHECK_SECONDS = 2.0
SPELLING_LOAD_DELAY = 0.5
AFTER_START_DELAY = 0.1
"""Seconds between the first frame and the start of the background work (editable parse, review, change marks):
the screen settles first (scrollbars, footer keys) instead of sharing the interpreter with threads."""
MAP_PAUSE = 0.1  # seconds after a scroll before the map of the whole screen is arranged again


def order_line(grouping: str) -> str:
    """The line over the criteria list saying which order it shows and how to get the other."""
    if grouping == "section":
        return "Order: portal Q# · o: by ID"
    return "Order: MSC ID · o: portal"


class MainScreen(SetAsideActions, CycleKeys):
    """Where the profile is written, one criterion at a time."""

    OWN_RULES_ONLY = True  # no rule of screens.tcss applies here: they are read when another screen is first shown

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", id="help", tooltip="Keys and how-to"),
        Binding("f8", "previous", "Previous", id="previous", tooltip="Previous criterion in the list",
                group=NEXT_PREV),
        Binding("f9,ctrl+n", "next", "Next", id="next", tooltip="Next criterion in the list",
                group=NEXT_PREV),
        Binding("f2,ctrl+f", "next_unanswered", "Next todo", id="next-unanswered",
                tooltip="Next criterion still to do: nothing entered yet"),
        Binding("f3,ctrl+t", "next_errors", "Errors", id="next-errors", show=False,
                tooltip="Next answered criterion with open errors"),
        Binding("f4", "fix", "Fix", id="fix", show=False, tooltip="Go to the field of the first finding"),
        Binding("ctrl+r", "review", "Review", id="review", tooltip="Readiness and all findings"),
        Binding("ctrl+o", "render", "Render", id="render",
                tooltip="Write the documents: portal text, Markdown, Word draft, upload bundle"),
        Binding("ctrl+l", "focus_navigator", "List", id="list", show=False, tooltip="Back to the criteria list"),
        Binding("f5", "add_evidence", "Add evidence", id="add-evidence", show=False,
                tooltip="Add an evidence reference to this criterion"),
        # Priority: a focused text box would take F6 as "select line".
        Binding("f6", "preview", "Preview", id="preview", priority=True,
                tooltip="Show the response text that goes into the portal, with its length"),
        Binding("ctrl+s", "save_now", "Save", id="save", show=False, tooltip="Save now (saving is automatic)"),
        Binding("f7", "partners", "Partners", id="partners", show=False,
                tooltip="Partner register (in a text box F7 selects all)"),
    ]

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """The focused widget. A focus move restyles and redraws the widget left and the widget entered (and any
    container styled by :focus-within); Textual's own declaration also repaints the whole screen, which sent a
    full 80x24 frame to the terminal on every Tab and every criterion switch."""
    _map_timer: Timer | None = None

    def __init__(self, session: EditSession, *, notice: str = "") -> None:
        super().__init__()
        self._compositor = SettledCompositor()  # no second arrangement of the screen after a layout (settled.py)
        self.session = session
        self.notice = notice
        self.grouping = "section"
        self.current: str | None = None
        self.reviews = Reviews(self)
        self.saving = SaveKeeper(self, session, reloaded=self.current_reload, all_saved=self.full_review_soon,
                                 resolve_path=lambda text: self.app.resolve_path(text))  # type: ignore[attr-defined]
        self.autosaver = self.saving.autosaver
        self._preview_stale = False
        self.marks = outline.status_marks()
        self.heap = HeapSettler()
        self.evidence = EvidenceEditor(self)
        self._heap_with_spelling: bool | None = None
        self._resumed = False

    def compose(self) -> ComposeResult:
        profile = self.session.profile
        with Horizontal(id="topbar"):
            yield Static(id="title")
            yield Static(id="progress")
            yield SaveIndicator(id="save-indicator")
        with Horizontal(id="body"):
            with Vertical(id="nav-column"):
                yield Static(order_line(self.grouping), id="nav-order")
                yield Navigator(self.catalog, profile.entity_type, self.marks, id="nav")
            with Vertical(id="right"):
                yield CriterionPane(profile.entity_type, profile.facilities,
                                    char_limit=profile.settings.portal_char_limit,
                                    response_style=profile.settings.response_style, id="pane")
                yield Static(id="findings-title")
                yield FindingsPanel(id="findings")
        yield KeyFooter(compact=True)

    async def on_mount(self) -> None:
        """Fill the navigator, open the first criterion that needs work, and start the background checks."""
        profile = self.session.profile
        self._update_title()
        self.states = outline.all_states(self.catalog, profile, {})
        groups = outline.build_groups(self.catalog, profile.entity_type, self.grouping)
        order = outline.ordered_ids(groups)
        start = next((cid for cid in order if self.states[cid] != "complete"), order[0] if order else None)
        self.query_one(Navigator).show(groups, self.states, start, portal_numbers=self.grouping == "section")
        self.update_progress()
        indicator = self.query_one(SaveIndicator)
        if self.session.read_only:
            indicator.read_only()
        else:
            indicator.saved(None)
        pane = self.query_one(CriterionPane)
        if start is not None:
            await self.go_to(start)
        await pane.mount_visible()  # what this criterion shows of the form below its top part, for the first frame
        self.call_after_refresh(pane.mount_rest)  # the rest of the form, a part per frame
        self.query_one(Navigator).focus()
        self.set_interval(DISK_CHECK_SECONDS, self.saving.check_disk)
        self.reviews.cancel_live()  # the review after the first frame covers this criterion too
        self.call_after_refresh(self.set_timer, AFTER_START_DELAY, self._after_start)
        if self.session.profile.settings.spelling:
            self.set_timer(SPELLING_LOAD_DELAY, self._load_spelling)  # well after the first frame, off the UI thread
        if self.notice:
            self.notify(self.notice, timeout=8)

    def _after_start(self) -> None:
        from ctpat_tui.tui.heap import resume_gc

        resume_gc()
        self._after_first_frame()
        self.start_change_marks()
        self.offer_annual_review()  # its dates and history code is imported here, not before the first frame

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown for the first time: every widget was styled as it was mounted a moment ago, so Textual's restyle
        of the whole screen on resume (the largest single cost of the start) is skipped; later resumes keep it."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _on_resize(self, event: events.Resize) -> None:
        """A resize to the size the screen is already laid out at changes nothing: Textual sends two at start (the
        screen's own first layout, then the terminal's size) and each cost a full layout before the screen settled."""
        if event.size == self._compositor.size and self.is_attached:
            event.stop()
            event.prevent_default()  # Screen._on_resize would lay out the whole screen again at the same size

    @work(thread=True, exclusive=True, group="after-first-frame", exit_on_error=False)
    def _after_first_frame(self) -> None:
        """What the first frame does not need, in a thread: the editable (round-trip) parse of the file, then
        the review rules and the whole-profile review (which fills the list's marks)."""
        problem = self.session.prepare()
        if problem:
            self.app.call_from_thread(self._cannot_edit, problem)
        elif not self.session.read_only:
            from ctpat_tui.profile.store import start_toml_checker

            start_toml_checker()  # autosaves are checked by this child, none is started while the user types
        from ctpat_tui.review import spelling

        if self.session.profile.settings.spelling and not spelling.is_loaded():
            spelling.defer_loading()  # the review does not wait for the dictionary; _load_spelling reviews again
        self.app.call_from_thread(self.review_whole_profile)

    @work(thread=True, exclusive=True, group="spelling", exit_on_error=False)
    def _load_spelling(self) -> None:
        from ctpat_tui.review import spelling

        if spelling.is_loaded():
            return
        spelling.preload()
        spelling.defer_loading(False)
        self.app.call_from_thread(self.review_whole_profile)

    def settle_heap(self) -> None:
        """After the first whole-profile review (and again once the spelling dictionary is in) the long-lived
        objects are all there: keep the garbage collector's full passes off them (see tui/heap.py)."""
        from ctpat_tui.review import spelling

        loaded = spelling.is_loaded()
        if self._heap_with_spelling is None or (loaded and not self._heap_with_spelling):
            self._heap_with_spelling = loaded
            self.heap.settle()

    @on(SaveFinished)
    def _save_finished(self, event: SaveFinished) -> None:
        self.saving.finished(event)

    def action_save_now(self) -> None:
        """Save immediately (normally not needed: edits are saved automatically)."""
        self.saving.save_now()

    def on_unmount(self) -> None:
        """Leaving the screen: its objects go back to the garbage collector."""
        self.heap.release()

    def _cannot_edit(self, problem: str) -> None:
        self.query_one(SaveIndicator).read_only()
        self.notify(f"This file can be read but not edited here: {problem}", severity="error", timeout=12)

    @property
    def catalog(self) -> Catalog:
        """The catalog the session uses."""
        return self.session.catalog

    @property
    def states(self) -> dict[str, str]:
        """Each criterion's state (empty, partial, errors, ...), kept by the reviews."""
        return self.reviews.states

    @states.setter
    def states(self, states: dict[str, str]) -> None:
        self.reviews.states = states

    @property
    def findings_by_id(self) -> dict[str, list[Finding]]:
        """The findings of each criterion, kept by the reviews."""
        return self.reviews.findings_by_id

    def _update_title(self) -> None:
        profile = self.session.profile
        entity_name = self.catalog.entity(profile.entity_type).name
        self.query_one("#title", Static).update(f"{profile.company} · {entity_name}")

    # --- moving around ---------------------------------------------------------------------

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """Lay the screen out; the sizes it stores ask for no second layout (settled.sizes_settle). After a scroll
        (which places only what is visible), the map of the whole screen is arranged again once the user has paused,
        not by the next criterion switch."""
        with sizes_settle():
            super()._refresh_layout(size, scroll)
        compositor = self._compositor
        if isinstance(compositor, SettledCompositor) and compositor.map_stale:
            if self._map_timer is not None:
                self._map_timer.stop()
            self._map_timer = self.set_timer(MAP_PAUSE, compositor.arrange_map, name="arrange-map")

    def order(self) -> list[str]:
        """Criterion IDs in navigator order."""
        return outline.ordered_ids(self.query_one(Navigator).groups)

    async def go_to(self, criterion_id: str, field: str | None = None) -> None:
        """Show `criterion_id` in the pane (and optionally focus one of its fields)."""
        if criterion_id not in self.catalog.criteria:
            return
        pane = self.query_one(CriterionPane)
        if criterion_id != self.current:
            self.current = criterion_id
            self._preview_stale = False
            session = self.session
            entity_name = self.catalog.entity(session.entity).name
            with self.app.batch_update():
                await pane.load(session.criterion(criterion_id), session.designation(criterion_id), entity_name,
                                session.answer(criterion_id), read_only=session.read_only,
                                note=self.probably_na_note(criterion_id))
                self.query_one(Navigator).highlight(criterion_id)
                self.show_findings(self.findings_by_id.get(criterion_id, []))
            self.reviews.schedule_live(0.0)
        if field:
            pane.focus_field(field)

    def go_to_from_palette(self, criterion_id: str) -> None:
        """Jump from the command palette: show the criterion and put the cursor in its first empty field."""
        async def jump() -> None:
            await self.go_to(criterion_id)
            missing = outline.missing_parts(self.session.criterion(criterion_id), self.session.answer(criterion_id))
            self.query_one(CriterionPane).focus_field(missing[0] if missing else "status")

        self.call_later(jump)

    @on(Navigator.Chosen)
    async def _chosen(self, event: Navigator.Chosen) -> None:
        await self.go_to(event.criterion_id)
        if event.edit:
            self.query_one(CriterionPane).focus_field("status")

    async def _go(self, criterion_id: str | None, message: str) -> None:
        if criterion_id is None:
            self.notify(message)
            return
        focused = self.focused
        pane = self.query_one(CriterionPane)
        await self.go_to(criterion_id)
        if focused is not None and (not focused.is_attached or pane in focused.ancestors):
            pane.focus_first_field()

    async def action_next(self) -> None:
        """Next criterion in the navigator."""
        await self._go(outline.step(self.order(), self.current, 1), "")

    async def action_previous(self) -> None:
        """Previous criterion in the navigator."""
        await self._go(outline.step(self.order(), self.current, -1), "")

    async def action_next_unanswered(self) -> None:
        """The next criterion with nothing entered yet."""
        wanted = [cid for cid, state in self.states.items() if state == "empty"]
        await self._go(outline.next_matching(self.order(), self.current, wanted), "Every criterion has an answer.")

    async def action_next_errors(self) -> None:
        """The next answered criterion that still has errors."""
        wanted = [cid for cid, findings in self.findings_by_id.items()
                  if outline.open_errors(findings) and self.states.get(cid) not in ("empty", None)]
        await self._go(outline.next_matching(self.order(), self.current, wanted),
                       "No answered criterion has open errors.")

    def action_fix(self) -> None:
        """Go to the field the first open finding of this criterion concerns."""
        finding = self.query_one(FindingsPanel).first_open()
        if finding is None:
            self.notify("No open findings here.")
            return
        self._focus_finding(finding)

    def _focus_finding(self, finding: Finding) -> None:
        if finding.rule.startswith("PART"):
            self.action_partners(finding)
            return
        pane = self.query_one(CriterionPane)
        if not pane.focus_field(finding.field or "status"):
            pane.focus_field("status")
        self.notify(f"{finding.rule}: {finding.suggestion or finding.message}", timeout=6)

    def action_focus_navigator(self) -> None:
        """Put the cursor in the criteria list."""
        self.query_one(Navigator).focus()

    def set_grouping(self, grouping: str) -> None:
        """Group the navigator by portal section or by MSC category."""
        self.grouping = grouping
        groups = outline.build_groups(self.catalog, self.session.entity, grouping)
        self.query_one(Navigator).show(groups, self.states, self.current, portal_numbers=grouping == "section")
        self.query_one("#nav-order", Static).update(order_line(grouping))

    @on(Navigator.OrderToggled)
    def _toggle_order(self) -> None:
        self.set_grouping("category" if self.grouping == "section" else "section")

    # --- editing ---------------------------------------------------------------------------

    @on(CriterionPane.Edited)
    async def _edited(self, event: CriterionPane.Edited) -> None:
        session = self.session
        cid = event.criterion_id
        if event.facility:
            changed = session.set_facility(cid, event.facility, str(event.value))
        else:
            previous_status = session.answer(cid).status
            changed = session.set_value(cid, event.key, event.value)  # type: ignore[arg-type]
            if changed and event.key == "status" and event.value == "not_applicable" \
                    and not session.answer(cid).na_reason.strip():
                self._ask_na_reason(cid, previous_status)
        if changed:
            self.answer_changed(cid, typing=event.key in TYPED_FIELDS)

    def answer_changed(self, criterion_id: str, *, typing: bool = False) -> None:
        """An answer changed: refresh the preview (while typing: with the live review, after a pause) and the
        mark, and schedule the live review and the autosave."""
        if criterion_id == self.current:
            if typing:
                self._preview_stale = True
            else:
                self.query_one(CriterionPane).show_answer(self.session.answer(criterion_id))
        self.reviews.recompute(criterion_id)
        self.reviews.postpone_full()
        self.saving.edited()
        self.reviews.schedule_live(LIVE_REVIEW_DELAY)

    # --- reviews (run by self.reviews; drawn here) ----------------------------------------------

    def review_whole_profile(self) -> None:
        """Review every criterion now (in a thread); the marks, progress and findings follow."""
        self.reviews.review_whole_profile()

    def full_review_soon(self) -> None:
        """Review the whole profile once the user has paused."""
        self.reviews.full_soon()

    @on(LiveFindings)
    def _live_findings(self, event: LiveFindings) -> None:
        self.reviews.live_findings(event)

    @on(FullReview)
    def _full_findings(self, event: FullReview) -> None:
        self.reviews.full_review(event)

    def refresh_stale_preview(self) -> None:
        """Before a live review: the preview left stale while typing is drawn again."""
        if self._preview_stale and self.current is not None:
            self._preview_stale = False
            self.query_one(CriterionPane).show_answer(self.session.answer(self.current))

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show the current criterion's findings and their summary line in the same frame."""
        panel = self.query_one(FindingsPanel)
        if panel.show_findings(findings):
            self.query_one("#findings-title", Static).update(panel.summary_line, layout=False)

    def states_changed(self, states: Mapping[str, str]) -> None:
        """Criteria changed state: their marks in the list and the progress line follow."""
        self.query_one(Navigator).set_states(states)
        self.update_progress()

    def update_progress(self) -> None:
        """'12/93 done · 3 with errors' in the top bar."""
        self.query_one("#progress", Static).update(self.reviews.progress_line())

    @work
    async def _ask_na_reason(self, criterion_id: str, previous_status: str) -> None:
        from ctpat_tui.tui.dialogs.common import ReasonDialog

        offered, note = self.offered_na_reason([criterion_id])
        reason = await self.app.push_screen_wait(ReasonDialog(
            f"{criterion_id} does not apply", "Say why this criterion does not apply to your business "
            "(the reviewer will read it; for a Must it needs to convince):" + (f"\n{note}" if note else ""),
            value=offered, placeholder="e.g. We do not own or operate any conveyances; all transport is contracted."))
        if reason is None:
            self.session.set_value(criterion_id, "status", previous_status)
            self.notify("Status left unchanged.")
        else:
            self.session.set_value(criterion_id, "na_reason", reason)
            self.last_na_reason = reason
        if criterion_id == self.current:
            self.current = None
            await self.go_to(criterion_id)
        self.answer_changed(criterion_id)

    @on(FindingsPanel.Jump)
    def _jump(self, event: FindingsPanel.Jump) -> None:
        self._focus_finding(event.finding)

    @on(FindingsPanel.AddWords)
    def _add_words(self, event: FindingsPanel.AddWords) -> None:
        from ctpat_tui.review import spelling

        words = spelling.finding_words(event.finding)
        added = self.session.add_spelling_words(words)
        if not added:
            return
        shown = ", ".join(f"'{w}'" for w in added)
        self.notify(f"Added {shown} to this profile's spelling words ([settings] spelling_words).")
        self.answer_changed(event.finding.criterion)
        self.review_whole_profile()

    @on(FindingsPanel.Accept)
    def _accept_requested(self, event: FindingsPanel.Accept) -> None:
        self._accept(event.finding)

    @work
    async def _accept(self, finding: Finding) -> None:
        from ctpat_tui.tui.dialogs.common import ReasonDialog

        if self.session.read_only:
            return
        reason = await self.app.push_screen_wait(ReasonDialog(
            f"Accept {finding.rule} on {finding.criterion}",
            f"{finding.message}\nWhy is this acceptable? (Leave empty to withdraw an earlier acceptance.)",
            value=finding.accepted_reason, required=False))
        if reason is not None:
            self.session.accept_finding(finding.criterion, finding.rule, reason)
            self.answer_changed(finding.criterion)

    def current_reload(self) -> None:
        """Redraw everything from the reloaded document."""
        current, self.current = self.current, None
        self._update_title()
        self.reviews.reset_states()
        self.query_one(SaveIndicator).saved(dt.datetime.now())
        if current is not None:
            self.call_later(self.go_to, current)
        self.review_whole_profile()

    # --- other screens ---------------------------------------------------------------------

    def action_review(self) -> None:
        """Open the review screen (readiness and every finding)."""
        from ctpat_tui.tui.screens.review import ACTION_PREFIX, ReviewScreen

        def back(target: tuple[str, str, Finding] | None) -> None:
            if target is not None and target[1] == ACTION_PREFIX:
                self.new_action_for(target[0], target[2])
            elif target is not None and target[2].rule.startswith("PART"):
                self.call_later(self.go_to, target[0])
                self.call_later(self.action_partners, target[2])
            elif target is not None:
                self.call_later(self.go_to, target[0], target[1] or "status")

        self.app.push_screen(ReviewScreen(self.catalog, self.session.profile, self.order()), back)

    def action_partners(self, finding: Finding | None = None) -> None:
        """Open the partner register (at the partner a PART finding is about)."""
        from ctpat_tui.review.partners import partner_index_for
        from ctpat_tui.tui.screens.partners import PartnersScreen

        index = partner_index_for(finding, self.session.profile.partners) if finding is not None else None

        def back(_result: None) -> None:
            self.review_whole_profile()
            if self.current is not None:
                self.reviews.schedule_live(0.0)

        self.app.push_screen(PartnersScreen(self.session, self.autosaver, select=index), back)

    def action_preview(self) -> None:
        """Show the current criterion's response preview in a window of its own."""
        from ctpat_tui.tui.dialogs.preview import PreviewDialog

        if self.current is None:
            return
        pane = self.query_one(CriterionPane)
        pane.show_answer(self.session.answer(self.current))  # fresh even while typing
        self._preview_stale = False
        self.app.push_screen(PreviewDialog(self.current, pane.preview_heading, pane.preview_text))

    def action_render(self) -> None:
        """Open the render dialog."""
        from ctpat_tui.tui.dialogs.render import RenderDialog

        path = self.session.path
        def closed(result: str | None) -> None:
            if result == "submit":
                self.action_mark_submitted()

        self.app.push_screen(RenderDialog(self.catalog, self.session.profile, path.parent / "output",
                                          offer_submit=not self.session.read_only), closed)

    @work
    async def action_feedback(self, paths: list[Path] | None = None) -> None:
        """Read reviewed Word drafts (asked for when not given) and open the feedback screen."""
        from ctpat_tui.feedback.report import load_feedback
        from ctpat_tui.tui.dialogs.common import TextPromptDialog
        from ctpat_tui.tui.screens.feedback import FeedbackScreen

        if paths is None:
            typed = await self.app.push_screen_wait(TextPromptDialog(
                "Reviewers' feedback", "Reviewed Word drafts of this profile (separate several with ';'). "
                "They are only read, never changed.", placeholder="output/profile-reviewed.docx"))
            if not typed:
                return
            base = self.session.path.parent
            paths = [base / Path(p.strip()).expanduser() for p in typed.split(";") if p.strip()]
        feedback = load_feedback(self.catalog, self.session.profile, paths)

        def back(changed: set[str] | None) -> None:
            for criterion in changed or ():
                self.answer_changed(criterion)
            if changed and self.current in changed:  # the form shows the accepted text, not the old one
                current, self.current = self.current, None
                self.call_later(self.go_to, current)
            if changed:
                self.review_whole_profile()

        self.app.push_screen(FeedbackScreen(self.session, self.autosaver, feedback), back)

    @work
    async def action_resolve_notes(self) -> None:
        """Mark the open review notes of the current criterion resolved (after asking)."""
        from ctpat_tui.feedback.apply import resolve_note
        from ctpat_tui.tui.dialogs.common import ChoiceDialog
        from ctpat_tui.tui.widgets.criterion_pane import review_note_line

        criterion = self.current
        if criterion is None or self.session.read_only:
            return
        notes = self.session.answer(criterion).review_notes
        open_notes = [i for i, note in enumerate(notes) if not note.resolved]
        if not open_notes:
            self.notify(f"{criterion} has no open review notes.")
            return
        lines = "\n".join(review_note_line(notes[i]) for i in open_notes)
        choice = await self.app.push_screen_wait(ChoiceDialog(
            f"Resolve the review notes of {criterion}", lines, [("resolve", "Resolve"), ("keep", "Keep open")],
            cancel="keep"))
        if choice != "resolve":
            return
        for index in open_notes:
            resolve_note(self.session.document, criterion, index)
        self.answer_changed(criterion)

    def action_add_evidence(self) -> None:
        """Add an evidence reference to the current criterion."""
        self.evidence.request("add")

    @on(Button.Pressed, "#add-evidence")
    def _add_pressed(self) -> None:
        self.action_add_evidence()

    @on(EvidenceList.Requested)
    def _evidence_requested(self, event: EvidenceList.Requested) -> None:
        self.evidence.request(event.action, event.index)
