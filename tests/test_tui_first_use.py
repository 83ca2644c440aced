"""A new user's first use of the app: the places first-time users went wrong, driven with the keyboard at 80x24."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Select

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.common import ConfirmDialog
from ctpat_tui.tui.screens.new_profile import NewProfileScreen
from tests.test_tui_stories import SIZE, open_main, open_screen, type_text, wait_for


async def test_the_new_profile_form_offers_to_create_a_missing_folder(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "ctpat" / "2026" / "rio.toml"
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NewProfileScreen))
        form = app.screen
        await type_text(pilot, "Rio")
        form.query_one("#np-entity", Select).value = "importer"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert str(path.parent) in str(app.screen.query_one(".dialog-message").render())
        await pilot.press("n")  # a typo in the path: nothing is created, the user is told how to go on
        await wait_for(pilot, lambda: app.screen is form)
        assert not path.parent.exists()
        assert "ctrl+s again" in str(form.query_one("#np-error").render())
        assert form.focused is form.query_one("#np-path", Input)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await open_main(pilot)
    assert ProfileDocument.load(path).profile.company == "Rio"
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def ranked(query: str, ids: list[str]) -> list[str]:
    """IDs in the order the Go-to palette lists them for `query` (labels scored by Textual's own matcher)."""
    from textual.fuzzy import Matcher

    from ctpat_tui.tui.commands import criterion_score

    matcher = Matcher(query)
    scores = {cid: criterion_score(query, cid, matcher.match(f"{cid} Some title")) for cid in ids}
    return [cid for cid in sorted(ids, key=lambda cid: -scores[cid]) if scores[cid] > 0]


def test_go_to_ranks_the_exact_id_then_ids_starting_with_it_then_words() -> None:
    ids = ["12.10", "12.1", "10.4", "12.4", "2.11", "2.10", "2.1", "1.4", "9.15", "9.5", "3.2"]
    assert ranked("1.4", ids)[0] == "1.4"
    assert ranked("9.5", ids)[0] == "9.5"
    assert ranked("2.1", ids)[:4] == ["2.1", "2.10", "2.11", "12.1"]
    assert ranked(" 2.1 ", ids)[:3] == ["2.1", "2.10", "2.11"]
    assert ranked("1", ids)[:3] == ["1.4", "10.4", "12.1"]


async def test_go_to_opens_the_criterion_whose_id_was_typed(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "carrier.toml"
    ProfileDocument.new(path, "Rio Freight", "highway_carrier").save()
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        for typed in ("1.4", "9.5", "2.1"):
            await pilot.press("ctrl+g")
            await type_text(pilot, typed)
            await pilot.pause(0.4)  # the palette gathers hits for a moment before it sorts them
            await pilot.press("enter")
            await wait_for(pilot, lambda typed=typed: main.current == typed)


async def test_a_demo_copy_never_becomes_a_recent_profile(mini_catalog: Catalog, tmp_path: Path,
                                                          monkeypatch) -> None:
    from textual.widgets import OptionList

    from ctpat_tui.tui.app import prepare_demo
    from ctpat_tui.tui.screens.start import StartScreen
    from ctpat_tui.tui.state import load_state, remember_profile

    mine = tmp_path / "rio.toml"
    ProfileDocument.new(mine, "Rio Freight", "importer").save()
    gone = tmp_path / "old.toml"
    gone.write_text("")
    remember_profile(gone, "Old Co", "importer")
    remember_profile(mine, "Rio Freight", "importer")
    gone.unlink()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    demo = prepare_demo(None)
    assert demo.parent.parent.parent == tmp_path and demo.parent.parent.name.startswith("ctpat-demo-")
    remember_profile(demo, "Acme Imports LLC", "importer")  # what opening the demo does
    assert [r.path for r in load_state().recent] == [str(mine.resolve())]
    app = CtpatApp(mini_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        options = app.screen.query_one(OptionList)
        highlighted = options.get_option_at_index(options.highlighted)
        assert str(mine.resolve()) in str(highlighted.prompt)
        assert "Rio Freight · Importer" in str(highlighted.prompt)  # the entity type's name, not its slug


def test_every_number_field_of_the_questionnaire_has_a_plausible_range(catalog: Catalog) -> None:
    numbers = [f for c in catalog.criteria.values() for f in c.fields if f.type == "number"]
    assert numbers
    for field in numbers:
        assert field.minimum is not None and field.maximum is not None and field.minimum < field.maximum, field


async def test_a_sentence_typed_into_a_number_field_is_flagged_at_once_and_kept(catalog: Catalog,
                                                                                tmp_path: Path) -> None:
    from ctpat_tui.review import review_profile

    path = tmp_path / "carrier.toml"
    ProfileDocument.new(path, "Rio Freight", "highway_carrier").save()
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("12.1")
        box = main.query_one("#field-refresher_interval_months", Input)
        label = main.query_one("#extras").slots["refresher_interval_months"].label  # type: ignore[attr-defined]
        assert "1 to 36" in box.placeholder
        box.focus()
        await type_text(pilot, "every 10 mo")
        assert box.value == "every 10 mo"  # nothing silently dropped
        assert "not a number" in str(label.render()) and box.has_class("-invalid")
        await pilot.press(*["backspace"] * 11)
        await type_text(pilot, "1030")
        assert "outside the plausible range 1 to 36" in str(label.render())
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "12")
        assert "!" not in str(label.render()) and not box.has_class("-invalid")
        box.value = "yearly, at the depot"
        await pilot.pause(0.1)
        main.autosaver.flush()
    saved = ProfileDocument.load(path).profile
    assert saved.answer("12.1").extra["refresher_interval_months"] == "yearly, at the depot"
    findings = [f for f in review_profile(catalog, saved).findings if f.rule == "SPEC012" and f.criterion == "12.1"]
    assert findings and "is not a number" in findings[0].message


def test_check_reports_a_number_outside_its_plausible_range(catalog: Catalog, tmp_path: Path) -> None:
    from ctpat_tui.review import review_profile

    path = tmp_path / "carrier.toml"
    document = ProfileDocument.new(path, "Rio Freight", "highway_carrier")
    document.set_answer_value("12.1", "status", "implemented")
    document.set_answer_value("12.1", "refresher_interval_months", 1030.802)
    findings = [f for f in review_profile(catalog, document.profile).findings if f.rule == "SPEC012"]
    assert [f.message for f in findings] == [
        "Refresher training interval (months): 1030.802 is outside the plausible range 1 to 36"]
    document.set_answer_value("12.1", "refresher_interval_months", 12)
    assert not [f for f in review_profile(catalog, document.profile).findings if f.rule == "SPEC012"]


async def test_the_list_says_its_order_and_switches_to_msc_id_order_with_one_key(catalog: Catalog,
                                                                                 tmp_path: Path) -> None:
    from ctpat_tui.tui.widgets.navigator import Navigator

    path = tmp_path / "carrier.toml"
    ProfileDocument.new(path, "Rio Freight", "highway_carrier").save()
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        navigator = main.query_one(Navigator)
        assert "portal" in str(main.query_one("#nav-order").render())
        first_rows = [str(navigator.get_option(cid).prompt) for cid in main.order()[:4]]
        assert re.match(r"\W?1\.2\s+Q1\s", first_rows[0]), first_rows[0]  # the portal's first question comes first
        assert main.order()[:4] == ["1.2", "1.3", "1.4", "1.1"]
        navigator.focus()
        await pilot.press("o")
        await wait_for(pilot, lambda: main.grouping == "category")
        assert "MSC ID" in str(main.query_one("#nav-order").render())
        assert main.order()[:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
        await main.go_to("1.4")
        await pilot.press("f9")
        await wait_for(pilot, lambda: main.current == "2.1")
        await pilot.press("ctrl+l", "o")
        await wait_for(pilot, lambda: main.grouping == "section")


async def test_an_evidence_reference_is_edited_in_place_with_the_checks_of_adding(mini_catalog: Catalog,
                                                                                  tmp_path: Path) -> None:
    import datetime as dt

    from ctpat_tui.profile.model import Evidence
    from ctpat_tui.tui.dialogs.evidence import EvidenceDialog
    from ctpat_tui.tui.widgets.evidence_list import EvidenceList

    path = tmp_path / "profile.toml"
    document = ProfileDocument.new(path, "Rio Freight", "importer")
    document.set_evidence("2.1", [Evidence("Risk assessment", "RA-1", dt.date(2026, 1, 2), "Risk Assessment"),
                                  Evidence("Review minutes", "RA-MIN-1", dt.date(2026, 1, 9), "Risk Assessment")])
    document.save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        heading = str(main.query_one("#evidence-heading").render())
        assert "Enter on a line edits it" in heading and "Del removes it" in heading
        main.query_one(EvidenceList).focus()
        await pilot.pause(0.1)
        from ctpat_tui.tui.widgets.key_footer import shown_keys

        footer = {(key, label) for key, _action, label, *_rest in shown_keys(main)}
        assert {("enter", "Edit"), ("delete", "Remove")} <= footer
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog))
        dialog = app.screen
        assert dialog.query_one("#ev-ref", Input).value == "RA-MIN-1"
        dialog.query_one("#ev-date", Input).value = "2026-13-40"
        await pilot.press("ctrl+s")
        assert "is not a date" in str(dialog.query_one("#ev-error").render())  # the check adding makes
        dialog.query_one("#ev-date", Input).value = "2026-02-09"
        dialog.query_one("#ev-ref", Input).value = "RA-MIN-2"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is main)
        main.autosaver.flush()
    evidence = ProfileDocument.load(path).profile.answer("2.1").evidence
    assert [(e.ref, e.date) for e in evidence] == [("RA-1", dt.date(2026, 1, 2)), ("RA-MIN-2", dt.date(2026, 2, 9))]


