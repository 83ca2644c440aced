"""profile.docx: docxtpl in a sandbox with autoescape; exact text, real formatting, sound structure, deterministic."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace

import pytest
from docx import Document
from render_support import DATE, HOSTILE, clean, docx_paragraph_texts, docx_xml, hostile_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.render import view_for
from ctpat_tui.render.docx import build_context, default_template, render_docx
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.review import review_profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, mini_catalog: Catalog):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("docx")
    profile = hostile_profile(folder / "acme")
    view = view_for(mini_catalog, profile, review=review_profile(mini_catalog, profile), generated=DATE)
    data, problems = render_docx(view)
    path = folder / "profile.docx"
    path.write_bytes(data)
    return profile, view, path, problems


def test_the_draft_is_structurally_sound(rendered) -> None:
    _profile, _view, path, problems = rendered
    assert problems == []
    assert lint_docx(path.read_bytes()) == []
    Document(str(path))


def test_every_character_of_the_users_text_reaches_the_word_file(rendered) -> None:
    profile, _view, path, _problems = rendered
    body = "\n\n".join(docx_paragraph_texts(path))
    assert clean(HOSTILE) in body
    assert "Not applicable. No partners & <none> {{ 1+1 }}." in body
    for name in ("owner", "frequency", "records", "escalation"):  # compact: inside the composed response
        assert clean(getattr(profile.answer("2.1"), name)).split("\n")[0][8:60] in body
    assert "CBP five-step & <more> {{ x }}" in body
    assert "Laredo & <DC> \u05e9\u05dc\u05d5\u05dd: Implemented" in body
    assert "Risk & <assessment> \U0001F600" in body and "RA-2026 {{ r }}" in body
    assert clean(profile.company) in docx_paragraph_texts(path)
    assert "Jane {{ Doe }} & <Co>" in docx_paragraph_texts(path)


def test_the_full_layout_shows_every_detail_field_as_its_own_cell(rendered) -> None:
    profile, view, _path, _problems = rendered
    data, problems = render_docx(replace(view, word_layout="full"))
    assert problems == []
    texts = _texts(data)
    for name in ("owner", "frequency", "records", "escalation"):
        assert clean(getattr(profile.answer("2.1"), name)) in texts


def _texts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return texts


def test_control_characters_are_removed_and_reported_without_losing_other_text(rendered) -> None:
    _profile, view, path, _problems = rendered
    xml = docx_xml(path)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml)
    assert "Ñandú\nsecond line\ttab" in "\n".join(docx_paragraph_texts(path))
    reported = "\n".join(view.problems)
    assert "company: removed" in reported and "2.3 narrative: removed 6 control characters" in reported
    assert "3.1 N/A reason: removed" in reported


def test_header_carries_company_and_footer_page_numbers(rendered) -> None:
    profile, _view, path, _problems = rendered
    document = Document(str(path))
    header = document.sections[0].header.paragraphs[0].text
    assert header == f"DRAFT · {clean(profile.company)} · CTPAT Security Profile · version 0.3 {{% x %}}"
    footer = docx_xml(path, "word/footer2.xml") if "word/footer2.xml" in zipfile.ZipFile(path).namelist() \
        else docx_xml(path, "word/footer1.xml")
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_title_page_marks_the_draft_and_the_company_officer(rendered) -> None:
    _profile, _view, path, _problems = rendered
    texts = docx_paragraph_texts(path)
    assert texts[0] == "DRAFT" and texts[1] == "CTPAT Security Profile"
    assert any("The Company Officer reviews it and submits" in t for t in texts)
    assert "2026-03-05" in texts
    xml = docx_xml(path)
    assert "PAGEREF _TocCtpat001" in xml and 'w:anchor="_TocCtpat001"' in xml and 'w:name="_TocCtpat001"' in xml
    assert "<w:updateFields" in docx_xml(path, "word/settings.xml")   # not measured: Word offers to fill them in


def test_markdown_becomes_word_formatting_not_literal_marks(rendered) -> None:
    _profile, _view, path, _problems = rendered
    document = Document(str(path))
    paragraphs = list(document.paragraphs)
    assert not any("**" in p.text for p in paragraphs if not p.text.startswith("\u2610"))
    check = next(p for p in paragraphs if p.text == "We check seals:")
    assert [r.text for r in check.runs if r.bold] == ["check"]
    bullets = [p for p in paragraphs if p.style.name == "List Bullet" and "Shipping Supervisor" in p.text]
    assert bullets and any(r.italic for r in bullets[0].runs)
    numbered = [p.text for p in paragraphs if p.style.name == "List Continue"]
    assert "1.\tfirst step" in numbered and "2.\tsecond step" in numbered
    assert any(p.style.name == "Quote" and p.text == "quoted note" for p in paragraphs)
    xml = docx_xml(path)
    link = re.search(r'<w:hyperlink r:id="(rId\d+)"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>', xml)
    assert link
    rels = docx_xml(path, "word/_rels/document.xml.rels")
    assert re.search(rf'Id="{link.group(1)}"[^>]*Target="https://example.com/log"', rels) or \
        re.search(rf'Target="https://example.com/log"[^>]*Id="{link.group(1)}"', rels)
    assert '<w:rStyle w:val="InlineCode"/>' in xml


def test_styles_the_text_refers_to_exist_in_the_template() -> None:
    styles = {s.style_id for s in Document(str(default_template())).styles}
    assert {"ResponseText", "ListBullet", "ListBullet2", "ListBullet3", "ListContinue", "ListContinue2",
            "ListContinue3", "Quote", "CodeBlock", "InlineCode", "Hyperlink", "TOC1"} <= styles


def test_core_properties_come_from_the_profile_not_the_clock(rendered) -> None:
    profile, _view, path, _problems = rendered
    props = Document(str(path)).core_properties
    assert props.title == f"CTPAT Security Profile: {clean(profile.company)}"
    assert props.author == "Jane {{ Doe }} & <Co>"
    assert props.created == props.modified == dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
    assert props.revision == 1


def test_the_word_file_is_byte_identical_across_runs(rendered) -> None:
    _profile, view, path, _problems = rendered
    again, _ = render_docx(view)
    assert again == path.read_bytes()
    infos = zipfile.ZipFile(io.BytesIO(again)).infolist()
    assert {info.date_time for info in infos} == {(2026, 3, 5, 0, 0, 0)}
    names = [info.filename for info in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"] and names[2:] == sorted(names[2:])


def test_the_committed_template_is_what_its_build_script_makes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_template", default_template().parent / "build_template.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == default_template().read_bytes()
    assert lint_docx(default_template().read_bytes()) == []


def _keys(value: object, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add(key)
            keys |= _keys(item)
    elif isinstance(value, list) and value:
        keys |= _keys(value[0])
    return keys


def test_every_context_variable_is_documented_for_template_authors(rendered) -> None:
    _profile, view, _path, _problems = rendered
    context = build_context(view, lambda url: "rId99")
    readme = (default_template().parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", readme))
    assert _keys(context) - documented == set()
