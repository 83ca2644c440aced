"""Stories about moving between criteria and typing quickly: what the user sees stays right while the app does less."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea
from textual.widgets._footer import FooterKey

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
from ctpat_tui.tui.widgets.extra_fields import ExtraFields
from ctpat_tui.tui.widgets.findings import FindingsPanel, summary
from tests.test_tui_stories import (
    SIZE,
    new_profile,
    open_main,
    saved_text,
    type_text,
    wait_for,
)


def shown_extras(pane: CriterionPane) -> list[str]:
    """IDs of the extra-value inputs the user can see, top to bottom."""
    extras = pane.query_one(ExtraFields)
    return [child.id or "" for child in extras.children if child.display and child.id]


async def test_extra_values_follow_the_criterion_and_are_saved_to_it(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    document = ProfileDocument.load(path)
    document.set_answer_value("2.1", "method", "CBP five-step method")
    document.set_answer_value("2.1", "last_reviewed", dt.date(2026, 1, 10))
    document.save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        assert main.current == "2.1"
        assert shown_extras(pane) == ["field-method", "field-last_reviewed"]
        date_box = pane.query_one("#field-last_reviewed", Input)
        assert date_box.value == "2026-01-10"
        await pilot.press("ctrl+n")
        assert main.current == "2.3"
        assert shown_extras(pane) == ["field-last_reviewed"]
        assert pane.query_one("#field-last_reviewed", Input) is date_box, "the same input is reused"
        assert date_box.value == "", "2.3 has no date yet"
        assert pane.focus_field("last_reviewed")
        await pilot.pause()
        assert app.focused is date_box
        await type_text(pilot, "2026-02-01")
        await wait_for(pilot, lambda: main.session.answer("2.3").extra.get("last_reviewed") == dt.date(2026, 2, 1))
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # 3.1, 7.23, 6.2: a choice
        assert main.current == "6.2" and shown_extras(pane) == ["field-seal_standard"]
        await pilot.press("f8", "f8", "f8", "f8")
        assert main.current == "2.1"
        assert shown_extras(pane) == ["field-method", "field-last_reviewed"]
        assert date_box.value == "2026-01-10" and pane.query_one("#field-method", Input).value == "CBP five-step method"
        assert not pane.focus_field("seal_standard"), "another criterion's hidden field cannot take the cursor"
        await wait_for(pilot, lambda: "2026-02-01" in saved_text(path))
    answers = ProfileDocument.load(path).profile.answers
    assert answers["2.1"].extra["last_reviewed"] == dt.date(2026, 1, 10)
    assert answers["2.3"].extra["last_reviewed"] == dt.date(2026, 2, 1)


async def test_findings_and_their_summary_change_with_the_criterion_at_once(catalog: Catalog,
                                                                              sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await wait_for(pilot, lambda: main.findings_by_id)
        panel = main.query_one(FindingsPanel)
        title = main.query_one("#findings-title")
        for criterion_id in main.order()[:12]:
            await main.go_to(criterion_id)  # no pause: the summary must not wait for a message round trip
            expected = main.findings_by_id.get(criterion_id, [])
            assert sorted(f.rule for f in panel.findings) == sorted(f.rule for f in expected)
            assert str(title.render()).startswith(f"Findings: {summary(expected)}")


async def test_the_footer_is_not_rebuilt_when_the_cursor_moves_between_fields(mini_catalog: Catalog,
                                                                              tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        before = list(main.query(FooterKey))
        assert {"next", "review"} <= {key.action for key in before}
        await pilot.press("enter", "escape", "tab", "tab", "ctrl+l")  # into the form, through fields, back
        await pilot.pause(0.2)
        assert list(main.query(FooterKey)) == before


async def test_the_response_preview_follows_the_typing_after_a_pause(mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        pane.focus_field("controls")
        await pilot.pause(0.05)
        await type_text(pilot, "Annual risk assessment")
        assert isinstance(app.focused, TextArea)
        await wait_for(pilot, lambda: "Annual risk assessment" in str(pane.query_one("#preview").render()))
        assert "composed from the fields" in str(pane.query_one("#preview-heading").render())


async def test_pasted_and_line_fed_text_keeps_every_line(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        controls = pane.query_one("#field-controls", TextArea)
        controls.focus()
        await pilot.pause()
        app.post_message(events.Paste("Seal SOP v3\nchecked at every load"))  # as the driver sends a paste
        await pilot.pause()
        await pilot.press("ctrl+j", *"logged", "enter", *"in SAP")  # ctrl+j: a line feed sent as a key
        assert controls.text == "Seal SOP v3\nchecked at every load\nlogged\nin SAP"
        frequency = pane.query_one("#field-frequency", Input)
        frequency.focus()
        await pilot.pause()
        app.post_message(events.Paste("every shipment\n\n  and a monthly audit\n"))
        await pilot.pause()
        assert frequency.value == "every shipment and a monthly audit", "Textual's Input would keep the first line"
        await wait_for(pilot, lambda: "monthly audit" in saved_text(path))
    answer = ProfileDocument.load(path).profile.answer("2.1")
    assert answer.controls == "Seal SOP v3\nchecked at every load\nlogged\nin SAP"
    assert answer.frequency == "every shipment and a monthly audit"


async def test_the_whole_profile_review_waits_for_a_pause_in_typing(mini_catalog: Catalog, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from ctpat_tui.review import review_profile
    from ctpat_tui.tui.screens import findings_actions

    reviews: list[int] = []

    def counting_review(*args: object, **kwargs: object) -> object:
        reviews.append(1)
        return review_profile(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(findings_actions, "review_profile", counting_review)
    monkeypatch.setenv("CTPAT_AUTOSAVE_DELAY", "0.05")
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await wait_for(pilot, lambda: reviews)  # the review when the profile opens
        main.query_one(CriterionPane).focus_field("controls")
        await pilot.pause()
        for word in ("Seal", " checks", " at", " every", " gate"):
            await type_text(pilot, word)
            await pilot.pause(0.35)  # long enough for an autosave between words
        assert "every gate" in saved_text(path)
        assert len(reviews) == 1, "no whole-profile review while the user types"
        await wait_for(pilot, lambda: len(reviews) == 2, timeout=findings_actions.FULL_REVIEW_QUIET + 3)


async def test_each_facility_gets_its_status_from_one_list(mini_catalog: Catalog, tmp_path: Path) -> None:
    from ctpat_tui.tui.dialogs.common import ChoiceDialog
    from ctpat_tui.tui.widgets.facility_statuses import FacilityStatuses

    path = new_profile(tmp_path, facilities=(("laredo-dc", "Laredo DC"), ("elgin-hq", "Elgin HQ")))
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        statuses = pane.query_one(FacilityStatuses)
        assert len(pane.query(FacilityStatuses)) == 1, "one widget for every facility"
        assert pane.focus_field("facilities")
        await pilot.pause()
        assert app.focused is statuses
        await pilot.press("right", "right")  # Laredo DC: not set -> implemented -> partial
        await pilot.press("down", "enter")  # Elgin HQ: choose from the list of statuses
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("2")  # 1 not set, 2 implemented
        await wait_for(pilot, lambda: app.screen is main)
        assert main.session.answer("2.1").facilities == {"laredo-dc": "partial", "elgin-hq": "implemented"}
        assert "Partial" in str(statuses.get_option_at_index(0).prompt)
        await pilot.press("ctrl+n")
        assert statuses.statuses == {"laredo-dc": "", "elgin-hq": ""}, "2.3 has no facility statuses yet"
        await pilot.press("f8")
        assert statuses.statuses == {"laredo-dc": "partial", "elgin-hq": "implemented"}
        await wait_for(pilot, lambda: "elgin-hq" in saved_text(path))
    assert ProfileDocument.load(path).profile.answer("2.1").facilities == {"laredo-dc": "partial",
                                                                          "elgin-hq": "implemented"}


def _terminal_cells(app: CtpatApp, updates: list[object], cells: dict[tuple[int, int], tuple[str, object]]) -> None:
    """Replay the frames the app sent, as a terminal draws them, onto `cells`."""
    from benchmarks.tui_pilot import draw_update

    for update in updates:
        draw_update(app.console, update, cells)


def _keep_updates(app: CtpatApp) -> list[object]:
    """From now on, every update the app sends to the terminal (outside a batch), in order."""
    from textual._compositor import CompositorUpdate

    updates: list[object] = []
    display = app._display

    def keep(screen: object, renderable: object) -> None:
        if isinstance(renderable, CompositorUpdate) and not app._batch_count:
            updates.append(renderable)
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = keep  # type: ignore[method-assign]
    return updates


def _redrawn_cells(app: CtpatApp) -> dict[tuple[int, int], tuple[str, object]]:
    """The screen drawn again from scratch (no widget's cached lines)."""
    from textual._cells import cell_len

    for widget in app.screen.walk_children(with_self=True):
        widget._styles_cache.clear()  # type: ignore[attr-defined]
    cells = {}
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            for char in segment.text:
                cells[(x, y)] = (char, segment.style)
                x += cell_len(char)
    return cells


async def test_an_answer_box_shows_exactly_what_was_typed_while_only_changed_rows_are_redrawn(
        mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        area = main.query_one("#field-controls", TextArea)
        area.cursor_blink = False
        area.focus()
        await pilot.pause(0.3)
        updates = _keep_updates(app)
        start = _redrawn_cells(app)
        keys = [*"Seals are checked at the dock door by the shift lead, every trailer ", "ctrl+j", "ctrl+j",
                *"then logged", *["backspace"] * 6, "left", "left", *"xy", *["ctrl+j"] * 8, *"below the fold",
                "up", "home", *"z"]
        for index in range(0, len(keys), 12):
            await pilot.press(*keys[index:index + 12])
            await pilot.pause(0.1)
            shown = dict(start)
            _terminal_cells(app, updates, shown)
            truth = _redrawn_cells(app)
            box = area.region
            wrong = [cell for cell, value in truth.items() if box.contains(*cell) and shown.get(cell) != value]
            assert not wrong, f"after {keys[:index + 12]!r} the terminal shows stale cells at {wrong[:5]}"
        assert "then z" not in area.text and area.text.startswith("Seals are checked")
        # typing below the fold scrolls the form to the cursor: that frame is a whole-screen update (no spans)
        small = [update for update in updates if len(getattr(update, "spans", ())) in (1, 2)]
        assert small, "a keystroke that changes one row redraws only that row"


async def test_moving_the_focus_redraws_the_fields_it_leaves_and_enters_not_the_whole_screen(
        catalog: Catalog, sample_path: Path) -> None:
    from textual._compositor import LayoutUpdate

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        await wait_for(pilot, lambda: main.findings_by_id and pane.form.complete)
        await pilot.pause(0.3)
        for widget in main.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        pane.focus_field("controls")
        await pilot.pause(0.3)
        updates = _keep_updates(app)
        start = _redrawn_cells(app)
        # (keys, whether Textual may send a whole screen: it does when the form scrolls just after a layout)
        steps = ((["tab"], True), (["tab"], False), (["shift+tab", "shift+tab"], True), (["ctrl+n"], False),
                 (["tab", "tab"], True), (["ctrl+l"], False))
        for keys, scrolled in steps:
            sent = len(updates)
            await pilot.press(*keys)
            await pilot.pause(0.3)
            shown = dict(start)
            _terminal_cells(app, updates, shown)
            wrong = [cell for cell, value in _redrawn_cells(app).items() if shown.get(cell) != value]
            assert not wrong, f"after {keys!r} the terminal shows stale cells at {wrong[:5]}"
            whole = [update for update in updates[sent:] if isinstance(update, LayoutUpdate)]
            assert scrolled or not whole, f"{keys!r} sent the whole screen again, not the parts that changed"
        assert app.focused is main.query_one("#nav")


def _count_calls(obj: object, name: str) -> list[int]:
    """Replace the method `name` of `obj` with one that records each call (one item per call) and calls it."""
    calls: list[int] = []
    original = getattr(obj, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    setattr(obj, name, counted)
    return calls


async def _settled_editor(pilot):  # type: ignore[no-untyped-def]
    """The editing screen with its whole form mounted and the first review in, after a quiet moment."""
    main = await open_main(pilot)
    pane = main.query_one(CriterionPane)
    await wait_for(pilot, lambda: pane.form.complete and main.findings_by_id)
    await pilot.pause(0.3)
    return main, pane

async def test_a_switch_shows_each_answer_box_with_its_own_scroll_bar_in_one_layout(mini_catalog: Catalog,
                                                                                   tmp_path: Path) -> None:
    """A box taller than it may grow scrolls (its scroll bar shown), a short one does not, whichever criterion was
    shown before; and the screen is laid out once per switch (the scroll bar is decided with the box's height, not
    by a second layout after the frame), the map of the screen kept from that layout being the right one."""
    path = new_profile(tmp_path)
    document = ProfileDocument.load(path)
    long = "\n".join(f"Step {n}: the seal number is checked against the bill of lading." for n in range(1, 15))
    document.set_answer_value("2.1", "controls", long)
    document.set_answer_value("2.1", "records", "Seal log, kept two years.")
    document.set_answer_value("2.3", "controls", "Annual review by the security lead.")
    document.set_answer_value("2.3", "records", long)
    document.save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main, pane = await _settled_editor(pilot)
        layouts = _count_calls(main, "_refresh_layout")
        controls = pane.query_one("#field-controls", TextArea)
        records = pane.query_one("#field-records", TextArea)
        kept_maps = 0
        for key, expected in (("ctrl+n", "2.3"), ("f8", "2.1"), ("ctrl+n", "2.3"), ("f8", "2.1")):
            pane.focus_field("controls")
            await pilot.pause(0.3)
            layouts.clear()
            await pilot.press(key)
            await pilot.pause(0.15)
            assert main.current == expected
            assert len(layouts) == 1, f"{key} to {expected} laid the screen out {len(layouts)} times"
            for box in (controls, records):
                overflows = box.text == long
                fitted = max(box.wrapped_document.height, box.styles.min_height.cells)  # type: ignore[union-attr]
                assert box.size.height == (10 if overflows else fitted)
                assert box.show_vertical_scrollbar is overflows
                assert box.vertical_scrollbar.display is overflows
                assert (box.vertical_scrollbar in main._compositor.visible_widgets) is overflows
            compositor = main._compositor
            if not compositor._full_map_invalidated:  # the map the screen keeps using is the one it would build
                fresh, _ = compositor._arrange_root(main, main.outer_size, visible_only=False)
                assert fresh == compositor._full_map
                kept_maps += 1
        assert kept_maps, "the screen kept the map of its layout"


async def test_a_switch_after_scrolling_the_form_arranges_the_screen_once(mini_catalog: Catalog, tmp_path: Path) -> None:
    """Scrolling the form (the cursor moved to a field lower down) places only what is visible; the map of the whole
    screen is arranged again while the user pauses, so the next switch arranges the screen once (its layout), not
    once more to find the size of its first text, and the kept map is the one a fresh arrangement gives."""
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main, pane = await _settled_editor(pilot)
        compositor = main._compositor
        arrange_root = compositor._arrange_root
        arranged = _count_calls(compositor, "_arrange_root")
        for _ in range(3):
            pane.focus_field("narrative")  # far down the form: the form scrolls
            await pilot.pause(0.3)
            assert pane.query_one("#pane-body").scroll_y > 0
            assert not compositor.map_stale, "the map was arranged again after the scroll"
            fresh, _ = arrange_root(main, main.outer_size, visible_only=False)
            assert fresh == compositor._full_map
            before = main.current
            arranged.clear()
            await pilot.press("ctrl+n")
            await pilot.pause(0.15)
            assert main.current != before
            assert len(arranged) == 1, f"the switch arranged the screen {len(arranged)} times"


async def test_an_answer_box_restyles_for_its_focus_without_recomputing_its_component_styles(
        mini_catalog: Catalog, tmp_path: Path) -> None:
    """Entering or leaving an answer box shows or hides its focus bar; its cursor, selection and gutter styles are
    not computed again (no rule for them depends on the box's focus: checked here on the app's whole stylesheet),
    and they are the styles a full restyle gives."""
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode
    from textual.widget import Widget

    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        pane = main.query_one(CriterionPane)
        await wait_for(pilot, lambda: pane.form.complete)
        components = {f".{name}" for name in TextArea._get_component_classes()}
        assert components, "Textual's TextArea has component classes"
        for rule in app.stylesheet.rules:
            if components & set(rule.selector_names):
                assert not {"focus", "blur", "focus-within"} & rule.pseudo_classes, f"{rule.css} depends on focus"
        area = pane.query_one("#field-controls", TextArea)
        computed: list[str] = []  # the component classes of the box whose styles were computed
        apply = Stylesheet.apply

        def counted(self: Stylesheet, node: DOMNode, **options: object) -> None:
            if node._parent is area and not isinstance(node, Widget):
                computed.append(str(node.classes))
            apply(self, node, **options)  # type: ignore[arg-type]

        Stylesheet.apply = counted  # type: ignore[method-assign]
        try:
            for focus in (True, False, True):
                if focus:
                    pane.focus_field("controls")
                else:
                    pane.focus_field("status")
                await pilot.pause(0.1)
                assert area.has_focus is focus
                assert (area.styles.border_left[0] == "tall") is focus, "the focus bar follows the focus"
                assert not computed, f"the focus move computed {computed}"
                kept = {name: styles.get_rules() for name, styles in area._component_styles.items()}
                app.stylesheet.update_nodes([area])
                assert computed, "a full restyle computes them (the way this test sees it still works)"
                assert {name: styles.get_rules() for name, styles in area._component_styles.items()} == kept
                computed.clear()
        finally:
            Stylesheet.apply = apply  # type: ignore[method-assign]
