"""Starting the editor: what the start-up shortcuts must not break (a resized terminal, keys typed at once)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.catalog.loader import load_default_catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.resources import sample_profile_dir
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


def pane_rows(app: CtpatApp) -> list[str]:
    """The text of the screen's rows where the criterion pane is, scroll bar thumbs left out (the form's thumb
    grows shorter when the rest of the form arrives)."""
    region = app.screen.query_one(CriterionPane).region
    strips = app.screen._compositor.render_strips()
    thumbs = str.maketrans("▁▂▃▄▅▆▇█", "        ")
    return [strips[y].crop(region.x, region.right).text.translate(thumbs) for y in range(region.y, region.bottom)]


@pytest.mark.parametrize("profile", ["sample", "new"])
async def test_the_first_frame_shows_the_form_as_the_whole_form_does(profile: str, mini_catalog: Catalog,
                                                                     tmp_path: Path) -> None:
    """The part of the form mounted after the first frame is below what 80x24 shows: holding it back entirely
    leaves the pane looking the same, for a long prompt (the sample's first criterion) and a short empty one."""
    shown = []
    for hold_back in (True, False):
        if profile == "sample":
            target = tmp_path / f"sample-{hold_back}"
            shutil.copytree(sample_profile_dir(), target)
            app = CtpatApp(load_default_catalog(), target / "profile.toml")
        else:
            (tmp_path / f"new-{hold_back}").mkdir()
            app = CtpatApp(mini_catalog, new_profile(tmp_path / f"new-{hold_back}"))
        with pytest.MonkeyPatch.context() as patch:
            if hold_back:
                patch.setattr(CriterionPane, "mount_rest", lambda self: None)
            async with app.run_test(size=(80, 24)) as pilot:
                screen = await open_main(pilot)
                pane = screen.query_one(CriterionPane)
                await wait_for(pilot, lambda: pane.form.complete != hold_back)
                await pilot.pause(0.3)
                shown.append(pane_rows(app))
    rows = min(map(len, shown))  # the findings below the pane take some of its rows once the review is in
    assert rows >= 14
    assert shown[0][:rows] == shown[1][:rows], "\n".join(f"{a!r}\n{b!r}" for a, b in zip(*shown))


async def test_a_field_asked_for_before_it_is_mounted_gets_the_focus_when_it_arrives(
        mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CriterionPane, "mount_rest", lambda self: None)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_main(pilot)
            pane = screen.query_one(CriterionPane)
            assert pane.form.get("narrative") is None
            assert pane.focus_field("narrative")  # not there yet: kept for when it is
            assert not pane.focus_field("no-such-field")
            patch.undo()
            pane.mount_rest()
            await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "field-narrative")
            await wait_for(pilot, lambda: pane.form.complete)
            await pilot.press(*"Our own words")
            await wait_for(pilot, lambda: screen.session.answer(screen.current).narrative == "Our own words")


async def test_other_screens_rules_are_read_when_the_first_of_them_is_shown(mini_catalog: Catalog,
                                                                             tmp_path: Path) -> None:
    from ctpat_tui.tui.app import SCREENS_CSS
    from ctpat_tui.tui.screens.help import HelpScreen

    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_main(pilot)
        assert not app.stylesheet.has_source(str(SCREENS_CSS))
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert app.stylesheet.has_source(str(SCREENS_CSS))
        await pilot.pause(0.1)
        assert app.screen.query_one("#help-body").styles.height.value == 1  # 1fr, from screens.tcss


async def test_tabs_typed_before_the_rest_of_the_form_is_there_go_through_the_whole_form(tmp_path: Path) -> None:
    """Enter, then Tab past the owner field and typing, all before the lower part of the form has arrived (the
    sample's first criterion has a long prompt: Records is below the fold): the Tab waits for it and the text goes
    into Records, as in the whole form."""
    shutil.copytree(sample_profile_dir(), tmp_path / "sample")
    app = CtpatApp(load_default_catalog(), tmp_path / "sample" / "profile.toml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CriterionPane, "mount_rest", lambda self: None)  # the lower part comes only when asked for
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_main(pilot)
            pane = screen.query_one(CriterionPane)
            assert pane.form.get("records") is None
            before = screen.session.answer(screen.current).records
            await pilot.press("enter", "tab", "tab", "tab", "tab", *" weekly log")  # status, controls .. records
            await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "field-records")
            await wait_for(pilot, lambda: screen.session.answer(screen.current).records == before + " weekly log")
            assert pane.form.complete
            await pilot.press("shift+tab")
            await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "field-owner")


async def test_an_opened_profile_joins_the_recent_list_once_the_editor_is_drawn(mini_catalog: Catalog,
                                                                                 tmp_path: Path) -> None:
    """The recent-profiles file is written after the first frame (in a thread), and still written."""
    from ctpat_tui.tui.state import load_state

    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_main(pilot)
        await wait_for(pilot, lambda: [r.path for r in load_state().recent] == [str(path.resolve())])


def test_the_next_start_reads_what_the_editor_last_saved_from_the_cache(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`ctpat edit` keeps the data of the text it saved on quitting (see profile/data_cache.py); the next start
    reads that, not the file with tomllib, and sees the edit."""
    import asyncio

    import ctpat_tui.profile.document as document_module
    from ctpat_tui.tui import launch

    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(sample_profile_dir(), tmp_path / "acme")
    path = tmp_path / "acme" / "profile.toml"

    def edit_and_quit(app: CtpatApp, **kwargs: object) -> None:  # instead of App.run: the same app, headless
        async def run() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await open_main(pilot)
                assert app.session is not None
                app.session.set_value("1.1", "owner", "Night shift supervisor")
                await pilot.press("ctrl+q")

        asyncio.run(run())

    monkeypatch.setattr(CtpatApp, "run", edit_and_quit)
    assert launch.run_app(path) == 0
    saved = ProfileDocument.load(path).profile
    assert saved.answer("1.1").owner == "Night shift supervisor"

    def refuse(text: str, where: Path) -> None:
        raise AssertionError("read with tomllib, not from the cache")

    monkeypatch.setattr(document_module, "fast_data", refuse)
    assert ProfileDocument.open(path).profile == saved
