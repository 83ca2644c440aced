"""Text inputs for answers that keep everything the user pastes or types, whatever the terminal sends for a newline."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widgets import Input, TextArea


def one_line(text: str) -> str:
    """Pasted lines joined by single spaces (a one-line field cannot hold line breaks; none of the text is lost)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class AnswerInput(Input):
    """An Input that keeps every line of a multi-line paste, joined by spaces (Textual's Input keeps the first)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = one_line(event.text) if "\n" in event.text or "\r" in event.text else event.text
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class AnswerArea(TextArea):
    """A TextArea where a line feed (ctrl+j: what some clients and tools send for a newline) starts a new line
    like Enter, in the order the keys came; Textual's TextArea drops it."""

    NEW_LINE_KEYS: ClassVar[frozenset[str]] = frozenset({"ctrl+j", "newline"})

    async def _on_key(self, event: events.Key) -> None:
        if event.key not in self.NEW_LINE_KEYS or self.read_only:
            return  # TextArea's own key handler runs next
        event.stop()
        event.prevent_default()
        start, end = self.selection
        self.replace("\n", start, end, maintain_selection_offset=False)
