"""The fast paths of the profile file: opening paints from the stdlib reader and parses the editable document later;
saving after an edit renders only the edited answer again (exactly what tomlkit writes); a background save checks
the TOML in a child process."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tomllib
from pathlib import Path

import pytest

from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Action, Evidence
from ctpat_tui.resources import sample_profile_dir
from tests.conftest import FIXTURES

STARTS = {
    "hand-edited": FIXTURES / "profiles" / "hand-edited.toml",
    "hand-edited-cycle": FIXTURES / "profiles" / "hand-edited-cycle.toml",
    "sample": sample_profile_dir() / "profile.toml",
}
IDS = ("7.23", "99.1", "1.1", "1.2", "3.4", "5.6", "9.9", "12.1")


def _edit(document: ProfileDocument, rng: random.Random, step: int) -> None:
    """One edit of the kinds the app and the CLI make, chosen at random."""
    cid = rng.choice(IDS)
    kind = rng.randrange(10)
    if kind < 4:
        key = rng.choice(("controls", "frequency", "owner", "records", "escalation", "status", "extra_note"))
        value = rng.choice(("", "Every shipment", 'quote " and \\ back', "line one\nline two", f"value {step}"))
        document.set_answer_value(cid, key, rng.choice(("", "planned", "implemented")) if key == "status" else value)
    elif kind == 4:
        document.set_answer_value(cid, "count", rng.choice((None, step, 2.5, dt.date(2026, 1, 1 + step % 28))))
    elif kind == 5:
        items = [Evidence(f"Evidence {n}", f"REF-{step}-{n}", dt.date(2026, 5, 1), "Procedural Security")
                 for n in range(rng.randrange(3))]
        document.set_evidence(cid, items)
    elif kind == 6:
        document.set_facility_status(cid, rng.choice(("laredo-dc", "other")), rng.choice(("", "planned")))
    elif kind == 7:
        document.accept_finding(cid, rng.choice(("VAG001", "SPEC002")), rng.choice(("", "accepted for now")))
    elif kind == 8:
        document.set_header(rng.choice(("company", "prepared_by", "version")), f"header {step}")
    else:
        document.set_action(Action(id=f"CA-{1 + step % 3:03d}", criterion=cid, gap="gap", action="fix it",
                                   owner="Jane", due=dt.date(2026, 9, 1)))


@pytest.mark.parametrize("start", sorted(STARTS))
def test_every_save_after_any_edit_is_the_text_tomlkit_renders(start: str, tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    shutil.copy(STARTS[start], path)
    document = ProfileDocument.load(path)
    rng = random.Random(start)
    for step in range(160):
        _edit(document, rng, step)
        if step % 3 == 0:
            text = document.dumps()
            assert text == document.doc.uncached_string()  # type: ignore[attr-defined]
            if step % 15 == 0:
                document.save()
                assert tomllib.loads(path.read_text(encoding="utf-8")) == document.doc.unwrap()


def test_a_new_profile_gains_answers_one_by_one_and_saves_the_same_text(tmp_path: Path) -> None:
    document = ProfileDocument.new(tmp_path / "new.toml", "Acme", "importer", facilities=[("a", "Site A")])
    for step, cid in enumerate(IDS * 3):
        document.dumps()
        document.set_answer_value(cid, "controls", f"answer {step}")
        assert document.dumps() == document.doc.uncached_string()  # type: ignore[attr-defined]
    document.start_annual_review(dt.date(2027, 1, 1), "Jane", dt.date(2026, 12, 1))
    document.mark_reviewed("7.23", "reaffirmed", "Jane", dt.date(2026, 12, 2))
    assert document.dumps() == document.doc.uncached_string()  # type: ignore[attr-defined]


@pytest.mark.parametrize("child_runs", [True, False], ids=["checked-in-child", "no-child-python"])
def test_a_save_checked_in_a_child_process_refuses_broken_toml_and_keeps_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child_runs: bool) -> None:
    from ctpat_tui.profile import store
    from ctpat_tui.profile.errors import ProfileError

    if not child_runs:
        monkeypatch.setattr("sys.executable", str(tmp_path / "no-such-python"))
    path = tmp_path / "profile.toml"
    path.write_text('[profile]\ncompany = "Acme"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid TOML"):
        store.atomic_write_text(path, '[profile]\ncompany = "Acme\n', check_in_child=True)
    assert path.read_text(encoding="utf-8") == '[profile]\ncompany = "Acme"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["profile.toml"]
    store.atomic_write_text(path, '[profile]\ncompany = "Acme Two"\n', check_in_child=True)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"profile": {"company": "Acme Two"}}


def test_autosaves_checked_by_the_long_lived_checker_refuse_broken_toml_even_after_it_died(tmp_path: Path) -> None:
    from ctpat_tui.profile import store
    from ctpat_tui.profile.errors import ProfileError

    checker = store.TOML_CHECK_SERVER_PROCESS
    path = tmp_path / "profile.toml"
    path.write_text('[profile]\ncompany = "Acme"\n', encoding="utf-8")
    try:
        assert checker.start()
        store.atomic_write_text(path, '[profile]\ncompany = "Acme Two"\n', check_in_child=True)
        with pytest.raises(ProfileError, match="not valid TOML"):
            store.atomic_write_text(path, '[profile]\ncompany = "Acme\n', check_in_child=True)
        assert path.read_text(encoding="utf-8") == '[profile]\ncompany = "Acme Two"\n'
        child = checker._child
        assert child is not None
        child.kill()  # the checker dies (out of memory, killed by the user): saves go on, still checked
        child.wait(timeout=5)
        with pytest.raises(ProfileError, match="not valid TOML"):
            store.atomic_write_text(path, '[profile]\ncompany = \n', check_in_child=True)
        store.atomic_write_text(path, '[profile]\ncompany = "Acme Three"\n', check_in_child=True)
        assert tomllib.loads(path.read_text(encoding="utf-8")) == {"profile": {"company": "Acme Three"}}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.toml", "profile.toml.bak"]
    finally:
        checker.stop()


def test_a_profile_opened_fast_reads_the_same_and_takes_edits_before_and_after_its_editable_parse(
        tmp_path: Path) -> None:
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.tui.session import EditSession

    for name, source in STARTS.items():
        path = tmp_path / f"{name}.toml"
        shutil.copy(source, path)
        fast, full = ProfileDocument.open(path), ProfileDocument.load(path)
        assert fast.profile == full.profile
        assert fast._doc is None                              # nothing parsed with tomlkit yet
        fast.set_answer_value("7.23", "owner", "Night shift lead")  # an edit parses the editable document itself
        full.set_answer_value("7.23", "owner", "Night shift lead")
        assert fast.dumps() == full.dumps()
    session = EditSession(load_default_catalog(), ProfileDocument.open(tmp_path / "sample.toml"))
    assert session.prepare() == ""
    assert session.set_value("1.1", "owner", "Security Manager")
    session.flush()
    assert ProfileDocument.load(tmp_path / "sample.toml").profile.answer("1.1").owner == "Security Manager"


def test_a_file_the_editable_parser_refuses_is_shown_read_only_and_never_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.profile import document as document_module
    from ctpat_tui.profile.errors import ProfileError
    from ctpat_tui.tui.session import EditSession

    path = tmp_path / "profile.toml"
    shutil.copy(STARTS["sample"], path)
    before = path.read_bytes()

    def refuse(text: str, where: Path) -> None:
        raise ProfileError(str(where), "the round-trip parser cannot keep this file's layout")

    monkeypatch.setattr(document_module, "_round_trip_parse", refuse)
    session = EditSession(load_default_catalog(), ProfileDocument.open(path))
    assert session.profile.company                            # readable at once
    assert "cannot keep this file's layout" in session.prepare()
    assert session.read_only
    assert not session.set_value("1.1", "owner", "Security Manager")
    assert session.flush() is None
    assert path.read_bytes() == before
