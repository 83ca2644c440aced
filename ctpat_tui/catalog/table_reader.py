"""Read a table (CSV or XLSX: CBP's MSC table, a partner list) into rows, finding the columns by their header names."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    """The table could not be read or has no recognizable header."""


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


def match_columns(cells: list[Any], columns: Mapping[str, tuple[str, ...]] = COLUMN_NAMES) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _normalise(cell)
        if not name:
            continue
        for column, names in columns.items():
            if column not in found and name in names:
                found[column] = index
                break
    return found


@dataclass
class Sheet:
    """The rows of the sheet that looked most like the table, its name and the other sheets passed over."""

    rows: list[list[Any]]
    name: str = ""
    skipped: list[str] = field(default_factory=list)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    if raw.startswith(_OLE_MAGIC):
        raise TableError(f"{path}: a password-protected or old-format (.xls) workbook; remove the password or save "
                         "it as .xlsx or .csv")
    if b"\x00" in raw[:4096] or raw.startswith((b"PK\x03\x04", b"%PDF")):
        raise TableError(f"{path}: not a spreadsheet or CSV table (save it as .xlsx or .csv)")
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


MAX_ROWS = 10_000
MAX_CELLS = 200_000
_MAX_UNPACKED = 100 * 2**20
_MERGE_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def check_xlsx(path: Path) -> None:
    """Refuse (one-line TableError) a file that is not an .xlsx workbook, or one too big to read, before opening it."""
    import zipfile
    import zlib

    from openpyxl.utils.cell import range_boundaries

    if not path.is_file():
        raise TableError(f"{path}: no such file")
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(_OLE_MAGIC):
        raise TableError(f"{path}: the workbook is password-protected (or an old .xls saved as .xlsx); remove the "
                         "password in Excel (File > Info > Protect Workbook) or save it as .csv")
    if not start.startswith(b"PK"):
        raise TableError(f"{path}: not an Excel workbook (an .xlsx file is a zip archive; this one is not)")
    too_big = (f"{path}: too big to read (the limit is {MAX_ROWS:,} rows and {MAX_CELLS:,} cells a sheet); "
               "copy the table alone into a new workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > _MAX_UNPACKED:
                raise TableError(too_big)
            for member in members:
                if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                    continue
                data = archive.read(member)
                if len(_CELL_TAG.findall(data)) > MAX_CELLS:
                    raise TableError(too_big)
                merged = 0
                for ref in _MERGE_REF.findall(data):
                    try:
                        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii", "replace"))
                    except (ValueError, TypeError):
                        raise TableError(f"{path}: a merged range {ref[:20].decode('ascii', 'replace')!r} is not "
                                         "a cell range; the workbook is damaged") from None
                    if None in (min_col, min_row, max_col, max_row):
                        raise TableError(f"{path}: a merged range covers whole rows or columns; unmerge it")
                    merged += (max_col - min_col + 1) * (max_row - min_row + 1)
                    if max_row > MAX_ROWS or merged > MAX_CELLS:
                        raise TableError(f"{path}: merged cells {ref.decode('ascii', 'replace')} reach past the "
                                         f"limit ({MAX_ROWS:,} rows, {MAX_CELLS:,} cells a sheet); unmerge them")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            zlib.error) as error:
        raise TableError(f"{path}: cannot read as an Excel workbook ({error})") from None


def check_sheet_size(path: Path, sheet: Any) -> None:
    """Refuse (one-line TableError) a loaded sheet whose used area is over the row or cell limit."""
    if sheet.max_row > MAX_ROWS or sheet.max_row * sheet.max_column > MAX_CELLS:
        raise TableError(f"{path}: sheet {sheet.title!r} reaches {sheet.dimensions}, past the limit ({MAX_ROWS:,} "
                         f"rows, {MAX_CELLS:,} cells); copy the table alone into a new workbook")


def _read_xlsx(path: Path, columns: Mapping[str, tuple[str, ...]] = COLUMN_NAMES) -> Sheet:
    from openpyxl import load_workbook

    check_xlsx(path)
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(f"{path}: cannot read as an Excel workbook ({error})") from None
    for sheet in workbook.worksheets:
        check_sheet_size(path, sheet)
    best = Sheet([])
    best_score = -1
    names = []
    for sheet in workbook.worksheets:
        names.append(sheet.title)
        for merged in list(sheet.merged_cells.ranges):
            value = sheet.cell(merged.min_row, merged.min_col).value
            sheet.unmerge_cells(str(merged))
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    sheet.cell(row, col).value = value
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        score = max((len(match_columns(r, columns)) for r in rows[:20]), default=0)
        if score > best_score:
            best, best_score = Sheet(rows, sheet.title), score
    best.skipped = [name for name in names if name != best.name]
    return best


def read_sheet(path: Path, columns: Mapping[str, tuple[str, ...]] = COLUMN_NAMES) -> Sheet:
    """The table file's rows (CSV by content, XLSX/XLSM by extension; of a workbook, the sheet with most headers)."""
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, columns)
    if path.suffix.lower() == ".xls":
        raise TableError(f"{path}: old .xls workbooks are not supported; save it as .xlsx or .csv")
    return Sheet(_read_csv(path))


def read_rows(path: Path) -> list[list[Any]]:
    """All rows of the MSC table file (CSV by content, XLSX/XLSM by extension)."""
    return read_sheet(path).rows


def locate_header(rows: list[list[Any]], columns: Mapping[str, tuple[str, ...]],
                  required: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    """Index of the header row and each recognized column (a header split over two rows is joined), or (-1, {})."""
    best_index, best = -1, {}
    for index, row in enumerate(rows[:25]):
        found = match_columns(row, columns)
        if index + 1 < len(rows) and any(name not in found for name in required):
            below = match_columns(rows[index + 1], columns)
            combined = {**below, **found}
            if len(combined) > len(found) and all(name in combined for name in required):
                found, index = combined, index + 1
        if len(found) > len(best):
            best_index, best = index, found
    if any(name not in best for name in required):
        return -1, {}
    return best_index, best


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """Index of the header row and the column of each recognized field (id and designation are required)."""
    best_index, best = locate_header(rows, COLUMN_NAMES, ("id", "designation"))
    if best_index < 0:
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
