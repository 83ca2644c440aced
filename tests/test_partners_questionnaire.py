"""Partner security questionnaires: generated per partner or for all due, filled in by the partner, read back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.partners.questionnaire import entity_for_role
from ctpat_tui.partners.questionnaire_xlsx import ANSWER_COLUMN, PROOF_COLUMN, SHEET, STATUS_COLUMN
from ctpat_tui.profile.document import read_profile

TODAY = "2026-12-04"
GOOD = ("Seals are ISO 17712 high-security bolt seals, applied by the shipping clerk at every loading, checked "
        "with the VVTT method and logged in seal log SL-2; a discrepancy goes to the security manager within 1 hour.")


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
         answer: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    code = main(["partners", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _generate(capsys, monkeypatch, profile: Path, out: Path, *names: str) -> list[Path]:  # type: ignore[no-untyped-def]
    picks = [arg for name in names for arg in ("--partner", name)]
    code, text = _run(capsys, monkeypatch, "questionnaire", str(profile), "--out", str(out), "--today", TODAY,
                      "--return-by", "2027-01-15", *picks)
    assert code == 0, text
    return sorted(out.glob("*.xlsx"))


def _fill(path: Path, company: str, answers: dict[str, tuple[str, str]], default: tuple[str, str] | None) -> None:
    """Fill the answer cells as a partner would in Excel (only the unlocked cells)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    meta = {row[0]: row[1] for row in workbook["ctpat"].iter_rows(values_only=True)}
    sheet = workbook[SHEET]
    sheet[meta["cell_company"]] = company
    sheet[meta["cell_completed_by"]] = "Li Wei"
    sheet[meta["cell_job_title"]] = "Security Manager"
    sheet[meta["cell_date_completed"]] = dt.datetime(2026, 12, 20)
    for row in range(int(meta["header_row"]) + 1, sheet.max_row + 1):
        cid = sheet.cell(row, 2).value
        status, text = answers.get(cid, default) if default or cid in answers else ("", "")
        sheet.cell(row, STATUS_COLUMN).value = status or None
        sheet.cell(row, ANSWER_COLUMN).value = text or None
        sheet.cell(row, PROOF_COLUMN).value = "SOP-7" if text else None
    workbook.save(path)


def test_a_partners_role_picks_the_criteria_it_is_asked() -> None:
    assert entity_for_role("supplier (kitchen appliances)") == ("foreign_manufacturer", True)
    assert entity_for_role("drayage carrier (Houston port to Laredo)") == ("highway_carrier", True)
    assert entity_for_role("licensed customs broker") == ("customs_broker", True)
    assert entity_for_role("Mexican long haul carrier") == ("mexican_long_haul_carrier", True)
    assert entity_for_role("cleaning contractor") == ("foreign_manufacturer", False)


