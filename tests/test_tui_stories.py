"""User stories driven through the app with the keyboard only, at 80x24."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.evidence import EvidenceDialog
from ctpat_tui.tui.screens.main import MainScreen
from ctpat_tui.tui.screens.new_profile import NewProfileScreen
from ctpat_tui.tui.screens.review import ReviewScreen
from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
from ctpat_tui.tui.widgets.findings import FindingsPanel
from ctpat_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)


async def wait_for(pilot: Pilot, predicate: Callable[[], object], timeout: float = 6.0) -> None:
    """Let the app run until `predicate()` holds (fails the test after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {predicate}")


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` key by key, as a user would."""
    await pilot.press(*text)


def new_profile(tmp_path: Path, *, facilities: tuple[tuple[str, str], ...] = ()) -> Path:
    """A saved, empty mini-catalogue importer profile."""
    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Acme Imports LLC", "importer", prepared_by="Jane Doe",
                        facilities=facilities).save()
    return path


async def open_main(pilot: Pilot) -> MainScreen:
    """Wait until the editing screen shows a criterion."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.current is not None)
    await pilot.pause(0.1)
    return app.screen  # type: ignore[return-value]


async def open_screen(pilot: Pilot, key: str, screen_type: type) -> object:
    """Wait for the editing screen, press `key` and wait until the screen it opens (a `screen_type`) is shown."""
    app = pilot.app
    await open_main(pilot)
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type))
    return app.screen


async def choose_status(pilot: Pilot, label_index: int) -> None:
    """Open the focused status list and pick the option `label_index` places below 'not set'."""
    await pilot.press("enter")
    await pilot.pause(0.05)
    await pilot.press(*(["down"] * label_index), "enter")
    await pilot.pause(0.05)


def saved_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


async def test_creating_a_profile_with_the_wizard(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NewProfileScreen))
        screen = app.screen
        assert screen.query_one("#np-path", Input).value == str(path)
        await type_text(pilot, "Acme Imports LLC")
        await pilot.press("tab")
        await type_text(pilot, "Jane Doe, Compliance Manager")
        await pilot.press("tab", "enter")
        await pilot.pause(0.05)
        await pilot.press("down", "enter")
        await pilot.pause(0.05)
        assert screen.query_one("#np-entity", Select).value == "importer"
        coverage = str(screen.query_one("#np-coverage").render())
        assert "7 criteria" in coverage and "assumed" in coverage
        await pilot.press("tab")
        await type_text(pilot, "Laredo DC")
        await pilot.press("ctrl+s")
        main = await open_main(pilot)
        assert main.current == "2.1"
    document = ProfileDocument.load(path)
    assert document.profile.company == "Acme Imports LLC"
    assert document.profile.prepared_by == "Jane Doe, Compliance Manager"
    assert [(f.id, f.name) for f in document.profile.facilities] == [("laredo-dc", "Laredo DC")]


async def test_opening_a_profile_never_saves_it(catalog: Catalog, sample_path: Path) -> None:
    before = sample_path.read_bytes()
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "f8")
        await pilot.pause(1.5)
        assert not main.session.has_unsaved_edits
    assert sample_path.read_bytes() == before
    assert not sample_path.with_name("profile.toml.bak").exists()


async def test_answering_a_criterion_is_autosaved_and_tab_never_selects_the_answer(
        mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("enter")  # from the list into the form: the status field
        await choose_status(pilot, 1)
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea) and app.focused.id == "field-controls"
        await type_text(pilot, "Risk assessment by the five-step method")
        await pilot.press("shift+tab", "tab")  # leave and come back: nothing may be selected
        await type_text(pilot, ".")
        await wait_for(pilot, lambda: "five-step method." in saved_text(path))
        await wait_for(pilot, lambda: "saved" in str(main.query_one("#save-indicator").render()))  # right after
        await pilot.press("tab")
        frequency = app.focused
        assert isinstance(frequency, Input) and frequency.id == "field-frequency"
        await type_text(pilot, "yearly")
        await pilot.press("shift+tab", "tab")
        await type_text(pilot, " and after any incident")
        await wait_for(pilot, lambda: "yearly and after any incident" in saved_text(path))
    answer = ProfileDocument.load(path).profile.answer("2.1")
    assert answer.status == "implemented"
    assert answer.controls == "Risk assessment by the five-step method."


async def test_a_finding_appears_and_disappears_as_the_answer_improves(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "7.23")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current == "7.23")
        pane, findings = main.query_one(CriterionPane), main.query_one(FindingsPanel)
        pane.query_one("#field-controls", TextArea).insert("Incident SOP SEC-SOP-12 with a 24-hour call tree")

        def frequency_findings() -> list[str]:
            return [f.rule for f in findings.findings if f.field == "frequency"]

        await wait_for(pilot, frequency_findings)  # empty frequency is reported
        await pilot.press("f4")
        assert app.focused is pane.query_one("#field-frequency")
        await type_text(pilot, "regularly")
        await wait_for(pilot, lambda: frequency_findings() and findings.findings)
        vague = frequency_findings()
        assert vague, "a vague frequency is reported"
        await pilot.press(*(["backspace"] * len("regularly")))
        await type_text(pilot, "at every incident, within 1 hour")
        await wait_for(pilot, lambda: not frequency_findings())
        assert main.states["7.23"] == "partial"


async def test_adding_evidence_records_the_file_and_its_sha256(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    (tmp_path / "evidence").mkdir()
    document_file = tmp_path / "evidence" / "risk-assessment-2026.pdf"
    document_file.write_bytes(b"%PDF-1.4 risk assessment")
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog))
        dialog = app.screen
        assert dialog.query_one("#ev-section", Select).value == "Risk Assessment"
        await type_text(pilot, "Supply chain risk assessment")
        await pilot.press("enter")
        await type_text(pilot, "RA-2026 v1")
        await pilot.press("enter")
        await type_text(pilot, "2026-13-01")
        await pilot.press("enter", "tab")
        await type_text(pilot, "evid")
        await pilot.pause(0.2)
        await pilot.press("right")  # accept the completion: evidence/
        await type_text(pilot, "r")
        await pilot.pause(0.2)
        await pilot.press("right")
        assert dialog.query_one("#ev-file", Input).value == "evidence/risk-assessment-2026.pdf"
        await pilot.press("ctrl+s")
        assert app.screen is dialog, "an impossible date is refused"
        assert "not a date" in str(dialog.query_one("#ev-error").render())
        date = dialog.query_one("#ev-date", Input)
        date.value = "2026-01-15"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: "risk-assessment-2026.pdf" in saved_text(path))
        assert "Evidence (1)" in str(main.query_one("#evidence-heading").render())
    evidence = ProfileDocument.load(path).profile.answer("2.1").evidence
    assert len(evidence) == 1
    assert evidence[0].ref == "RA-2026 v1" and evidence[0].portal_section == "Risk Assessment"
    assert evidence[0].file == "evidence/risk-assessment-2026.pdf"
    assert evidence[0].sha256 == hashlib.sha256(document_file.read_bytes()).hexdigest()


async def test_marking_not_applicable_asks_for_the_reason(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("enter")
        await choose_status(pilot, 4)  # Not applicable
        await wait_for(pilot, lambda: app.screen is not main)
        await pilot.press("escape")  # cancelled: the status goes back
        await wait_for(pilot, lambda: app.screen is main)
        assert main.session.answer("2.1").status == ""
        await choose_status(pilot, 4)
        await wait_for(pilot, lambda: app.screen is not main)
        await type_text(pilot, "We hold no cargo")
        await pilot.press("enter")
        await wait_for(pilot, lambda: 'na_reason = "We hold no cargo"' in saved_text(path))
        # a must criterion with a thin reason has an open warning (ALIGN005): marked as needing attention, not done
        assert main.states["2.1"] == "attention"
        assert main.query_one("#na-row").display
    answer = ProfileDocument.load(path).profile.answer("2.1")
    assert (answer.status, answer.na_reason) == ("not_applicable", "We hold no cargo")


async def test_jumping_through_the_palette_by_id_or_words(mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "12.1")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current == "12.1")
        await wait_for(pilot, lambda: app.focused is main.query_one("#field-status"))
        await pilot.press("ctrl+g")
        await type_text(pilot, "incident report")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current == "7.23")
        assert main.query_one(Navigator).highlighted == main.query_one(Navigator).get_option_index("7.23")
        await pilot.press("ctrl+p")
        await type_text(pilot, "group by MSC category")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.grouping == "category")
        assert main.query_one(Navigator).groups[0].title == "2. Risk Assessment"


async def test_next_unanswered_and_next_with_errors(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await wait_for(pilot, lambda: main.findings_by_id)
        with_errors = {cid for cid, state in main.states.items() if state == "errors"}
        assert with_errors, "the sample has deliberate weaknesses"
        await pilot.press("f3")
        assert main.current in with_errors
        first = main.current
        await pilot.press("ctrl+t")
        assert main.current in with_errors and (main.current != first or len(with_errors) == 1)
        unanswered = {cid for cid, state in main.states.items() if state == "empty"}
        await pilot.press("f2")
        assert main.current in unanswered or not unanswered
        position = main.order().index(main.current)
        await pilot.press("ctrl+n")
        assert main.order().index(main.current) == position + 1
        await pilot.press("f8")
        assert main.order().index(main.current) == position


async def test_review_screen_jumps_to_the_finding(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.shown)
        review = app.screen
        assert "Overall" in str(review.query_one("#readiness").render())
        await pilot.press("e")
        assert all(f.severity == "error" for f in review.shown)
        target = review.shown[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is main and main.current == target.criterion)


async def test_rendering_from_the_app(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause(0.2)
        await pilot.press("ctrl+s")
        output = sample_path.parent / "output"
        await wait_for(pilot, lambda: "Done:" in str(app.screen.query_one("#render-output").render()), timeout=60)
        text = str(app.screen.query_one("#render-output").render())
        assert "profile.md" in text and "upload/" in text
    assert (output / "profile.md").is_file() and (output / "portal-responses.txt").is_file()


async def test_help_lists_the_keys_of_the_current_screen(mini_catalog: Catalog, tmp_path: Path) -> None:
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("f1")
        await pilot.pause(0.1)
        text = str(app.screen.query_one("#help-body Static").render())
        assert "F9, ctrl+n" in text and "Next criterion" in text and "F2" in text and "ctrl+q" in text
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen is main)


@pytest.mark.parametrize("choice", ["read_only", "take_over"])
async def test_a_second_session_is_told_who_holds_the_profile(mini_catalog: Catalog, tmp_path: Path,
                                                              choice: str) -> None:
    import json
    import os
    import socket

    path = new_profile(tmp_path)
    lock = path.with_name(f".{path.name}.lock")
    other = {"host": socket.gethostname(), "pid": os.getppid(), "user": "maria", "since": "2026-03-01T09:00:00"}
    lock.write_text(json.dumps(other), encoding="utf-8")
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "maria" in str(getattr(app.screen, "message", "")))
        await pilot.press("1" if choice == "read_only" else "2")
        main = await open_main(pilot)
        assert main.session.read_only is (choice == "read_only")
        if choice == "read_only":
            assert "READ-ONLY" in str(main.query_one("#save-indicator").render())
            assert main.query_one("#field-status", Select).disabled
            before = saved_text(path)
            await pilot.press("f5")
            await pilot.pause(0.3)
            assert app.screen is main and saved_text(path) == before
        else:
            assert json.loads(lock.read_text())["pid"] == os.getpid()
    if choice == "take_over":
        assert not lock.exists(), "the lock is released on exit"
    else:
        assert json.loads(lock.read_text())["user"] == "maria", "a read-only session leaves the lock alone"


async def type_then_change_on_disk(pilot: Pilot[None], main: MainScreen, path: Path) -> str:
    """Type into Controls, let someone else change the file, wait until the app asks; their text is returned."""
    main.query_one("#field-controls", TextArea).insert("My controls")
    theirs = saved_text(path).replace('company = "Acme Imports LLC"', 'company = "Acme (their edit)"')
    path.write_text(theirs, encoding="utf-8")
    await wait_for(pilot, lambda: "changed" in str(getattr(pilot.app.screen, "title_text", "")))
    return theirs


@pytest.mark.parametrize("choice", ["reload", "overwrite", "elsewhere"])
async def test_a_file_changed_on_disk_is_never_overwritten_blindly(mini_catalog: Catalog, tmp_path: Path,
                                                                   choice: str) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        theirs = await type_then_change_on_disk(pilot, main, path)
        assert saved_text(path) == theirs
        await pilot.press({"reload": "1", "overwrite": "2", "elsewhere": "3"}[choice])
        if choice == "elsewhere":
            await wait_for(pilot, lambda: app.screen.query("#prompt-input"))
            await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is main)
        await pilot.pause(0.3)
        if choice == "overwrite":
            assert "My controls" in saved_text(path) and "their edit" not in saved_text(path)
        else:
            assert saved_text(path) == theirs
            assert main.session.profile.company == "Acme (their edit)"
    copies = list(tmp_path.glob("profile.unsaved-*.toml"))
    assert (len(copies) == 1 and "My controls" in copies[0].read_text()) if choice == "elsewhere" else not copies


async def test_my_copy_typed_into_a_missing_folder_is_refused_and_the_question_comes_back(
        mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        theirs = await type_then_change_on_disk(pilot, main, path)
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen.query("#prompt-input"))
        await pilot.press("ctrl+u", *str(tmp_path / "no-such-folder" / "mine.toml"), "enter")
        await wait_for(pilot, lambda: "changed" in str(getattr(app.screen, "title_text", "")))
        assert app.is_running and main.saving.autosaver.paused and saved_text(path) == theirs
        assert "My controls" in main.session.snapshot()[1]
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen.query("#prompt-input"))
        await pilot.press("enter")  # the name offered, beside the profile
        await wait_for(pilot, lambda: app.screen is main)
    copies = list(tmp_path.glob("profile.unsaved-*.toml"))
    assert len(copies) == 1 and "My controls" in copies[0].read_text()
    assert not (tmp_path / "no-such-folder").exists()


async def test_sighup_saves_what_was_typed_and_releases_the_lock(mini_catalog: Catalog, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from ctpat_tui.tui import signals

    monkeypatch.setenv("CTPAT_AUTOSAVE_DELAY", "60")
    monkeypatch.setattr(signals, "exit_soon_anyway", lambda code, delay=3.0: None)
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        main.query_one("#field-controls", TextArea).insert("Typed just before the line dropped")
        await pilot.pause(0.1)
        assert "Typed just before" not in saved_text(path)
        app.on_signal(signal.SIGHUP)
        await pilot.pause(0.1)
    assert app.return_code == 128 + signal.SIGHUP
    assert "Typed just before the line dropped" in saved_text(path)
    assert not path.with_name(f".{path.name}.lock").exists()


async def test_quitting_saves_immediately(mini_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTPAT_AUTOSAVE_DELAY", "60")
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        main.query_one("#field-owner", Input).value = "Compliance Manager"
        await pilot.pause(0.05)
        await pilot.press("ctrl+q")
    assert 'owner = "Compliance Manager"' in saved_text(path)


async def test_start_screen_lists_recent_profiles_and_opens_them(mini_catalog: Catalog, tmp_path: Path) -> None:
    from ctpat_tui.tui.screens.start import StartScreen
    from ctpat_tui.tui.state import remember_profile

    path = new_profile(tmp_path)
    remember_profile(path, "Acme Imports LLC", "importer")
    app = CtpatApp(mini_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("enter")  # the cursor starts on the most recent profile
        main = await open_main(pilot)
        assert main.session.path == path
        await pilot.press("ctrl+p")
        await type_text(pilot, "open another profile")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("home", "enter")  # "New profile…" is the first entry
        await wait_for(pilot, lambda: isinstance(app.screen, NewProfileScreen))


async def test_removing_evidence_asks_first(mini_catalog: Catalog, tmp_path: Path) -> None:
    import datetime as dt

    from ctpat_tui.profile.model import Evidence
    from ctpat_tui.tui.widgets.evidence_list import EvidenceList

    path = new_profile(tmp_path)
    document = ProfileDocument.load(path)
    document.set_evidence("2.1", [Evidence("Risk assessment", "RA-1", dt.date(2026, 1, 2), "Risk Assessment"),
                                  Evidence("Review minutes", "RA-MIN-1", dt.date(2026, 1, 9), "Risk Assessment")])
    document.save()
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        main.query_one(EvidenceList).focus()
        await pilot.press("down", "d")
        await wait_for(pilot, lambda: app.screen is not main)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is main)
        assert len(main.session.answer("2.1").evidence) == 2
        await pilot.press("d")
        await wait_for(pilot, lambda: app.screen is not main)
        await pilot.press("y")
        await wait_for(pilot, lambda: "RA-MIN-1" not in saved_text(path))
    assert [e.ref for e in ProfileDocument.load(path).profile.answer("2.1").evidence] == ["RA-1"]


async def test_accepting_a_finding_with_a_reason(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        main.query_one("#field-owner", Input).value = "management"
        findings = main.query_one(FindingsPanel)
        await wait_for(pilot, lambda: any(f.field == "owner" for f in findings.findings))
        target = next(f for f in findings.findings if f.field == "owner")
        findings.focus()
        findings.highlighted = findings.findings.index(target)
        await pilot.press("x")
        await wait_for(pilot, lambda: app.screen is not main)
        await type_text(pilot, "the board is the owner")
        await pilot.press("enter")
        await wait_for(pilot, lambda: target.rule in saved_text(path))
        await wait_for(pilot, lambda: any(f.rule == target.rule and f.accepted for f in findings.findings))
    accepted = ProfileDocument.load(path).profile.answer("2.1").accepted
    assert accepted == {target.rule: "the board is the owner"}


async def test_switching_to_the_ansi_theme_is_remembered(mini_catalog: Catalog, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ctpat_tui.tui.state import load_state

    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    assert app.theme == "textual-dark"
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "theme: ansi-dark")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "ansi-dark")
    assert load_state().theme == "ansi-dark"
    assert CtpatApp(mini_catalog, None).theme == "ansi-dark"


def test_demo_copies_the_sample_and_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from ctpat_tui.profile.errors import ProfileError
    from ctpat_tui.tui.app import prepare_demo

    fresh = prepare_demo(tmp_path / "new-folder")
    assert fresh == tmp_path / "new-folder" / "profile.toml" and fresh.is_file()
    assert (fresh.parent / "evidence").is_dir()
    with pytest.raises(ProfileError):
        prepare_demo(tmp_path / "new-folder")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    nested = prepare_demo(tmp_path / "busy")
    assert nested.parent.parent == tmp_path / "busy" and (tmp_path / "busy" / "notes.txt").read_text() == "mine"
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert prepare_demo(None).is_relative_to(tmp_path)
