"""The editing screen's saving collaborator on its own, in a one-widget screen: autosave shown in the indicator,
a failed save keeps the edits and says so, save-now, and the question asked when the file changed on disk."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.autosave import SaveFinished
from ctpat_tui.tui.screens.saving import SaveKeeper
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.widgets.save_indicator import SaveIndicator


class HostScreen(Screen[None]):
    """The least a screen does to own a SaveKeeper: a save indicator, and the keeper's messages handed on."""

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.reloads = 0
        self.all_saved = 0
        self.saving = SaveKeeper(self, session, reloaded=self._reloaded, all_saved=self._all_saved,
                                 resolve_path=lambda text: self.app.resolve_path(text), delay=0.05)

    def compose(self) -> ComposeResult:
        yield SaveIndicator()

    def _reloaded(self) -> None:
        self.reloads += 1

    def _all_saved(self) -> None:
        self.all_saved += 1

    @on(SaveFinished)
    def _finished(self, event: SaveFinished) -> None:
        self.saving.finished(event)


class HostApp(App[None]):
    resolve_path = CtpatApp.resolve_path  # what the real app gives its screens: a typed path made absolute

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.host = HostScreen(session)

    def on_mount(self) -> None:
        self.push_screen(self.host)


def _session(catalog: Catalog, tmp_path: Path) -> EditSession:
    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Acme", "importer").save()
    return EditSession(catalog, ProfileDocument.load(path))


def _shown(host: HostScreen) -> str:
    return str(host.query_one(SaveIndicator).render())


async def _until(pilot: Pilot[None], predicate: Callable[[], object]) -> None:
    for _ in range(250):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def test_typing_is_saved_and_the_indicator_says_so(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    async with app.run_test() as pilot:
        host = app.host
        session.set_value("7.23", "controls", "Call tree tested quarterly")
        host.saving.edited()
        assert "editing" in _shown(host)
        await _until(pilot, lambda: "saved" in _shown(host))
        assert "Call tree tested quarterly" in session.path.read_text()
        assert host.all_saved == 1 and not session.has_unsaved_edits


async def test_a_failed_save_keeps_the_edits_and_save_now_retries(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    async with app.run_test() as pilot:
        host = app.host
        before = session.path.read_text()
        session.path.chmod(0o444)
        session.set_value("7.23", "controls", "Seal log kept")
        host.saving.edited()
        await _until(pilot, lambda: "NOT SAVED" in _shown(host))
        assert session.path.read_text() == before and session.has_unsaved_edits
        session.path.chmod(0o644)
        host.saving.save_now()
        assert "saved" in _shown(host) and "NOT" not in _shown(host)
        assert "Seal log kept" in session.path.read_text()


async def _until_asked(pilot: Pilot[None], app: HostApp) -> None:
    host = app.host
    await _until(pilot, lambda: app.screen is not host and not app.screen.query("#prompt-input"))


async def _changed_on_disk(pilot: Pilot[None], app: HostApp, session: EditSession) -> str:
    """Edit in the app, let someone else change the file, and wait for the question; their text is returned."""
    session.set_value("7.23", "controls", "Mine")
    theirs = session.path.read_text().replace('"Acme"', '"Acme (theirs)"')
    session.path.write_text(theirs)
    app.host.saving.check_disk()
    await _until_asked(pilot, app)
    return theirs


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
async def test_a_file_changed_on_disk_stops_saving_until_the_user_chooses(mini_catalog: Catalog, tmp_path: Path,
                                                                          choice: str) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    async with app.run_test() as pilot:
        host = app.host
        theirs = await _changed_on_disk(pilot, app, session)
        assert host.saving.autosaver.paused
        host.saving.autosaver.save_soon()  # an autosave due meanwhile writes nothing
        await asyncio.sleep(0.1)
        assert session.path.read_text() == theirs
        await pilot.press({"reload": "1", "overwrite": "2"}[choice])
        await _until(pilot, lambda: app.screen is host and not host.saving.asking)
        assert not host.saving.autosaver.paused
        if choice == "reload":
            assert host.reloads == 1 and session.profile.company == "Acme (theirs)"
            assert session.path.read_text() == theirs
        else:
            assert host.reloads == 0 and "Mine" in session.path.read_text()
            assert "theirs" not in session.path.read_text()


async def test_no_name_for_my_copy_asks_again(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    async with app.run_test() as pilot:
        host = app.host
        await _changed_on_disk(pilot, app, session)
        await pilot.press("3")  # save mine elsewhere
        await _until(pilot, lambda: app.screen.query("#prompt-input"))
        await pilot.press("escape")  # ... but give no file name: the question comes back
        await _until(pilot, lambda: app.screen is not host and not app.screen.query("#prompt-input"))
        await pilot.press("1")
        await _until(pilot, lambda: app.screen is host and host.reloads == 1)
        assert not list(tmp_path.glob("profile.unsaved-*"))




async def test_my_copy_saved_to_a_missing_folder_says_why_and_asks_again(mini_catalog: Catalog,
                                                                         tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    async with app.run_test() as pilot:
        host = app.host
        theirs = await _changed_on_disk(pilot, app, session)
        await pilot.press("3")  # save mine elsewhere ...
        await _until(pilot, lambda: app.screen.query("#prompt-input"))
        prompt = app.screen.query_one("#prompt-input")
        prompt.value = str(tmp_path / "no-such-folder" / "mine.toml")  # type: ignore[attr-defined]
        await pilot.press("enter")  # ... into a folder that does not exist
        await _until_asked(pilot, app)  # the same question again, the app still running
        assert app.is_running and host.saving.asking and host.saving.autosaver.paused
        assert "NOT SAVED" in _shown(host)
        assert session.path.read_text() == theirs and session.has_unsaved_edits
        assert "Mine" in session.snapshot()[1]
        await pilot.press("3")
        await _until(pilot, lambda: app.screen.query("#prompt-input"))
        app.screen.query_one("#prompt-input").value = str(tmp_path / "mine.toml")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _until(pilot, lambda: app.screen is host and host.reloads == 1)
        assert "Mine" in (tmp_path / "mine.toml").read_text() and not host.saving.autosaver.paused


async def test_overwriting_their_file_when_the_disk_is_full_says_why_and_asks_again(
        mini_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _session(mini_catalog, tmp_path)
    app = HostApp(session)
    real_write = session.write
    failures = [ProfileError(str(session.path), "cannot save: no space left on device")]

    def write(revision: int, text: str, **options: bool) -> bool:
        if failures:
            raise failures.pop()
        return real_write(revision, text, **options)

    monkeypatch.setattr(session, "write", write)
    async with app.run_test() as pilot:
        host = app.host
        theirs = await _changed_on_disk(pilot, app, session)
        await pilot.press("2")  # overwrite theirs, but the disk is full
        await _until(pilot, lambda: not failures and "NOT SAVED" in _shown(host))
        await _until_asked(pilot, app)
        assert app.is_running and host.saving.asking and host.saving.autosaver.paused
        assert "no space left" in _shown(host) or any("no space left" in str(n.message) for n in app._notifications)
        assert session.path.read_text() == theirs and session.has_unsaved_edits
        await pilot.press("2")
        await _until(pilot, lambda: app.screen is host and not host.saving.asking)
        assert "Mine" in session.path.read_text() and not host.saving.autosaver.paused
