"""A new user's walk through the newer screens at 80x24: what each screen says reads whole, typing does what it
looks like it will do, and every screen shows the profile as it is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_stories import SIZE, open_main, open_screen, wait_for
from textual.widgets import DataTable, Input, Static

from ctpat_tui.catalog import Catalog
from ctpat_tui.partners.countries import CountryText, normalize_country
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.profile.model import Partner
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.cycle import ActionDialog
from ctpat_tui.tui.screens import cycle_keys
from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen
from ctpat_tui.tui.screens.partners import PartnersScreen

REVIEW_DAY = dt.date(2027, 1, 20)  # the sample's anniversary (2027-03-15) is 54 days away


@pytest.fixture(autouse=True)
def _review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cycle_keys, "today", lambda: REVIEW_DAY)


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every row of the screen as the terminal shows it."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


async def test_the_annual_review_shows_its_title_and_whole_progress_line_at_80_columns(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f12", AnnualReviewScreen)
        await wait_for(pilot, lambda: "0 of 93 reviewed" in "".join(screen_lines(app)[:3]))
        top = "\n".join(screen_lines(app)[:3])
        assert "Annual review · Acme Imports LLC" in top
        assert "0 of 93 reviewed: 0 re-affirmed, 0 updated, 0 need work" in top
        assert "due 2027-03-15" in top
        screen = app.screen
        await wait_for(pilot, lambda: screen.submitted is not None)
        await pilot.press("3")  # reviewer and date fill in: the titles make room, nothing is pushed off the edge
        table = screen.query_one(DataTable)
        await wait_for(pilot, lambda: "needs work" in screen_lines(app)[table.region.y + 1])
        assert table.virtual_size.width <= table.size.width
        first = screen_lines(app)[table.region.y + 1]
        assert "needs work" in first and "Maria Lopez" in first and "2027-01-20" in first and "Cross-f" in first


async def test_typing_into_the_prefilled_criterion_of_a_new_action_replaces_it(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("12.6")  # partial: the form fills in the criterion and the gap
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionDialog))
        dialog = app.screen
        criterion = dialog.query_one("#ca-criterion", Input)
        await wait_for(pilot, lambda: criterion.has_focus)
        assert criterion.value == "12.6"
        await pilot.press(*"7.23")
        assert criterion.value == "7.23"
        await pilot.press("enter")  # on to the gap, which holds its prefilled text too: End keeps it and appends
        gap = dialog.query_one("#ca-gap", Input)
        prefilled_gap = gap.value
        assert gap.has_focus and prefilled_gap
        await pilot.press("end", *" (seals)")
        assert gap.value == prefilled_gap + " (seals)"
        await pilot.press("shift+tab", "end", "backspace", "backspace", *"10")
        assert criterion.value == "7.10"  # edited with End, not replaced
        await pilot.press("shift+tab", "tab", *"x")  # back on text the user typed: focusing it does not select it
        assert criterion.value == "7.10x"


async def test_the_footer_says_f2_goes_to_the_next_criterion_to_do_and_keeps_every_label_whole(
        catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.tui.widgets.key_footer import KeyFooter

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        y = main.query_one(KeyFooter).region.y
        await wait_for(pilot, lambda: "Commands" in screen_lines(app)[y])  # the footer is drawn once keys settle
        footer_line = screen_lines(app)[y]
        assert "F2 Next " in footer_line  # a jump to the next criterion, not "to the answer box"
        for label in ("F1 Help", "Prev/Next", "^r Review", "^o Render", "F6 Preview", "^p Commands"):
            assert label in footer_line, footer_line


@pytest.mark.parametrize(("typed", "stored"), [
    ("Vietnam", "VN"), ("viet nam", "VN"), ("VNM", "VN"), ("vn", "VN"), ("México", "MX"), ("UK", "GB"),
    ("United States of America", "US"), ("the Netherlands", "NL"), ("Korea, Republic of", "KR"),
])
def test_a_country_name_or_iso_code_is_stored_as_its_two_letter_code(typed: str, stored: str) -> None:
    result = normalize_country(typed)
    assert (result.value, result.warning) == (stored, "")


def test_a_country_the_table_does_not_know_is_kept_as_typed_with_a_warning() -> None:
    result = normalize_country("Kurdistan Region ")
    assert result.value == "Kurdistan Region " and result.country is None
    assert "Kurdistan Region" in result.warning and "kept as typed" in result.warning
    assert normalize_country("  ") == CountryText("", None)


async def _open_partners(pilot, app: CtpatApp, name: str) -> PartnersScreen:  # type: ignore[no-untyped-def]
    await open_screen(pilot, "f7", PartnersScreen)
    screen = app.screen
    assert isinstance(screen, PartnersScreen)
    index = [p.name for p in screen.session.profile.partners].index(name)
    screen.query_one(DataTable).move_cursor(row=screen.shown.index(index))
    await pilot.pause(0.1)
    return screen


async def test_a_partner_country_typed_as_a_name_is_saved_as_its_code_and_the_list_shows_it_whole(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_partners(pilot, app, "Saigon Ceramics JSC")
        field = screen.query_one("#pf-country", Input)
        field.focus()
        await pilot.press("ctrl+u", *"United States of America", "tab")
        await pilot.pause(0.1)
        assert field.value == "US"
        assert "United States" in str(screen.query_one("#pf-country-name", Static).render())
        field.focus()
        await pilot.press("ctrl+u", *"Kurdistan Region", "enter")
        await pilot.pause(0.1)
        assert field.value == "Kurdistan Region"  # not recognized: kept as typed, with a warning
        assert any("kept as typed" in n.message for n in app._notifications)
        table = screen.query_one(DataTable)
        row_y = table.region.y + 1 + table.get_row_index(str(screen.index))
        await wait_for(pilot, lambda: "Kurdistan" in screen_lines(app)[row_y])
        row = screen_lines(app)[row_y]
        assert "Kurdistan Region" in row and "2028-05-18" in row, row  # country whole, next due still shown
        assert table.virtual_size.width <= table.size.width
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
    saved = {p.name: p.country for p in read_profile(sample_path).partners}
    assert saved["Saigon Ceramics JSC"] == "Kurdistan Region"


async def test_an_open_partner_register_shows_partners_imported_on_disk_once_reloaded(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_partners(pilot, app, "Rio Bravo Transport")
        elsewhere = ProfileDocument.load(sample_path)  # as `ctpat partners import` would, while the app is open
        elsewhere.set_partner(None, Partner("Laredo Cross-Dock Inc.", role="warehouse", country="US", risk="low"))
        elsewhere.save()
        await wait_for(pilot, lambda: "changed" in str(getattr(app.screen, "title_text", "")))
        await pilot.press("1")  # reload theirs
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause(0.2)
        table = screen.query_one(DataTable)
        names = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert "Laredo Cross-Dock Inc." in names and len(names) == 8
        assert screen.session.profile.partners[screen.index].name == "Rio Bravo Transport"  # still selected
        assert "8 in the register" in str(screen.query_one("#partners-title", Static).render())


@pytest.mark.parametrize(("screen_key", "heading", "own_words"), [
    ("feedback", "How the feedback screen works", ("x accept", "p pin it", "l leave it")),
    ("f7", "How the partner register works", ("ISO 3166 code", "Ins adds a partner")),
    ("f10", "How the corrective-action plan works", ("j jumps", "closure evidence")),
    ("f12", "How the annual review works", ("1 re-affirmed", "ctrl+s signs the review off")),
])
async def test_f1_on_each_newer_screen_explains_that_screen_not_the_editor(
        catalog: Catalog, sample_path: Path, screen_key: str, heading: str, own_words: tuple[str, ...]) -> None:
    from ctpat_tui.tui.screens.help import HELP_WIDTH, HelpScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        if screen_key == "feedback":
            main.action_feedback([])
        else:
            await pilot.press(screen_key)
        await wait_for(pilot, lambda: app.screen is not main)
        await pilot.pause(0.2)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause(0.1)
        text = str(app.screen.query_one("#help-body Static").render())
        assert heading in text and "The list on the left holds every criterion" not in text
        for words in own_words:
            assert words in " ".join(text.split()), words
        assert max(len(line) for line in text.splitlines()) <= HELP_WIDTH + 2


async def test_the_action_plan_shows_its_title_summary_and_each_row_whole_at_80_columns(
        catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.tui.screens.cycle_actions import ActionsScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f10", ActionsScreen)
        await wait_for(pilot, lambda: "CA-003" in "".join(screen_lines(app)))
        lines = screen_lines(app)
        assert "Corrective actions · Acme Imports LLC" in lines[0]
        assert "4 of 4 shown (all) · 1 overdue · sorted by due" in lines[1]
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # no column pushed off the right edge
        assert "CA-003" in lines[3] and "Hanoi" in lines[3]


async def test_a_key_typed_after_enter_on_a_partner_adds_to_its_name_instead_of_replacing_it(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_partners(pilot, app, "Rio Bravo Transport")
        screen.query_one(DataTable).focus()
        await pilot.press("enter")
        name = screen.query_one("#pf-name", Input)
        await wait_for(pilot, lambda: name.has_focus)
        await pilot.press(*" SA")
        assert name.value == "Rio Bravo Transport SA"  # the register's own text is never wiped by one key
        await pilot.press("tab", "x")
        assert screen.query_one("#pf-role", Input).value.endswith("x")
        assert len(screen.query_one("#pf-role", Input).value) > 1


async def test_an_open_action_plan_shows_an_action_added_on_disk_once_reloaded(
        catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.profile.model import Action
    from ctpat_tui.tui.screens.cycle_actions import ActionsScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f10", ActionsScreen)
        screen = app.screen
        elsewhere = ProfileDocument.load(sample_path)
        elsewhere.set_action(Action(elsewhere.next_action_id(), "7.23", "No seal log at the Laredo dock", "",
                                    "Start a seal log", "Dock Supervisor", None, "open", "", REVIEW_DAY, None, None))
        elsewhere.save()
        await wait_for(pilot, lambda: "changed" in str(getattr(app.screen, "title_text", "")))
        await pilot.press("1")  # reload theirs
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: len(screen.shown) == 5)
        assert screen.query_one(DataTable).row_count == 5


async def test_the_partner_list_fits_80_columns_with_the_longest_sample_name_whole(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_partners(pilot, app, "Monterrey Metalworks S.A. de C.V.")
        table = screen.query_one(DataTable)
        row_y = table.region.y + 1 + table.get_row_index(str(screen.index))
        await wait_for(pilot, lambda: "Monterrey" in screen_lines(app)[row_y])
        assert "Monterrey Metalworks S.A. de C.V." in screen_lines(app)[row_y]
        assert table.virtual_size.width <= table.size.width
