"""Saving from the main screen: the save indicator, save-now, and what happens when the file changes on disk."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen

from ctpat_tui.profile.errors import ExternalChange, ProfileError
from ctpat_tui.tui.autosave import Autosaver, SaveFinished
from ctpat_tui.tui.dialogs.common import TextPromptDialog
from ctpat_tui.tui.dialogs.conflicts import external_change_dialog
from ctpat_tui.tui.session import conflict_path
from ctpat_tui.tui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from ctpat_tui.tui.session import EditSession


class SavingActions(Screen[None]):
    """Save handling for the editing screen, which owns `session` and `autosaver`."""

    session: EditSession
    autosaver: Autosaver
    current: str | None
    _asking_about_disk: bool

    @on(SaveFinished)
    def _saved(self, event: SaveFinished) -> None:
        indicator = self.query_one(SaveIndicator)
        if event.conflict:
            self.ask_about_disk()
        elif event.error:
            indicator.error(event.error)
            self.notify(f"Could not save: {event.error}. Your edits are kept; fix the problem and press ctrl+s.",
                        severity="error", timeout=10)
        elif not self.session.has_unsaved_edits:
            indicator.saved(event.when)
            self.full_review_soon()

    def action_save_now(self) -> None:
        """Save immediately (normally not needed: edits are saved automatically)."""
        if self.session.read_only:
            self.notify("This profile is open read-only.")
            return
        try:
            self.autosaver.flush()
        except ExternalChange:
            self.ask_about_disk()
            return
        except ProfileError as error:
            self.query_one(SaveIndicator).error(error.message)
            return
        self.query_one(SaveIndicator).saved(dt.datetime.now())

    def _check_disk(self) -> None:
        if self.session.read_only or self._asking_about_disk or self.autosaver.paused:
            return
        if self.session.changed_on_disk():
            self.ask_about_disk()

    @work
    async def ask_about_disk(self) -> None:
        """Someone else changed the file: stop saving and let the user choose what happens."""
        if self._asking_about_disk:
            return
        self._asking_about_disk = True
        self.autosaver.paused = True
        try:
            choice = await self.app.push_screen_wait(
                external_change_dialog(str(self.session.path), self.session.has_unsaved_edits))
            await self._resolve_disk_change(choice)
        finally:
            self._asking_about_disk = False
            self.autosaver.paused = False

    async def _resolve_disk_change(self, choice: str) -> None:
        session = self.session
        if choice == "overwrite":
            revision, text = session.snapshot()
            session.write(revision, text, force=True)
            self.query_one(SaveIndicator).saved(dt.datetime.now())
            return
        if choice == "elsewhere":
            target = await self.app.push_screen_wait(TextPromptDialog(
                "Save my version as", "Your version will be written to this file; then the file on disk is "
                "reloaded.", value=str(conflict_path(session.path))))
            if target is None:
                self.ask_about_disk()
                return
            session.save_elsewhere(self.app.resolve_path(target))  # type: ignore[attr-defined]
            self.notify(f"Your version was saved to {target}.", timeout=10)
        try:
            session.reload()
        except ProfileError as error:
            self.notify(f"Cannot reload: {error}", severity="error", timeout=10)
            return
        self.current_reload()
        for screen in self.app.screen_stack:  # an open partner register (or other view) shows the reloaded profile
            reloaded = getattr(screen, "profile_reloaded", None)
            if screen is not self and callable(reloaded):
                reloaded()

    def current_reload(self) -> None:
        """Redraw everything from the reloaded document (the screen implements it)."""
        raise NotImplementedError

    def full_review_soon(self) -> None:
        """Review the whole profile once the user has paused (the screen implements it)."""
        raise NotImplementedError
