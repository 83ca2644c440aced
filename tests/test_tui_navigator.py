"""The criteria list at 80x24: every row shows enough of its title to be read."""

from __future__ import annotations

import re
from pathlib import Path

from test_tui_stories import SIZE, open_main, wait_for

from ctpat_tui.catalog import Catalog
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.widgets.navigator import Navigator

ROW = re.compile(r"^.(\d+\.\d+)[ ~*]")
READABLE = 14  # title characters a row must show at 80 columns


def visible_rows(navigator: Navigator) -> dict[str, str]:
    """The criterion rows on screen, as the user reads them, keyed by criterion ID."""
    rows = {}
    for y in range(navigator.scrollable_content_region.height):
        text = navigator.render_line(y).text
        if match := ROW.match(text):
            rows[match.group(1)] = text
    return rows


async def test_rows_show_a_readable_title_at_80_columns_in_both_orders(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        navigator = main.query_one(Navigator)
        for order in ("portal", "id"):
            rows = visible_rows(navigator)
            assert len(rows) >= 10, order
            for cid, text in rows.items():
                assert catalog.criteria[cid].title[:READABLE] in text, (order, text)
            if order == "portal":  # the portal question number is there too
                assert re.search(r"Q\d+ ", next(iter(rows.values())))
                navigator.focus()
                await pilot.press("o")
                await wait_for(pilot, lambda: not re.search(r"Q\d+ ", next(iter(visible_rows(navigator).values()), "Q1 ")))


async def test_a_marked_row_keeps_its_title_and_shows_the_mark_without_colour(catalog: Catalog,
                                                                              sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        navigator = main.query_one(Navigator)
        first = next(iter(visible_rows(navigator)))
        navigator.set_marked({first})
        await pilot.pause()
        text = visible_rows(navigator)[first]
        assert f"{first}*" in text and catalog.criteria[first].title[:READABLE] in text
