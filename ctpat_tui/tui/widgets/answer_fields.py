"""The answer fields: they keep everything the user pastes or types, whatever the terminal sends for a newline,
and redraw or restyle only what a keystroke or a focus move changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea
from textual.widgets._select import SelectCurrent, SelectOverlay

from ctpat_tui.tui.widgets.settled import FittedScrollbars

if TYPE_CHECKING:
    from textual.document._document import EditResult
    from textual.document._edit import Edit
    from typing_extensions import Self


def one_line(text: str) -> str:
    """Pasted lines joined by single spaces (a one-line field cannot hold line breaks; none of the text is lost)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class StaleInputGuard:
    """Drops keys and pastes that arrived before the field was refilled for another criterion.

    Keys are queued per widget; a key typed just after ctrl+n can be queued for a field before the pane refills it
    with the next criterion. Applying it then would put text into the wrong answer, so it is dropped and the
    user is told once.
    """

    stale_before: float = 0.0
    _warned_for: float = -1.0

    def mark_refilled(self, when: float) -> None:
        """Keys that arrived before `when` (a monotonic time) belong to what the field held before."""
        self.stale_before = when

    def drop_if_stale(self, event: events.Key | events.Paste) -> bool:
        """Stop `event` and return True when it arrived before the last refill."""
        if event.time >= self.stale_before:
            return False
        event.stop()
        event.prevent_default()
        if self._warned_for != self.stale_before:
            self._warned_for = self.stale_before
            self.app.notify("Keys typed while the next criterion was loading were not applied: type them again.",  # type: ignore[attr-defined]
                            severity="warning", timeout=6)
        return True

    async def apply_own_binding(self, event: events.Key) -> bool:
        """Run the field's own binding for a non-printable key now, in the order the keys came.

        Textual runs a focused field's bindings (backspace, arrows, ctrl+u ...) only once the key has bubbled up to
        the app, after the characters typed behind it in the same burst (one SSH packet, a fast typist) are in the
        field: 'ab', backspace, 'c' gave 'ab', and ctrl+u then wiped the new text too.
        """
        if event.is_printable:
            return False
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return True
        return False


class AnswerInput(StaleInputGuard, Input):
    """An Input that keeps every line of a multi-line paste, joined by spaces (Textual's Input keeps the first)."""

    def _refresh_scrollbars(self) -> None:
        """An answer longer than the field turns on its horizontal scroll bar, which Textual draws zero rows high:
        the flag is kept (scrolling asks for it) without the layout of the whole screen its change asks for."""
        styles, (width, height) = self.styles, self.container_size
        if (styles.scrollbar_size_horizontal or not width or self.show_vertical_scrollbar
                or styles.overflow_y == "scroll" or self.virtual_size.height > height):
            super()._refresh_scrollbars()
            return
        overflow = styles.overflow_x
        show = overflow == "scroll" or (overflow == "auto" and self.virtual_size.width > width)
        self.set_reactive(Widget.show_horizontal_scrollbar, show)

    async def _on_key(self, event: events.Key) -> None:
        if not self.drop_if_stale(event):
            await self.apply_own_binding(event)  # otherwise Input's own key handler runs next

    def on_focus(self, event: events.Focus) -> None:
        """Entering the field puts the cursor after the text, before any key queued behind the focus is handled."""
        self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        if self.drop_if_stale(event):
            return
        event.stop()
        event.prevent_default()
        text = one_line(event.text) if "\n" in event.text or "\r" in event.text else event.text
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


def _NO_COMPONENT_CLASSES() -> frozenset[str]:  # noqa: N802 - stands in for the classmethod of that name
    return frozenset()