async def test_the_response_preview_is_one_key_away_and_the_form_says_so(mini_catalog: Catalog,
                                                                        tmp_path: Path) -> None:
    from ctpat_tui.tui.dialogs.preview import PreviewDialog

    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Rio Freight", "importer").save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        assert "F6 preview" in str(main.query_one("#crit-meta").render())
        controls = main.query_one("#field-controls")
        controls.focus()
        await type_text(pilot, "Seal log")
        await pilot.press("f6")  # at once, while the text box has the cursor
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewDialog))
        assert "Seal log" in str(app.screen.query_one("#preview-text").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        assert app.focused is controls


async def test_a_long_not_applicable_reason_is_shown_whole(mini_catalog: Catalog, tmp_path: Path) -> None:
    from textual.widgets import TextArea

    reason = ("We do not own, lease or operate any conveyance or trailer; every movement is contracted to "
              "CTPAT-certified highway carriers named in our partner register, and none of our staff drive.")
    path = tmp_path / "profile.toml"
    document = ProfileDocument.new(path, "Rio Freight", "importer")
    document.set_answer_value("2.1", "status", "not_applicable")
    document.set_answer_value("2.1", "na_reason", reason)
    document.save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("2.1")
        box = main.query_one("#field-na_reason", TextArea)
        await pilot.pause(0.1)
        assert box.text == reason
        assert box.size.height >= 3  # wrapped over several lines, not scrolled to its end
        assert box.wrapped_document.height <= box.size.height


def test_one_key_map_a_key_means_one_thing_and_the_docs_are_made_from_the_bindings() -> None:
    from ctpat_tui.tui import keymap
    from ctpat_tui.tui.screens.main import MainScreen

    assert keymap.conflicts() == []
    assert keymap.DOCS_PATH.read_text(encoding="utf-8") == keymap.keys_markdown(), \
        "docs/keys.md is out of date: run python -m ctpat_tui.tui.keymap"
    listed = [k for _heading, rows in keymap.screen_sections(MainScreen) for row in rows for k in row.keys
              if k not in keymap.SHARED_MEANINGS]
    assert len(listed) == len(set(listed))
    assert {"f6", "f8", "f9", "ctrl+g", "ctrl+p", "o", "delete"} <= set(listed)
    assert "ctrl+p" not in [k for row in keymap.class_rows(MainScreen) for k in row.keys]  # the palette's key


async def test_help_lists_each_key_once_in_lines_that_fit_at_80_columns(catalog: Catalog, tmp_path: Path) -> None:
    from textual.widgets import Static

    from ctpat_tui.tui.screens.help import HelpScreen

    path = tmp_path / "carrier.toml"
    ProfileDocument.new(path, "Rio Freight", "highway_carrier").save()
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f1", HelpScreen)
        await pilot.pause(0.1)
        body = app.screen.query_one("#help-body Static", Static)
        text = str(body.render())
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= body.content_region.width  # Textual never rewraps a line
        key_column = [line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("   ")]
        assert key_column.count("F1") == 1 and key_column.count("ctrl+q") == 1
        assert any("F8" in line and "Previous criterion" in line for line in lines)
        assert any("ctrl+p" in line and "Command palette" in line for line in lines)


async def test_the_review_screen_answers_the_arrows_at_once_and_x_is_not_one_of_its_keys(
        catalog: Catalog, sample_path: Path) -> None:
    from textual.widgets import DataTable

    from ctpat_tui.tui.screens.review import ReviewScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.shown)
        review = app.screen
        table = review.query_one(DataTable)
        assert app.focused is table
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        shown = len(review.shown)
        await pilot.press("x")
        assert len(review.shown) == shown and not review.show_accepted
        await pilot.press("v")
        assert review.show_accepted
        await pilot.press("i")
        assert "info" in review.severities


