"""The answer text box draws exactly what Textual's TextArea draws, while redrawing only the rows that changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Select, TextArea

from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerSelect

TEXT = ("Seals are verified against the bill of lading (BOL) at the dock door by the shift lead, and every "
        "exception is logged in SAP [form SEC-12] within one hour.\n\nThe Security Manager reviews the log "
        "weekly; two missed checks trigger retraining.\n" + "Retention: five years. " * 6)

Step = tuple[str, Callable[[Any], object]]


def keys(*names: str) -> Callable[[Any], object]:
    async def press(pilot: Any) -> None:
        await pilot.press(*names)
    return press


STEPS: list[Step] = [
    ("loaded", keys()),
    ("type at the end", keys(*"ok (yes)")),
    ("cursor onto a bracket", keys("left", "left", "left", "left", "left")),
    ("up across wrapped rows", keys("up", "up", "up")),
    ("home and end", keys("home", "right", "end")),
    ("select across a wrap", keys("shift+left", "shift+left", "shift+up", "shift+up")),
    ("type over the selection", keys(*"XY")),
    ("select across lines", keys("shift+down", "shift+down", "shift+down")),
    ("delete the selection", keys("backspace")),
    ("enter", keys("enter", *"new")),
    ("to the top (scrolls)", keys("ctrl+home")),
    ("to the bottom (scrolls)", keys("ctrl+end")),
    ("undo", keys("ctrl+z")),
    ("a bracket pair rows apart", keys(*"(checked by the shift lead and the guard at each gate", ")")),
    ("cursor onto the closing bracket", keys("left")),
    ("cursor off it", keys("left")),
    ("a short text (the box shrinks)", lambda pilot: pilot.app.query_one("#box").load_text("Seal log")),
    ("lines added (the box grows)", keys("ctrl+end", "enter", *"checked", "enter", *"daily", "enter")),
    ("a narrower box (rewrapped)", lambda pilot: setattr(pilot.app.query_one("#box").styles, "width", 24)),
    ("typing in the narrow box", keys(*" by the guard on duty")),
    ("leave the box", keys("tab")),
    ("come back", keys("shift+tab")),
]


class Box(App[None]):
    """One text box of the kind under test, 40 columns wide and at most 8 rows high, with a button after it."""

    CSS = "TextArea { width: 40; height: auto; max-height: 8; }"

    def __init__(self, kind: type[TextArea]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        from textual.widgets import Button

        yield self.kind(TEXT, soft_wrap=True, compact=True, tab_behavior="focus", id="box")
        yield Button("next")


def cells(app: App[None]) -> list[list[tuple[str, object]]]:
    """The box as drawn: every cell's character and style, row by row."""
    box = app.query_one("#box", TextArea)
    strips = box.render_lines(Region(0, 0, box.size.width, box.size.height))
    return [[(char, segment.style) for segment in strip for char in segment.text] for strip in strips]


async def drawings(kind: type[TextArea], steps: list[Step], size: tuple[int, int]) -> list[tuple[str, object]]:
    app = Box(kind)
    result: list[tuple[str, object]] = []
    async with app.run_test(size=size) as pilot:
        box = app.query_one("#box", TextArea)
        box.cursor_blink = False
        box.focus()
        box.move_cursor(box.document.end)
        await pilot.pause()
        for name, step in steps:
            result_of_step = step(pilot)
            if result_of_step is not None and hasattr(result_of_step, "__await__"):
                await result_of_step
            await pilot.pause()
            result.append((name, cells(app)))
        box.read_only = True
        await pilot.pause()
        result.append(("read-only", cells(app)))
        box.load_text("")
        box.placeholder = "What is in place"
        await pilot.pause()
        result.append(("empty with a placeholder", cells(app)))
    return result


class StockAreaWithCursorToEnd(TextArea):
    """Textual's TextArea plus the one behaviour AnswerArea adds on purpose: focus puts the cursor at the end."""

    def on_focus(self) -> None:
        if self.selection.is_empty:
            self.move_cursor(self.document.end)


@pytest.mark.parametrize("size", [(60, 12), (44, 12)])
async def test_the_answer_box_draws_like_a_textarea(size: tuple[int, int]) -> None:
    ours = await drawings(AnswerArea, STEPS, size)
    stock = await drawings(StockAreaWithCursorToEnd, STEPS, size)
    for (name, drawn), (_, expected) in zip(ours, stock, strict=True):
        assert drawn == expected, f"after '{name}' the answer box draws differently"


