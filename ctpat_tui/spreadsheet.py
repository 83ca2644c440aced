"""Cells written for spreadsheet programs: the one guard that keeps a CSV cell from being run as a formula."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Text for a CSV cell that Excel or Calc will show as text, never run as a formula: a leading ' before a cell
    that starts with =, +, -, @, a tab or a carriage return."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
