"""SVG snapshots of the main screens at 80x24 (cursor blink and animations off, fixed mini catalogue)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Evidence
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.main import MainScreen
from ctpat_tui.tui.screens.new_profile import NewProfileScreen

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same terminal and the same day for every run: 256 colours over SSH (no COLORTERM), no animations."""
    from functools import partial

    from ctpat_tui.review import review_answer, review_profile
    from ctpat_tui.tui.screens import findings_actions, review

    monkeypatch.setattr(findings_actions, "review_answer", partial(review_answer, today=TODAY))
    monkeypatch.setattr(findings_actions, "review_profile", partial(review_profile, today=TODAY))
    monkeypatch.setattr(review, "review_profile", partial(review_profile, today=TODAY))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_THEME", "CTPAT_ASCII"):
        monkeypatch.delenv(name, raising=False)


def drafted_profile(directory: Path) -> Path:
    """A mini-catalogue profile with one answer in progress and one complete."""
    path = directory / "profile.toml"
    document = ProfileDocument.new(path, "Acme Imports LLC", "importer", facilities=[("laredo-dc", "Laredo DC")])
    for key, value in (("status", "implemented"), ("controls", "Incident SOP SEC-SOP-12 with a 24-hour call tree"),
                       ("frequency", "regularly")):
        document.set_answer_value("7.23", key, value)
    for key, value in (("status", "implemented"),
                       ("controls", "Perimeter fence 2.4 m with razor wire; gates locked outside shifts"),
                       ("frequency", "fence line walked every night shift"), ("owner", "Security Supervisor"),
                       ("records", "patrol log PL-3 in the guard house, kept 2 years"),
                       ("escalation", "breaches reported to the Security Manager within 1 hour")):
        document.set_answer_value("9.1", key, value)
    document.set_facility_status("9.1", "laredo-dc", "implemented")
    document.set_evidence("9.1", [Evidence("Site plan with fence line", "SITE-01 v2", dt.date(2026, 1, 10),
                                           "Physical Security")])
    document.save()
    return path


async def settle(pilot: Pilot) -> None:
    """Wait for the editor, its first full review, and freeze every text cursor."""
    app = pilot.app
    for _ in range(200):
        screen = app.screen
        ready = isinstance(screen, MainScreen) and screen.current is not None and screen.findings_by_id
        if ready or isinstance(screen, NewProfileScreen):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.3)
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause(0.1)


def test_main_screen_with_live_findings(snap_compare, mini_catalog: Catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def go_to_7_23(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause(0.6)
        await settle(pilot)

    assert snap_compare(CtpatApp(mini_catalog, drafted_profile(tmp_path)), run_before=go_to_7_23)


def test_main_screen_on_the_linux_console(snap_compare, mini_catalog: Catalog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    assert snap_compare(CtpatApp(mini_catalog, drafted_profile(tmp_path)), run_before=settle)


def test_review_screen(snap_compare, mini_catalog: Catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def review(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause(0.8)

    assert snap_compare(CtpatApp(mini_catalog, drafted_profile(tmp_path)), run_before=review)


def test_evidence_dialog(snap_compare, mini_catalog: Catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def add_evidence(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause(0.3)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.press(*"Incident SOP")
        await pilot.pause(0.2)

    assert snap_compare(CtpatApp(mini_catalog, drafted_profile(tmp_path)), run_before=add_evidence)


def test_new_profile_wizard(snap_compare, mini_catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    async def fill(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*"Acme Imports LLC", "tab", "tab", "enter")
        await pilot.pause(0.1)
        await pilot.press("down", "enter")
        await pilot.pause(0.2)

    app = CtpatApp(mini_catalog, Path("/nonexistent-folder/acme/profile.toml"))
    assert snap_compare(app, run_before=fill)


def test_help_screen(snap_compare, mini_catalog: Catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def help_screen(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause(0.3)

    assert snap_compare(CtpatApp(mini_catalog, drafted_profile(tmp_path)), run_before=help_screen)
