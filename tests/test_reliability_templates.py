"""Template safety: a user's Word template cannot escape the sandbox or unescape text; a broken one fails in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_support import DATE, docx_paragraph_texts, hostile_profile, write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.model import Profile
from ctpat_tui.render import RenderError, render_profile
from ctpat_tui.render.text_clean import clean_text
from tests.conftest import SAMPLE_DAY

CHECKOUT = Path(__file__).resolve().parent.parent
LOOP = ("{%p for s in sections %}", "{%p for c in s.criteria %}")
END_LOOP = ("{%p endfor %}", "{%p endfor %}")


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


# Escapes beyond the ones test_render_templates.py already tries (cycler globals, __mro__, include).
@pytest.mark.parametrize(("tag", "expected"), [
    ("{% import 'os' as os %}{{ os.system('touch PWNED') }}", "could not render the template"),
    ("{% from 'subprocess' import run %}", "could not render the template"),
    ("{% extends '/etc/passwd' %}", "could not render the template"),
    ("{{ open('/etc/passwd').read() }}", "'open' is undefined"),
    ("{{ __import__('os').system('touch PWNED') }}", "'__import__' is undefined"),
    ("{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}", "is unsafe"),
    ("{{ joiner.__init__.__globals__.os.system('touch PWNED') }}", "is unsafe"),
    ("{{ namespace.__init__.__globals__ }}", "is unsafe"),
    ("{{ self.__init__.__globals__ }}", "is unsafe"),
    ("{{ '{0.__class__.__init__.__globals__}'.format(company) }}", "is unsafe"),
    ("{{ sections.append(1) }}", "is unsafe"),
    ("{{ range(10**9)|list|length }}", "MAX_RANGE"),
    ("{{ config }}", "'config' is undefined"),
    ("{% autoescape false %}{{ company }}{% endautoescape %}", "{% autoescape %} is not allowed"),
])
def test_a_template_cannot_run_code_import_or_read_files(tmp_path: Path, mini_catalog: Catalog, profile: Profile,
                                                         tag: str, expected: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    template = make_template(tmp_path / "evil.docx", "{{ company }}", tag, *LOOP, "{{ c.id }}", *END_LOOP)
    with pytest.raises(RenderError) as caught:
        render_profile(mini_catalog, profile, tmp_path / "out", ["md", "txt", "docx"], template=template)
    message = str(caught.value)
    assert message.startswith(f"{template}: ") and expected in message, message
    assert "\n" not in message and "Traceback" not in message
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_template_marking_user_text_safe_still_shows_it_exactly(tmp_path: Path, mini_catalog: Catalog,
                                                                  profile: Profile) -> None:
    template = make_template(tmp_path / "safe.docx", "A {{ prepared_by|safe }}", "B {{ company|safe }}",
                             "C {{ version }}", header="{{ company|safe }}")
    result = render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], template=template, generated=DATE)
    texts = docx_paragraph_texts(tmp_path / "out" / "profile.docx")
    assert texts[:3] == ["A Jane {{ Doe }} & <Co>", f"B {clean_text(profile.company)}", "C 0.3 {% x %}"]
    header = Document(str(tmp_path / "out" / "profile.docx")).sections[0].header.paragraphs[0].text
    assert header == clean_text(profile.company)
    assert not [p for p in result.problems if p.startswith("profile.docx")]


AUDITED = textwrap.dedent("""
    import json, os, sys

    opened = []
    sys.addaudithook(lambda event, args: opened.append(os.fsdecode(args[0]))
                     if event == "open" and isinstance(args[0], (str, bytes)) else None)
    from ctpat_tui.cli import main

    codes = [main(["render", sys.argv[1], "--out", sys.argv[2], "--format", "docx", "--template", t])
             for t in sys.argv[3:]]
    print(json.dumps({"codes": codes, "opened": opened}))
