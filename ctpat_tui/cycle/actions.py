"""The corrective-action plan as rows: filtered, sorted, and exported to CSV or XLSX for a compliance team."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from ctpat_tui.catalog.model import criterion_sort_key
from ctpat_tui.private_files import write_atomic
from ctpat_tui.profile.model import ACTION_STATUS_LABELS, ACTION_STATUSES, Action, Profile
from ctpat_tui.spreadsheet import csv_safe

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "ID"), ("criterion", "Criterion"), ("gap", "Gap"), ("rule", "Finding"), ("action", "Action"),
    ("owner", "Owner"), ("due", "Due"), ("status", "Status"), ("closure_evidence", "Closure evidence"),
    ("opened", "Opened"), ("closed", "Closed"), ("verified", "Verified"),
)
SORT_KEYS = ("due", "status", "criterion", "owner", "id")


def select_actions(profile: Profile, *, today: dt.date, overdue: bool = False, status: str = "",
                   criterion: str = "", sort: str = "due") -> list[Action]:
    """The profile's actions, filtered (overdue only, one status, one criterion) and sorted."""
    rows = [a for a in profile.actions
            if (not overdue or a.overdue(today)) and (not status or a.status == status)
            and (not criterion or a.criterion == criterion)]
    far = dt.date.max

    def key(action: Action) -> tuple[object, ...]:
        by_due = (action.due or far, criterion_sort_key(action.criterion or "999"), action.id)
        if sort == "status":
            return (ACTION_STATUSES.index(action.status), *by_due)
        if sort == "criterion":
            return (criterion_sort_key(action.criterion or "999"), action.due or far, action.id)
        if sort == "owner":
            return (action.owner.lower(), *by_due)
        if sort == "id":
            return (action.id,)
        return (not action.is_open, *by_due)

    return sorted(rows, key=key)


def cell_text(action: Action, key: str) -> str:
    """One value of an action as text (dates in ISO form, the status as its label)."""
    value = getattr(action, key)
    if key == "status":
        return ACTION_STATUS_LABELS.get(value, value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


def as_dict(action: Action, today: dt.date) -> dict[str, object]:
    """The JSON shape of one action in `ctpat actions --json`."""
    data: dict[str, object] = {key: cell_text(action, key) if key != "status" else action.status
                               for key, _label in COLUMNS}
    data["overdue"] = action.overdue(today)
    return data


def actions_csv(actions: Iterable[Action]) -> str:
    """The actions as CSV (header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _key, label in COLUMNS])
    for action in actions:
        writer.writerow([csv_safe(cell_text(action, key)) for key, _label in COLUMNS])
    return buffer.getvalue()


def actions_xlsx(actions: Sequence[Action], company: str) -> bytes:
    """The actions as an XLSX workbook: one sheet, a bold header row, dates as dates, text never as formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Corrective actions"
    sheet.append([label for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, action in enumerate(actions, start=2):
        for column, (key, _label) in enumerate(COLUMNS, start=1):
            value = getattr(action, key)
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = cell_text(action, key)
                cell.data_type = "s"
    widths = {"gap": 40, "action": 50, "closure_evidence": 40, "owner": 24}
    for column, (key, _label) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = widths.get(key, 12)
    sheet.freeze_panes = "A2"
    book.properties.title = f"Corrective-action plan {company}".strip()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_actions(actions: Sequence[Action], target: Path, company: str) -> Path:
    """Write the actions to `target` (.csv or .xlsx), atomically and private to the user."""
    suffix = target.suffix.lower()
    if suffix == ".csv":
        data = actions_csv(actions).encode("utf-8-sig")
    elif suffix == ".xlsx":
        data = actions_xlsx(actions, company)
    else:
        raise ValueError(f"{target.name}: export to a .csv or .xlsx file")
    return write_atomic(target, data)
