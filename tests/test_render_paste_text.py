"""portal-responses.txt: one plain-text block per criterion in portal order, exactly what goes into the portal box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from render_support import DATE, HOSTILE, clean, hostile_profile, write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.render import render_paste_text, view_for
from ctpat_tui.render.paste_text import BEGIN, END
from ctpat_tui.review import review_profile


@pytest.fixture
def text(tmp_path: Path, mini_catalog: Catalog) -> str:
    profile = hostile_profile(tmp_path / "acme")
    return render_paste_text(view_for(mini_catalog, profile, review=review_profile(mini_catalog, profile),
                                      generated=DATE))


def _responses(text: str) -> dict[str, str]:
    """Criterion ID -> the text between its paste markers."""
    blocks = re.findall(r"^\[([\d.]+)\] .*?\n" + re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END) + "$", text,
                        re.MULTILINE | re.DOTALL)
    return dict(blocks)


def test_one_block_per_criterion_in_portal_order_headed_by_section(text: str, mini_catalog: Catalog) -> None:
    ids = re.findall(r"^\[([\d.]+)\] ", text, re.MULTILINE)
    assert ids == [c.id for c, _d in mini_catalog.applicable("importer")]
    assert text.index("B. RISK ASSESSMENT") < text.index("[2.1]") < text.index("C. BUSINESS PARTNERS") \
        < text.index("[3.1]")


def test_the_users_own_text_is_pasted_exactly(text: str) -> None:
    responses = _responses(text)
    assert responses["2.3"] == clean(HOSTILE)
    assert responses["3.1"] == "Not applicable. No partners & <none> {{ 1+1 }}."
    assert responses["12.1"] == "(no response yet)"


def test_markdown_marks_are_removed_but_the_words_stay(text: str) -> None:
    pasted = _responses(text)["7.23"]
    assert pasted.startswith("We check seals:\n\n- daily by the Shipping Supervisor\n")
    assert "- weekly, see the log (https://example.com/log) and SEC-LOG-1" in pasted
    assert "1. first step\n2. second step" in pasted
    assert not any(mark in pasted for mark in ("**", "`", "](", "> "))


def test_header_names_the_company_and_the_catalogue_coverage(text: str) -> None:
    lines = text.splitlines()
    assert lines[1] == f"Company: {clean('Acme & Sons <Imports> ' + HOSTILE[:60])}"
    assert lines[5].startswith("Catalog coverage: Designations for Importer: 0 of 7 confirmed")
    assert "ctpat catalog import to confirm them" in lines[5]


def test_block_headers_show_designation_source_and_length(text: str) -> None:
    assert re.search(r"^\[2\.3\] Annual risk assessment review\nPortal: Risk Assessment[^\n]*\nMust \(assumed\) · Implemented · response: the "
                     r"company's own text · [\d,]+ characters$", text, re.MULTILINE)
    assert "Evidence: RA-2026 {{ r }} -> upload 02 Risk Assessment/2.1_Risk-assessment.pdf" in text


def test_the_portal_limit_is_shown_when_set(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = write_profile(tmp_path / "p", {
        "profile": {"schema": 1, "company": "Acme", "entity_type": "importer"},
        "settings": {"portal_char_limit": 20},
        "answers": {"2.1": {"status": "implemented", "narrative": "x" * 21}}})
    pasted = render_paste_text(view_for(mini_catalog, profile, generated=DATE))
    assert "21 characters (portal limit 20: TOO LONG)" in pasted


def test_paste_pack_is_byte_identical_across_runs(tmp_path: Path, mini_catalog: Catalog) -> None:
    profile = hostile_profile(tmp_path / "acme")
    review = review_profile(mini_catalog, profile)
    runs = {render_paste_text(view_for(mini_catalog, profile, review=review, generated=DATE)).encode()
            for _ in range(2)}
    assert len(runs) == 1
