"""upload/: every evidence file copied into its portal section folder with a safe name, and a manifest that hides
nothing (missing, changed, folders, devices, broken links are listed)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import threading
from pathlib import Path

import pytest
from render_support import DATE, write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.render import render_profile
from ctpat_tui.render.bundle import MANIFEST_COLUMNS
from ctpat_tui.render.evidence import safe_name


def _evidence(title: str, file: str, section: str = "Risk Assessment", **more: object) -> dict[str, object]:
    return {"title": title, "ref": more.pop("ref", ""), "date": dt.date(2026, 1, 20), "portal_section": section,
            "file": file, **more}


def _manifest(folder: Path) -> list[dict[str, str]]:
    text = (folder / "upload" / "manifest.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    base = tmp_path / "acme"
    (base / "evidence").mkdir(parents=True)
    (base / "evidence" / "ra.PDF").write_bytes(b"%PDF risk assessment")
    (base / "evidence" / "review.docx").write_bytes(b"review minutes")
    (base / "evidence" / "screening.xlsx").write_bytes(b"partner list")
    return base


def test_files_go_into_numbered_portal_section_folders_with_safe_unique_names(acme: Path, tmp_path: Path,
                                                                             mini_catalog: Catalog) -> None:
    same = hashlib.sha256(b"%PDF risk assessment").hexdigest()
    profile = write_profile(acme, {
        "profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
        "answers": {
            "2.1": {"status": "implemented", "evidence": [
                _evidence("Risk assessment: 2026 / Laredo & Elgin — café", "evidence/ra.PDF", sha256=same),
                _evidence("Risk assessment: 2026 / Laredo & Elgin — café", "evidence/ra.PDF")]},
            "2.3": {"status": "implemented", "evidence": [_evidence("", "evidence/review.docx", ref="RA-REV 2026")]},
            "3.1": {"status": "implemented", "evidence": [_evidence("Screening", "evidence/screening.xlsx",
                                                                    "Business Partners")]},
        }})
    result = render_profile(mini_catalog, profile, tmp_path / "out", ["bundle"], generated=DATE)
    upload = tmp_path / "out" / "upload"
    names = sorted(str(p.relative_to(upload)) for p in upload.rglob("*") if p.is_file())
    assert names == ["02 Risk Assessment/2.1_Risk-assessment-2026-Laredo-Elgin-cafe-2.pdf",
                     "02 Risk Assessment/2.1_Risk-assessment-2026-Laredo-Elgin-cafe.pdf",
                     "02 Risk Assessment/2.3_RA-REV-2026.docx",
                     "03 Business Partners/3.1_Screening.xlsx",
                     "manifest.csv"]
    assert (upload / "02 Risk Assessment/2.1_Risk-assessment-2026-Laredo-Elgin-cafe.pdf").read_bytes() == \
        b"%PDF risk assessment"
    assert result.problems == []
    rows = _manifest(tmp_path / "out")
    assert list(rows[0]) == list(MANIFEST_COLUMNS)
    assert rows[0]["bundled_name"] == "02 Risk Assessment/2.1_Risk-assessment-2026-Laredo-Elgin-cafe.pdf"
    assert rows[0]["sha256"] == same and rows[0]["status"] == "ok"
    assert rows[0]["original_path"] == "evidence/ra.PDF" and rows[0]["date"] == "2026-01-20"


def test_missing_changed_and_surprising_paths_are_listed_not_skipped(acme: Path, tmp_path: Path,
                                                                    mini_catalog: Catalog) -> None:
    os.symlink(acme / "evidence" / "gone.pdf", acme / "evidence" / "dangling.pdf")
    os.mkfifo(acme / "evidence" / "pipe.pdf")
    os.symlink(acme / "evidence" / "ra.PDF", acme / "evidence" / "link.pdf")
    profile = write_profile(acme, {
        "profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
        "answers": {"2.1": {"status": "implemented", "evidence": [
            _evidence("Missing", "evidence/missing.pdf"),
            _evidence("Changed", "evidence/review.docx", sha256="0" * 64),
            _evidence("A folder", "evidence"),
            _evidence("A device", "/dev/null"),
            _evidence("A pipe", "evidence/pipe.pdf"),
            _evidence("Dangling", "evidence/dangling.pdf"),
            _evidence("Good link", "evidence/link.pdf"),
            _evidence("No file", ""),
        ]}}})
    finished = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        outcome["result"] = render_profile(mini_catalog, profile, tmp_path / "out", ["md", "bundle"],
                                           generated=DATE)
        finished.set()

    threading.Thread(target=run, daemon=True).start()
    assert finished.wait(30), "rendering blocked on a named pipe"
    result = outcome["result"]
    statuses = {row["title"]: (row["status"], row["bundled_name"]) for row in _manifest(tmp_path / "out")}
    assert statuses["Missing"] == ("missing", "")
    assert statuses["Changed"][0] == "changed since referenced"
    assert statuses["A folder"] == ("is a folder, not a file", "")
    assert statuses["A device"] == ("not a regular file", "")
    assert statuses["A pipe"] == ("not a regular file", "")
    assert statuses["Dangling"] == ("broken link", "")
    assert statuses["Good link"] == ("ok", "02 Risk Assessment/2.1_Good-link.pdf")
    assert statuses["No file"] == ("no file named", "")
    problems = "\n".join(result.problems)  # type: ignore[attr-defined]
    for what in ("missing.pdf missing", "review.docx changed since it was referenced", "evidence is a folder",
                 "/dev/null not a regular file", "pipe.pdf not a regular file", "dangling.pdf broken link"):
        assert what in problems
    assert "Good link" not in problems
    markdown = (tmp_path / "out" / "profile.md").read_text(encoding="utf-8")
    assert "**missing**" in markdown and "**broken link**" in markdown


def test_a_new_bundle_replaces_the_old_one_whole(acme: Path, tmp_path: Path, mini_catalog: Catalog) -> None:
    out = tmp_path / "out"
    stale = out / "upload" / "09 Old" / "stale.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    profile = write_profile(acme, {"profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
                                   "answers": {"2.1": {"evidence": [_evidence("RA", "evidence/ra.PDF")]}}})
    render_profile(mini_catalog, profile, out, ["bundle"], generated=DATE)
    assert not stale.exists()
    assert [p.name for p in out.iterdir()] == ["upload"]


def test_large_files_are_streamed_and_hashed(acme: Path, tmp_path: Path, mini_catalog: Catalog) -> None:
    big = acme / "evidence" / "video.mp4"
    with open(big, "wb") as handle:
        handle.writelines(bytes([block]) * (1024 * 1024) for block in range(24))
    digest = hashlib.sha256(big.read_bytes()).hexdigest()
    profile = write_profile(acme, {"profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
                                   "answers": {"9.1": {"evidence": [_evidence("Gate video", "evidence/video.mp4",
                                                                              "Physical Security", sha256=digest)]}}})
    result = render_profile(mini_catalog, profile, tmp_path / "out", ["bundle"], generated=DATE)
    assert result.problems == []
    copy = tmp_path / "out" / "upload" / "07 Physical Security" / "9.1_Gate-video.mp4"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest


def test_manifest_cells_cannot_become_spreadsheet_formulas(acme: Path, tmp_path: Path,
                                                          mini_catalog: Catalog) -> None:
    profile = write_profile(acme, {"profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
                                   "answers": {"2.1": {"evidence": [_evidence("=HYPERLINK(\"x\")",
                                                                              "evidence/ra.PDF")]}}})
    render_profile(mini_catalog, profile, tmp_path / "out", ["bundle"], generated=DATE)
    assert _manifest(tmp_path / "out")[0]["title"] == "'=HYPERLINK(\"x\")"


def test_safe_names_are_ascii_and_cut_at_a_word() -> None:
    assert safe_name("Überprüfung: Zäune & Tore / 2026") == "Uberprufung-Zaune-Tore-2026"
    assert safe_name("Security technology operation testing and maintenance log") == \
        "Security-technology-operation-testing"
    assert safe_name("../../etc/passwd") == "etc-passwd"
