"""The fields of the criterion form, owned in one place while the form is mounted in parts.

The editor's first frame needs only the top of the form (what 80x24 shows); the rest is mounted in small batches
right after it, between keys. Code that fills, locks or focuses a field asks `FormFields` for it: a field that is
not mounted yet is simply not there (`get` gives None), is filled from the criterion being shown when its part
arrives, and a focus asked for meanwhile is kept and given when the field arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from textual.widget import Widget


class FormPart:
    """A run of the form's widgets mounted together, and the fewest rows they take on screen."""

    def __init__(self, name: str, build: Callable[[], list[Widget]], min_rows: int) -> None:
        self.name = name
        self.build = build
        self.min_rows = min_rows


class FormFields:
    """Which of the form's widgets are mounted, by name ('status', 'controls', 'evidence', 'add-evidence',
    'preview' ...: the widget ID without its 'field-' prefix), and the parts still to come, in order."""

    def __init__(self, pending: list[FormPart]) -> None:
        self.pending = pending
        self.widgets: dict[str, Widget] = {}
        self.focus_wanted: str | None = None

    @property
    def complete(self) -> bool:
        """True once every part of the form is mounted."""
        return not self.pending

    def add(self, widgets: Iterable[Widget]) -> list[str]:
        """Register freshly mounted widgets (and their named descendants); returns the names added."""
        names: list[str] = []
        for widget in widgets:
            if widget.id:
                name = widget.id.removeprefix("field-")
                self.widgets[name] = widget
                names.append(name)
            if not (widget.id or "").startswith("field-"):  # a field's own parts are not fields
                names += self.add(widget.children)  # type: ignore[arg-type]
        return names

    def get(self, name: str) -> Widget | None:
        """The mounted widget for `name`, or None (no such field, or its part has not arrived yet)."""
        return self.widgets.get(name)

    def of_type(self, kind: type, names: Iterable[str]) -> Iterator[tuple[str, Widget]]:
        """(name, widget) of the mounted widgets among `names` that are a `kind`."""
        for name in names:
            widget = self.widgets.get(name)
            if isinstance(widget, kind):
                yield name, widget

    def will_arrive(self, name: str) -> bool:
        """True while `name` may still come with a pending part (asked for before the form is complete)."""
        return name not in self.widgets and not self.complete

    def next_part(self) -> FormPart | None:
        """Take the next part to mount (None when the form is complete)."""
        return self.pending.pop(0) if self.pending else None
