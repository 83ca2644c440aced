"""The questionnaire as an Excel workbook: locked questions, yellow answer cells, a hidden record to read it back."""

from __future__ import annotations

import io
import math
from typing import Any

from ctpat_tui.partners.questionnaire import (
    FORMAT,
    RESPONDENT_FIELDS,
    STATUS_CHOICES,
    PartnerQuestionnaire,
    instructions,
)

SHEET = "Questionnaire"
META_SHEET = "ctpat"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("No.", 5), ("MSC", 7), ("Topic", 22), ("Question", 58), ("Must / Should", 9), ("In place?", 12),
    ("How you do it: what, how often, who, records", 52), ("Documents you can send as proof", 30),
)
STATUS_COLUMN, ANSWER_COLUMN, PROOF_COLUMN = 6, 7, 8
ANSWER_FILL = "FFF2CC"
HEADER_FILL = "D9E2F3"


def _lines(text: str, width: float) -> int:
    chars = max(int(width * 1.15), 8)
    return sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n"))


def questionnaire_xlsx(q: PartnerQuestionnaire) -> bytes:
    """The workbook bytes: the questionnaire sheet (protected, answer cells open) and a hidden record sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    answer_fill = PatternFill("solid", fgColor=ANSWER_FILL)
    open_cell = Protection(locked=False)
    last = len(COLUMNS)
    for index, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    wide = sum(width for _t, width in COLUMNS)

    def merged_row(row: int, text: str, *, bold: bool = False, size: float = 10) -> None:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(bold=bold, size=size)
        cell.alignment = wrap
        sheet.row_dimensions[row].height = max(15, 13.5 * _lines(text, wide * 0.9)) if size <= 10 else 24

    merged_row(1, "Business partner security questionnaire", bold=True, size=16)
    head: list[tuple[str, str]] = [
        ("Partner", f"{q.partner.name} ({q.partner.country})" if q.partner.country else q.partner.name),
        ("Requested by", q.company), ("Reference", q.reference), ("Issued", q.issued.isoformat()),
        ("Please return by", q.due.isoformat()),
    ]
    row = 2
    for label, value in head:
        sheet.cell(row, 1, label).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=last)
        sheet.cell(row, 4, value).font = Font(bold=label in ("Partner", "Please return by"))
        row += 1
    row += 1
    sheet.cell(row, 1, "How to fill this in").font = Font(bold=True, size=12)
    row += 1
    for paragraph in instructions(q):
        merged_row(row, paragraph)
        row += 1
    row += 1
    sheet.cell(row, 1, "About you").font = Font(bold=True, size=12)
    row += 1
    cells: dict[str, str] = {}
    for key, label in RESPONDENT_FIELDS:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row, 1, label).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        answer = sheet.cell(row, 4)
        answer.fill, answer.protection, answer.border = answer_fill, open_cell, box
        if key == "date_completed":
            answer.number_format = "yyyy-mm-dd"
        cells[key] = answer.coordinate
        sheet.row_dimensions[row].height = 18
        row += 1
    row += 1
    header_row = row
    for index, (title, _width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row, index, title)
        cell.font, cell.alignment, cell.border = Font(bold=True), wrap, box
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    sheet.row_dimensions[row].height = 30
    choices = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="In place?",
                             error="Choose Yes, Partly, No or Not applicable.")
    sheet.add_data_validation(choices)
    for question in q.questions:
        row += 1
        values: list[Any] = [question.number, question.criterion, question.topic, question.text,
                             question.designation, None, None, None]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row, index, value)
            cell.alignment, cell.border = wrap, box
            if index >= STATUS_COLUMN:
                cell.fill, cell.protection = answer_fill, open_cell
        sheet.cell(row, 2).number_format = "@"
        choices.add(sheet.cell(row, STATUS_COLUMN))
        sheet.row_dimensions[row].height = max(75, 13.5 * _lines(question.text, COLUMNS[3][1]))
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = f"{q.reference} - {q.partner.name} - page &P of &N"
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    sheet.protection.formatCells = False
    meta = workbook.create_sheet(META_SHEET)
    record: list[tuple[str, Any]] = [
        ("format", FORMAT), ("reference", q.reference), ("partner", q.partner.name),
        ("country", q.partner.country), ("entity", q.entity_slug), ("company", q.company),
        ("issued", q.issued.isoformat()), ("due", q.due.isoformat()), ("header_row", header_row),
        ("criteria", " ".join(question.criterion for question in q.questions)),
        *((f"cell_{key}", coordinate) for key, coordinate in cells.items()),
    ]
    for key, value in record:
        meta.append([key, value])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    for each in (sheet, meta):
        for cells in each.iter_rows():
            for cell in cells:
                if cell.data_type == "f":
                    cell.data_type = "s"  # the questionnaire has no formulas: a name starting with '=' is text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
