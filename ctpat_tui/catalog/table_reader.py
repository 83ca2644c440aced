"""Read a copy of CBP's MSC table (CSV or XLSX) into rows, finding the columns by their header names."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "id#", "criteria id", "criterion id", "msc id", "criteria #", "criteria no", "criteria number",
           "no", "no.", "number", "#", "ref", "reference"),
    "text": ("criteria", "criterion", "minimum security criteria", "msc", "requirement", "requirements",
             "criteria description", "description", "security criteria"),
    "guidance": ("implementation guidance", "guidance", "implementation", "guidance notes"),
    "designation": ("must/should", "must / should", "must or should", "must/ should", "must /should",
                    "designation", "requirement level", "m/s", "must-should", "level", "must should"),
    "category": ("category", "criteria category", "section"),
}


class TableError(Exception):
    """The table could not be read or has no recognisable header."""


@dataclass(frozen=True)
class TableRow:
    """One data row: its row number in the file and the raw cells of the recognized columns."""

    number: int
    id: Any
    text: str
    guidance: str
    designation: str
    category: str
    location: str = ""

    @property
    def where(self) -> str:
        """Where the row is in its file, for messages: 'row 12' or 'page 4'."""
        return self.location or f"row {self.number}"


def _normalise(header: Any) -> str:
    text = str(header or "").replace("\n", " ").strip().lower()
    return re.sub(r"\s+", " ", text).rstrip(":")


def _match_columns(cells: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _normalise(cell)
        if not name:
            continue
        for column, names in COLUMN_NAMES.items():
            if column not in found and name in names:
                found[column] = index
                break
    return found


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise TableError(f"{path}: not a text file")
    lines = text.splitlines()[:30]
    delimiter = max(",;\t", key=lambda d: sum(line.count(d) for line in lines))
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(f"{path}: cannot read as an Excel workbook ({error})") from None
    best: list[list[Any]] = []
    best_score = -1
    for sheet in workbook.worksheets:
        for merged in list(sheet.merged_cells.ranges):
            value = sheet.cell(merged.min_row, merged.min_col).value
            sheet.unmerge_cells(str(merged))
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    sheet.cell(row, col).value = value
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        score = max((len(_match_columns(r)) for r in rows[:20]), default=0)
        if score > best_score:
            best, best_score = rows, score
    return best


def read_rows(path: Path) -> list[list[Any]]:
    """All rows of the table file (CSV by content, XLSX/XLSM by extension)."""
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise TableError(f"{path}: old .xls workbooks are not supported; save it as .xlsx or .csv")
    return _read_csv(path)


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """Index of the header row and the column of each recognized field (id and designation are required)."""
    best_index, best = -1, {}
    for index, row in enumerate(rows[:25]):
        found = _match_columns(row)
        if index + 1 < len(rows) and ("id" not in found or "designation" not in found):
            below = _match_columns(rows[index + 1])
            combined = {**below, **found}
            if len(combined) > len(found) and "id" in combined and "designation" in combined:
                found, index = combined, index + 1
        if len(found) > len(best):
            best_index, best = index, found
    if "id" not in best or "designation" not in best:
        raise TableError(
            "could not find the header row: the table needs an ID column (e.g. 'ID') and a Must/Should column "
            "(e.g. 'Must/Should'); the criteria text and 'Implementation Guidance' columns are used when present"
        )
    return best_index, best


def data_rows(path: Path) -> list[TableRow]:
    """The data rows below the header, with blank rows dropped."""
    rows = read_rows(path)
    header_index, columns = find_header(rows)

    def cell(row: list[Any], name: str) -> Any:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    result = []
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        result.append(
            TableRow(
                number=offset,
                id=cell(row, "id"),
                text=str(cell(row, "text") or "").strip(),
                guidance=str(cell(row, "guidance") or "").strip(),
                designation=str(cell(row, "designation") or "").strip(),
                category=str(cell(row, "category") or "").strip(),
            )
        )
    return result