""")


def test_no_template_trick_opens_a_file(tmp_path: Path, sample_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    tricks = [f"{{% include '{secret}' %}}", f"{{% import '{secret}' as s %}}", f"{{% extends '{secret}' %}}",
              f"{{% from '{secret}' import x %}}", f"{{{{ open('{secret}').read() }}}}",
              f"{{{{ cycler.__init__.__globals__.os.open('{secret}', 0) }}}}"]
    templates = [str(make_template(tmp_path / f"trick{n}.docx", "{{ company }}", trick))
                 for n, trick in enumerate(tricks)]
    done = subprocess.run([sys.executable, "-c", AUDITED, str(sample_path), str(tmp_path / "out"), *templates],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": str(CHECKOUT)})
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["codes"] == [2] * len(tricks)
    assert str(secret) not in report["opened"]
    assert len(done.stderr.strip().splitlines()) == len(tricks), done.stderr


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (("{% if company %}never closed",), "template error in {% if company %}:"),
    (("{{ company.__class__ }}",), "is unsafe"),
    (("{{ company ", "next paragraph"), "template error"),
    (("{%p endfor %}",), "template error in {% endfor %}: Encountered unknown tag 'endfor'"),
    (("{%p for s in sections %}", "{{ s.no_such_field }}", "{%p endfor %}"), "no variable 'no_such_field'"),
    (("{% import 'os' as os %}",), "could not render the template"),
    (None, "is not a Word .docx file"),
])
def test_a_broken_template_is_one_line_on_the_command_line(tmp_path: Path, sample_path: Path,
                                                           paragraphs: tuple[str, ...] | None, expected: str) -> None:
    template = tmp_path / "broken.docx"
    if paragraphs is None:
        template.write_bytes(b"PK\x03\x04 not really a Word file")
    else:
        make_template(template, *paragraphs)
    done = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out",
                           str(tmp_path / "out"), "--template", str(template), "--today", SAMPLE_DAY.isoformat()],
                          capture_output=True, text=True, timeout=120, check=False, cwd=CHECKOUT)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"ctpat: error: {template}: ") and expected in line, line
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "profile.md").exists()


JINJA = ["{{", "}}", "{%", "%}", "{#", "#}", "{%p", "{{r", "{{p", "{%tr", " 7*7 ", " raw ", " endraw ", "|safe",
         "cycler.__init__.__globals__.os.popen('touch PWNED').read()", "config", "self", " if x ", " endif ",
         " for c in sections ", " endfor ", "{{ company }}", "{% include '/etc/passwd' %}", "&", "<", "'", '"',
         "\n", "\t"]
jinja_text = st.lists(st.one_of(st.sampled_from(JINJA), st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=int(os.environ.get("CTPAT_TEMPLATE_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(company=jinja_text, prepared_by=jinja_text, version=jinja_text, narrative=jinja_text, na_reason=jinja_text)
def test_template_syntax_typed_as_an_answer_is_never_evaluated(mini_catalog: Catalog, company: str,
                                                              prepared_by: str, version: str, narrative: str,
                                                              na_reason: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        template = make_template(folder / "mine.docx", "C:{{ company }}", "P:{{ prepared_by }}", "V:{{ version }}",
                                 *LOOP, "{%p if c.id == '2.3' %}", "N:{{ c.narrative }}", "{%p endif %}",
                                 "{%p if c.id == '3.1' %}", "R:{{ c.na_reason }}", "{%p endif %}", *END_LOOP,
                                 header="H:{{ company }}")
        profile = write_profile(folder / "acme", {
            "profile": {"schema": 1, "company": company, "entity_type": "importer", "prepared_by": prepared_by,
                        "version": version},
            "answers": {"2.3": {"status": "implemented", "narrative": narrative},
                        "3.1": {"status": "not_applicable", "na_reason": na_reason}}})
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            render_profile(mini_catalog, profile, folder / "out", ["docx"], template=template, generated=DATE)
        finally:
            os.chdir(cwd)
        texts = docx_paragraph_texts(folder / "out" / "profile.docx")
        c = {key: clean_text(value) for key, value in (("company", company), ("prepared_by", prepared_by),
                                                         ("version", version), ("narrative", narrative),
                                                         ("na_reason", na_reason))}
        assert texts == [f"C:{c['company'] or 'Company name not set'}", f"P:{c['prepared_by'] or 'not set'}",
                         f"V:{c['version'] or 'not set'}", f"N:{c['narrative']}", f"R:{c['na_reason']}"]
        header = Document(str(folder / "out" / "profile.docx")).sections[0].header.paragraphs[0].text
        assert header == f"H:{c['company'] or 'Company name not set'}"
        assert not (folder / "PWNED").exists()
