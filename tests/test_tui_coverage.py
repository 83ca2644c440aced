"""The app says how sure each designation is and shows CBP's own wording once the official table is imported."""

from __future__ import annotations

from textual.widgets import Static

from ctpat_tui.catalog import load_catalog
from ctpat_tui.catalog.importer import plan_import, write_overlay
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.review import ReviewScreen
from tests.conftest import FIXTURES
from tests.test_tui_stories import SIZE, new_profile, open_main, wait_for


async def test_imported_wording_is_shown_next_to_our_prompt_and_coverage_on_the_review_screen(mini_catalog, tmp_path):
    table = tmp_path / "importer.csv"
    table.write_text("ID,Criteria,Must/Should\n2.1,Official risk assessment wording from CBP.,Must\n")
    write_overlay(plan_import(mini_catalog, "importer", table), mini_catalog, tmp_path / "overlay")
    catalog = load_catalog(FIXTURES / "mini_catalog", tmp_path / "overlay")
    app = CtpatApp(catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_main(pilot)
        await screen.go_to("2.1")
        await pilot.pause(0.2)
        prompt = str(app.screen.query_one("#crit-prompt", Static).render())
        assert "CBP wording (imported): Official risk assessment wording from CBP." in prompt
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.pause(0.5)
        readiness = str(app.screen.query_one("#readiness", Static).render())
        assert "Coverage: 1 of 1 designations confirmed" in readiness
        assert "resource library" not in readiness  # nothing left to confirm: no advice to download the document


def test_review_and_new_profile_coverage_lines_name_the_document_to_download_while_designations_are_assumed(catalog):
    from ctpat_tui.tui.screens import new_profile, review

    for line in (review.coverage_line(catalog, "highway_carrier"), new_profile.coverage_line(catalog, "highway_carrier")):
        assert "assumed" in line
        assert '"CTPAT Minimum Security Criteria - Highway Carriers"' in line and "resource library" in line
        assert "ctpat catalog import FILE.pdf --entity highway_carrier" in line
