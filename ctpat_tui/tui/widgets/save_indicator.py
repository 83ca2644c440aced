"""The save indicator: always says whether what the user typed is on disk."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static


class SaveIndicator(Static):
    """'saved 14:02:11', 'editing…', 'NOT SAVED: …' or 'read-only', in words (not color alone).

    Its column is as wide as the longest of its usual texts (the text aligned right), so that switching between
    them (on the first key after a save, and when the save ends) repaints these few cells instead of laying out
    the whole screen again, twice (the title beside it changed width too); only an error message is wider."""

    DEFAULT_CSS = """
    SaveIndicator {
        width: 18;
        padding: 0 1;
        text-align: right;
        text-wrap: nowrap;
        &.-error { width: auto; background: $error; color: $text; text-style: bold; }
        &.-pending { text-style: italic; }
        &.-readonly { background: $warning; color: $text; text-style: bold; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.state = ""
        self._text = ""

    def _set(self, state: str, text: str) -> None:
        if (state, text) == (self.state, self._text):
            return  # called on every keystroke: restyling and relayout only when something changes
        resized = "error" in (state, self.state)  # the other texts fit the fixed column
        self.state = state
        self._text = text
        self.set_classes(f"-{state}")
        self.update(text, layout=resized)

    def saved(self, when: dt.datetime | None) -> None:
        """Everything typed is on disk."""
        self._set("saved", f"✓ saved {when:%H:%M:%S}" if when else "✓ saved")

    def pending(self) -> None:
        """There are edits waiting for the autosave."""
        self._set("pending", "● editing…")

    def error(self, message: str) -> None:
        """The last save failed; the edits are still in memory."""
        self._set("error", f"NOT SAVED: {message}")

    def read_only(self) -> None:
        """The session cannot save."""
        self._set("readonly", "READ-ONLY")