async def test_editing_keys_in_a_burst_apply_in_the_order_they_were_typed(mini_catalog: Catalog,
                                                                          tmp_path: Path) -> None:
    """One SSH packet (or a fast typist) delivers 'xy', backspace, 'z', ctrl+u, ... together: each key acts in turn."""
    from textual import events
    from textual.widgets import TextArea

    def burst(keys: list[str]) -> None:
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))

    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Rio Freight", "importer").save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        box = main.query_one("#field-frequency", Input)
        box.focus()
        await pilot.pause(0.1)
        burst(["x", "y", "backspace", "z", "ctrl+u", *"monthly", "left", "left", "A", "B"])
        await wait_for(pilot, lambda: box.value == "monthABly")
        area = main.query_one("#field-controls", TextArea)
        area.focus()
        await pilot.pause(0.1)
        burst(["a", "b", "backspace", "c", "left", "X"])
        await wait_for(pilot, lambda: area.text == "aXc")


async def test_the_reason_dialog_shows_a_long_reason_whole_and_enter_still_accepts(mini_catalog: Catalog,
                                                                                   tmp_path: Path) -> None:
    from textual.widgets import TextArea

    from ctpat_tui.tui.dialogs.common import ReasonDialog

    reason = ("We never subcontract: every load moves on our own tractors with our own employed drivers, and "
              "this is written into each customer contract we sign.")
    results: list[str | None] = []
    app = CtpatApp(mini_catalog, tmp_path / "none.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        app.push_screen(ReasonDialog("3.8 does not apply", "Say why:", value=reason), results.append)
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog) and app.screen.query("#prompt-input"))
        box = app.screen.query_one("#prompt-input", TextArea)
        await wait_for(pilot, lambda: app.focused is box)
        assert box.wrapped_document.height > 1 and box.size.height >= box.wrapped_document.height
        await type_text(pilot, " Checked")
        await pilot.press("enter")
        await wait_for(pilot, lambda: results)
    assert results == [reason + " Checked"]