def test_questionnaires_for_the_partners_due_have_locked_questions_and_open_answer_cells(
        sample_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    from openpyxl import load_workbook

    code, text = _run(capsys, monkeypatch, "questionnaire", str(sample_path), "--out", str(tmp_path / "sq"),
                      "--today", TODAY)
    assert code == 0, text
    assert "Hanoi Textile Packaging Co.: 51 questions from the Foreign Manufacturer criteria" in text
    files = sorted(p.name for p in (tmp_path / "sq").iterdir())
    assert files == ["SQ-20261204-06-Hanoi-Textile-Packaging-Co.docx", "SQ-20261204-06-Hanoi-Textile-Packaging-Co.xlsx"]
    workbook = load_workbook(tmp_path / "sq" / files[1])
    sheet = workbook[SHEET]
    assert sheet.protection.sheet
    assert workbook["ctpat"].sheet_state == "veryHidden"
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Hanoi Textile Packaging Co. (VN)" in texts and "2027-01-03" in texts
    header = next(r for r in range(1, 60) if sheet.cell(r, 1).value == "No.")
    first = header + 1
    assert sheet.cell(first, 4).protection.locked  # the question cannot be edited
    assert not sheet.cell(first, STATUS_COLUMN).protection.locked
    assert not sheet.cell(first, ANSWER_COLUMN).protection.locked
    from docx import Document

    words = "\n".join(p.text for p in Document(tmp_path / "sq" / files[0]).paragraphs)
    assert "Business partner security questionnaire" in words and "MSC 3.5" in words


def test_a_carrier_is_asked_the_highway_carrier_criteria(sample_path: Path, tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    code, text = _run(capsys, monkeypatch, "questionnaire", str(sample_path), "--out", str(tmp_path / "sq"),
                      "--partner", "rio bravo transport", "--today", TODAY)
    assert code == 0 and "Rio Bravo Transport: 60 questions from the Highway Carrier" in text


def test_two_completed_questionnaires_are_read_back_and_recorded(sample_path: Path, tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:
    shenzhen, saigon = _generate(capsys, monkeypatch, sample_path, tmp_path / "sq", "Shenzhen Bright Home Co., Ltd.",
                                 "Saigon Ceramics JSC")
    assert "Saigon" in saigon.name and "Shenzhen" in shenzhen.name
    _fill(shenzhen, "Shenzhen Bright Home Co., Ltd.", {"3.5": ("No", ""), "8.1": ("Yes", "We are compliant.")},
          ("Yes", GOOD))
    _fill(saigon, "Saigon Ceramics JSC", {}, ("Yes", GOOD))
    before = sample_path.read_bytes()
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(shenzhen), str(sample_path), "--today",
                      "2026-12-28", answer="n\n")
    assert code == 1 and sample_path.read_bytes() == before
    assert "completed by Li Wei, Security Manager on 2026-12-20" in text
    assert "3.5 Due diligence on contracted partners: answered No" in text
    assert "8.1 " in text and "SPEC" in text  # 'We are compliant.' is flagged by the specificity rules
    actions = len(read_profile(sample_path).actions)
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(shenzhen), str(sample_path), "--today",
                      "2026-12-28", "--yes", "--actions")
    assert code == 0, text
    opened = read_profile(sample_path).actions[actions:]
    assert [a.gap.split(" (")[0] for a in opened] == ["Shenzhen Bright Home Co., Ltd.: 3.5 Due diligence on "
                                                     "contracted partners not in place"]
    assert opened[0].due == dt.date(2027, 3, 28) and opened[0].criterion == "3.1"
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(saigon), str(sample_path), "--today",
                      "2026-12-28", "--yes")
    assert code == 0 and "answers to follow up (" in text
    partners = {p.name: p for p in read_profile(sample_path).partners}
    first = partners["Shenzhen Bright Home Co., Ltd."]
    assert first.last_screened == dt.date(2026, 12, 28)
    assert first.questionnaire == "SQ-20261204-01 (2026-12-20)" and first.questionnaire_date == dt.date(2026, 12, 20)
    assert first.questionnaire_file == f"../sq/{shenzhen.name}" or first.questionnaire_file.endswith(shenzhen.name)
    assert "3.5 no" in first.open_issues and "8.1 vague" in first.open_issues
    assert partners["Saigon Ceramics JSC"].questionnaire.startswith("SQ-20261204-02")


def test_a_questionnaire_filled_in_by_another_partner_is_refused(sample_path: Path, tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:
    (book,) = _generate(capsys, monkeypatch, sample_path, tmp_path / "sq", "Saigon Ceramics JSC")
    _fill(book, "Hanoi Textile Packaging Co.", {}, ("Yes", GOOD))
    before = sample_path.read_bytes()
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(book), str(sample_path), "--yes")
    assert code == 2
    assert "sent to Saigon Ceramics JSC but filled in as Hanoi Textile Packaging Co., another partner" in text
    assert len(text.strip().splitlines()) == 1 and sample_path.read_bytes() == before


