"""Importing CBP's MSC PDF: a member with the document turns an assumed questionnaire into a confirmed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctpat_tui.catalog import load_catalog
from ctpat_tui.catalog.coverage import entity_coverage
from ctpat_tui.catalog.importer import describe, plan_import, write_overlay
from ctpat_tui.catalog.msc_documents import entity_from_name
from ctpat_tui.catalog.pdf_reader import _Cell, read_msc_pdf
from ctpat_tui.cli import main
from ctpat_tui.resources import questionnaire_dir
from tests.msc_pdf_fixtures import (
    MscSpec,
    booklet_spec,
    build_msc_pdf,
    build_plain_pdf,
    build_scanned_pdf,
    foreign_manufacturer_spec,
    highway_carrier_spec,
    third_party_logistics_spec,
)

pytest.importorskip("fpdf")

SPECS = {
    "highway_carrier": highway_carrier_spec,
    "highway_carrier_unruled": lambda: highway_carrier_spec(ruled=False),
    "foreign_manufacturer": foreign_manufacturer_spec,
    "third_party_logistics": third_party_logistics_spec,
    "highway_carrier_booklet": booklet_spec,
}
ENTITY = {"highway_carrier_unruled": "highway_carrier", "highway_carrier_booklet": "highway_carrier"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[MscSpec, Path]]:
    """Every fixture document, drawn once for the module."""
    folder = tmp_path_factory.mktemp("msc-pdf")
    return {name: (spec := make(), build_msc_pdf(spec, folder / f"{name}.pdf")) for name, make in SPECS.items()}


@pytest.mark.parametrize("name", list(SPECS))
def test_every_row_of_the_document_is_recovered_word_for_word(documents, name):
    spec, path = documents[name]
    document = read_msc_pdf(path)
    assert spec.split_rows or name == "third_party_logistics"  # rows broken across a page break are recovered too
    assert [row.id for row in document.rows] == [row.id for row in spec.rows]
    for expected, got in zip(spec.rows, document.rows):
        assert (got.text, got.guidance, got.designation) == (expected.clean_text, expected.clean_guidance,
                                                              expected.level), expected.id
    assert document.entity_slug == ENTITY.get(name, name)


def test_the_highway_fixture_is_the_hard_case_the_issue_describes(documents):
    spec, path = documents["highway_carrier"]
    assert len(spec.rows) >= 40 and set(spec.by_category()) == set(range(1, 13))
    assert spec.split_rows  # some rows continue on the next page, below the repeated header
    document = read_msc_pdf(path)
    assert document.pages > 5
    pages_of = {row.id: row.location for row in document.rows}
    assert len(set(pages_of.values())) == document.pages  # rows on every page
    five_two = next(row for row in document.rows if row.id == "5.2")
    assert "written conveyance checklist" in five_two.text  # "con-" / "veyance" joined across the line break
    assert "the findings and keep floor and roof photos" in five_two.guidance  # fi and fl ligature glyphs
    assert sorted(document.intros) == list(range(1, 13))


@pytest.mark.parametrize("name", list(SPECS))
def test_importing_gives_a_questionnaire_whose_categories_5_to_8_match_the_document_and_are_confirmed(
        documents, name, tmp_path, capsys):
    spec, path = documents[name]
    entity = ENTITY.get(name, name)
    bundled = load_catalog(questionnaire_dir())
    plan = plan_import(bundled, entity, path)
    write_overlay(plan, bundled, tmp_path / "overlay")
    imported = load_catalog(questionnaire_dir(), tmp_path / "overlay")

    transport = [row for row in spec.rows if 5 <= int(row.id.split(".")[0]) <= 8]
    assert transport
    applicable = {criterion.id: designation for criterion, designation in imported.applicable(entity)}
    for row in transport:
        designation = applicable[row.id]
        assert (designation.level, designation.confidence, designation.basis) == (row.level.lower(), "confirmed",
                                                                                  "imported"), row.id
    transport_ids = {cid for cid in applicable if 5 <= int(cid.split(".")[0]) <= 8}
    assert transport_ids == {row.id for row in transport}
    coverage = entity_coverage(imported, entity)
    assert coverage.total == coverage.confirmed == len(spec.rows) and coverage.assumed == 0


def test_criteria_we_lacked_are_added_with_cbp_wording_and_the_category_guidance_and_the_report_says_what_changed(
        documents, tmp_path):
    spec, path = documents["highway_carrier"]
    bundled = load_catalog(questionnaire_dir())
    before = {c.id: d for c, d in bundled.applicable("highway_carrier")}
    plan = plan_import(bundled, "highway_carrier", path)
    write_overlay(plan, bundled, tmp_path / "overlay")
    imported = load_catalog(questionnaire_dir(), tmp_path / "overlay")

    new_ids = [row.id for row in spec.rows if row.id not in bundled.criteria]
    assert new_ids and plan.new_to_catalogue == new_ids
    seven_31 = imported.criteria["7.31"]
    official = next(row for row in spec.rows if row.id == "7.31").clean_text
    assert official in seven_31.prompt_for("highway_carrier")
    category = next(c for c in imported.categories if c.number == 7)
    assert category.guidance and seven_31.guidance_for("highway_carrier").startswith(category.guidance)
    five_nine = imported.criteria["5.9"]
    assert "CBP's implementation guidance (imported): A tracking provider" in five_nine.guidance

    report = describe(plan)
    was_assumed = [row.id for row in spec.rows if row.id in before and before[row.id].confidence == "assumed"
                   and before[row.id].level == row.level.lower()]
    corrected = [(row.id, before[row.id].level, row.level.lower()) for row in spec.rows
                 if row.id in before and before[row.id].level != row.level.lower()]
    assert sorted(plan.confirmed) == sorted(was_assumed) and plan.confirmed
    assert sorted(plan.changed) == sorted(corrected) and corrected
    assert f"confirmed, was assumed ({len(was_assumed)})" in report and "read from" in report


def _bad(tmp_path: Path, kind: str, documents) -> tuple[Path, str]:
    if kind == "encrypted":
        return build_msc_pdf(third_party_logistics_spec(), tmp_path / "locked.pdf", user_password="secret"), "highway_carrier"
    if kind == "scanned":
        return build_scanned_pdf(tmp_path / "scan.pdf"), "highway_carrier"
    if kind == "not an MSC":
        return build_plain_pdf(tmp_path / "invoice.pdf", ["Invoice 2291 for 14 pallets.", "Terms: 30 days."]), "highway_carrier"
    if kind == "other entity type":
        return documents["foreign_manufacturer"][1], "highway_carrier"
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nthis file was cut short")
    return path, "highway_carrier"


@pytest.mark.parametrize("kind, message", [
    ("encrypted", "password-protected"),
    ("scanned", "no text layer"),
    ("not an MSC", "not a CTPAT Minimum Security Criteria document"),
    ("other entity type", "this is the MSC for Foreign Manufacturers (foreign_manufacturer), not for highway_carrier"),
    ("damaged", "cannot read it as a PDF"),
])
def test_a_bad_pdf_gets_one_clear_line_and_nothing_is_written(documents, tmp_path, capsys, monkeypatch, kind, message):
    overlay = tmp_path / "overlay"
    monkeypatch.setenv("CTPAT_CATALOG_OVERLAY", str(overlay))
    path, entity = _bad(tmp_path, kind, documents)
    assert main(["catalog", "import", str(path), "--entity", entity]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err and "Traceback" not in captured.err
    assert not overlay.exists()


def test_cli_import_of_the_pdf_then_coverage_shows_the_entity_type_confirmed(documents, tmp_path, capsys, monkeypatch):
    overlay = tmp_path / "overlay"
    monkeypatch.setenv("CTPAT_CATALOG_OVERLAY", str(overlay))
    spec, path = documents["highway_carrier"]
    assert main(["catalog", "import", str(path), "--entity", "highway-carrier"]) == 0
    out = capsys.readouterr().out
    assert f"{len(spec.rows)} criteria for highway_carrier" in out and "written to" in out
    assert main(["catalog", "coverage"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("highway_carrier "))
    known, confirmed, assumed = (int(value) for value in line.split()[1:4])
    assert known == confirmed == len(spec.rows) and assumed == 0


def test_import_help_says_where_to_get_the_document(capsys):
    with pytest.raises(SystemExit):
        main(["catalog", "import", "--help"])
    out = capsys.readouterr().out
    assert "CTPAT resource library" in out and "CTPAT Minimum Security Criteria - Highway" in out and "PDF" in out


def test_hyphens_at_line_ends_are_joined_but_compound_words_keep_theirs():
    cell = _Cell()
    for fragment in ("a written con-", "veyance checklist and a department-", "based model for non-", "IIT gear"):
        cell.add(fragment)
    assert cell.joined() == "a written conveyance checklist and a department-based model for non-IIT gear"


@pytest.mark.parametrize("name, slug", [
    ("Highway Carriers", "highway_carrier"), ("Mexican Long Haul Highway Carriers", "mexican_long_haul_carrier"),
    ("3PLs", "third_party_logistics"), ("U.S. Importers", "importer"), ("HIGHWAY CARRIERS", "highway_carrier"),
    ("Marine Port Authority and Terminal Operators", "mpto"), ("Quarterly sales", None),
])
def test_the_entity_type_is_recognised_as_the_documents_name_it(name, slug):
    assert entity_from_name(name) == slug


def test_readme_honest_coverage_says_how_to_complete_the_questionnaire_with_the_pdf():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Honest coverage", 1)[1].split("\n## ", 1)[0]
    assert "resource library" in section and "catalog import MSC.pdf" in section and "--dry-run" in section


def test_two_entity_types_imported_into_one_overlay_share_a_criterion_both_lacked(tmp_path):
    mexican = MscSpec("Mexican Long Haul Highway Carriers", "November 2019",
                      [row for row in highway_carrier_spec().rows if row.id.split(".")[0] in ("5", "7")])
    bundled = load_catalog(questionnaire_dir())
    for entity, spec in (("highway_carrier", highway_carrier_spec()), ("mexican_long_haul_carrier", mexican)):
        path = build_msc_pdf(spec, tmp_path / f"{entity}.pdf")
        assert read_msc_pdf(path).entity_slug == entity  # not read as "Highway Carriers"
        write_overlay(plan_import(bundled, entity, path), bundled, tmp_path / "overlay")
    imported = load_catalog(questionnaire_dir(), tmp_path / "overlay")
    for entity in ("highway_carrier", "mexican_long_haul_carrier"):
        designation = imported.designation("5.9", entity)
        assert designation is not None and (designation.level, designation.confidence) == ("must", "confirmed")
    assert entity_coverage(imported, "mexican_long_haul_carrier").assumed == 0


async def test_the_app_shows_a_criterion_known_only_from_the_pdf_with_cbp_wording(documents, tmp_path):
    from textual.widgets import Static

    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.tui.app import CtpatApp
    from tests.test_tui_stories import SIZE, open_main

    spec, path = documents["highway_carrier"]
    bundled = load_catalog(questionnaire_dir())
    write_overlay(plan_import(bundled, "highway_carrier", path), bundled, tmp_path / "overlay")
    imported = load_catalog(questionnaire_dir(), tmp_path / "overlay")
    profile = tmp_path / "carrier.toml"
    ProfileDocument.new(profile, "Road Co", "highway_carrier", prepared_by="Ana Ruiz").save()
    app = CtpatApp(imported, profile)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_main(pilot)
        await screen.go_to("7.31")
        await pilot.pause(0.2)
        prompt = str(app.screen.query_one("#crit-prompt", Static).render())
        official = next(row for row in spec.rows if row.id == "7.31").clean_text
        assert official[:40] in " ".join(prompt.split())


def test_a_pdf_locked_only_against_editing_opens_without_a_password_and_is_read(tmp_path):
    spec = third_party_logistics_spec()
    path = build_msc_pdf(spec, tmp_path / "owner-locked.pdf", user_password="")
    assert b"/Encrypt" in path.read_bytes()
    assert [row.id for row in read_msc_pdf(path).rows] == [row.id for row in spec.rows]
