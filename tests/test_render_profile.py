"""`render_profile` / `ctpat render`: the sample renders to all four outputs, whole files only, same bytes every time."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from render_support import DATE, docx_paragraph_texts, hostile_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.render import FORMATS, RenderError, render_profile, view_for
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.render.paste_text import response_plain
from ctpat_tui.render.usertext import parse_blocks
from ctpat_tui.review import review_profile
from tests.conftest import SAMPLE_DAY


@pytest.fixture
def sample(sample_path: Path, catalog: Catalog):  # type: ignore[no-untyped-def]
    profile = ProfileDocument.load(sample_path).profile
    return profile, review_profile(catalog, profile, today=SAMPLE_DAY)


def test_the_sample_renders_to_all_four_outputs(sample, catalog: Catalog, tmp_path: Path) -> None:
    profile, review = sample
    out = tmp_path / "nested" / "out"
    result = render_profile(catalog, profile, out, FORMATS, review=review, generated=DATE)
    assert result.files[:3] == [out / "profile.md", out / "portal-responses.txt", out / "profile.docx"]
    assert result.files[3] == out / "upload" / "manifest.csv"
    assert all(path.is_file() for path in result.files)
    assert len(result.files) > 20
    assert sorted(p.name for p in out.iterdir()) == ["portal-responses.txt", "profile.docx", "profile.md", "upload"]
    assert lint_docx((out / "profile.docx").read_bytes()) == []
    assert not [p for p in result.problems if p.startswith("profile.docx")]


def test_every_applicable_answer_reaches_every_output(sample, catalog: Catalog, tmp_path: Path) -> None:
    profile, review = sample
    render_profile(catalog, profile, tmp_path, ["md", "txt", "docx"], review=review, generated=DATE)
    markdown = (tmp_path / "profile.md").read_text(encoding="utf-8")
    pasted = (tmp_path / "portal-responses.txt").read_text(encoding="utf-8")
    word = set(docx_paragraph_texts(tmp_path / "profile.docx"))
    view = view_for(catalog, profile, review=review, generated=DATE)
    assert len(view.criteria) == len(catalog.applicable(profile.entity_type))
    for criterion in view.criteria:
        assert f"### {criterion.id} " in markdown
        assert f"[{criterion.id}] " in pasted
        assert response_plain(criterion) in pasted
        for block in parse_blocks(criterion.response):
            expected = f"{block.marker}\t{block.text}" if block.kind == "number" else block.text
            assert expected in word, (criterion.id, expected)


def test_the_sample_shows_own_and_composed_responses_and_assumed_designations(sample, catalog: Catalog) -> None:
    profile, review = sample
    view = view_for(catalog, profile, review=review, generated=DATE)
    sources = {c.response_source for c in view.criteria}
    assert {"narrative", "composed"} <= sources
    assert any(c.assumed for c in view.criteria)
    assert "ctpat catalog import" in view.coverage
    assert view.readiness.endswith("open") or "accepted" in view.readiness


def test_md_and_txt_are_byte_identical_and_docx_too_across_runs(sample, catalog: Catalog, tmp_path: Path) -> None:
    profile, review = sample
    first, second = tmp_path / "one", tmp_path / "two"
    render_profile(catalog, profile, first, ["md", "txt", "docx"], review=review, generated=DATE)
    render_profile(catalog, profile, second, ["md", "txt", "docx"], review=review, generated=DATE)
    for name in ("profile.md", "portal-responses.txt", "profile.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temp_file(tmp_path: Path, mini_catalog: Catalog,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    profile = hostile_profile(tmp_path / "acme")
    out = tmp_path / "out"
    out.mkdir()
    (out / "profile.md").write_text("previous draft", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(RenderError, match="the disk is full; any earlier file is unchanged"):
        render_profile(mini_catalog, profile, out, ["md"], generated=DATE)
    assert (out / "profile.md").read_text(encoding="utf-8") == "previous draft"
    assert [p.name for p in out.iterdir()] == ["profile.md"]


def test_an_output_path_that_is_a_file_is_refused(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = hostile_profile(tmp_path / "acme")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(RenderError, match="is not a folder"):
        render_profile(mini_catalog, profile, tmp_path / "out", ["md"])


def test_unknown_formats_are_refused(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = hostile_profile(tmp_path / "acme")
    with pytest.raises(ValueError, match="unknown format pdf"):
        render_profile(mini_catalog, profile, tmp_path / "out", ["md", "pdf"])


def test_ctpat_render_writes_the_files_and_warns_about_evidence_problems(sample_path: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out",
                           str(tmp_path / "out"), "--format", "md,txt"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "out" / "profile.md"),
                                        str(tmp_path / "out" / "portal-responses.txt")]
    assert "Traceback" not in done.stderr
    assert all(line.startswith("ctpat: warning: ") for line in done.stderr.splitlines())


def test_a_new_empty_profile_renders_every_format_soundly(tmp_path: Path, catalog: Catalog) -> None:
    from render_support import write_profile

    profile = write_profile(tmp_path / "new", {"profile": {"schema": 1, "company": "", "entity_type": "sea_carrier"}})
    result = render_profile(catalog, profile, tmp_path / "out", FORMATS, review=review_profile(catalog, profile),
                            generated=DATE)
    assert lint_docx((tmp_path / "out" / "profile.docx").read_bytes()) == []
    texts = docx_paragraph_texts(tmp_path / "out" / "profile.docx")
    assert "No supporting document is named yet." in texts and "Criteria not yet answered" in texts
    assert "No response yet." not in texts  # listed once in the table of unanswered criteria, not one by one
    assert texts[2] == "Company name not set"
    assert result.files[-1] == tmp_path / "out" / "upload" / "manifest.csv"
    markdown = (tmp_path / "out" / "profile.md").read_text(encoding="utf-8")
    assert markdown.startswith("# CTPAT Security Profile: Company name not set\n")
