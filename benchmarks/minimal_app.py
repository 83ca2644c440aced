"""The baseline for the TUI benchmarks: the smallest app of the same kind (a list, a focused Input and a Footer)."""

from __future__ import annotations

import argparse
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Input, OptionList, Static, TextArea

ITEMS = 100


class MinimalApp(App[int]):
    """A list of ITEMS rows beside an Input that has the focus, over a Footer, with animations off like ctpat-tui."""

    CSS = """
    #items { width: 30%; }
    #answer { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+p", "previous", "Previous"),
    ]

    def __init__(self, *, theme: str | None = None, exit_on_ready: bool = False) -> None:
        super().__init__()
        self.animation_level = "none"
        if theme:
            self.theme = theme
        self.exit_on_ready = exit_on_ready

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*(f"{index:>3}  item number {index}" for index in range(1, ITEMS + 1)), id="items")
            yield Input(id="answer", placeholder="type here", select_on_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the Input, as the TUI focuses the field being answered."""
        self.query_one(Input).focus()

    def on_ready(self) -> None:
        """First frame shown: leave at once when only the start-up is being timed."""
        if self.exit_on_ready:
            self.call_after_refresh(self.exit, 0)

    def action_next(self) -> None:
        """Move the list cursor down (the baseline's 'next item')."""
        self.query_one(OptionList).action_cursor_down()

    def action_previous(self) -> None:
        """Move the list cursor up."""
        self.query_one(OptionList).action_cursor_up()


class MinimalSwitchApp(MinimalApp):
    """The Textual floor of a criterion switch: ctrl+n moves the list and shows the next item's heading and text
    in a Static and a TextArea beside it (what the criterion pane does, with the fewest widgets)."""

    CSS = MinimalApp.CSS + """
    #right { width: 1fr; }
    #heading { height: 1; }
    #text { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Horizontal():
            yield OptionList(*(f"{index:>3}  item number {index}" for index in range(1, ITEMS + 1)), id="items")
            with Vertical(id="right"):
                yield Static("Item 1", id="heading")
                yield TextArea(self.text_of(1), id="text")
                yield Input(id="answer", placeholder="type here", select_on_focus=False)
        yield Footer()

    @staticmethod
    def text_of(number: int) -> str:
        """The text shown for item `number` (a few lines, like an answer)."""
        return "\n".join(f"Item {number}, line {line}: the seal is checked at the dock door." for line in range(6))

    def action_next(self) -> None:
        """Next item: move the list, then show its heading and text."""
        items = self.query_one(OptionList)
        items.action_cursor_down()
        number = (items.highlighted or 0) + 1
        self.query_one("#heading", Static).update(f"Item {number}")
        self.query_one("#text", TextArea).load_text(self.text_of(number))


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.minimal_app [--exit-on-ready]`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exit-on-ready", action="store_true", help="quit as soon as the first frame is shown")
    parser.add_argument("--theme", default=None, help="Textual theme name")
    parser.add_argument("--switch", action="store_true", help="the switch baseline (a heading and a text area)")
    args = parser.parse_args(argv)
    app = (MinimalSwitchApp if args.switch else MinimalApp)(theme=args.theme, exit_on_ready=args.exit_on_ready)
    app.run(mouse=False)
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
