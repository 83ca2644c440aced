"""Debounced autosave: serialize on the UI thread after a pause in typing (only the answers edited since the last
save are rendered again), write atomically in a thread worker (the TOML check of the file runs in a child process,
so the save holds the interpreter for no more than a millisecond or two while the user types)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer
from textual.widget import Widget

from ctpat_tui.profile.errors import ExternalChange, ProfileError
from ctpat_tui.tui.session import EditSession

AUTOSAVE_DELAY = 0.8


def autosave_delay() -> float:
    """Seconds of quiet before an autosave (CTPAT_AUTOSAVE_DELAY overrides, for tests of the signal flush)."""
    try:
        return max(0.05, float(os.environ.get("CTPAT_AUTOSAVE_DELAY", AUTOSAVE_DELAY)))
    except ValueError:
        return AUTOSAVE_DELAY


@dataclass
class SaveFinished(Message):
    """A write ended: saved (`error` empty), refused because the file changed on disk, or failed."""

    revision: int
    when: dt.datetime
    conflict: bool = False
    error: str = ""


class Autosaver:
    """Schedules saves `delay` seconds after the last edit; never writes while paused (a dialog is deciding)."""

    def __init__(self, owner: Widget, session: EditSession, *, delay: float | None = None) -> None:
        self.owner = owner
        self.session = session
        self.delay = autosave_delay() if delay is None else delay
        self.paused = False
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """True when a save is scheduled but has not started."""
        return self._timer is not None

    def touch(self) -> None:
        """An edit happened: (re)start the debounce timer."""
        if self.session.read_only:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.delay, self.save_soon)

    def cancel(self) -> None:
        """Drop the scheduled save (the synchronous flush will take care of the edits)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def save_soon(self) -> None:
        """Serialize the document now and hand the text to a thread worker to write."""
        self._timer = None
        if self.paused or self.session.read_only or not self.session.has_unsaved_edits:
            return
        revision, text = self.session.snapshot()
        target: MessagePump = self.owner
        session = self.session

        def write() -> None:
            try:
                session.write(revision, text, background=True)
            except ExternalChange:
                target.post_message(SaveFinished(revision, dt.datetime.now(), conflict=True))
            except ProfileError as error:
                target.post_message(SaveFinished(revision, dt.datetime.now(), error=error.message))
            else:
                target.post_message(SaveFinished(revision, dt.datetime.now()))

        self.owner.run_worker(write, thread=True, group="autosave", name="autosave", exit_on_error=False)

    def flush(self) -> None:
        """Save synchronously now (quitting, switching profile); raises ExternalChange or ProfileError."""
        self.cancel()
        if self.session.read_only or not self.session.has_unsaved_edits:
            return
        revision, text = self.session.snapshot()
        self.session.write(revision, text)
