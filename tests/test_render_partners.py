"""Reviewers see the screening program: the partner register as a table in the Markdown and the Word draft."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from render_support import write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.render import view_for
from ctpat_tui.render.docx import render_docx
from ctpat_tui.render.markdown import render_markdown

TODAY = dt.date(2026, 11, 2)


def _profile(directory: Path, partners: list[dict]):  # type: ignore[no-untyped-def]
    data = {"profile": {"schema": 1, "company": "Gulf Coast Brokerage", "entity_type": "importer"},
            "answers": {"2.1": {"status": "implemented", "controls": "We assess risk every March."}}}
    if partners:
        data["partners"] = partners
    return write_profile(directory, data)


PARTNERS = [
    {"name": "Shenzhen Bright Home Co.", "role": "supplier", "country": "CN", "certification": "none",
     "last_screened": dt.date(2025, 6, 1), "risk": "high", "questionnaire": "SQ-2025-014",
     "questionnaire_file": "partners/SQ-2025-014.xlsx"},
    {"name": "Rio Bravo Transport", "role": "highway carrier", "country": "MX", "certification": "ctpat",
     "svi": "MX-4471-2209", "verified": dt.date(2026, 8, 4), "last_screened": dt.date(2026, 8, 4), "risk": "low"},
    {"name": "New Vendor & Sons", "role": "supplier", "country": "VN"},
]


def test_the_markdown_lists_every_partner_with_its_next_screening(tmp_path: Path, mini_catalog: Catalog) -> None:
    view = view_for(mini_catalog, _profile(tmp_path, PARTNERS), generated=TODAY)
    text = render_markdown(view)
    table = text.split("## Business partner register", 1)[1].split("##", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Partner | Role | Country | Certification | Risk | Last screened | Next due | Evidence")
    assert "| Shenzhen Bright Home Co. | supplier | CN | None | High | 2025-06-01 | 2026-06-01 (overdue) | " \
           "SQ-2025-014; file partners/SQ-2025-014.xlsx |" in rows
    assert "| Rio Bravo Transport | highway carrier | MX | CTPAT (SVI MX-4471-2209), verified 2026-08-04 | Low | " \
           "2026-08-04 | 2029-08-04 | certification status check |" in rows
    assert any(r.startswith("| New Vendor &amp; Sons") or r.startswith("| New Vendor & Sons") for r in rows)
    assert "| Not rated | never | now (never screened) | none on record |" in rows[-1]


def test_the_word_draft_carries_the_register_table(tmp_path: Path, mini_catalog: Catalog) -> None:
    view = view_for(mini_catalog, _profile(tmp_path, PARTNERS), generated=TODAY)
    data, problems = render_docx(view)
    assert problems == []
    document = Document(io.BytesIO(data))
    assert "Business partner register" in [p.text for p in document.paragraphs]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Partner")
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Partner", "Role", "Country", "Certification", "Risk", "Last screened", "Next due",
                        "Evidence"]
    assert cells[1][:3] == ["Shenzhen Bright Home Co.", "supplier", "CN"]
    assert cells[1][6] == "2026-06-01 (overdue)"
    assert cells[3][0] == "New Vendor & Sons"
    assert len(cells) == 4


def test_without_partners_the_documents_have_no_register_section(tmp_path: Path, mini_catalog: Catalog) -> None:
    view = view_for(mini_catalog, _profile(tmp_path, []), generated=TODAY)
    assert "Business partner register" not in render_markdown(view)
    data, _problems = render_docx(view)
    assert "Business partner register" not in [p.text for p in Document(io.BytesIO(data)).paragraphs]
