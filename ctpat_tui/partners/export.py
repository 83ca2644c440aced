"""Write the partner register as an XLSX or CSV file that `ctpat partners import` reads back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from ctpat_tui.partners.sheet import COLUMN_TITLES
from ctpat_tui.profile.model import PARTNER_KEY_ORDER, Partner, Settings
from ctpat_tui.review.partners import next_screening_due
from ctpat_tui.spreadsheet import csv_safe

EXPORT_KEYS: tuple[str, ...] = (*PARTNER_KEY_ORDER, "next_due")
_CERTIFICATION_TITLES = {"ctpat": "CTPAT", "aeo": "AEO", "none": "none"}


def register_rows(partners: tuple[Partner, ...], settings: Settings) -> list[list[Any]]:
    """One row per partner in export column order (dates as dates; next screening due worked out)."""
    rows = []
    for partner in partners:
        row: list[Any] = []
        for key in EXPORT_KEYS:
            if key == "next_due":
                row.append(next_screening_due(settings, partner))
            elif key == "certification":
                row.append(_CERTIFICATION_TITLES.get(partner.certification, partner.certification))
            else:
                row.append(getattr(partner, key))
        rows.append(row)
    return rows


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Partners"
    sheet.append([COLUMN_TITLES[k] for k in EXPORT_KEYS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([value if value is not None else "" for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name starting with '=' stays text, never a formula
    for column, key in enumerate(EXPORT_KEYS, start=1):
        letter = sheet.cell(1, column).column_letter
        width = max([len(COLUMN_TITLES[key])] + [len(str(r[column - 1] or "")) for r in rows])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 50)
        for row_cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(row_cells[0].value, dt.date):
                row_cells[0].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([COLUMN_TITLES[k] for k in EXPORT_KEYS])
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else csv_safe(str(v))
                         for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_bytes(path: Path, partners: tuple[Partner, ...], settings: Settings) -> bytes:
    """The register as the file `path` names: XLSX for .xlsx, CSV (UTF-8, Excel-friendly) otherwise."""
    rows = register_rows(partners, settings)
    return _xlsx(rows) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv(rows)
