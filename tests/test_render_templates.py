"""A user's own Word template renders with the documented variables, in a sandbox; errors name template and tag."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from render_support import DATE, HOSTILE, clean, docx_paragraph_texts, hostile_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.model import Profile
from ctpat_tui.render import RenderError, render_profile
from tests.conftest import SAMPLE_DAY


def make_template(path: Path, *paragraphs: str, header: str = "") -> Path:
    """A .docx whose paragraphs (and header) hold the given texts, one run each."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return hostile_profile(tmp_path / "acme")


def test_a_user_template_renders_with_the_documented_variables(tmp_path: Path, mini_catalog: Catalog,
                                                               profile: Profile) -> None:
    template = make_template(tmp_path / "mine.docx", "{{ company }} / {{ entity_type }} / {{ date }}",
                             "{%p for s in sections %}", "{{ s.heading }}", "{%p for c in s.criteria %}",
                             "{{ c.id }} {{ c.designation }} {{ c.response_source_label }}", "{{p c.response }}",
                             "{%p endfor %}", "{%p endfor %}", "{%p for e in evidence %}", "{{r e.summary }}",
                             "{%p endfor %}", header="{{ company }}")
    result = render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=template, generated=DATE)
    path = tmp_path / "out" / "profile.docx"
    assert result.files == [path]
    texts = docx_paragraph_texts(path)
    assert texts[0] == f"{clean(profile.company)} / Importer / 2026-03-05"
    assert "2.3 Must (assumed) the company's own text" in texts
    assert clean(HOSTILE) in "\n\n".join(texts)
    assert Document(str(path)).sections[0].header.paragraphs[0].text == clean(profile.company)
    assert not [p for p in result.problems if p.startswith("profile.docx")]


@pytest.mark.parametrize(("tag", "expected"), [
    ("{{ c.ownr }}", "template error in {{ c.ownr }}: no variable 'ownr'"),
    ("{{ nonexistent }}", "template error in {{ nonexistent }}: 'nonexistent' is undefined"),
    ("{% if company %}unclosed", "template error in {% if company %}:"),
    ("{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}", "is unsafe"),
    ("{{ company.__class__.__mro__ }}", "is unsafe"),
    ("{% include '/etc/passwd' %}", "could not render the template"),
])
def test_template_errors_name_the_template_and_the_tag_and_write_nothing(
        tmp_path: Path, mini_catalog: Catalog, profile: Profile, tag: str, expected: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    template = make_template(tmp_path / "bad.docx", "{%p for s in sections %}", "{%p for c in s.criteria %}",
                             "Criterion " + tag, "{%p endfor %}", "{%p endfor %}")
    with pytest.raises(RenderError) as caught:
        render_profile(mini_catalog, profile, tmp_path / "out", ["md", "txt", "docx"], template=template)
    message = str(caught.value)
    assert message.startswith(f"{template}: ")
    assert expected in message
    assert "Traceback" not in message and "\n" not in message
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_file_that_is_not_a_word_document_is_refused(tmp_path: Path, mini_catalog: Catalog,
                                                        profile: Profile) -> None:
    bogus = tmp_path / "notes.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    with pytest.raises(RenderError, match="is not a Word .docx file"):
        render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=bogus)
    with pytest.raises(RenderError, match="no such Word template"):
        render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=tmp_path / "missing.docx")


def test_values_are_never_evaluated_as_template_code(tmp_path: Path, mini_catalog: Catalog,
                                                    profile: Profile) -> None:
    template = make_template(tmp_path / "t.docx", "{{ prepared_by }}|{{ version }}")
    render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=template, generated=DATE)
    assert docx_paragraph_texts(tmp_path / "out" / "profile.docx")[0] == "Jane {{ Doe }} & <Co>|0.3 {% x %}"


def test_the_cli_reports_a_template_error_in_one_line_with_exit_code_2(tmp_path: Path, sample_path: Path) -> None:
    template = make_template(tmp_path / "bad.docx", "{{ company }} {{ no_such_thing }}")
    done = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out",
                           str(tmp_path / "out"), "--template", str(template), "--today", SAMPLE_DAY.isoformat()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"ctpat: error: {template}: template error in {{{{ no_such_thing }}}}: 'no_such_thing' is undefined"]
    assert not (tmp_path / "out" / "profile.md").exists()