async def test_typing_redraws_only_the_row_being_typed() -> None:
    app = Box(AnswerArea)
    async with app.run_test(size=(60, 12)) as pilot:
        box = app.query_one("#box", AnswerArea)
        box.cursor_blink = False
        box.focus()
        box.move_cursor(box.document.end)
        await pilot.pause()
        drawn: list[int] = []
        original = box._render_line

        def counting(y: int) -> object:
            drawn.append(y)
            return original(y)

        box._render_line = counting  # type: ignore[method-assign]
        await pilot.press(*"abc")
        await pilot.pause()
        assert drawn and len(drawn) <= 3 * 2, f"rows redrawn for three keys: {drawn}"


class Choices(App[None]):
    """A select of the kind under test between two buttons, to move the focus in and out of it."""

    CSS = "Select.answer { width: 30; border-left: blank; } Select.answer:focus { border-left: tall $accent; }"

    def __init__(self, kind: type[Select[str]]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        from textual.widgets import Button

        yield Button("before")
        yield self.kind([("Implemented", "implemented"), ("Partial", "partial")], id="choice", compact=True,
                        prompt="not set", classes="answer")
        yield Button("after")


async def select_drawings(kind: type[Select[str]]) -> list[tuple[str, str]]:
    app = Choices(kind)
    result = []
    async with app.run_test(size=(40, 12)) as pilot:
        for name, keys_pressed in [("start", ()), ("focused", ("tab",)), ("opened", ("enter",)),
                                   ("moved", ("down",)), ("chosen", ("enter",)), ("left", ("tab",)),
                                   ("back", ("shift+tab",))]:
            await pilot.press(*keys_pressed)
            await pilot.pause()
            result.append((name, app.export_screenshot()))
    return result


async def test_the_answer_select_looks_and_works_like_a_select() -> None:
    ours = await select_drawings(AnswerSelect)
    stock = await select_drawings(Select)
    for (name, drawn), (_, expected) in zip(ours, stock, strict=True):
        assert drawn == expected, f"'{name}': the answer select draws differently"


class NavigatorBox(App[None]):
    """The criteria list of the mini catalogue, 30 columns by 10 rows, so that moving the cursor scrolls it."""

    CSS = "Navigator { width: 30; height: 10; }"

    def __init__(self, catalog: Any, kind: type[Any]) -> None:
        super().__init__()
        self.catalog, self.kind = catalog, kind

    def compose(self) -> ComposeResult:
        from ctpat_tui.tui.outline import status_marks

        yield self.kind(self.catalog, "importer", status_marks({}), id="nav")

    def on_mount(self) -> None:
        from ctpat_tui.tui.outline import build_groups

        groups = build_groups(self.catalog, "importer", "section")
        self.query_one("#nav").show(groups, {}, groups[0].criterion_ids[0])
        self.query_one("#nav").focus()


async def test_the_criteria_list_draws_like_an_option_list_when_the_cursor_moves(mini_catalog: Any) -> None:
    from textual.reactive import reactive

    from ctpat_tui.tui.widgets.navigator import Navigator

    class StockNavigator(Navigator):
        highlighted: reactive[int | None] = reactive(None)  # redraw everything, as OptionList does

        def _watch_highlighted(self, previous: int | None, highlighted: int | None) -> None:
            pass

    async def drawings(kind: type[Any]) -> list[str]:
        app = NavigatorBox(mini_catalog, kind)
        shots = []
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            for key in ("down", "down", "down", "down", "down", "down", "up", "end", "home", "down"):
                await pilot.press(key)
                await pilot.pause()
                shots.append(app.export_screenshot())
            app.query_one("#nav").highlight("9.1")
            await pilot.pause()
            shots.append(app.export_screenshot())
        return shots

    assert await drawings(Navigator) == await drawings(StockNavigator)


class PushedDown(App[None]):
    """A form shorter than its fields: a text block above the answer box that can grow."""

    CSS = "VerticalScroll { height: 8; } #above { height: 2; } AnswerArea { height: 6; }"

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        from textual.widgets import Static

        with VerticalScroll():
            yield Static("A prompt", id="above")
            yield AnswerArea(TEXT * 2, soft_wrap=True)
            yield Static("Below the box")


async def test_what_is_typed_is_on_screen_when_the_box_was_pushed_below_the_fold() -> None:
    app = PushedDown()
    async with app.run_test(size=(60, 12)) as pilot:
        area = app.query_one(AnswerArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()

        def cursor_shown() -> bool:
            placed = app.screen._compositor.visible_widgets.get(area)
            return placed is not None and placed[1].y <= area.cursor_screen_offset.y < placed[1].bottom

        assert cursor_shown()
        app.query_one("#above").styles.height = 4  # the prompt above grew: the box's last rows leave the form
        await pilot.pause()
        assert not cursor_shown()
        await pilot.press("x")
        await pilot.pause()
        assert area.text.endswith("x") and cursor_shown()
