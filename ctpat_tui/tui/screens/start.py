"""The start screen: recent profiles, a new profile, a profile by path, or the sample."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ctpat_tui.tui.dialogs.common import TextPromptDialog
from ctpat_tui.tui.state import load_state, worth_listing
from ctpat_tui.tui.widgets.key_footer import KeyFooter

HELP = """\
Start here
  Pick a recent profile and press Enter, or choose "New profile…"
  (the first entry) to create one.
  A profile is one TOML file; keep it with its evidence folder.
  "Open the sample" opens a throw-away copy of a worked example.
"""


class StartScreen(Screen[None]):
    """Choose what to open."""

    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("enter", "open_highlighted", "Open", tooltip="Open the highlighted entry: a new profile, a file, "
                "the sample or a recent profile"),
        Binding("ctrl+q", "app.quit", "Quit", tooltip="Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Label("ctpat-tui · draft your CTPAT Security Profile", classes="dialog-title")
            yield Static("Use ↑/↓ and Enter. Everything works from the keyboard; F1 shows help.", classes="hint")
            yield OptionList(*self._options(), id="start-list")
        yield KeyFooter(compact=True)

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [
            Option("New profile…", id="new"),
            Option("Open a profile file by path…", id="open"),
            Option("Open the sample profile (a fresh demo copy)", id="demo"),
        ]
        recent = [r for r in load_state().recent if worth_listing(r)]
        if recent:
            options.append(None)
            options.append(Option(Content.styled("Recent profiles", "bold"), disabled=True))
            for index, item in enumerate(recent):
                label = " · ".join(part for part in (item.company, self._entity_name(item.entity_type)) if part)
                options.append(Option(Content(f"{label or Path(item.path).name}\n  {item.path}"),
                                      id=f"recent-{index}"))
        return options

    def _entity_name(self, slug: str) -> str:
        """'Highway Carrier (...)' for a recent profile's entity type (the slug when the catalog lacks it)."""
        try:
            return str(self.app.catalog.entity(slug).name)  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return slug

    def on_mount(self) -> None:
        """Start with the cursor on the most useful entry."""
        option_list = self.query_one(OptionList)
        option_list.focus()
        recent_index = next((i for i, o in enumerate(option_list.options) if (o.id or "").startswith("recent-")),
                            None)
        option_list.highlighted = recent_index if recent_index is not None else 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice == "open":
            self.action_open_path()
        elif choice == "demo":
            self.app.open_demo()  # type: ignore[attr-defined]
        elif choice.startswith("recent-"):
            recent = [r for r in load_state().recent if worth_listing(r)]
            index = int(choice.removeprefix("recent-"))
            if index < len(recent):
                self.app.open_profile(Path(recent[index].path))  # type: ignore[attr-defined]

    def action_open_highlighted(self) -> None:
        """Open the entry under the cursor (the list does this itself when it has the focus)."""
        self.query_one(OptionList).action_select()

    def action_new(self) -> None:
        """Create a new profile."""
        from ctpat_tui.tui.screens.new_profile import NewProfileScreen

        self.app.push_screen(NewProfileScreen(None))

    @work
    async def action_open_path(self) -> None:
        """Ask for a profile path and open it (a missing file is offered for creation)."""
        text = await self.app.push_screen_wait(TextPromptDialog(
            "Open a profile", "Path of the profile file (.toml):", placeholder="e.g. ~/ctpat/acme/profile.toml"))
        if text:
            self.app.open_profile(self.app.resolve_path(text))  # type: ignore[attr-defined]
