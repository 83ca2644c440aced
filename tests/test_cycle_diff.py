"""`ctpat diff`: what changed since the last submission (or against another file), per criterion and word by word."""

from __future__ import annotations

import datetime as dt
import json

import shutil

import pytest

from ctpat_tui.cli import main
from ctpat_tui.cycle.diff import diff_since_submission, word_runs
from ctpat_tui.cycle.history import store_for
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.profile.model import Evidence


def _submit(path):
    assert main(["submit", str(path), "--date", "2026-02-10"]) == 0



@pytest.fixture
def sample_path(sample_path):
    """The sample profile without its bundled submission history (these tests build their own)."""
    shutil.rmtree(sample_path.parent / "profile.submissions")
    text = sample_path.read_text().replace("last_submitted = 2026-03-10\n", "")
    sample_path.write_text(text)
    return sample_path

def test_a_profile_never_submitted_says_this_will_be_the_first(sample_path, capsys):
    assert main(["diff", str(sample_path)]) == 0
    assert "no submission on record yet" in capsys.readouterr().out
    assert diff_since_submission(read_profile(sample_path)).first


def test_nothing_changed_right_after_a_submission(sample_path):
    _submit(sample_path)
    result = diff_since_submission(read_profile(sample_path))
    assert not result.first and result.changes == ()


def test_each_kind_of_change_is_listed_under_its_criterion(sample_path, capsys):
    _submit(sample_path)
    document = ProfileDocument.load(sample_path)
    old_controls = document.profile.answer("4.9").controls
    document.set_answer_value("4.9", "controls", old_controls.replace("FortiClient", "GlobalProtect"))
    document.set_answer_value("9.2", "status", "implemented")
    document.set_answer_value("2.3", "last_reviewed", dt.date(2026, 11, 2))
    document.set_facility_status("7.23", "laredo-dc", "partial")
    extra = Evidence("Tabletop exercise report", "TT-2026-2", dt.date(2026, 11, 20), "Procedural Security")
    document.set_evidence("7.23", [*document.profile.answer("7.23").evidence, extra])
    document.save()
    touched = sample_path.parent / document.profile.answer("8.1").evidence[0].file
    touched.write_text(touched.read_text() + "\nRevision 4: adds pallet inspection photos.\n")
    result = diff_since_submission(read_profile(sample_path))
    assert result.changed_criteria() == ("2.3", "4.9", "7.23", "8.1", "9.2")
    (controls,) = result.for_criterion("4.9")
    assert "[-FortiClient-]{+GlobalProtect+}" in controls.word_diff()
    assert [c.area for c in result.for_criterion("7.23")] == ["facility", "evidence"]
    assert result.for_criterion("8.1")[0].area == "evidence_file"
    assert result.for_criterion("9.2")[0].describe() == "status: Partially implemented -> Implemented"
    assert result.for_criterion("2.3")[0].describe() == "last reviewed: 2024-06-15 -> 2026-11-02"
    capsys.readouterr()
    assert main(["diff", str(sample_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed_criteria"] == ["2.3", "4.9", "7.23", "8.1", "9.2"]


def test_the_partner_register_and_facility_list_are_compared_too(sample_path, tmp_path, capsys):
    text = sample_path.read_text()
    other = tmp_path / "last-year.toml"
    other.write_text(text.replace('name = "Rio Bravo Transport"', 'name = "Rio Grande Transport"')
                     .replace("last_screened = 2026-03-02", "last_screened = 2025-03-02"))
    assert main(["diff", str(sample_path), "--against", str(other)]) == 0
    out = capsys.readouterr().out
    assert "partner added: Rio Bravo Transport" in out and "partner removed: Rio Grande Transport" in out
    assert "last screened 2025-03-02 -> 2026-03-02" in out


def test_profiles_of_different_entity_types_are_not_compared(sample_path, tmp_path, capsys):
    other = tmp_path / "carrier.toml"
    other.write_text(sample_path.read_text().replace('entity_type = "importer"', 'entity_type = "highway_carrier"'))
    assert main(["diff", str(sample_path), "--against", str(other)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "highway_carrier" in err and "importer" in err


def test_a_file_of_another_schema_version_is_not_compared(sample_path, tmp_path, capsys):
    other = tmp_path / "future.toml"
    other.write_text(sample_path.read_text().replace("schema = 1", "schema = 2"))
    assert main(["diff", str(sample_path), "--against", str(other)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "schema 2" in err


def test_a_damaged_snapshot_is_reported_instead_of_a_wrong_diff(sample_path, capsys):
    _submit(sample_path)
    (store_for(sample_path) / "2026-02-10" / "submission.toml").chmod(0o600)
    (store_for(sample_path) / "2026-02-10" / "submission.toml").unlink()
    assert main(["diff", str(sample_path)]) == 2
    assert "submission.toml is missing" in capsys.readouterr().err


def test_word_runs_keep_every_word_of_both_texts():
    runs = word_runs("seals are checked daily by the guard", "seals are checked at every gate-in by the guard")
    assert "".join(t for op, t in runs if op != "+") == "seals are checked daily by the guard"
    assert "".join(t for op, t in runs if op != "-") == "seals are checked at every gate-in by the guard"


def test_a_partners_open_issues_and_questionnaire_file_show_in_the_diff(sample_path, tmp_path, capsys):
    document = ProfileDocument.load(sample_path)
    hanoi = next(i for i, p in enumerate(document.profile.partners) if p.name == "Hanoi Textile Packaging Co.")
    other = tmp_path / "before.toml"
    other.write_text(sample_path.read_text())
    from dataclasses import replace

    partner = document.profile.partners[hanoi]
    document.set_partner(hanoi, replace(partner, open_issues="3.5 no", questionnaire_file="sq/SQ-1.xlsx"))
    document.save()
    assert main(["diff", str(sample_path), "--against", str(other)]) == 0
    out = capsys.readouterr().out
    assert "open issues - -> 3.5 no" in out and "questionnaire file - -> sq/SQ-1.xlsx" in out
