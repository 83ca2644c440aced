"""Keys that arrive in a burst (fast typing, a batched SSH packet) land in the field the user meant."""

from __future__ import annotations

import time

from textual import events
from textual.app import App, ComposeResult

from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerInput


class TwoFields(App[None]):
    BINDINGS = CtpatApp.BINDINGS

    def compose(self) -> ComposeResult:
        yield AnswerInput(id="first", select_on_focus=False)
        yield AnswerInput(id="second", select_on_focus=False)


def _burst(app: App[None], keys: str) -> None:
    for key in keys:
        name = {"\t": "tab"}.get(key, key)
        app.post_message(events.Key(name, None if name == "tab" else key))


async def test_characters_after_tab_in_one_burst_go_to_the_next_field() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        _burst(app, "Walker\tJoe")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#first", AnswerInput).value == "Walker"
        assert app.query_one("#second", AnswerInput).value == "Joe"


class OneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield AnswerArea("1.2's answer", id="box")


async def test_keys_queued_before_the_box_was_refilled_for_another_criterion_are_dropped() -> None:
    app = OneBox()
    async with app.run_test() as pilot:
        box = app.query_one("#box", AnswerArea)
        box.focus()
        await pilot.pause()
        stale = events.Key("x", "x")
        box.load_text("1.3's answer")
        box.mark_refilled(time.monotonic())
        box.post_message(stale)
        await pilot.pause()
        assert box.text == "1.3's answer"
        assert any("not applied" in str(n.message) for n in app._notifications)
        await pilot.press("y")
        assert "y" in box.text  # keys typed after the refill are applied
