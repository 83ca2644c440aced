"""Importing CBP's official MSC table: clean and messy CSV/XLSX, ambiguity reports, overlay, answers kept."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ctpat_tui.catalog import load_catalog
from ctpat_tui.catalog.importer import parse_level, plan_import, resolve_ids, run_import, write_overlay
from ctpat_tui.catalog.table_reader import TableError, TableRow
from ctpat_tui.cli import main
from tests.conftest import FIXTURES

TABLES = FIXTURES / "msc_tables"


def _messy_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    notes = workbook.active
    notes.title = "Read me"
    notes["A1"] = "This workbook lists the criteria."
    sheet = workbook.create_sheet("MSC")
    sheet["A1"] = "Highway Carrier Minimum Security Criteria"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["ID", "Criteria", "Implementation\nGuidance", "Must/Should", "Internal notes"])
    sheet.append([2.1, "Risk assessment.", "Use five steps.", "Must", "x"])
    sheet.append([7.19, "New one.", None, "MUST", None])
    sheet.append([7.2, "Stored as a float: really 7.20.", None, "should", None])
    sheet.append([7.21, "Next.", None, "Must", None])
    sheet.append([8.1, "Ambiguous float with no neighbours.", None, "Must", None])
    sheet.append(["9.1", "Barriers", None, " must ", None])
    workbook.save(path)
    return path


def test_levels_are_read_in_any_case():
    assert parse_level(" MUST ") == "must"
    assert parse_level("Should") == "should"
    assert parse_level("Must/Should") == "mixed"
    assert parse_level("Optional") is None


def test_clean_csv_plan_lists_added_removed_changed_and_confirmed(mini_catalog):
    plan = plan_import(mini_catalog, "highway_carrier", TABLES / "highway-clean.csv")
    assert plan.added == ["7.23"]
    assert plan.removed == ["3.1", "12.1"]
    assert plan.changed == [("2.3", "must", "should")]
    assert "9.1" in plan.confirmed and "2.1" in plan.confirmed
    assert "6.2" not in plan.confirmed  # already confirmed Must
    assert plan.notes == []


def test_messy_csv_with_banner_rows_semicolons_and_float_like_ids(mini_catalog):
    plan = plan_import(mini_catalog, "highway_carrier", TABLES / "highway-messy.csv")
    ids = [c.id for c in plan.criteria]
    assert ids == ["2.1", "7.19", "7.20", "7.21", "9.1"]
    assert any("ID 7.2 read as 7.20" in note for note in plan.notes)
    assert any("Must/Should value 'Optional' not recognized" in note for note in plan.notes)
    assert plan.new_to_catalogue == ["7.19", "7.20", "7.21"]


def test_messy_xlsx_with_merged_banner_and_number_cells(mini_catalog, tmp_path):
    plan = plan_import(mini_catalog, "highway_carrier", _messy_xlsx(tmp_path / "msc.xlsx"))
    ids = [c.id for c in plan.criteria]
    assert "7.20" in ids and "7.2" not in ids
    assert any("8.1 is ambiguous" in note and "row skipped" in note for note in plan.notes)
    assert next(c for c in plan.criteria if c.id == "2.1").guidance == "Use five steps."


def test_a_lone_float_id_between_neighbours_keeps_its_literal_reading():
    rows = [TableRow(2, 7.1, "", "", "Must", ""), TableRow(3, 7.2, "", "", "Must", ""), TableRow(4, 7.3, "", "", "Must", "")]
    resolved, notes = resolve_ids(rows)
    assert [cid for _row, cid in resolved] == ["7.1", "7.2", "7.3"]


def test_a_table_without_headers_is_refused_with_a_clear_message(mini_catalog, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(TableError, match="could not find the header row"):
        plan_import(mini_catalog, "highway_carrier", path)


def test_overlay_is_used_afterwards_and_keeps_official_wording(mini_catalog, tmp_path):
    plan = plan_import(mini_catalog, "highway_carrier", TABLES / "highway-messy.csv")
    write_overlay(plan, mini_catalog, tmp_path / "overlay")
    combined = load_catalog(FIXTURES / "mini_catalog", tmp_path / "overlay")
    designation = combined.designation("7.20", "highway_carrier")
    assert (designation.level, designation.confidence, designation.basis) == ("should", "confirmed", "imported")
    assert combined.criteria["7.20"].official_text_for("highway_carrier").startswith("Looks like 7.2")
    assert combined.designation("3.1", "highway_carrier") is None      # removed by the import
    assert combined.designation("2.1", "importer") is not None         # other entity types untouched
    assert combined.criteria["2.1"].official_guidance_for("highway_carrier") == "Guidance A"


def test_cli_import_writes_overlay_reports_kept_answers_and_catalog_list_names_it(tmp_path, capsys, monkeypatch):
    overlay = tmp_path / "overlay"
    monkeypatch.setenv("CTPAT_CATALOG_OVERLAY", str(overlay))
    profile = tmp_path / "p.toml"
    assert main(["new", str(profile), "--entity", "highway_carrier", "--company", "Road Co"]) == 0
    text = profile.read_text() + '\n[answers."2.4"]\nstatus = "implemented"\ncontrols = "Continuity plan"\n'
    profile.write_text(text)
    table = TABLES / "highway-clean.csv"
    assert main(["catalog", "import", str(table), "--entity", "highway_carrier", "--profile", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "answers to 2.4 are kept" in out
    assert (overlay / "criteria" / "highway_carrier.toml").is_file()
    assert main(["catalog", "list"]) == 0
    assert str(overlay) in capsys.readouterr().out
    assert 'controls = "Continuity plan"' in profile.read_text()


def test_dry_run_writes_nothing(mini_catalog, tmp_path, capsys):
    args = argparse.Namespace(file=str(TABLES / "highway-clean.csv"), entity="highway_carrier", into=str(tmp_path / "o"),
                              dry_run=True, profile=[])
    assert run_import(mini_catalog, args) == 0
    assert "dry run" in capsys.readouterr().out
    assert not (tmp_path / "o").exists()


def test_the_importer_does_not_import_the_command_line():
    import subprocess
    import sys

    code = ("import sys, ctpat_tui.catalog.importer as i, ctpat_tui.errors as e; "
            "assert 'ctpat_tui.cli' not in sys.modules; assert i.UsageError is e.UsageError")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_an_msc_table_with_a_merge_over_a_million_cells_is_refused_before_it_is_read(tmp_path):
    import zipfile

    from openpyxl import Workbook

    from ctpat_tui.catalog.table_reader import data_rows

    workbook = Workbook()
    workbook.active.append(["ID", "Criteria", "Must/Should"])
    workbook.active.append(["2.1", "Risk assessment", "Must"])
    workbook.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, zipfile.ZipFile(tmp_path / "msc.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A3:Z50000"/>'
                                    b"</mergeCells>")
            target.writestr(item, data)
    with pytest.raises(TableError, match="merged cells A3:Z50000 reach past the limit"):
        data_rows(tmp_path / "msc.xlsx")