def test_a_workbook_that_is_not_a_questionnaire_is_refused(sample_path: Path, tmp_path: Path, capsys,
                                                           monkeypatch) -> None:
    other = tmp_path / "register.xlsx"
    assert main(["partners", "export", str(sample_path), "--out", str(other)]) == 0
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(other), str(sample_path), "--yes")
    assert code == 2 and "not a partner questionnaire made by `ctpat partners questionnaire`" in text


@pytest.mark.slow
def test_a_questionnaire_saved_again_by_libreoffice_calc_still_reads_back(sample_path: Path, tmp_path: Path, capsys,
                                                                         monkeypatch) -> None:
    from render_support import convert, soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    (book,) = _generate(capsys, monkeypatch, sample_path, tmp_path / "sq", "Saigon Ceramics JSC")
    _fill(book, "Saigon Ceramics JSC", {"3.5": ("Partly", GOOD)}, ("Yes", GOOD))
    saved = convert(book, 'xlsx:Calc MS Excel 2007 XML', tmp_path / "calc")
    if not saved.is_file():
        pytest.skip("LibreOffice Calc is not installed (only Writer)")
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(saved), str(sample_path), "--dry-run")
    assert code == 0, text
    assert "51 questions: 50 yes, 1 partly" in text and "3.5 Due diligence on contracted partners: only partly" in text


def _tamper(book: Path, target: Path, key: str, value: object) -> Path:
    """The returned questionnaire with one entry of its hidden record changed (the sheet is hidden, not locked)."""
    from openpyxl import load_workbook

    workbook = load_workbook(book)
    for row in workbook["ctpat"].iter_rows():
        if row[0].value == key:
            row[1].value = value
    workbook.save(target)
    return target


def test_a_tampered_hidden_record_gets_one_line_and_nothing_is_written(sample_path: Path, tmp_path: Path, capsys,
                                                                       monkeypatch) -> None:
    (book,) = _generate(capsys, monkeypatch, sample_path, tmp_path / "sq", "Saigon Ceramics JSC")
    _fill(book, "Saigon Ceramics JSC", {}, ("Yes", GOOD))
    before = sample_path.read_bytes()
    for key, value in (("cell_company", "B"), ("cell_company", "B2:C3"), ("cell_job_title", "hello"),
                       ("cell_completed_by", "A1:XFD1048576"), ("cell_company", "ZZ900000"),
                       ("cell_date_completed", "1+1"), ("header_row", "many"), ("header_row", 10 ** 9)):
        bad = _tamper(book, tmp_path / "bad.xlsx", key, value)
        code, text = _run(capsys, monkeypatch, "questionnaire-import", str(bad), str(sample_path), "--yes")
        assert code == 2, (key, value, text)
        assert "the questionnaire's hidden record is damaged" in text and "(nothing written)" in text
        assert len(text.strip().splitlines()) == 1 and sample_path.read_bytes() == before


def test_a_questionnaire_is_opened_once_to_be_read(sample_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import openpyxl

    (book,) = _generate(capsys, monkeypatch, sample_path, tmp_path / "sq", "Saigon Ceramics JSC")
    _fill(book, "Saigon Ceramics JSC", {}, ("Yes", GOOD))
    opened: list[object] = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a) or real(*a, **k))
    code, text = _run(capsys, monkeypatch, "questionnaire-import", str(book), str(sample_path), "--dry-run")
    assert code == 0, text
    assert len(opened) == 1


def test_return_by_today_means_today_and_a_bad_date_names_its_option(sample_path: Path, tmp_path: Path, capsys,
                                                                     monkeypatch) -> None:
    code, text = _run(capsys, monkeypatch, "questionnaire", str(sample_path), "--out", str(tmp_path / "sq"),
                      "--partner", "Saigon Ceramics JSC", "--today", TODAY, "--return-by", "today")
    assert code == 0 and f"return by {TODAY}" in text
    code, text = _run(capsys, monkeypatch, "questionnaire", str(sample_path), "--out", str(tmp_path / "sq"),
                      "--partner", "Saigon Ceramics JSC", "--return-by", "2027-02-30")
    assert code == 2 and "--return-by '2027-02-30' is not a date" in text
