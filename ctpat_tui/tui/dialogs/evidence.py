"""Add or edit one evidence reference: title, ref, date, portal section and a file (completed, hashed on save)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static

from ctpat_tui.hashing import sha256_file
from ctpat_tui.profile.model import Evidence
from ctpat_tui.tui.widgets.answer_fields import AnswerInput


class PathSuggester(Suggester):
    """Completes file paths relative to the profile's folder (accept with the right arrow)."""

    def __init__(self, base_dir: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base_dir = base_dir

    async def get_suggestion(self, value: str) -> str | None:
        """The longest unambiguous completion of `value`, with a trailing / for folders."""
        return complete_path(self.base_dir, value)


def matching_names(base_dir: Path, value: str) -> tuple[str, list[str]]:
    """(folder part of `value`, sorted names in that folder starting with the rest; folders end in /)."""
    head, _, prefix = value.rpartition("/")
    folder_text = head + "/" if head or value.startswith("/") else ""
    folder = Path(os.path.expanduser(folder_text or "."))
    if not folder.is_absolute():
        folder = base_dir / folder
    try:
        names = sorted(e.name + ("/" if e.is_dir() else "") for e in os.scandir(folder)
                       if e.name.startswith(prefix) and not e.name.startswith("."))
    except OSError:
        return folder_text, []
    return folder_text, names


def complete_path(base_dir: Path, value: str) -> str | None:
    """Complete `value` (relative to `base_dir`, or absolute, or ~) to the longest common match."""
    if not value:
        return None
    folder_text, names = matching_names(base_dir, value)
    prefix = value.rpartition("/")[2]
    if not names:
        return None
    common = os.path.commonprefix(names)
    if len(common) <= len(prefix):
        return None
    return folder_text + common


def stored_path(base_dir: Path, typed: str) -> tuple[str, Path]:
    """(text to store, resolved path): relative to the profile folder when the file is inside it."""
    path = Path(os.path.expanduser(typed))
    resolved = path if path.is_absolute() else base_dir / path
    try:
        return resolved.resolve().relative_to(base_dir.resolve()).as_posix(), resolved
    except ValueError:
        return str(resolved.resolve()), resolved


class EvidenceDialog(ModalScreen[Evidence | None]):
    """The evidence form; ctrl+s saves (records the file's sha256), Esc or Cancel leaves it unchanged."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, evidence: Evidence | None, *, criterion_label: str, sections: Sequence[str],
                 default_section: str, base_dir: Path) -> None:
        super().__init__()
        self.evidence = evidence or Evidence(portal_section=default_section)
        self.criterion_label = criterion_label
        self.sections = list(sections)
        self.base_dir = base_dir
        self.default_section = default_section
        self._hashing = False

    def compose(self) -> ComposeResult:
        item = self.evidence
        section = item.portal_section or self.default_section
        options = [(s + (" (where the portal asks this)" if s == self.default_section else ""), s)
                   for s in self.sections]
        if section and section not in self.sections:
            options.append((section, section))
        with Vertical(classes="dialog -wide"):
            yield Label(f"Evidence for {self.criterion_label}", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Label("Title", classes="label")
                yield AnswerInput(item.title, id="ev-title", compact=True, select_on_focus=False,
                            placeholder="e.g. Security incident reporting procedure")
            with Horizontal(classes="row"):
                yield Label("Document ref", classes="label")
                yield Input(item.ref, id="ev-ref", compact=True, select_on_focus=False,
                            placeholder="document number and version, e.g. SEC-SOP-12 v3")
            with Horizontal(classes="row"):
                yield Label("Date", classes="label")
                yield Input(item.date.isoformat() if item.date else "", id="ev-date", compact=True,
                            select_on_focus=False, placeholder="YYYY-MM-DD (effective date)", restrict=r"[0-9-]*")
            with Horizontal(classes="row"):
                yield Label("Portal section", classes="label")
                yield Select(options, value=section or Select.NULL, id="ev-section", compact=True,  # type: ignore[arg-type]
                             prompt="choose a section")
            with Horizontal(classes="row"):
                yield Label("File (optional)", classes="label")
                yield Input(item.file, id="ev-file", compact=True, select_on_focus=False,
                            placeholder="path, relative to the profile folder",
                            suggester=PathSuggester(self.base_dir))
            yield Static("", id="ev-files", classes="hint")
            yield Static("Typing a path offers a completion: press → (right arrow) to accept it. "
                         "The file's sha256 is recorded when you save.", classes="hint")
            yield Static("", id="ev-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def action_save(self) -> None:
        """Check the form, hash the file, and dismiss with the new Evidence."""
        error = self.query_one("#ev-error", Static)
        date_text = self._value("ev-date")
        try:
            date = dt.date.fromisoformat(date_text) if date_text else None
        except ValueError:
            error.update(f"Date {date_text!r} is not a date: use YYYY-MM-DD, e.g. 2026-03-01.")
            self.query_one("#ev-date").focus()
            return
        if not (self._value("ev-title") or self._value("ev-ref")):
            error.update("Give at least a title or a document reference.")
            self.query_one("#ev-title").focus()
            return
        section = self.query_one("#ev-section", Select).value
        evidence = Evidence(title=self._value("ev-title"), ref=self._value("ev-ref"), date=date,
                            portal_section="" if section is Select.NULL else str(section))
        file_text = self._value("ev-file")
        if not file_text:
            self.dismiss(evidence)
            return
        file_text, resolved = stored_path(self.base_dir, file_text)
        if not resolved.is_file():
            error.update(f"No such file: {resolved}. Fix the path, or leave it empty.")
            self.query_one("#ev-file").focus()
            return
        if self._hashing:
            return
        self._hashing = True
        error.update(f"Reading {resolved.name} to record its fingerprint (sha256)…")
        self._hash_and_save(replace(evidence, file=file_text), resolved)

    @work(thread=True, exclusive=True, group="evidence-hash", exit_on_error=False)
    def _hash_and_save(self, evidence: Evidence, resolved: Path) -> None:
        """Hash the file in a thread (a 1 GiB file takes a second or two), then close with the evidence."""
        try:
            digest = sha256_file(resolved)
        except OSError as problem:
            self.app.call_from_thread(self._cannot_hash, f"Cannot read {resolved}: {problem.strerror or problem}")
            return
        self.app.call_from_thread(self._finish, replace(evidence, sha256=digest))

    def _finish(self, evidence: Evidence) -> None:
        self.dismiss(evidence)

    def _cannot_hash(self, message: str) -> None:
        self._hashing = False
        self.query_one("#ev-error", Static).update(message)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#ev-file")
    def _show_matches(self, event: Input.Changed) -> None:
        """List what the typed path could be, so the user can see the files without leaving the dialog."""
        hint = self.query_one("#ev-files", Static)
        if not event.value:
            hint.update("")
            return
        _folder, names = matching_names(self.base_dir, event.value)
        if not names:
            hint.update("No file or folder starts like that.")
            return
        shown = ", ".join(names[:6]) + (f", … ({len(names) - 6} more)" if len(names) > 6 else "")
        hint.update(Content(f"Matches: {shown}"))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        """Leave without changing anything."""
        self.dismiss(None)
