"""The render dialog: pick formats and an output folder, render in a thread worker, show where the files went."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.private_files import make_folder
from ctpat_tui.profile.model import Profile

FORMAT_LABELS = {"md": "Markdown (profile.md)", "txt": "Paste pack (portal-responses.txt)",
                 "docx": "Word draft (profile.docx)", "bundle": "Evidence upload bundle (upload/)"}


@dataclass(frozen=True)
class RenderOutcome:
    """What a render run produced: files written and problems to show (or why it could not run)."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: str = ""
    pages: str = ""  # 'profile.docx: 8 pages (laid out by LibreOffice)' when a Word draft was written


def available_formats() -> tuple[str, ...]:
    """The renderer's formats (the contract's four when the renderer is not installed yet)."""
    try:
        from ctpat_tui.render import FORMATS
    except ImportError:
        return ("md", "txt", "docx", "bundle")
    return tuple(FORMATS)


def run_render(catalog: Catalog, profile: Profile, out_dir: Path, formats: list[str]) -> RenderOutcome:
    """Review then render the profile (runs in a worker thread; touches no widget)."""
    try:
        from ctpat_tui.render import render_profile
    except ImportError:
        return RenderOutcome(failed="the renderer is not installed in this version")
    from ctpat_tui.review import review_profile

    try:
        make_folder(out_dir)
        from ctpat_tui.tui.screens.findings_actions import app_today

        review = review_profile(catalog, profile, today=app_today())
        result = render_profile(catalog, profile, out_dir, formats, review=review, measure_pages=True)
    except Exception as error:  # noqa: BLE001 - a renderer failure is shown to the user, never crashes the editor
        return RenderOutcome(failed=f"{type(error).__name__}: {error}")
    layout = getattr(result, "layout", None)
    pages = f"profile.docx: {layout.describe()}" if layout is not None else ""
    return RenderOutcome(list(result.files), list(result.problems), pages=pages)


class RenderDialog(ModalScreen[str | None]):
    """Formats, output folder, Render; the result is listed in the dialog."""

    AUTO_FOCUS = "#render"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
        Binding("ctrl+s", "render", "Render", show=False),
    ]

    def __init__(self, catalog: Catalog, profile: Profile, out_dir: Path, *,
                 offer_submit: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self.profile = profile
        self.out_dir = out_dir
        self.offer_submit = offer_submit  # show "Mark as submitted": the dialog then closes with "submit"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label("Render documents", classes="dialog-title")
            for name in available_formats():
                yield Checkbox(FORMAT_LABELS.get(name, name), True, id=f"fmt-{name}", compact=True)
            with Horizontal(classes="row"):
                yield Label("Output folder", classes="label")
                yield Input(str(self.out_dir), id="out-dir", compact=True, select_on_focus=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Render (ctrl+s)", id="render", variant="primary", compact=True)
                yield Button("Close (Esc)", id="close", compact=True)
                if self.offer_submit:
                    yield Button("Mark as submitted…", id="mark-submitted", compact=True)
            with VerticalScroll(id="render-result", can_focus=False):
                yield Static("", id="render-output")

    def chosen_formats(self) -> list[str]:
        """Formats whose box is ticked."""
        return [name for name in available_formats() if self.query_one(f"#fmt-{name}", Checkbox).value]

    def action_render(self) -> None:
        """Start rendering (in a thread) with the chosen formats and folder."""
        formats = self.chosen_formats()
        output = self.query_one("#render-output", Static)
        if not formats:
            output.update("Tick at least one format.")
            return
        folder = Path(os.path.expanduser(self.query_one("#out-dir", Input).value.strip() or "."))
        if not folder.is_absolute() and self.profile.path is not None:
            folder = self.profile.path.parent / folder
        output.update(f"Rendering {', '.join(formats)} into {folder} ...")
        self.query_one("#render", Button).disabled = True
        self._run_render(folder, formats)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _run_render(self, folder: Path, formats: list[str]) -> None:
        outcome = run_render(self.catalog, self.profile, folder, formats)
        self.app.call_from_thread(self.show_outcome, folder, outcome)

    def show_outcome(self, folder: Path, outcome: RenderOutcome) -> None:
        """List the files written and any problems."""
        if not self.is_attached:
            self.app.notify(outcome.failed or f"Rendered {files_count(len(outcome.files))} into {folder}",
                            timeout=10)
            return
        self.query_one("#render", Button).disabled = False
        output = self.query_one("#render-output", Static)
        if outcome.failed:
            output.update(f"Render failed: {outcome.failed}")
            return
        lines = [f"Done: {files_count(len(outcome.files))} in {folder}"]
        if outcome.problems:  # before the list of files, which can be long: a folder others can read comes first
            lines.append(f"{len(outcome.problems)} problem{'' if len(outcome.problems) == 1 else 's'}:")
            lines += [f"  ! {problem}" for problem in outcome.problems]
        if outcome.pages:
            lines.append(outcome.pages)
        lines += [f"  {line}" for line in summarise_files(outcome.files, folder)]
        output.update("\n".join(lines))
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#render")
    def _render_pressed(self) -> None:
        self.action_render()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#mark-submitted")
    def _mark_submitted(self) -> None:
        self.dismiss("submit")

    def action_close(self) -> None:
        """Close the dialog (rendering continues in the background if it was running)."""
        self.dismiss(None)


def files_count(count: int) -> str:
    """'1 file', '3 files'."""
    return f"{count} file" if count == 1 else f"{count} files"


def summarise_files(files: list[Path], folder: Path) -> list[str]:
    """Top-level files by name; files inside a sub-folder (the upload bundle) counted per sub-folder."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    for path in files:
        try:
            relative = path.relative_to(folder)
        except ValueError:
            lines.append(str(path))
            continue
        if len(relative.parts) > 1:
            counts[relative.parts[0]] = counts.get(relative.parts[0], 0) + 1
        else:
            lines.append(str(relative))
    lines += [f"{name}/ ({files_count(count)})" for name, count in counts.items()]
    return lines
