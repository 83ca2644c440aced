"""Hostile text, property-based: any Unicode in any field survives save, load, check and render (md, txt, docx)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from markdown_it import MarkdownIt
from markdown_it.token import Token
from render_support import docx_paragraph_texts, soffice

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.profile.model import Evidence, Profile
from ctpat_tui.profile.store import atomic_write_text
from ctpat_tui.render import render_profile
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.render.paste_text import BEGIN, END
from ctpat_tui.render.text_clean import clean_text, normalise_newlines
from ctpat_tui.render.usertext import has_formatting, parse_blocks, plain_text
from ctpat_tui.review import review_profile

EXAMPLES = int(os.environ.get("CTPAT_HOSTILE_EXAMPLES", "120"))        # full save-load-check-render rounds
TODAY = dt.date(2026, 3, 5)
VIEWER = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # raw HTML on, like GitHub's renderer
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Snippets that have broken document generators before: template syntax, XML, Markdown, line ends, controls.
NASTY = ["{{ 7*7 }}", "{% raw %}", "{%p if x %}", "{{r rt }}", "{#", "]]>", "&amp;", "&#169;", "&", "<", ">",
         "<b>", "</w:t>", "<w:p>", "\\", "\\|", "*", "**", "_", "`", "```", "~~~", "~~", "#", "# ", "- ", "1. ",
         "1986. ", "> ", "[a](javascript:x)", "[x]: http://e", "<https://e.com>", "|", "---", "===", "    ",
         "\r\n", "\r", "\n", "\n\n", "\t", " ", "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
         "\u2029", "\ufeff", "\u200d", "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\U0001F469\u200d\U0001F469",
         "\ufffe", "\U0010FFFF", "'''", '"""', "'", '"', "=", "+", "@", "%", "{", "}"]
# Markdown a user may really type: it must become formatting in every output, with the words kept.
MARKDOWN = ["**bold**", "*italic*", "_under_", "~~gone~~", "`SEC-LOG-1`", "[the log](https://example.com/log)",
            "<https://example.com>", "\n- item", "\n- item\n  - nested", "\n1. first\n2. second", "\n> quoted",
            "\n\n```\ncode {{ x }}\n```\n", "\n\n    indented", "\n\n", "\n", " ", "Seals", "daily", "Laredo"]
field_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=14).map("".join),
    st.lists(st.one_of(st.sampled_from(MARKDOWN), st.sampled_from(NASTY)), max_size=10).map("".join),
)
FIELDS = ("company", "prepared_by", "version", "facility", "controls", "frequency", "owner", "records",
          "escalation", "method", "narrative", "na_reason", "evidence_title", "evidence_ref", "partner")
inputs = st.fixed_dictionaries({name: field_text for name in FIELDS})


# --- building profiles -----------------------------------------------------------------------------

def profile_data(v: dict[str, str]) -> dict[str, Any]:
    """A mini-catalogue importer profile with `v`'s texts in every field a user can type."""
    evidence = {"title": v["evidence_title"], "ref": v["evidence_ref"], "date": dt.date(2026, 1, 20),
                "portal_section": "Risk Assessment", "file": "evidence/ra.pdf"}
    return {
        "profile": {"schema": 1, "company": v["company"], "entity_type": "importer",
                    "prepared_by": v["prepared_by"], "version": v["version"]},
        "facilities": [{"id": "laredo", "name": v["facility"]}],
        "partners": [{"name": v["partner"], "role": "supplier", "country": "MX", "certification": "none",
                      "risk": "high", "last_screened": dt.date(2025, 1, 5)}],
        "answers": {
            "2.1": {"status": "implemented", "controls": v["controls"], "frequency": v["frequency"],
                    "owner": v["owner"], "records": v["records"], "escalation": v["escalation"],
                    "method": v["method"], "facilities": {"laredo": "implemented"}, "evidence": [evidence]},
            "2.3": {"status": "implemented", "narrative": v["narrative"]},
            "3.1": {"status": "not_applicable", "na_reason": v["na_reason"]},
        },
    }


def stored_values(profile: Profile) -> dict[str, str]:
    """The same fields read back from a loaded profile (the partner only when it has a register)."""
    a21, evidence = profile.answer("2.1"), profile.answer("2.1").evidence[0]
    return {"company": profile.company, "prepared_by": profile.prepared_by, "version": profile.version,
            "facility": profile.facilities[0].name, "controls": a21.controls, "frequency": a21.frequency,
            "owner": a21.owner, "records": a21.records, "escalation": a21.escalation, "method": a21.extra.get("method", ""),
            "narrative": profile.answer("2.3").narrative, "na_reason": profile.answer("3.1").na_reason,
            "evidence_title": evidence.title, "evidence_ref": evidence.ref,
            **({"partner": profile.partners[0].name} if profile.partners else {})}


