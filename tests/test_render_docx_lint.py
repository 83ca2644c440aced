"""The structural lint catches what Word refuses even though python-docx and LibreOffice open it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate, RichText

from ctpat_tui.render.docx import default_template
from ctpat_tui.render.docx_lint import lint_docx


def _replace_part(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def sound() -> bytes:
    return default_template().read_bytes()


def test_the_bundled_template_is_sound(sound: bytes) -> None:
    assert lint_docx(sound) == []


def test_a_table_cell_without_a_paragraph_is_caught(sound: bytes) -> None:
    broken = _replace_part(sound, "word/document.xml",
                           lambda xml: xml.replace("<w:tc>", "<w:tc><w:tcPr/></w:tc><w:tc>", 1))
    assert any("does not end with a paragraph" in p or "cells in a" in p for p in lint_docx(broken))


def test_a_table_without_rows_is_caught(sound: bytes) -> None:
    def drop_rows(xml: str) -> str:
        start = xml.index("<w:tr")
        end = xml.index("</w:tbl>")
        return xml[:start] + xml[end:]
    assert any("has no rows" in p for p in lint_docx(_replace_part(sound, "word/document.xml", drop_rows)))


def test_duplicate_zip_entries_and_bad_xml_are_caught(sound: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sound)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with pytest.warns(UserWarning):
            target.writestr("docProps/core.xml", b"<cp:coreProperties")
    problems = lint_docx(out.getvalue())
    assert "duplicate zip entry docProps/core.xml" in problems
    assert any(p.startswith("docProps/core.xml: not well-formed XML") for p in problems)
    assert lint_docx(b"not a zip") == ["not a zip file"]


def test_richtext_without_the_r_marker_is_caught(tmp_path: Path) -> None:
    from docx import Document

    Document().save(str(tmp_path / "t.docx"))
    document = Document(str(tmp_path / "t.docx"))
    document.add_paragraph("{{ rt }}")
    document.save(str(tmp_path / "t.docx"))
    template = DocxTemplate(str(tmp_path / "t.docx"))
    template.render({"rt": RichText("bold", bold=True)})
    out = io.BytesIO()
    template.save(out)
    assert any("w:t text element contains elements" in p for p in lint_docx(out.getvalue()))


def test_a_dangling_relationship_id_is_caught(sound: bytes) -> None:
    broken = _replace_part(sound, "word/document.xml",
                           lambda xml: xml.replace("<w:body>", '<w:body><w:p><w:hyperlink r:id="rId999"/></w:p>', 1))
    assert any("rId999" in p for p in lint_docx(broken))
