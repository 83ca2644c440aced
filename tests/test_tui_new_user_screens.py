"""A new user's walk through the newer screens at 80x24: what each screen says reads whole, typing does what it
looks like it will do, and every screen shows the profile as it is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_stories import SIZE, open_main, wait_for
from textual.widgets import Input

from ctpat_tui.catalog import Catalog
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.cycle import ActionDialog
from ctpat_tui.tui.screens import cycle_keys
from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen

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
        await open_main(pilot)
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnualReviewScreen))
        await pilot.pause(0.2)
        top = "\n".join(screen_lines(app)[:3])
        assert "Annual review · Acme Imports LLC" in top
        assert "0 of 93 reviewed: 0 re-affirmed, 0 updated, 0 need work" in top
        assert "due 2027-03-15" in top


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
        footer_line = screen_lines(app)[main.query_one(KeyFooter).region.y]
        assert "F2 Next " in footer_line  # a jump to the next criterion, not "to the answer box"
        for label in ("F1 Help", "Prev/Next", "^r Review", "^o Render", "F6 Preview", "^p Commands"):
            assert label in footer_line, footer_line