# Where the renderers report characters they removed from each field.
REPORT_LABELS = {"company": "company", "prepared_by": "prepared_by", "version": "version",
                 "facility": "facility laredo", "controls": "2.1 controls", "frequency": "2.1 frequency",
                 "owner": "2.1 owner", "records": "2.1 records", "escalation": "2.1 escalation",
                 "method": "2.1 method", "narrative": "2.3 narrative", "na_reason": "3.1 N/A reason",
                 "evidence_title": "2.1 evidence 1 title", "evidence_ref": "2.1 evidence 1 ref"}


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder with the evidence file the profiles name (hypothesis examples cannot share tmp_path)."""
    with tempfile.TemporaryDirectory(prefix="ctpat-hostile-") as name:
        base = Path(name)
        (base / "evidence").mkdir()
        (base / "evidence" / "ra.pdf").write_bytes(b"%PDF-1.4 risk assessment")
        yield base


# --- reading the outputs back ----------------------------------------------------------------------

def shown(token: Token) -> str:
    """What a Markdown viewer shows for one inline token (line breaks as \\n; raw HTML other than <br> fails)."""
    text = ""
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            text += "\n"
        elif child.type == "html_inline":
            assert child.content == "<br>", f"raw HTML {child.content!r} reached the Markdown"
            text += "\n"
        else:
            text += child.content
    return text


def md_norm(text: str) -> str:
    """Text as Markdown can show it: whitespace at the ends of lines and cells, and blank edges, does not display."""
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def squash(text: str) -> str:
    """The text without any whitespace (for 'every visible character, in order' comparisons)."""
    return re.sub(r"\s+", "", text)


def md_tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every pipe table as rows of shown cell texts."""
    tables: list[list[list[str]]] = []
    inside = False
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
            inside = True
        elif token.type == "table_close":
            inside = False
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type == "inline" and inside:
            tables[-1][-1].append(shown(token))
    return tables


def md_shown_all(tokens: list[Token]) -> str:
    """Everything a viewer shows, block by block."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append(shown(token))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        else:
            assert token.type != "html_block", f"raw HTML block {token.content!r} reached the Markdown"
    return "\n".join(parts)


def runs_text(value: str) -> str:
    """What a one-paragraph table cell shows for `value` (light Markdown read as formatting)."""
    if not value.strip():
        return "\u2014"
    if not has_formatting(value):
        return value
    lines = []
    for block in parse_blocks(value):
        lead = "\u2022 " if block.kind == "bullet" else f"{block.marker} " if block.kind == "number" else ""
        lines.append(lead + block.text)
    return "\n".join(lines)


def paragraphs_of(response: str) -> list[str]:
    """The Word paragraphs a response becomes (numbered items keep the number as typed, then a tab)."""
    return [f"{b.marker}\t{b.text}" if b.kind == "number" else b.text for b in parse_blocks(response)]


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    """True when `needle` appears as consecutive items of `haystack`."""
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def paste_block(text: str, cid: str) -> str:
    """The text between the paste markers of one criterion."""
    start = text.index(f"\n[{cid}] ")
    begin = text.index(BEGIN + "\n", start) + len(BEGIN) + 1
    return text[begin:text.index("\n" + END + "\n", begin)]


def count(label: str) -> None:
    """Count an example under `label` in hypothesis' statistics (pytest --hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(label)


# --- the properties --------------------------------------------------------------------------------

@settings(SETTINGS, max_examples=EXAMPLES * 2)
@given(v=inputs)
def test_text_typed_in_the_editor_is_saved_and_read_back_exactly(v: dict[str, str]) -> None:
    with folder() as base:
        path = base / "profile.toml"
        document = ProfileDocument.new(path, v["company"], "importer", prepared_by=v["prepared_by"],
                                       facilities=[("laredo", v["facility"])])
        document.set_header("version", v["version"])
        for name in ("controls", "frequency", "owner", "records", "escalation", "method"):
            document.set_answer_value("2.1", name, v[name])
        document.set_evidence("2.1", [Evidence(v["evidence_title"], v["evidence_ref"], dt.date(2026, 1, 20),
                                               "Risk Assessment", "evidence/ra.pdf")])
        document.set_answer_value("2.3", "narrative", v["narrative"])
        document.set_answer_value("3.1", "status", "not_applicable")
        document.set_answer_value("3.1", "na_reason", v["na_reason"])
        document.save()
        expected = {name: clean_text(value) for name, value in v.items() if name != "partner"}
        count("editor removed control characters" if any(clean_text(t) != normalise_newlines(t) for t in v.values())
              else "nothing to remove")
        loaded = ProfileDocument.load(path)
        assert stored_values(loaded.profile) == expected
        assert read_profile(path) == loaded.profile
        assert not loaded.dirty
        loaded.set_answer_value("7.23", "owner", "Security Manager")   # an unrelated edit keeps every hostile value
        loaded.save()
        assert stored_values(ProfileDocument.load(path).profile) == expected


