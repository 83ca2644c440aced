"""Widgets that settle in one layout: after a criterion switch the screen is laid out once, not twice.

Textual lays the whole screen out again whenever, after a layout, a widget's stored size (`virtual_size`, a
reactive that asks for a layout) or one of its scroll bars changes. Where that second pass can change nothing
(a text block's height was just measured by the layout; a scroll bar draws from its own window sizes) or where the
answer can be known before the first pass (the scroll bar of a box whose height follows its content up to a
maximum), these mixins keep the second layout from being asked for. Counted by patching Screen._refresh_layout:
it was 1.8 layouts per criterion switch on the sample, the final picture a frame (20-40 ms) after the first.
"""

from __future__ import annotations

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget


class SettledSize:
    """A widget whose new size, once the screen has laid it out, needs no second layout.

    Textual stores every widget's size after a layout in `virtual_size`, a reactive that asks for another layout
    of the screen when it changes. For a text block (its height comes from its text, which the layout has just
    measured) and for the pane's scrolling body (a scroll bar that appears or goes asks for its own layout) that
    second pass changes nothing, yet costs as much as the first: after a criterion switch it doubled the time to
    a settled screen.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]


class SettledScrollBar(ScrollBar):
    """A scroll bar whose new size needs no second layout of the screen: it draws from its own position and window
    sizes, never from the `virtual_size` Textual stores after a layout (a reactive that asks for another one)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class SettledScrollBars:
    """A scrolling widget whose scroll bars ask for no layout when their size changes (SettledScrollBar)."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:  # type: ignore[has-type]
            bar = self._vertical_scrollbar = SettledScrollBar(vertical=True, name="vertical",
                                                              thickness=self.scrollbar_size_vertical)  # type: ignore[attr-defined]
            bar.display = False
            self.app._start_widget(self, bar)  # type: ignore[attr-defined]
        return self._vertical_scrollbar


class FittedScrollbars(SettledScrollBars):
    """Scroll bars of a box whose height follows its content up to a `max-height` (in cells), decided by the
    height the box is about to get rather than the one it had.

    Textual decides a widget's scroll bars after each layout, from the size the layout has just given it, and a
    change asks for another layout of the whole screen. When a criterion switch refills a box, its old height
    gave one answer at the refill (the bar appears: the old box was shorter than the new text), the layout the
    other (it goes: the box grew to fit), and the screen was laid out twice, the final picture a frame later. A
    box of `height: auto` between `min-height` and `max-height` overflows exactly when its content is taller than
    its `max-height` allows, whatever height it has now; deciding that at the refill puts the bar into the layout
    the refill asks for anyway. Its scroll bars themselves ask for no layout when their size changes.
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
