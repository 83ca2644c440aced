"""Turn spreadsheet cells (text, numbers, Excel dates and serials) into partner register values, or say why not."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(20000, 80000)  # 1954 to 2119: a bare number in that range in a date column is an Excel serial
_TEXT_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y", "%b %d, %Y", "%B %d, %Y",
                 "%d %b, %Y", "%Y%m%d")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CellError(ValueError):
    """A cell holds something that is not a valid value for its column (the message says what to write)."""


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without '.0', dates as YYYY-MM-DD, surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))  # no terminal escapes
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _from_serial(number: float) -> dt.date:
    if int(number) not in _SERIALS:
        raise CellError(f"{number:g} is not a date (write it as YYYY-MM-DD)")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _numeric_date(text: str) -> dt.date:
    parts = [int(p) for p in re.split(r"[/.\-]", text)]
    if len(parts) != 3:
        raise ValueError
    if parts[0] > 31:
        year, month, day = parts
        return dt.date(year, month, day)
    first, second, year = parts
    if year < 100:
        year += 2000
    if "." in text:
        return dt.date(year, second, first)  # 01.03.2026: day first, as written in Europe
    if first > 12:
        return dt.date(year, second, first)
    if second > 12 or first == second:
        return dt.date(year, first, second)
    one, other = dt.date(year, first, second), dt.date(year, second, first)
    raise CellError(f"{text!r} could be {one:%d %b %Y} or {other:%d %b %Y}; write it as YYYY-MM-DD")


def cell_date(value: Any) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text such as 2026-03-01, 15/03/2026 or 1 Mar 2026."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(value)
    text = cell_text(value)
    if not text or text.lower() in ("-", "n/a", "na", "none", "never"):
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+", text):
        text = text[:10]
    if re.fullmatch(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", text):
        try:
            return _numeric_date(text)
        except CellError:
            raise
        except ValueError:
            raise CellError(f"{text!r} is not a valid date (write it as YYYY-MM-DD)") from None
    for pattern in _TEXT_FORMATS:
        try:
            return dt.datetime.strptime(text.replace(".", ""), pattern).date()
        except ValueError:
            continue
    raise CellError(f"{text!r} is not a date (write it as YYYY-MM-DD)")


def cell_certification(value: Any) -> tuple[str, str]:
    """('ctpat'|'aeo'|'none', AEO program named in the cell or '') from 'CTPAT', 'C-TPAT', 'EU AEO', 'no', ..."""
    text = cell_text(value)
    plain = re.sub(r"[^a-z]", "", text.lower())
    if not plain:
        return "", ""
    if "aeo" in plain or "oea" in plain or "mra" in plain:
        return "aeo", text if plain not in ("aeo", "oea", "mra") else ""
    if "ctpat" in plain:
        return "ctpat", ""
    if plain in ("none", "no", "n", "notcertified", "uncertified", "nocertification", "na"):
        return "none", ""
    raise CellError(f"certification {text!r} is not CTPAT, AEO (or an MRA program) or none")


def cell_risk(value: Any) -> str:
    """'high', 'medium' or 'low' from 'High', 'H', 'Med', 'moderate', ..."""
    text = cell_text(value).lower().rstrip(".")
    if not text:
        return ""
    for level, spellings in (("high", ("high", "h", "high risk")), ("medium", ("medium", "med", "m", "moderate",
                                                                             "medium risk")),
                             ("low", ("low", "l", "low risk"))):
        if text in spellings:
            return level
    raise CellError(f"risk {cell_text(value)!r} is not high, medium or low")
