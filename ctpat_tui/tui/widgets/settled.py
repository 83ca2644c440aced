"""A screen that settles in one layout: after a criterion switch the editing screen is laid out once, not twice.

Textual lays the whole screen out again whenever, after a layout, a widget's stored size (`virtual_size`, a
reactive that asks for a layout) or one of its scroll bars changes, and arranges the whole screen again when it
has lost track of where its widgets are. Where that second pass can change nothing (the sizes are those the layout
has just computed; the map is the one it has just built) or where the answer can be known before the first pass
(the scroll bar of a box whose height follows its content up to a maximum), these keep it from being asked for.
Counted by patching Screen._refresh_layout: it was 1.8 layouts per criterion switch on the sample, now 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.widget import Widget


class FittedScrollbars:
    """Scroll bars of a box whose height follows its content up to a `max-height` (in cells), decided by the
    height the box is about to get rather than the one it had.

    Textual decides a widget's scroll bars after each layout, from the size the layout has just given it, and a
    change asks for another layout of the whole screen. When a criterion switch refills a box, its old height
    gave one answer at the refill (the bar appears: the old box was shorter than the new text), the layout the
    other (it goes: the box grew to fit), and the screen was laid out twice, the final picture a frame later. A
    box of `height: auto` between `min-height` and `max-height` overflows exactly when its content is taller than
    its `max-height` allows, whatever height it has now; deciding that at the refill puts the bar into the layout
    the refill asks for anyway.
    """

    def _max_rows(self) -> int | None:
        """The most rows of content the box can show (None: its height is not 'auto up to N cells')."""
        styles = self.styles  # type: ignore[attr-defined]
        height, most = styles.height, styles.max_height
        if height is None or not height.is_auto or styles.overflow_y != "auto":
            return None
        if most is None:
            return 1 << 30
        if not most.is_cells:
            return None
        cells = int(most.value)
        return cells - styles.gutter.height if styles.box_sizing == "border-box" else cells

    def _refresh_scrollbars(self) -> None:
        rows = self._max_rows()
        styles = self.styles  # type: ignore[attr-defined]
        width = self.container_size.width  # type: ignore[attr-defined]
        if rows is None or not width or styles.overflow_x == "scroll" or (
                styles.overflow_x == "auto" and self.virtual_size.width > width):  # type: ignore[attr-defined]
            super()._refresh_scrollbars()  # type: ignore[misc]
            return
        show = self.virtual_size.height > rows  # type: ignore[attr-defined]
        self._scrollbar_changes.clear()  # type: ignore[attr-defined]
        self.show_horizontal_scrollbar = False
        self.show_vertical_scrollbar = show
        if self._horizontal_scrollbar is not None:  # type: ignore[attr-defined]
            self.horizontal_scrollbar.display = False  # type: ignore[attr-defined]
        if self._vertical_scrollbar is not None or show:  # type: ignore[attr-defined]
            self.vertical_scrollbar.display = show  # type: ignore[attr-defined]


class SettledCompositor(Compositor):
    """A screen's compositor that trusts the map of the whole screen it has just built.

    Textual marks its map of every widget's place stale whenever a widget that is not on screen asks to be redrawn
    (a criterion switch refills the boxes below the fold), and a full layout does not mark the map it has just
    built as fresh. The first widget drawn after the layout that asks for its place (each frame does) then had the
    whole screen arranged again: 3-11 ms per switch, timed as the footer's drawing. A widget already in the map
    needs no new map to be redrawn (off screen, it has nothing to draw); a widget the map does not know, or a
    scroll (which arranges only what is visible), still marks it stale.
    """

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # arranged whole just now
        return result

    def update_widgets(self, widgets: set[Widget]) -> None:
        if not self._full_map_invalidated:
            known, visible = self._full_map, self.visible_widgets
            widgets = {widget for widget in widgets if widget in visible or widget not in known}
        super().update_widgets(widgets)

    @property
    def map_stale(self) -> bool:
        """True when the map of the whole screen must be arranged again before a widget off screen is placed
        (after a scroll: Textual arranges only what is visible then)."""
        return self._full_map_invalidated

    def arrange_map(self) -> None:
        """Arrange the map of the whole screen now if it is stale (while the user is idle: otherwise the first
        widget asked for its size after a scroll pays for it, which a criterion switch does, 1-3 ms)."""
        if self._full_map_invalidated:
            self.full_map  # noqa: B018 - the property arranges the map


def _settled_size_updated(self: Widget, size: Size, virtual_size: Size, container_size: Size,
                          layout: bool = True) -> bool:
    return _WIDGET_SIZE_UPDATED(self, size, virtual_size, container_size, layout=False)


_WIDGET_SIZE_UPDATED = Widget._size_updated


@contextmanager
def sizes_settle() -> Iterator[None]:
    """While a screen stores the sizes its layout has just computed, no widget asks for another layout for them.

    Textual's layout stores each widget's new size in `virtual_size`, a reactive whose change asks for another
    layout of the whole screen, which then changes nothing: the sizes are those it has just computed, and a scroll
    bar shown or hidden asks for its own. Every text whose height changed, every row, label or drop-down shown
    again, every scroll bar that grew asked for one. The layout runs synchronously on the app's thread, so nothing
    else runs while this is in place.
    """
    Widget._size_updated = _settled_size_updated  # type: ignore[method-assign]
    try:
        yield
    finally:
        Widget._size_updated = _WIDGET_SIZE_UPDATED  # type: ignore[method-assign]
