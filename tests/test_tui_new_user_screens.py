"""A new user's walk through the newer screens at 80x24: what each screen says reads whole, typing does what it
looks like it will do, and every screen shows the profile as it is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_stories import SIZE, open_main, wait_for

from ctpat_tui.catalog import Catalog
from ctpat_tui.tui.app import CtpatApp
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
