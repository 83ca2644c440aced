"""The documents of the annual cycle: the changes annex, the review sign-off, the action plan, the changed-only pack."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from docx import Document

from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from tests.conftest import SAMPLE_DAY

ON_DAY = ("--today", SAMPLE_DAY.isoformat())  # judge the sample as of a fixed day, not the calendar


def _blocks(text: str) -> list[str]:
    return re.findall(r"^\[([0-9.]+)\] ", text, re.MULTILINE)


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_profile_never_submitted_says_its_next_submission_is_the_first(sample_path, tmp_path, capsys):
    shutil.rmtree(sample_path.parent / "profile.submissions")
    sample_path.write_text(sample_path.read_text().replace("last_submitted = 2026-03-10\n", ""))
    assert main(["render", str(sample_path), "--out", str(tmp_path / "out"), "--format", "md", *ON_DAY]) == 0
    text = (tmp_path / "out" / "profile.md").read_text()
    assert "No submission is on record: this is the first submission" in text
    assert main(["render", str(sample_path), "--out", str(tmp_path / "out"), "--changed-only", *ON_DAY]) == 0
    pack = (tmp_path / "out" / "portal-responses-changed.txt").read_text()
    assert "every box is new" in pack and len(_blocks(pack)) > 50


def test_changes_reach_the_markdown_the_word_draft_and_the_changed_only_pack(sample_path, tmp_path):
    from ctpat_tui.cycle.diff import diff_since_submission
    from ctpat_tui.profile.document import read_profile

    before = set(diff_since_submission(read_profile(sample_path)).changed_criteria())  # the sample's own story
    assert "7.23" not in before
    document = ProfileDocument.load(sample_path)
    document.set_answer_value("7.23", "owner", "Security Manager, with the Logistics Manager as deputy")
    document.start_annual_review(dt.date(2027, 3, 15), "Maria Lopez", dt.date(2027, 1, 5))
    document.mark_reviewed("7.23", "updated", "Maria Lopez", dt.date(2027, 1, 12), "deputy named")
    document.save()
    out = tmp_path / "out"
    assert main(["render", str(sample_path), "--out", str(out), "--format", "md,docx", "--no-libreoffice",
                 *ON_DAY]) == 0
    markdown = (out / "profile.md").read_text()
    annex = markdown.split("## Changes since the last submission", 1)[1]
    assert f"{len(before) + 1} criteria changed" in annex and "**7.23 " in annex
    assert "| 7.23 |" in annex and "Updated | Maria Lopez | 2027-01-12 | deputy named |" in annex
    assert "| CA-004 | 4.9 |" in annex and "Verified" in annex
    word = _docx_text(out / "profile.docx")
    for heading in ("Changes since the last submission", "Annual review sign-off", "Corrective-action plan"):
        assert heading in word
    assert "1 of 93" in word and "Re-affirmed" not in word and "CHG-2291" in word
    assert main(["render", str(sample_path), "--out", str(out), "--changed-only", *ON_DAY]) == 0
    pack = (out / "portal-responses-changed.txt").read_text()
    assert set(_blocks(pack)) == before | {"7.23"}


def test_changed_only_goes_with_the_paste_pack_only(sample_path, tmp_path, capsys):
    assert main(["render", str(sample_path), "--out", str(tmp_path), "--changed-only", "--format", "docx",
                 *ON_DAY]) == 2
    assert "--changed-only" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["file", "tamper"])
def test_a_damaged_store_is_a_warning_and_the_documents_still_render(sample_path, tmp_path, capsys, damage):
    store = sample_path.parent / "profile.submissions"
    if damage == "file":
        shutil.rmtree(store)
        store.write_text("not a folder")
    else:
        copy = store / "2026-03-10" / "profile.toml"
        copy.chmod(0o600)
        copy.write_text(copy.read_text() + "\n# edited later\n")
    assert main(["render", str(sample_path), "--out", str(tmp_path / "out"), "--format", "md", *ON_DAY]) == 0
    err = capsys.readouterr().err
    assert "profile.submissions" in err
    text = (tmp_path / "out" / "profile.md").read_text()
    assert "submission history cannot be read" in text and "first submission" not in text
