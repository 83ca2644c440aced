"""The new-profile wizard: file, company, entity type (with its coverage) and facilities, on one form."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ctpat_tui.catalog.coverage import entity_coverage
from ctpat_tui.catalog.msc_documents import where_to_get
from ctpat_tui.catalog.model import Catalog
from ctpat_tui.private_files import make_folder
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import parse_facilities
from ctpat_tui.tui.dialogs.common import ConfirmDialog
from ctpat_tui.tui.widgets.answer_fields import AnswerArea, AnswerInput
from ctpat_tui.tui.widgets.key_footer import KeyFooter

HELP = """\
New profile
  Fill the fields from top to bottom (Tab moves on) and press ctrl+s to create.
  The entity type decides which criteria you will answer; the line under it
  says how many are confirmed by a CBP source and how many are assumed.
  Facilities: one per line, as a name or as id=name.
"""


def coverage_line(catalog: Catalog, slug: str) -> str:
    """'93 criteria: 20 confirmed by a CBP source, 73 assumed (check them)' for an entity type."""
    row = entity_coverage(catalog, slug)
    if not row.assumed:
        return f"{row.total} criteria: {row.confirmed} confirmed by a CBP source."
    return (f"{row.total} criteria: {row.confirmed} confirmed by a CBP source, {row.assumed} assumed (shown as such). "
            f"{where_to_get(slug)}")


class NewProfileScreen(Screen[None]):
    """Create a profile file and open it."""

    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("ctrl+s", "create", "Create", tooltip="Create the profile file and open it"),
        Binding("escape", "back", "Back", show=False, tooltip="Back to the start screen, creating nothing"),
        Binding("ctrl+q", "app.quit", "Quit", tooltip="Quit"),
    ]

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.initial_path = path

    def compose(self) -> ComposeResult:
        catalog: Catalog = self.app.catalog  # type: ignore[attr-defined]
        default = self.initial_path or Path.cwd() / "ctpat-profile.toml"
        entity_options = [(f"{e.name} ({len(catalog.applicable(e.slug))})", e.slug) for e in catalog.entity_types]
        with VerticalScroll(id="wizard", can_focus=False):
            yield Label("New profile", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Label("Profile file", classes="label")
                yield Input(str(default), id="np-path", compact=True, select_on_focus=False)
            with Horizontal(classes="row"):
                yield Label("Company", classes="label")
                yield AnswerInput(id="np-company", compact=True, select_on_focus=False,
                            placeholder="legal name, e.g. Acme Imports LLC")
            with Horizontal(classes="row"):
                yield Label("Prepared by", classes="label")
                yield AnswerInput(id="np-prepared", compact=True, select_on_focus=False,
                            placeholder="name and role, e.g. Jane Doe, Compliance Manager")
            with Horizontal(classes="row"):
                yield Label("Entity type", classes="label")
                yield Select(entity_options, id="np-entity", compact=True, prompt="choose (Enter opens the list)")
            yield Static("", id="np-coverage", classes="hint")
            yield Label("Facilities (optional, one per line: a name, or id=name)", classes="block-label")
            yield AnswerArea(id="np-facilities", compact=True, classes="-facilities",
                           placeholder="e.g. Laredo distribution center\nChicago office")
            yield Static("", id="np-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create (ctrl+s)", id="create", variant="primary", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Start in the company field: the path has a sensible default."""
        self.query_one("#np-company").focus()

    @on(Select.Changed, "#np-entity")
    def _entity_chosen(self, event: Select.Changed) -> None:
        coverage = self.query_one("#np-coverage", Static)
        if event.value is Select.NULL:
            coverage.update("")
            return
        coverage.update(coverage_line(self.app.catalog, str(event.value)))  # type: ignore[attr-defined]

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    def _fail(self, message: str, widget_id: str) -> None:
        self.query_one("#np-error", Static).update(message)
        self.query_one(f"#{widget_id}").focus()

    def action_create(self) -> None:
        """Check the form, write the new profile and open it."""
        path = self.app.resolve_path(self.query_one("#np-path", Input).value.strip())  # type: ignore[attr-defined]
        company = self.query_one("#np-company", Input).value.strip()
        entity = self.query_one("#np-entity", Select).value
        if path.suffix != ".toml":
            path = path.with_suffix(".toml") if path.suffix == "" else path
        if path.exists():
            return self._fail(f"{path} already exists. Choose another name, or open it from the start screen.",
                              "np-path")
        if not company:
            return self._fail("Type the company name.", "np-company")
        if entity is Select.NULL:
            return self._fail("Choose the entity type: it decides which criteria apply.", "np-entity")
        if not path.parent.is_dir():
            if path.parent.exists() or path.parent.is_symlink():
                return self._fail(f"{path.parent} is not a folder. Choose another place for the file.", "np-path")
            self._offer_folder(path)
            return None
        self._write_profile(path)
        return None

    @work
    async def _offer_folder(self, path: Path) -> None:
        """Ask before creating the missing folder (a typo in the path should not silently make folders)."""
        if not await self.app.push_screen_wait(ConfirmDialog(
                "Create the folder?", f"The folder {path.parent} does not exist yet. Create it and put the "
                "profile there?", yes="Create folder", no="Change the path")):
            self._fail("Change the path, or press ctrl+s again to be asked to create the folder.", "np-path")
            return
        try:
            make_folder(path.parent)
        except OSError as error:
            self._fail(f"Cannot create {path.parent}: {error.strerror or error}", "np-path")
            return
        self._write_profile(path)

    def _write_profile(self, path: Path) -> None:
        """Write the new profile at `path` (its folder exists) and open it."""
        company = self.query_one("#np-company", Input).value.strip()
        entity = self.query_one("#np-entity", Select).value
        facilities = parse_facilities(self.query_one("#np-facilities", TextArea).text)
        document = ProfileDocument.new(path, company, str(entity),
                                       prepared_by=self.query_one("#np-prepared", Input).value.strip(),
                                       facilities=facilities)
        try:
            document.save()
        except ProfileError as error:
            self._fail(f"Cannot create the file: {error.message}", "np-path")
            return
        self.app.open_profile(path, notice=f"Created {path}. Press Enter to answer the highlighted criterion, "  # type: ignore[attr-defined]
                              "Tab to move between fields; everything is saved as you type. F1 explains the keys.")

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    def action_back(self) -> None:
        """Back to the start screen (or quit when the app was started for this file)."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
