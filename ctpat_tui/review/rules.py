"""Rule metadata shared by every family: stable code, severity, what it checks, and worked examples."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

from ctpat_tui.profile.parse import as_date
from ctpat_tui.records import field, record
from ctpat_tui.review.finding import Finding

EXAMPLE_TODAY = dt.date(2026, 11, 29)


@record
class Example:
    """A profile fragment (TOML appended to a standard importer header), the files it references and their modes."""

    toml: str
    files: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    criterion: str = ""
    entity: str = "importer"
    modes: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def criterion_id(self) -> str:
        """The criterion the example is about: given, or the first answer in the TOML."""
        if self.criterion:
            return self.criterion
        match = re.search(r'answers\."([0-9.]+)"', self.toml)
        return match.group(1) if match else ""

    def profile_text(self) -> str:
        """The whole example profile file."""
        header = (f'[profile]\nschema = 1\ncompany = "Example Imports Inc."\nentity_type = "{self.entity}"\n'
                  'prepared_by = "Maria Lopez, Director of Trade Compliance"\n')
        return header + "\n" + self.toml


@record
class Rule:
    """One rule: its stable code, default severity, what it checks, and a failing and a passing example."""

    code: str
    severity: str
    title: str
    failing: Example
    passing: Example
    severity_note: str = ""

    def finding(self, criterion: str, field_name: str, message: str, suggestion: str,
                severity: str | None = None) -> Finding:
        """A Finding of this rule."""
        return Finding(self.code, severity or self.severity, criterion, field_name, message, suggestion)


@record
class Family:
    """A family of rules for one reason CBP rejects or delays a profile."""

    name: str
    reason: str
    rules: tuple[Rule, ...]


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` calendar months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_ago(day: dt.date, today: dt.date) -> int:
    """Whole months from `day` to `today`."""
    months = (today.year - day.year) * 12 + today.month - day.month
    return months - 1 if today.day < day.day else months


def is_stale(day: dt.date, today: dt.date, months: int) -> bool:
    """True when `day` is more than `months` months before `today`."""
    return day < add_months(today, -months)


    return None
