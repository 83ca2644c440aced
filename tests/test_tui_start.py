"""Starting the editor: what the start-up shortcuts must not break (a resized terminal, keys typed at once)."""

from __future__ import annotations

import gc
from pathlib import Path

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui import heap
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.main import MainScreen
from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
from ctpat_tui.tui.widgets.navigator import Navigator
from tests.test_tui_stories import new_profile, open_main, wait_for


async def test_a_resized_terminal_lays_the_editor_out_again(mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_main(pilot)
        pane = screen.query_one(CriterionPane)
        narrow = pane.region.width
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: pane.region.width > narrow)
        assert screen.size == (120, 30)
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: pane.region.width == narrow)


async def test_keys_typed_while_the_editor_starts_are_applied(mini_catalog: Catalog, tmp_path: Path) -> None:
    """Down, Down, Enter sent before the first frame move the list and open the third criterion."""
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")  # queued while the screen is still being built
        screen = await open_main(pilot)
        order = screen.order()
        await wait_for(pilot, lambda: screen.current == order[2])
        assert screen.query_one(Navigator).highlighted_id == order[2]
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "field-status")


def test_the_collector_paused_for_the_start_runs_again_afterwards() -> None:
    heap.pause_gc()
    try:
        assert not gc.isenabled()
    finally:
        heap.resume_gc()
    assert gc.isenabled()
    gc.unfreeze()
    heap.resume_gc()  # not paused: nothing to do
    assert gc.isenabled()


async def test_the_editor_resumes_the_collector_once_it_has_settled(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    ProfileDocument.open(path)
    app = CtpatApp(mini_catalog, path)
    heap.pause_gc()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_main(pilot)
            assert isinstance(screen, MainScreen)
            await wait_for(pilot, gc.isenabled, timeout=3.0)
    finally:
        heap.resume_gc()
        gc.unfreeze()
