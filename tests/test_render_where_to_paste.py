"""The paste pack and the Markdown say where each block goes in the portal, and leave out what nobody set."""

from __future__ import annotations

import re
from pathlib import Path

from render_support import DATE, write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.render import render_profile, view_for


def test_every_block_of_the_sample_names_its_portal_section_and_question_numbers(sample_path: Path,
                                                                                 catalog: Catalog,
                                                                                 tmp_path: Path) -> None:
    profile = ProfileDocument.load(sample_path).profile
    render_profile(catalog, profile, tmp_path, ["md", "txt"], generated=DATE)
    pack = (tmp_path / "portal-responses.txt").read_text(encoding="utf-8")
    markdown = (tmp_path / "profile.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^\[([\d.]+)\] .*\n(.*)$", pack, re.MULTILINE)
    assert len(blocks) == len(view_for(catalog, profile, check_files=False).criteria)
    for cid, portal_line in blocks:
        criterion = catalog.criteria[cid]
        numbers = sorted({q.number for q in criterion.portal_questions})
        assert portal_line.startswith(f"Portal: {criterion.portal_sections[0]}"), (cid, portal_line)
        if numbers:
            assert portal_line.endswith(f"Q{', '.join(map(str, numbers))}"), (cid, portal_line)
        assert f"Portal: **{portal_line.removeprefix('Portal: ')}**" in markdown
    assert "[1.2] Cross-functional security team\nPortal: Upper Management Q1\n" in pack


def test_facilities_nobody_set_a_status_for_stay_out_of_the_documents(tmp_path: Path, catalog: Catalog) -> None:
    data = {"profile": {"company": "Two Offices Brokerage", "entity_type": "customs_broker"},
            "facilities": [{"id": "hq", "name": "Head office"}, {"id": "branch", "name": "Branch office"}],
            "answers": {"1.1": {"status": "implemented", "controls": "We post the signed statement."},
                        "1.2": {"status": "implemented", "controls": "We meet quarterly.",
                                "facilities": {"branch": "planned"}}}}
    profile = write_profile(tmp_path / "p", data)
    view = view_for(catalog, profile, check_files=False)
    facts = {c.id: {f.label: f.value for f in c.facts} for c in view.criteria}
    assert "Facilities" not in facts["1.1"]
    assert facts["1.2"]["Facilities"] == "Branch office: Planned"
    render_profile(catalog, profile, tmp_path / "out", ["md", "txt", "docx"], generated=DATE)
    from render_support import docx_paragraph_texts

    assert not [t for t in docx_paragraph_texts(tmp_path / "out" / "profile.docx") if "not set" in t and "Head" in t]