@SETTINGS
@given(v=inputs)
def test_any_text_in_a_file_survives_load_check_and_render(mini_catalog: Catalog, v: dict[str, str]) -> None:
    with folder() as base:
        path = base / "profile.toml"
        atomic_write_text(path, tomlkit.dumps(profile_data(v)))         # as another tool or an editor wrote it
        profile = ProfileDocument.load(path).profile
        assert stored_values(profile) == v                            # the file holds every character exactly
        assert read_profile(path) == profile
        review = review_profile(mini_catalog, profile, today=TODAY)
        layout = ("compact", "full")[len(v["owner"]) % 2]   # both Word layouts, chosen by the data
        result = render_profile(mini_catalog, profile, base / "out", ["md", "txt", "docx"], review=review,
                                generated=TODAY, layout=layout)
        cleaned = {name: clean_text(value) for name, value in v.items()}
        _removed_characters_are_reported(v, result.problems)
        _markdown_keeps_the_text(mini_catalog, profile, cleaned, (base / "out" / "profile.md").read_text("utf-8"))
        _paste_text_keeps_the_text(mini_catalog, profile, cleaned,
                                   (base / "out" / "portal-responses.txt").read_text("utf-8"))
        _word_draft_keeps_the_text(mini_catalog, profile, cleaned, base / "out" / "profile.docx", result.problems,
                                   layout)
        count("text with Markdown formatting" if has_formatting(cleaned["narrative"]) else "plain narrative")


def _removed_characters_are_reported(v: dict[str, str], problems: list[str]) -> None:
    for name, label in REPORT_LABELS.items():
        dropped = len(normalise_newlines(v[name])) - len(clean_text(v[name]))
        lines = [p for p in problems if p.startswith(f"{label}: removed ")]
        if dropped:
            count("control characters removed and reported")
            noun = "character" if dropped == 1 else "characters"
            assert lines and lines[0].startswith(f"{label}: removed {dropped} control {noun} ("), (name, problems)
        else:
            assert not lines, (name, lines)


def _response(catalog: Catalog, profile: Profile, cid: str) -> str:
    from ctpat_tui.render import view_for

    view = view_for(catalog, profile, generated=TODAY, check_files=False)
    return next(c.response for c in view.criteria if c.id == cid)


