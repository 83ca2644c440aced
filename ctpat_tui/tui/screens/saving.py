"""Saving for the editing screen: the save indicator, save-now, the autosave's outcome and what happens when the
file changes on disk. A small collaborator the screen owns (`SaveKeeper`), so it can be read and tested alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ctpat_tui.profile.errors import ExternalChange, ProfileError
from ctpat_tui.tui.autosave import Autosaver, SaveFinished
from ctpat_tui.tui.session import conflict_path
from ctpat_tui.tui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from pathlib import Path

    from textual.screen import Screen

    from ctpat_tui.tui.session import EditSession


class SaveKeeper:
    """Keeps the user's edits on disk for one screen: owns its `Autosaver`, shows every outcome in the screen's
    `SaveIndicator`, and asks the user what to do when someone else changed the file (saving stops meanwhile).

    The screen forwards three things to it: the `SaveFinished` messages the autosaver posts to the screen
    (`finished`), its save-now key (`save_now`) and a periodic `check_disk`. It is told how to redraw the screen
    after the file was reloaded (`reloaded`), what to do once everything is saved (`all_saved`) and how a file
    name the user typed becomes a path (`resolve_path`, the app's: ~ expanded, relative to the current folder)."""

    def __init__(self, screen: Screen[object], session: EditSession, *, reloaded: Callable[[], None],
                 resolve_path: Callable[[str], Path], all_saved: Callable[[], None] = lambda: None,
                 delay: float | None = None) -> None:
        self.screen = screen
        self.session = session
        self.resolve_path = resolve_path
        self.autosaver = Autosaver(screen, session, delay=delay)
        self.reloaded = reloaded
        self.all_saved = all_saved
        self.asking = False

    @property
    def indicator(self) -> SaveIndicator:
        """The screen's save indicator."""
        return self.screen.query_one(SaveIndicator)

    def edited(self) -> None:
        """An edit happened: say so and schedule the autosave."""
        self.indicator.pending()
        self.autosaver.touch()

    def finished(self, event: SaveFinished) -> None:
        """An autosave ended: saved, refused because the file changed on disk, or failed."""
        if event.conflict:
            self.ask_about_disk()
        elif event.error:
            self.indicator.error(event.error)
            self.screen.notify(f"Could not save: {event.error}. Your edits are kept; fix the problem and press "
                               "ctrl+s.", severity="error", timeout=10)
        elif not self.session.has_unsaved_edits:
            self.indicator.saved(event.when)
            self.all_saved()

    def save_now(self) -> None:
        """Save immediately (normally not needed: edits are saved automatically)."""
        if self.session.read_only:
            self.screen.notify("This profile is open read-only.")
            return
        try:
            self.autosaver.flush()
        except ExternalChange:
            self.ask_about_disk()
            return
        except ProfileError as error:
            self.indicator.error(error.message)
            return
        self.indicator.saved(dt.datetime.now())

    def check_disk(self) -> None:
        """Ask the user when someone else changed the file (call every few seconds)."""
        if self.session.read_only or self.asking or self.autosaver.paused:
            return
        if self.session.changed_on_disk():
            self.ask_about_disk()

    def ask_about_disk(self) -> None:
        """Someone else changed the file: stop saving and let the user choose what happens (in a worker)."""
        if not self.asking:
            self.screen.run_worker(self._ask_about_disk(), group="save-keeper")

    async def _ask_about_disk(self) -> None:
        if self.asking:
            return
        self.asking = True
        self.autosaver.paused = True
        try:  # saving stays paused until a choice has been carried out; nothing typed is lost meanwhile
            from ctpat_tui.tui.dialogs.conflicts import external_change_dialog  # not imported before the first frame

            again = True
            while again:
                choice = await self.screen.app.push_screen_wait(
                    external_change_dialog(str(self.session.path), self.session.has_unsaved_edits))
                try:
                    again = await self._resolve(choice)
                except ProfileError as error:  # the chosen write failed: say why and ask the same question again
                    self.indicator.error(error.message)
                    self.screen.notify(f"Your version was not written ({error.message}). Your edits are kept; "
                                       "choose again.", severity="error", timeout=10)
        finally:
            self.asking = False
            self.autosaver.paused = False

    async def _resolve(self, choice: str) -> bool:
        """Carry out the user's choice; True when the question must be asked again (no file name given).
        Raises ProfileError when the chosen write failed (nothing on disk changed)."""
        session, app = self.session, self.screen.app
        if choice == "overwrite":
            revision, text = session.snapshot()
            session.write(revision, text, force=True)
            self.indicator.saved(dt.datetime.now())
            return False
        if choice == "elsewhere":
            from ctpat_tui.tui.dialogs.common import TextPromptDialog

            target = await app.push_screen_wait(TextPromptDialog(
                "Save my version as", "Your version will be written to this file; then the file on disk is "
                "reloaded.", value=str(conflict_path(session.path))))
            if target is None:
                return True
            session.save_elsewhere(self.resolve_path(target))
            self.screen.notify(f"Your version was saved to {target}.", timeout=10)
        try:
            session.reload()
        except ProfileError as error:
            self.screen.notify(f"Cannot reload: {error}", severity="error", timeout=10)
            return False
        self.reloaded()
        for screen in app.screen_stack:  # an open partner register (or other view) shows the reloaded profile
            reloaded = getattr(screen, "profile_reloaded", None)
            if screen is not self.screen and callable(reloaded):
                reloaded()
        return False
