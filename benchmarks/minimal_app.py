"""The baseline for the TUI benchmarks: the smallest app of the same kind (a list, a focused Input and a Footer)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Select, Static, TextArea

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


@dataclass(frozen=True)
class Page:
    """What the editing screen shows for one criterion, as plain text (built from the real profile by
    benchmarks.tui_pilot.floor_pages, so the floor shows the same texts at the same heights)."""

    nav_label: str
    heading: str
    prompt: str
    status: str
    areas: tuple[str, ...]
    inputs: tuple[str, ...]
    evidence: tuple[str, ...]
    preview: str
    findings_title: str
    findings: tuple[str, ...]


class PaneFloorApp(App[int]):
    """The honest floor of ctpat-tui's criterion switch: the same visible parts as the editing screen (top bar, a
    list of the criteria, a heading, the prompt, the status, five text boxes and two one-line fields, the evidence
    list, the response preview, the findings and their title, a footer), each ONE widget and nothing more (no
    labels, rows, collapsible guidance or hints), refilled in one batch on ctrl+n with the same texts. Everything a
    switch needs and nothing Textual could drop: what ctpat-tui spends above it is its own."""

    CSS = """
    #top { height: 1; background: $panel; }
    #nav { width: 30%; min-width: 31; max-width: 48; border-right: vkey $border; scrollbar-size-vertical: 1; }
    #right { width: 1fr; }
    #heading { padding: 0 1; }
    #body { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    TextArea { height: auto; min-height: 2; max-height: 10; }
    Input, Select { width: 1fr; }
    #evidence { height: auto; max-height: 6; }
    #findings-title { height: 1; background: $panel; }
    #findings { height: auto; max-height: 25%; min-height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+p", "previous", "Previous"),
    ]

    def __init__(self, pages: list[Page], statuses: list[tuple[str, str]], *, theme: str | None = None) -> None:
        super().__init__()
        self.statuses = statuses
        self.animation_level = "none"
        if theme:
            self.theme = theme
        self.pages = pages
        self.index = 0

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        first = self.pages[0]
        yield Static("Company · Entity    12/93 done · saved", id="top")
        with Horizontal():
            yield OptionList(*(page.nav_label for page in self.pages), id="nav", compact=True)
            with Vertical(id="right"):
                yield Static(first.heading, id="heading")
                with VerticalScroll(id="body"):
                    yield Static(first.prompt, id="prompt")
                    yield Select(self.statuses, id="status", compact=True, prompt="not set")
                    for number, text in enumerate(first.areas):
                        yield TextArea(text, id=f"area-{number}", compact=True, soft_wrap=True)
                    for number, text in enumerate(first.inputs):
                        yield Input(text, id=f"input-{number}", compact=True, select_on_focus=False)
                    yield OptionList(*first.evidence, id="evidence", compact=True)
                    yield Static(first.preview, id="preview")
                yield Static(first.findings_title, id="findings-title")
                yield OptionList(*first.findings, id="findings", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the first text box, as the benchmark of ctpat-tui does (its Controls field)."""
        self.query_one("#area-0", TextArea).focus()

    def show(self, index: int) -> None:
        """Refill every part with page `index`."""
        self.index = index
        page = self.pages[index]
        query = self.query_one
        with self.batch_update():
            query("#nav", OptionList).highlighted = index
            query("#heading", Static).update(page.heading)
            query("#prompt", Static).update(page.prompt)
            query("#status", Select).value = page.status or Select.NULL
            for number, text in enumerate(page.areas):
                query(f"#area-{number}", TextArea).load_text(text)
            for number, text in enumerate(page.inputs):
                query(f"#input-{number}", Input).value = text
            evidence = query("#evidence", OptionList)
            evidence.set_options(page.evidence)
            evidence.display = bool(page.evidence)
            query("#preview", Static).update(page.preview)
            query("#findings-title", Static).update(page.findings_title)
            findings = query("#findings", OptionList)
            findings.set_options(page.findings)
            findings.display = bool(page.findings)
            query("#body", VerticalScroll).scroll_home(animate=False, immediate=True)

    def action_next(self) -> None:
        """Next page."""
        self.show((self.index + 1) % len(self.pages))

    def action_previous(self) -> None:
        """Previous page."""
        self.show((self.index - 1) % len(self.pages))


def read_pages(pages_json: Path) -> tuple[list[Page], list[tuple[str, str]]]:
    """The floor's pages and status choices from a JSON file written by startup_probe.floor_pages_file."""
    data = json.loads(pages_json.read_text(encoding="utf-8"))
    pages = [Page(**{key: tuple(value) if isinstance(value, list) else value for key, value in page.items()})
             for page in data["pages"]]
    return pages, [(label, value) for label, value in data["statuses"]]


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.minimal_app [--exit-on-ready] [--switch | --floor PAGES]`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exit-on-ready", action="store_true", help="quit as soon as the first frame is shown")
    parser.add_argument("--theme", default=None, help="Textual theme name")
    parser.add_argument("--switch", action="store_true", help="the switch baseline (a heading and a text area)")
    parser.add_argument("--floor", type=Path, default=None, metavar="PAGES",
                        help="the honest floor of the switch (PaneFloorApp) with the pages of this JSON file "
                             "(benchmarks.startup_probe.floor_pages_file); ctrl+n shows the next page")
    args = parser.parse_args(argv)
    app: App[int]
    if args.floor is not None:
        pages, statuses = read_pages(args.floor)
        app = PaneFloorApp(pages, statuses, theme=args.theme)
    else:
        app = (MinimalSwitchApp if args.switch else MinimalApp)(theme=args.theme, exit_on_ready=args.exit_on_ready)
    app.run(mouse=False)
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