def _markdown_keeps_the_text(catalog: Catalog, profile: Profile, c: dict[str, str], text: str) -> None:
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    tokens = VIEWER.parse(text)
    headings = [shown(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    criteria = [h.split(" ", 1)[0] for h in headings[1:] if re.match(r"\d+\.\d+ ", h)]
    assert criteria == [cr.id for cr, _d in catalog.applicable("importer")], headings   # nothing swallowed
    documents = ["Applicability"] + (["Business partner register"] if profile.partners else []) + [
        "Review checklist", "Evidence upload manifest"]
    assert headings[headings.index("Applicability"):][:len(documents)] == documents, headings
    items = {shown(t).split(":", 1)[0]: shown(t) for t in tokens if t.type == "inline" and t.level == 3}
    for label, name, unset in (("Company", "company", ""), ("Prepared by", "prepared_by", "not set"),
                               ("Version", "version", "not set")):
        if c[name].strip():
            assert md_norm(items[label]) == md_norm(f"{label}: {c[name]}"), (label, items[label])
        else:                                  # blank: shown as blank or as the placeholder
            assert md_norm(items[label]) in (f"{label}:", md_norm(f"{label}: {unset}")), (label, items[label])
    tables = md_tables(tokens)
    applicability, manifest = tables[0], tables[-1]
    assert len(applicability) == 1 + len(catalog.applicable("importer"))
    assert all(len(row) == 5 for row in applicability), "a '|' in the text split a table cell"
    row = next(r for r in applicability if r[0] == "3.1")
    assert md_norm(row[4]) == md_norm(c["na_reason"])
    assert len(manifest) == 2 and len(manifest[1]) == 8
    assert md_norm(manifest[1][1]) == md_norm(c["evidence_title"])
    assert md_norm(manifest[1][2]) == md_norm(c["evidence_ref"])
    everything = squash(md_shown_all(tokens))
    for cid in ("2.1", "2.3", "3.1"):
        blocks = "".join(b.text for b in parse_blocks(_response(catalog, profile, cid)))
        assert squash(blocks) in everything, cid


def _paste_text_keeps_the_text(catalog: Catalog, profile: Profile, c: dict[str, str], text: str) -> None:
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    assert f"\nCompany: {c['company'] or 'not set'}\n" in text
    assert f"\nVersion: {c['version'] or 'not set'} \u00b7 Date: 2026-03-05\n" in text
    for cid in ("2.1", "2.3", "3.1"):
        response = _response(catalog, profile, cid)
        assert paste_block(text, cid) == (plain_text(response) or "(no response yet)"), cid
    if c["narrative"].strip() and not has_formatting(c["narrative"].strip()):
        assert paste_block(text, "2.3") == c["narrative"].strip()
    label = c["evidence_ref"] or c["evidence_title"] or "evidence/ra.pdf"
    assert f"\nEvidence: {label} -> upload " in text


def _word_draft_keeps_the_text(catalog: Catalog, profile: Profile, c: dict[str, str], path: Path,
                               problems: list[str], layout: str = "full") -> None:
    data = path.read_bytes()
    assert lint_docx(data) == []
    assert not [p for p in problems if p.startswith("profile.docx")]
    document = Document(str(path))
    paragraphs = docx_paragraph_texts(path)
    assert (c["company"] or "Company name not set") in paragraphs
    assert (c["prepared_by"] or "not set") in paragraphs
    assert (c["version"] or "not set") in paragraphs
    header = document.sections[0].header.paragraphs[0].text
    assert header == f"DRAFT \u00b7 {c['company'] or 'Company name not set'} \u00b7 CTPAT Security Profile \u00b7 " \
                     f"version {c['version'] or 'not set'}"
    count(f"Word layout {layout}")
    if layout == "full":                       # every detail field in its own table cell
        for name in ("owner", "frequency", "records", "escalation", "method"):
            assert runs_text(c[name]) in paragraphs, name
        assert runs_text(f"{c['facility'] or 'laredo'}: Implemented") in paragraphs
    else:                                      # compact: in the response, or on a detail line when it adds something
        everything = "\n".join(paragraphs)
        assert runs_text(f"{c['facility'] or 'laredo'}: Implemented") in everything
    for cid in ("2.1", "2.3", "3.1"):
        response = paragraphs_of(_response(catalog, profile, cid))
        if response:
            assert contains_run(paragraphs, response), cid
        else:                                  # listed once among the criteria not yet answered
            assert cid in paragraphs, cid
    if c["narrative"].strip() and not has_formatting(c["narrative"].strip()):
        plain = [p for p in re.split(r"\n[ \t]*(?:\n[ \t]*)+", c["narrative"].strip()) if p.strip()]
        assert contains_run(paragraphs, plain)
    summary = (c["evidence_title"] + (f" \u00b7 ref {c['evidence_ref']}" if c["evidence_ref"] else "")
               if c["evidence_title"] else c["evidence_ref"] or "Untitled document")
    assert any(p.startswith(summary + " \u00b7 2026-01-20") for p in paragraphs), summary


LIBREOFFICE_BATCHES = int(os.environ.get("CTPAT_HOSTILE_LIBREOFFICE_BATCHES", "4"))


def _pdf_text(pdf: Path) -> str | None:
    """The PDF's text via pdftotext (None when poppler-utils is not installed)."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=60,
                          check=False)
    return done.stdout.decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs "
                                              "libreoffice-writer-nogui")
@settings(max_examples=LIBREOFFICE_BATCHES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(inputs, min_size=4, max_size=4))
def test_a_sample_of_hostile_drafts_opens_in_libreoffice(mini_catalog: Catalog, batch: list[dict[str, str]]) -> None:
    with folder() as base:
        drafts = []
        for number, v in enumerate(batch):
            atomic_write_text(base / "profile.toml", tomlkit.dumps(profile_data(v)))
            profile = ProfileDocument.load(base / "profile.toml").profile
            render_profile(mini_catalog, profile, base / f"out{number}", ["docx"],
                           review=review_profile(mini_catalog, profile, today=TODAY), generated=TODAY)
            drafts.append((base / f"out{number}" / "profile.docx").rename(base / f"draft{number}.docx"))
        binary = soffice()
        assert binary is not None
        subprocess.run([binary, f"-env:UserInstallation=file://{base}/lo-profile", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(base / "pdf"), *map(str, drafts)],
                       capture_output=True, timeout=300, check=False, env={**os.environ, "HOME": str(base)})
        for draft in drafts:
            pdf = base / "pdf" / (draft.stem + ".pdf")
            assert pdf.is_file(), f"LibreOffice produced no {pdf.name} (it exits 0 even when it fails)"
            assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 5000
            text = _pdf_text(pdf)
            if text is not None:                      # the whole document was read, not just its start
                assert "Annual risk assessment review" in text and "Evidence upload manifest" in text
                count("pdf text checked")
