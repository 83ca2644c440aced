"""Read a partner list (XLSX or CSV) into partner rows, finding the columns by their header names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctpat_tui.catalog.table_reader import TableError, locate_header, match_columns, read_sheet
from ctpat_tui.partners.values import CellError, cell_certification, cell_date, cell_risk, cell_text
from ctpat_tui.profile.model import PARTNER_DATE_KEYS

PARTNER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "partner", "partner name", "business partner", "company", "company name", "supplier",
             "supplier name", "vendor", "vendor name", "legal name", "carrier", "carrier name"),
    "role": ("role", "partner role", "partner type", "type", "service", "services", "business type", "role / service"),
    "country": ("country", "country code", "ctry", "country of origin", "iso country", "location country"),
    "certification": ("certification", "certified", "certification status", "ctpat/aeo", "ctpat / aeo",
                      "ctpat or aeo", "ctpat status", "security programme", "security program", "program"),
    "svi": ("svi", "svi number", "svi #", "svi no", "svi no.", "ctpat svi"),
    "aeo_programme": ("aeo program", "aeo programme", "aeo/mra programme", "aeo/mra program", "mra programme",
                      "mra program", "programme"),
    "verified": ("verified", "verified on", "date verified", "verification date", "certification verified",
                 "status verified", "certification verified on"),
    "last_screened": ("last screened", "last screening", "screened", "screened on", "date screened",
                      "screening date", "last screening date", "last review", "last assessed"),
    "risk": ("risk", "risk level", "risk rating", "risk assessment"),
    "risk_reason": ("risk reason", "reason for risk", "risk rationale", "risk notes", "why this risk"),
    "questionnaire": ("questionnaire", "questionnaire ref", "questionnaire reference", "questionnaire / audit",
                      "questionnaire/audit", "security questionnaire", "audit", "sq ref", "screening evidence"),
    "questionnaire_date": ("questionnaire date", "audit date", "questionnaire / audit date", "date of questionnaire",
                           "questionnaire completed"),
    "questionnaire_file": ("questionnaire file", "audit file", "file", "attachment"),
    "open_issues": ("open issues", "issues", "open items", "gaps", "findings"),
    "next_due": ("next screening due", "next due", "next screening", "due"),
}
COLUMN_TITLES: dict[str, str] = {
    "name": "Name", "role": "Role", "country": "Country", "certification": "Certification", "svi": "SVI",
    "aeo_programme": "AEO program", "verified": "Verified", "last_screened": "Last screened", "risk": "Risk",
    "risk_reason": "Risk reason", "questionnaire": "Questionnaire", "questionnaire_date": "Questionnaire date",
    "questionnaire_file": "Questionnaire file", "open_issues": "Open issues", "next_due": "Next screening due",
}
NOT_READ = ("next_due",)  # worked out from last screened and risk, never taken from a sheet


@dataclass(frozen=True)
class SheetRow:
    """One partner row: its row number and the values read from the recognized, non-empty cells."""

    number: int
    values: dict[str, Any]


@dataclass
class PartnerSheet:
    """The partner rows of a file, the columns found, and what the user must be told about the file."""

    source: Path
    sheet: str
    columns: dict[str, int]
    rows: list[SheetRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _value(key: str, raw: Any) -> dict[str, Any]:
    if key in PARTNER_DATE_KEYS:
        day = cell_date(raw)
        return {key: day} if day is not None else {}
    if key == "certification":
        certification, programme = cell_certification(raw)
        values: dict[str, Any] = {"certification": certification} if certification else {}
        if programme:
            values["aeo_programme"] = programme
        return values
    if key == "risk":
        risk = cell_risk(raw)
        return {"risk": risk} if risk else {}
    text = cell_text(raw)
    return {key: text} if text else {}


def _unsaved_formulas(path: Path, sheet: str) -> set[tuple[int, int]]:
    """Cells of `sheet` holding a formula (row, column; 0-based), to explain formulas without a saved result."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False)
    found = set()
    for r, row in enumerate(workbook[sheet].iter_rows(values_only=True)):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                found.add((r, c))
    workbook.close()
    return found


def read_partner_sheet(path: Path) -> PartnerSheet:
    """The partner rows of an XLSX or CSV partner list; TableError (one line) when it cannot be read at all."""
    table = read_sheet(path, PARTNER_COLUMNS)
    header_index, columns = locate_header(table.rows, PARTNER_COLUMNS, ("name",))
    if header_index < 0:
        raise TableError(f"{path}: found no header row with a partner name column (e.g. 'Name', 'Partner', "
                         "'Company'); Role, Country, Certification, Risk, Last screened ... are read when present")
    result = PartnerSheet(path, table.name, columns)
    if table.skipped:
        others = ", ".join(repr(s) for s in table.skipped)
        result.notes.append(f"read sheet {table.name!r}; other sheets not read: {others}")
    header = [cell_text(h) for h in table.rows[header_index]]
    above = table.rows[header_index - 1] if header_index > 0 else []
    if above and match_columns(above, PARTNER_COLUMNS):  # a header over two rows: group labels above
        header = [h or (cell_text(above[i]) if i < len(above) else "") for i, h in enumerate(header)]
    unknown = list(dict.fromkeys(h for i, h in enumerate(header) if h and i not in columns.values()))
    if unknown:
        result.notes.append(f"columns not imported (kept out of the profile): {', '.join(unknown)}")
    formulas = _unsaved_formulas(path, table.name) if table.name else set()
    for r, row in enumerate(table.rows[header_index + 1:], start=header_index + 1):
        if not any(cell_text(c) for c in row):
            continue
        values: dict[str, Any] = {}
        for key, c in columns.items():
            raw = row[c] if c < len(row) else None
            if key in NOT_READ:
                continue
            if raw is None and (r, c) in formulas:
                result.notes.append(f"row {r + 1}, {COLUMN_TITLES[key]}: a formula with no saved result (open and save "
                                    "the file in Excel, or paste the values); left as it is")
                continue
            try:
                values.update({k: v for k, v in _value(key, raw).items() if k not in values or key == k})
            except CellError as error:
                result.notes.append(f"row {r + 1}, {COLUMN_TITLES[key]}: {error}; left as it is")
        if not values.get("name"):
            result.notes.append(f"row {r + 1}: no partner name; row skipped")
            continue
        result.rows.append(SheetRow(r + 1, values))
    return result
