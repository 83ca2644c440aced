"""profile.md: valid CommonMark in portal order, every character the user typed shown exactly."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from render_support import DATE, HOSTILE, clean, hostile_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import Action
from ctpat_tui.render import render_markdown, view_for
from ctpat_tui.render.usertext import markdown_source
from ctpat_tui.review import review_profile

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture
def hostile(tmp_path: Path, mini_catalog: Catalog):  # type: ignore[no-untyped-def]
    profile = hostile_profile(tmp_path / "acme")
    review = review_profile(mini_catalog, profile)
    return profile, view_for(mini_catalog, profile, review=review, generated=DATE)


def _shown(token) -> str:  # type: ignore[no-untyped-def]
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content for c in token.children or ())


def _headings(text: str) -> list[tuple[str, str]]:
    tokens = PARSER.parse(text)
    return [(tok.tag, _shown(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def test_headings_follow_the_portal_order_of_the_entity_type(hostile, mini_catalog: Catalog) -> None:
    _profile, view = hostile
    text = render_markdown(view)
    headings = _headings(text)
    assert headings[0][0] == "h1" and headings[0][1].startswith("CTPAT Security Profile: Acme & Sons <Imports>")
    criteria = [content.split(" ", 1)[0] for tag, content in headings if tag == "h3"]
    assert criteria == [c.id for c, _d in mini_catalog.applicable("importer")]
    sections = [content for tag, content in headings if tag == "h2"]
    assert sections[:2] == ["B. Risk Assessment", "C. Business Partners"]  # letters: not MSC categories
    assert sections[-4:] == ["Applicability", "Review checklist", "Evidence upload manifest", "First submission"]


def test_a_first_submission_gets_one_short_note_until_there_is_a_review_or_an_action(
        hostile, mini_catalog: Catalog) -> None:
    profile, view = hostile
    text = render_markdown(view)
    assert "## First submission\n\nThis is the first submission of the profile" in text
    for quiet in ("Changes since the last submission", "Annual review sign-off", "Corrective-action plan",
                  "No corrective actions are recorded", "No annual review is recorded"):
        assert quiet not in text
    with_action = replace(profile, actions=(Action("CA-001", "2.1", gap="no seal log", owner="Shipping"),))
    text = render_markdown(view_for(mini_catalog, with_action, review=review_profile(mini_catalog, with_action),
                                    generated=DATE))
    sections = [content for tag, content in _headings(text) if tag == "h2"]
    assert sections[-3:] == ["Changes since the last submission", "Annual review sign-off", "Corrective-action plan"]
    assert "First submission" not in sections and "| CA-001 | 2.1 | no seal log |" in text
    assert "No annual review is recorded for this cycle yet" in text


def test_title_block_shows_date_readiness_and_catalogue_coverage(hostile) -> None:
    _profile, view = hostile
    text = render_markdown(view)
    assert "- Date: 2026-03-05" in text
    assert "- Readiness: " in text and "open" in text
    assert "assumed (marked \u201cassumed\u201d); import the official MSC table with `ctpat catalog import`" in text
    assert "**Must (assumed)**" in text


def test_every_field_the_user_typed_reaches_the_markdown_exactly(hostile, mini_catalog: Catalog) -> None:
    profile, view = hostile
    text = render_markdown(view)
    assert markdown_source(clean(HOSTILE)) in text
    criterion = mini_catalog.criteria["2.1"]
    composed = compose_response(criterion, _cleaned(profile.answer("2.1")))
    assert "Fish & Chips" in composed.text
    assert markdown_source(composed.text) in text
    assert "Not applicable. No partners & \\<none> {{ 1+1 }}." in text
    assert "response: the company's own text" in text and "response: composed from the detail fields" in text
    assert "We **check** seals:" in text and "[the log](https://example.com/log)" in text


def _cleaned(answer):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(answer, **{k: clean(getattr(answer, k)) for k in ("controls", "frequency", "owner", "records",
                                                                      "escalation", "narrative", "na_reason")})


def test_the_document_parses_as_commonmark_without_raw_html(hostile) -> None:
    _profile, view = hostile
    tokens = PARSER.parse(render_markdown(view))
    html = [t for t in tokens if t.type == "html_block"]
    html += [c for t in tokens if t.type == "inline" for c in (t.children or ()) if c.type == "html_inline"
             and c.content != "<br>"]
    assert html == []
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) == 2
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == 2 + len(view.applicability) + len(view.evidence)


def test_applicability_table_and_review_checklist(hostile) -> None:
    _profile, view = hostile
    text = render_markdown(view)
    assert "| 3.1 | Risk-based business partner screening | Must/Should (assumed) | No (not applicable) |" in text
    checklist = text.split("## Review checklist", 1)[1].split("## Evidence upload manifest", 1)[0]
    assert checklist.count("- [ ] ") == len(view.checklist) > 0
    errors_and_warnings = [f for f in view.open_findings if f.severity != "info"]
    assert sum(1 for item in view.checklist if not item.grouped) >= len(errors_and_warnings)
    assumed = [f for f in view.open_findings if f.rule == "ALIGN007"]
    assert len(assumed) == 7
    assert checklist.count("`ALIGN007`") == 1 and "**7 criteria** (2.1, 2.3, 3.1, 7.23, 6.2, 9.1, 12.1)" in checklist


def test_manifest_lists_bundled_names(hostile) -> None:
    _profile, view = hostile
    text = render_markdown(view)
    manifest = text.split("## Evidence upload manifest", 1)[1]
    assert "02 Risk Assessment/2.1\\_Risk-assessment.pdf" in manifest
    assert "| ok |" in manifest


def test_markdown_is_byte_identical_across_runs(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = hostile_profile(tmp_path / "acme")
    review = review_profile(mini_catalog, profile)
    first = render_markdown(view_for(mini_catalog, profile, review=review, generated=DATE))
    second = render_markdown(view_for(mini_catalog, profile, review=review, generated=DATE))
    assert first.encode() == second.encode()


def test_without_a_date_the_draft_is_dated_by_the_profile_file_not_the_clock(tmp_path: Path,
                                                                             mini_catalog: Catalog) -> None:
    import os

    profile = hostile_profile(tmp_path / "acme")
    assert profile.path is not None
    os.utime(profile.path, (1767225600, 1767225600))  # 2026-01-01 UTC
    view = view_for(mini_catalog, profile)
    assert view.date.isoformat() == "2026-01-01"
    assert "- Date: 2026-01-01" in render_markdown(view)
