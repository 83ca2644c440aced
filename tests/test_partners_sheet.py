"""Partner lists in and out: `ctpat partners import` / `export`, messy spreadsheets, nothing written unconfirmed."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.profile.document import read_profile


def _import(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
            answer: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    code = main(["partners", "import", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _messy_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    readme = workbook.active
    readme.title = "Instructions"
    readme["A1"] = "Approved vendors: keep this list up to date."
    sheet = workbook.create_sheet("Vendors 2026")
    sheet["A1"] = "Approved vendor list - Acme Housewares"
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(["Vendor", None, "Security", None, None, "Screening", None, "Annual spend (USD)"])
    sheet.merge_cells("A3:B3")
    sheet.merge_cells("C3:E3")
    sheet.merge_cells("F3:G3")
    sheet.append(["Company name", "Country", "CTPAT/AEO", "SVI", "Risk level", "Last screened", "Questionnaire",
                  None])
    sheet.append(["shenzhen bright home co ltd", "cn", "No", None, "H", dt.datetime(2026, 9, 1), None, 120000])
    sheet.append([])
    sheet.append(["Hai Phong Plastics", "VN", "none", None, "Med", 46270, "SQ-2026-031", 5000])
    sheet.append(["Laredo Cross-Dock Inc.", "US", "C-TPAT", 55512345, "low", "15/03/2026", None, 800])
    sheet.append(["Rotterdam Forwarding BV", "NL", "EU AEO", None, "Medium", "1 Mar 2026", None, 900])
    sheet.append(["Ambiguous Dates Ltd", "GB", "none", None, "low", "03/04/2026", "SQ-2026-040", 10])
    sheet.append(["Formula Freight", "US", "none", None, "banana", "=TODAY()", None, "=H5*2"])
    sheet.append(["Hai Phong Plastics", "VN", "none", None, "high", None, None, None])
    sheet.append([None, "US", "none", None, "low", None, None, None])
    workbook.save(path)
    return path


def test_export_then_import_changes_nothing(sample_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    before = sample_path.read_bytes()
    for name in ("register.xlsx", "register.csv"):
        out = tmp_path / name
        assert main(["partners", "export", str(sample_path), "--out", str(out)]) == 0
        assert os.stat(out).st_mode & 0o777 == 0o600
        code, text = _import(capsys, monkeypatch, str(out), str(sample_path), "--yes")
        assert code == 0
        assert "added (0): none" in text and "changed (0): none" in text
        assert f"unchanged ({len(read_profile(sample_path).partners)})" in text
        assert sample_path.read_bytes() == before


def test_a_messy_real_looking_spreadsheet_imports_right(sample_path: Path, tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    book = _messy_workbook(tmp_path / "vendors.xlsx")
    count = len(read_profile(sample_path).partners)
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), answer="y\n")
    assert code == 0, text
    assert "other sheets not read: 'Instructions'" in text
    assert "columns not imported (kept out of the profile): Annual spend (USD)" in text
    assert "Shenzhen Bright Home Co., Ltd. (CN), matched by name and country (ignoring case and punctuation)" in text
    assert "last screened: 2026-03-02 -> 2026-09-01" in text
    assert "row 12: Hai Phong Plastics is already on row 7; row ignored" in text
    assert "'03/04/2026' could be 04 Mar 2026 or 03 Apr 2026" in text
    assert "risk 'banana' is not high, medium or low" in text
    assert "Last screened: a formula with no saved result" in text
    assert "row 13: no partner name; row skipped" in text
    partners = {p.name: p for p in read_profile(sample_path).partners}
    assert len(partners) == count + 5
    assert partners["Shenzhen Bright Home Co., Ltd."].last_screened == dt.date(2026, 9, 1)
    assert partners["Hai Phong Plastics"].last_screened == dt.date(2026, 9, 5)  # Excel serial 46270
    assert partners["Hai Phong Plastics"].risk == "medium"
    assert partners["Laredo Cross-Dock Inc."].certification == "ctpat"
    assert partners["Laredo Cross-Dock Inc."].svi == "55512345"
    assert partners["Laredo Cross-Dock Inc."].last_screened == dt.date(2026, 3, 15)
    assert partners["Rotterdam Forwarding BV"].aeo_programme == "EU AEO"
    assert partners["Rotterdam Forwarding BV"].last_screened == dt.date(2026, 3, 1)
    assert partners["Ambiguous Dates Ltd"].last_screened is None
    assert partners["Formula Freight"].risk == ""
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), "--dry-run")
    assert "added (0): none" in text  # imported once: the same file again adds nobody


def test_nothing_is_written_without_confirmation(sample_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    book = _messy_workbook(tmp_path / "vendors.xlsx")
    before = sample_path.read_bytes()
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), "--dry-run")
    assert code == 0 and "dry run: nothing written" in text and "added (5)" in text
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), answer="n\n")
    assert code == 1 and "not confirmed: nothing written" in text
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), answer="")
    assert code == 1
    assert sample_path.read_bytes() == before


def test_forty_partners_import_and_a_second_import_changes_nothing(sample_path: Path, tmp_path: Path, capsys,
                                                                   monkeypatch) -> None:
    rows = ["Partner,Country,Role,Risk,Last screened,Certification"]
    rows += [f"Supplier {n:02d} Co.,CN,supplier,{('high', 'medium', 'low')[n % 3]},2026-0{1 + n % 9}-10,none"
             for n in range(40)]
    sheet = tmp_path / "forty.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--yes")
    assert code == 0 and "added (40)" in text
    partners = read_profile(sample_path).partners
    assert sum(p.name.startswith("Supplier ") for p in partners) == 40
    assert next(p for p in partners if p.name == "Supplier 04 Co.").risk == "medium"
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--yes")
    assert "added (0): none" in text and "unchanged (40)" in text


def test_same_name_in_another_country_is_a_separate_partner_and_says_so(sample_path: Path, tmp_path: Path, capsys,
                                                                          monkeypatch) -> None:
    sheet = tmp_path / "one.csv"
    sheet.write_text("Name;Country;Risk\nRio Bravo Transport;US;high\n", encoding="utf-8")
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--dry-run")
    assert "added (1)" in text
    assert "the register has this name in MX; added as a separate partner" in text


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("list.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
    ("list.xlsx", b"%PDF-1.7\n1 0 obj\n", "not an Excel workbook"),
    ("list.csv", b"%PDF-1.7\n\0\0\x01binary", "not a spreadsheet or CSV table"),
    ("list.csv", b"Item,Price\nPens,3\n", "found no header row with a partner name column"),
    ("list.xlsx", b"PK\x03\x04garbage", "cannot read as an Excel workbook"),
])
def test_bad_files_get_one_clear_line_and_nothing_is_written(sample_path: Path, tmp_path: Path, capsys, monkeypatch,
                                                             name: str, content: bytes, expected: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    before = sample_path.read_bytes()
    code, text = _import(capsys, monkeypatch, str(bad), str(sample_path), "--yes")
    assert code == 2
    assert expected in text and "(nothing written)" in text
    assert len(text.strip().splitlines()) == 1
    assert sample_path.read_bytes() == before


def test_import_keeps_comments_and_keys_the_user_added_by_hand(sample_path: Path, tmp_path: Path, capsys,
                                                                monkeypatch) -> None:
    text = sample_path.read_text(encoding="utf-8")
    assert "# WEAK: CTPAT status never verified" in text
    sheet = tmp_path / "one.csv"
    sheet.write_text("Name,Country,Verified\nGulf Coast Drayage LLC,US,2026-10-01\n", encoding="utf-8")
    code, out = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--yes")
    assert code == 0 and "verified: (empty) -> 2026-10-01" in out
    after = sample_path.read_text(encoding="utf-8")
    assert "# WEAK: CTPAT status never verified" in after
    gulf = next(p for p in read_profile(sample_path).partners if p.name == "Gulf Coast Drayage LLC")
    assert gulf.verified == dt.date(2026, 10, 1) and gulf.svi == "US-8813-0047"


@pytest.mark.parametrize("name", ["register.xlsx", "register.csv"])
def test_a_partner_name_that_looks_like_a_formula_is_exported_as_text_and_comes_back(
        sample_path: Path, tmp_path: Path, capsys, monkeypatch, name: str) -> None:
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.model import Partner

    document = ProfileDocument.load(sample_path)
    document.set_partner(None, Partner('=HYPERLINK("http://x","Open")', role="-", country="US"))
    document.save()
    out = tmp_path / name
    assert main(["partners", "export", str(sample_path), "--out", str(out)]) == 0
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        cells = [c for row in load_workbook(out).active.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells)
    else:
        assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")
    before = sample_path.read_bytes()
    code, text = _import(capsys, monkeypatch, str(out), str(sample_path), "--yes")
    assert code == 0 and "added (0): none" in text and "changed (0): none" in text
    assert sample_path.read_bytes() == before


def test_terminal_escapes_in_a_sheet_never_reach_the_screen_or_the_profile(sample_path: Path, tmp_path: Path, capsys,
                                                                          monkeypatch) -> None:
    sheet = tmp_path / "evil.csv"
    sheet.write_text("Name,Country,Role\nEvil\x1b[2J\x07 Freight,US,carrier\x1b]0;owned\x07\n", encoding="utf-8")
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--yes")
    assert code == 0 and "\x1b" not in text and "\x07" not in text
    assert "Evil[2J Freight (US)" in text
    evil = next(p for p in read_profile(sample_path).partners if p.name.startswith("Evil"))
    assert "\x1b" not in evil.name + evil.role


def test_an_import_while_the_app_has_the_profile_open_writes_nothing(sample_path: Path, tmp_path: Path, capsys,
                                                                    monkeypatch) -> None:
    import json
    import socket

    from ctpat_tui.profile.store import lock_path

    sheet = tmp_path / "one.csv"
    sheet.write_text("Name,Country\nNew Partner Ltd,GB\n", encoding="utf-8")
    before = sample_path.read_bytes()
    lock_path(sample_path).write_text(json.dumps({"pid": 1, "host": socket.gethostname(), "user": "dana",
                                                  "since": "2026-12-04T09:00"}), encoding="utf-8")
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), "--yes")
    assert code == 2 and "open in another session" in text and "(nothing written)" in text
    assert sample_path.read_bytes() == before


def _with_merge(path: Path, merge: str) -> Path:
    """A two-row partner list whose sheet XML also declares one merged range (a few KB, as a hostile file is)."""
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Name", "Country"])
    workbook.active.append(["Hai Phong Plastics", "VN"])
    plain = path.with_suffix(".plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/>'
                                    "</mergeCells>".encode())
            target.writestr(item, data)
    return path


def test_a_tiny_workbook_with_a_huge_merged_range_is_refused_at_once(sample_path: Path, tmp_path: Path, capsys,
                                                                     monkeypatch) -> None:
    book = _with_merge(tmp_path / "vendors.xlsx", "B3:K300000")
    assert book.stat().st_size < 10_000
    before = sample_path.read_bytes()
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), "--yes")
    assert code == 2 and "merged cells B3:K300000 reach past the limit" in text
    assert len(text.strip().splitlines()) == 1 and sample_path.read_bytes() == before


def test_a_small_merge_in_a_partner_list_still_imports(sample_path: Path, tmp_path: Path, capsys,
                                                       monkeypatch) -> None:
    book = _with_merge(tmp_path / "vendors.xlsx", "C1:D2")
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), "--dry-run")
    assert code == 0 and "Hai Phong Plastics" in text


def test_a_sheet_reaching_the_last_excel_cell_is_refused(sample_path: Path, tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Name", "Country"])
    workbook.active["XFD1048576"] = "end"
    book = tmp_path / "vendors.xlsx"
    workbook.save(book)
    code, text = _import(capsys, monkeypatch, str(book), str(sample_path), "--yes")
    assert code == 2 and "sheet 'Sheet' reaches A1:XFD1048576, past the limit" in text
    assert len(text.strip().splitlines()) == 1


def test_countries_in_an_imported_list_are_read_as_names_or_iso_codes(sample_path: Path, tmp_path: Path, capsys,
                                                                      monkeypatch) -> None:
    sheet = tmp_path / "names.csv"
    sheet.write_text("Name,Country,Risk\nSaigon Ceramics JSC,Viet Nam,medium\nNuevo Leon Pallets,Mexico,low\n"
                     "Island Rope Works,Atlantis,low\n", encoding="utf-8")
    code, text = _import(capsys, monkeypatch, str(sheet), str(sample_path), answer="y\n")
    assert code == 0, text
    assert "added (2)" in text  # Saigon Ceramics JSC (VN in the register) is the same partner as 'Viet Nam'
    assert "'Atlantis' is not a country name or ISO 3166 code the app knows: kept as typed" in text
    countries = {p.name: p.country for p in read_profile(sample_path).partners}
    assert countries["Saigon Ceramics JSC"] == "VN"
    assert countries["Nuevo Leon Pallets"] == "MX" and countries["Island Rope Works"] == "Atlantis"