class AnswerArea(FittedScrollbars, StaleInputGuard, TextArea):
    """A TextArea where a line feed (ctrl+j: what some clients and tools send for a newline) starts a new line
    like Enter, in the order the keys came (Textual's TextArea drops it), and a keystroke redraws only the
    wrapped rows it changed (Textual's redraws every visible row)."""

    NEW_LINE_KEYS: ClassVar[frozenset[str]] = frozenset({"ctrl+j", "newline"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._rows: LRUCache[tuple[object, ...], Strip] = LRUCache(256)  # before TextArea sets its styles
        self._frame: tuple[object, ...] | None = None
        self._shown: dict[int, tuple[object, ...]] = {}  # row -> the key it was last drawn from
        self._shown_frame: tuple[object, ...] | None = None
        self._css_frame: tuple[object, ...] | None = None
        self._editing = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def on_focus(self, event: events.Focus) -> None:
        """Entering the box puts the cursor after the text, before any key queued behind the focus is handled."""
        if self.selection.is_empty:
            self.move_cursor(self.document.end)

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the box for its focus (the focus bar), without its eight component classes (cursor, selection,
        gutter...): no rule for those depends on the box's focus (a test checks the stylesheet), and computing them
        again was more than half of the restyle, about 1 ms of every criterion switch made from an answer box and
        of every Tab into or out of one."""
        self._get_component_classes = _NO_COMPONENT_CLASSES  # type: ignore[method-assign]
        try:
            super().watch_has_focus(has_focus)
        finally:
            del self._get_component_classes

    async def _on_key(self, event: events.Key) -> None:
        if self.drop_if_stale(event) or await self.apply_own_binding(event):
            return
        if event.key not in self.NEW_LINE_KEYS or self.read_only:
            return  # TextArea's own key handler runs next
        event.stop()
        event.prevent_default()
        start, end = self.selection
        self.replace("\n", start, end, maintain_selection_offset=False)

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        """Scroll the text to the cursor and, when the form around the box has the cursor's row out of view (the
        fields above grew and pushed the box's last rows below the fold), the form too: what the user types is on
        screen at once, not when a later layout happens to move it back."""
        offset = super().scroll_cursor_visible(center, animate)
        placed = self.screen._compositor.visible_widgets.get(self) if self.is_mounted else None
        if placed is not None and self._has_cursor:
            clip = placed[1]
            if not clip.y <= self.cursor_screen_offset.y < clip.bottom:
                self.scroll_visible(animate=False)
        return offset

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height of the text wrapped at the width this layout gives the box: TextArea wraps only once the
        resize arrives, so each box that grows costs the whole screen a second layout."""
        if not self.soft_wrap:
            return super().get_content_height(container, viewport, width)
        wrap_width = max(0, width - self.scrollbar_size_vertical - self.gutter_width - 1)  # as TextArea.wrap_width: room for the cursor
        wrapped = self.wrapped_document
        if getattr(wrapped, "_width", None) != wrap_width:
            wrapped.wrap(wrap_width, tab_width=self.indent_width)
            self._line_cache.clear()
        if self.virtual_size.height != wrapped.height:
            self.set_reactive(Widget.virtual_size, Size(0, wrapped.height))  # no new layout: this one uses it
        return wrapped.height

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if getattr(self.wrapped_document, "_width", None) == self.wrap_width:
            event.prevent_default()  # only the height changed: the text is wrapped already (TextArea rewraps it all)

    # --- rendering: one keystroke redraws the rows that changed, not every visible row ---------------------

    def notify_style_update(self) -> None:
        self._rows.clear()
        self._shown.clear()
        self._css_frame = None
        super().notify_style_update()

    def edit(self, edit: Edit) -> EditResult:
        """Apply `edit`; the repaint it asks for covers only the rows whose picture it changed."""
        self._editing = True
        try:
            return super().edit(edit)
        finally:
            self._editing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """During an edit, mark only the rows whose key changed since they were drawn (Textual repaints the whole
        box on every keystroke, and the screen then redraws every widget behind those rows); any other repaint
        of the whole box, for whatever reason, forgets what was drawn."""
        if regions or not repaint or recompose:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        rows = self._changed_rows() if self._editing and not layout else None
        if rows is None:
            self._shown.clear()
            return super().refresh(repaint=repaint, layout=layout, recompose=recompose)
        if rows:
            width = self.size.width
            super().refresh(*(Region(0, y, width, 1) for y in rows))
        return self

    def _frame_key(self) -> tuple[object, ...] | None:
        """What every row's picture shares (None: the stock rendering decides)."""
        if self.language or self.show_line_numbers or not self.soft_wrap or (not self.text and self.placeholder):
            return None
        return (self.size, self.scrollable_content_region.size, self.scroll_offset.x, self.app.theme,
                self.theme, id(self._theme), self.read_only, self.show_cursor, self.has_focus)

    def _changed_rows(self) -> list[int] | None:
        """The visible rows whose picture differs from the one drawn; None when that cannot be told (nothing
        drawn since the last whole repaint, or the frame itself changed)."""
        frame = self._frame_key()
        if frame is None or frame != self._shown_frame or not self._shown:
            return None
        self._frame = frame
        try:
            shown = self._shown
            changed = []
            for y in range(self.size.height):
                key = self._row_key(y)
                if key is None or shown.get(y) != key:
                    changed.append(y)
            return changed
        finally:
            self._frame = None

    def _row_key(self, y: int) -> tuple[object, ...] | None:
        """Everything TextArea draws row `y` from: the wrapped section of text shown there, the cursor, selection
        and bracket match where they touch it, the cursor-line highlight, styles and size; None where the stock
        rendering must decide (placeholder, syntax highlighting, line numbers, tabs, no soft wrap)."""
        common = self._frame
        if common is None:
            return None
        row = self.scroll_offset.y + y
        wrapped = self.wrapped_document
        if row >= wrapped.height:
            return ("blank", *common)
        line_index, section = wrapped._offset_to_line_info[row]
        line = self.document.get_line(line_index)
        if "\t" in line:
            return None
        offsets = wrapped.get_offsets(line_index)
        first = offsets[section - 1] if section > 0 else 0
        last = offsets[section] if section < len(offsets) else len(line)
        (start_row, start_col), (end_row, end_col) = selection = self.selection
        cursor_row, cursor_col = selection.end
        cursor = None
        if cursor_row == line_index and first <= cursor_col <= last:
            cursor = (cursor_col, self._draw_cursor, self._matching_bracket_location, self.match_cursor_bracket,
                      self.suggestion)
        selected = None
        (top_row, top_col), (bottom_row, bottom_col) = sorted(selection)
        if (start_row, start_col) != (end_row, end_col) and top_row <= line_index <= bottom_row:
            left = top_col if line_index == top_row else 0
            right = bottom_col if line_index == bottom_row else len(line)
            selected = (max(left, first), min(right, last), len(line) == 0, cursor_row == line_index)
        bracket = self._matching_bracket_location
        matched = None
        if bracket is not None and bracket[0] == line_index and first <= bracket[1] <= last:
            matched = (bracket, self.match_cursor_bracket, selection.is_empty)
        cursor_line = cursor_row == line_index and self.highlight_cursor_line and self._has_cursor
        return (line[first:last], first, last == len(line), cursor, selected, matched, cursor_line, *common)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work out once per frame what every row's cache key shares; the theme's styles are taken from the CSS
        again only when the frame or the styles changed (Textual does it on every frame)."""
        frame = self._frame = self._frame_key()
        if frame != self._shown_frame:
            self._shown.clear()
            self._shown_frame = frame
        try:
            if frame is None or frame != self._css_frame:
                self._css_frame = frame
                return super().render_lines(crop)
            return super(TextArea, self).render_lines(crop)  # TextArea's own applies the theme's CSS first
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        key = self._row_key(y)
        if key is None:
            self._shown.pop(y, None)
            return super().render_line(y)
        self._shown[y] = key
        strip = self._rows.get(key)
        if strip is None:
            strip = self._rows[key] = self._render_line(y)
        return strip


class TypeAheadOverlay(SelectOverlay):
    """The drop-down list; typed letters pick the first choice that starts with them ('n', 'no' → 'Not
    applicable'), never the blank 'not set' line, before Textual's match anywhere in the text."""

    typed_before_focus: str = ""
    """The letter that opened the list, kept as the start of the search when the list takes the focus."""

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        if value and self.typed_before_focus:
            self._search_query = self.typed_before_focus
        self.typed_before_focus = ""

    def _find_search_match(self, query: str) -> int | None:
        wanted = query.lower()
        skip_blank = bool(getattr(self.parent, "_allow_blank", False))
        for index, option in enumerate(self._options):
            if skip_blank and index == 0:
                continue
            text = str(getattr(option.prompt, "plain", option.prompt)).lower()
            if text.startswith(wanted):
                return index
        return super()._find_search_match(query)


class AnswerSelect(Select[str]):
    """A Select that restyles only itself and its visible part when it gains or loses focus: Textual restyles
    every descendant, including the closed drop-down list, whose styles do not depend on this focus.

    Typing a letter on the closed field opens the list at the first choice starting with it; further letters
    narrow it, Enter takes it."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        overlay = TypeAheadOverlay(type_to_search=True)
        if self.compact:
            overlay.add_class("-textual-compact", update=False)  # born with it: no restyle of the list once mounted
        yield overlay.data_bind(compact=Select.compact)

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or self.disabled or not character or not event.is_printable or character.isspace():
            return
        event.stop()
        event.prevent_default()
        self.action_show_overlay()
        overlay = self.query_one(TypeAheadOverlay)
        overlay._search_query = overlay.typed_before_focus = character
        index = overlay._find_search_match(character)
        if index is not None:
            overlay.select(index)

    def watch_has_focus(self, has_focus: bool) -> None:
        nodes = [self]
        for current in self.query_children("SelectCurrent"):
            nodes.extend(current.walk_children(with_self=True))  # type: ignore[arg-type]
        self.app.stylesheet.update_nodes(nodes, animate=True)
