"""The Word draft really opens: LibreOffice converts it to a PDF (checked by content, since soffice exits 0 on failure)."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import DATE, HOSTILE, clean, convert, hostile_profile, soffice

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.render import render_profile
from ctpat_tui.review import review_profile
from tests.conftest import SAMPLE_DAY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs "
                                                 "libreoffice-writer-nogui"),
]


def _assert_pdf(path: Path) -> None:
    assert path.is_file(), f"LibreOffice produced no {path.name} (it exits 0 even when it fails)"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000


def test_a_broken_file_produces_no_pdf_so_the_check_matters(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert not convert(broken, "pdf", tmp_path / "pdf").exists()


def test_the_hostile_draft_opens_and_keeps_its_text(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = hostile_profile(tmp_path / "acme")
    render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], review=review_profile(mini_catalog, profile),
                   generated=DATE)
    _assert_pdf(convert(tmp_path / "out" / "profile.docx", "pdf", tmp_path / "pdf"))
    text_file = convert(tmp_path / "out" / "profile.docx", "txt:Text (encoded):UTF8", tmp_path / "txt")
    assert text_file.is_file()
    text = text_file.read_text(encoding="utf-8-sig")
    first_line = clean(HOSTILE).split("\n", 1)[0]
    assert first_line.split("\U0001F600")[0] in text
    assert "Not applicable. No partners & <none> {{ 1+1 }}." in text


def test_the_sample_draft_opens(tmp_path: Path, sample_path: Path, catalog: Catalog) -> None:
    profile = ProfileDocument.load(sample_path).profile
    render_profile(catalog, profile, tmp_path / "out", ["docx"],
                   review=review_profile(catalog, profile, today=SAMPLE_DAY), generated=DATE)
    _assert_pdf(convert(tmp_path / "out" / "profile.docx", "pdf", tmp_path / "pdf"))


def test_a_template_saved_by_libreoffice_as_word_2010_365_is_repaired(tmp_path: Path, mini_catalog: Catalog) -> None:
    import shutil
    import warnings

    from docx import Document

    from ctpat_tui.render.docx import default_template
    from ctpat_tui.render.docx_lint import lint_docx

    shutil.copy(default_template(), tmp_path / "mine.docx")
    template = convert(tmp_path / "mine.docx", "docx:Office Open XML Text", tmp_path / "lo")
    assert template.is_file()
    profile = hostile_profile(tmp_path / "acme")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=template,
                                generated=DATE)
    assert not [w for w in caught if "Duplicate name" in str(w.message)]
    assert any("duplicate zip entries (docProps/core.xml" in p for p in result.problems)
    data = (tmp_path / "out" / "profile.docx").read_bytes()
    assert lint_docx(data) == []
    assert Document(str(tmp_path / "out" / "profile.docx")).core_properties.title.startswith(
        "CTPAT Security Profile: Acme & Sons")
    _assert_pdf(convert(tmp_path / "out" / "profile.docx", "pdf", tmp_path / "pdf"))
