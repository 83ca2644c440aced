"""Evidence and placement: references are complete and current, files are safe to look at, sections are right."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Profile
from ctpat_tui.review import files, review_answer

TODAY = dt.date(2026, 11, 29)


def profile_with_evidence(folder: Path, evidence: str, cid: str = "7.23") -> Profile:
    """An importer profile in `folder` whose answer to `cid` has the given [[evidence]] keys."""
    text = (f'[profile]\nschema = 1\ncompany = "Example Imports"\nentity_type = "importer"\n\n'
            f'[answers."{cid}"]\nstatus = "implemented"\ncontrols = "Form SEC-F-12 goes to the Security Manager."\n\n'
            f'[[answers."{cid}".evidence]]\ntitle = "Incident procedure"\nref = "SEC-SOP-12 v3"\n'
            f'date = 2026-03-01\nportal_section = "Procedural Security"\n{evidence}')
    path = folder / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return ProfileDocument.parse(text, path).profile


def evidence_findings(catalog: Catalog, profile: Profile, cid: str = "7.23") -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for finding in review_answer(catalog, profile, cid, today=TODAY):
        if finding.rule.startswith(("EVID", "PLACE")):
            result.setdefault(finding.rule, []).append(finding.message)
    return result


def test_a_file_is_resolved_next_to_the_profile_not_the_working_directory(catalog: Catalog, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "evidence").mkdir()
    content = b"SEC-SOP-12 v3\n"
    (tmp_path / "evidence" / "sop.txt").write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    monkeypatch.chdir(tmp_path.parent)
    profile = profile_with_evidence(tmp_path, f'file = "evidence/sop.txt"\nsha256 = "{digest}"\n')
    assert evidence_findings(catalog, profile) == {}


def test_a_missing_file_is_an_error_and_a_changed_file_a_warning(catalog: Catalog, tmp_path: Path) -> None:
    missing = profile_with_evidence(tmp_path, 'file = "evidence/gone.pdf"\n')
    [error] = [f for f in review_answer(catalog, missing, "7.23", today=TODAY) if f.rule == "EVID003"]
    assert error.severity == "error" and "evidence/gone.pdf" in error.message
    (tmp_path / "sop.txt").write_text("version 4", encoding="utf-8")
    changed = profile_with_evidence(tmp_path, f'file = "sop.txt"\nsha256 = "sha256:{"ab" * 32}"\n')
    [warning] = [f for f in review_answer(catalog, changed, "7.23", today=TODAY) if f.rule == "EVID004"]
    assert warning.severity == "warning" and "changed since you referenced it" in warning.message


def test_a_folder_a_broken_link_and_a_device_give_clear_findings(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "nowhere.pdf", tmp_path / "dangling.pdf")
    folder = evidence_findings(catalog, profile_with_evidence(tmp_path, 'file = "folder"\n'))
    assert "is a folder" in folder["EVID007"][0]
    dangling = evidence_findings(catalog, profile_with_evidence(tmp_path, 'file = "dangling.pdf"\n'))
    assert "broken link" in dangling["EVID003"][0]
    device = evidence_findings(catalog, profile_with_evidence(tmp_path, 'file = "/dev/null"\nsha256 = "00"\n'))
    assert "device" in device["EVID007"][0]


def test_a_named_pipe_is_never_opened(catalog: Catalog, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    profile = profile_with_evidence(tmp_path, f'file = "pipe"\nsha256 = "{"0" * 64}"\n')
    result: list[dict[str, list[str]]] = []
    worker = threading.Thread(target=lambda: result.append(evidence_findings(catalog, profile)), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert result, "reviewing a FIFO evidence path hung"
    assert "EVID007" in result[0]


def test_hashes_are_cached_until_the_file_changes(catalog: Catalog, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sop.txt"
    path.write_bytes(b"x" * (3 * files.CHUNK + 17))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    profile = profile_with_evidence(tmp_path, f'file = "sop.txt"\nsha256 = "{digest}"\n')
    hashed: list[int] = []
    real_hash = files.sha256_fd

    def counting_hash(fd: int) -> tuple[str, int]:
        value = real_hash(fd)
        hashed.append(value[1])
        return value

    monkeypatch.setattr(files, "sha256_fd", counting_hash)
    for _ in range(5):
        assert "EVID004" not in evidence_findings(catalog, profile)
    assert hashed == [3 * files.CHUNK + 17]        # read whole once, then served from the cache
    path.write_bytes(b"changed")
    os.utime(path, ns=(1, 1))
    assert "EVID004" in evidence_findings(catalog, profile)


def test_references_must_be_complete_dated_and_recent(catalog: Catalog, tmp_path: Path) -> None:
    text = ('[profile]\nschema = 1\ncompany = "Example"\nentity_type = "importer"\n\n[answers."7.23"]\n'
            'status = "implemented"\ncontrols = "Form SEC-F-12."\n\n[[answers."7.23".evidence]]\ntitle = "Old SOP"\n'
            'date = 2024-09-30\nportal_section = "Procedural Security"\n\n[[answers."7.23".evidence]]\n'
            'title = "Typo"\nref = "X-1"\ndate = 2027-03-01\nportal_section = "Procedural Security"\n')
    profile = ProfileDocument.parse(text, tmp_path / "p.toml").profile
    found = evidence_findings(catalog, profile)
    assert "has no ref" in found["EVID002"][0]
    assert "EVID006" in found
    assert "2024-09-30" in found["EVID005"][0]


def test_not_applicable_answers_need_no_evidence(catalog: Catalog, tmp_path: Path) -> None:
    text = ('[profile]\nschema = 1\ncompany = "Example"\nentity_type = "importer"\n\n[answers."9.1"]\n'
            'status = "not_applicable"\nna_reason = "We own no site: all goods move through our certified 3PL."\n')
    profile = ProfileDocument.parse(text, tmp_path / "p.toml").profile
    assert evidence_findings(catalog, profile, "9.1") == {}


def test_evidence_in_the_wrong_portal_section_names_the_right_one(catalog: Catalog, tmp_path: Path) -> None:
    wrong = profile_with_evidence(tmp_path, "", cid="6.6")
    text = wrong.path.read_text(encoding="utf-8").replace("Procedural Security", "Physical Security")
    moved = ProfileDocument.parse(text, wrong.path).profile
    [finding] = [f for f in review_answer(catalog, moved, "6.6", today=TODAY) if f.rule == "PLACE001"]
    assert finding.severity == "error" and "'Conveyance and IIT'" in finding.message


def test_a_stale_last_verified_date_is_flagged(catalog: Catalog, tmp_path: Path) -> None:
    profile = profile_with_evidence(tmp_path, "")
    text = profile.path.read_text(encoding="utf-8").replace(
        'controls = "', 'contacts_last_verified = 2025-06-01\ncontrols = "')
    stale = ProfileDocument.parse(text, profile.path).profile
    assert "EVID009" in {f.rule for f in review_answer(catalog, stale, "7.23", today=TODAY)}


def test_odd_file_names_never_crash_the_review(catalog: Catalog, tmp_path: Path) -> None:
    os.symlink("loop", tmp_path / "loop")
    for name in ("loop", "a\\u0000b", "x" * 5000, "~nobody-here/doc.pdf", "../../../../../../etc"):
        found = evidence_findings(catalog, profile_with_evidence(tmp_path, f'file = "{name}"\n'))
        assert set(found) & {"EVID003", "EVID007", "EVID008"}, name
