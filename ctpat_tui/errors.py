"""Errors shared by the core and the command line, kept below both so neither imports the other; and the one parser
of a date given on the command line, which reports a bad one as such an error."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import datetime as dt  # imported where a date is read: `ctpat catalog` commands never need it


class UsageError(Exception):
    """A problem with the command line or the files it names; printed as one line, exit code 2."""


def cli_date(text: str | None, option: str, *, default: dt.date | None = None, today: dt.date | None = None) -> dt.date:
    """A date given on the command line: YYYY-MM-DD or 'today' (`today`, else the real date); an empty or missing
    value gives `default`. Anything else is a UsageError naming the option."""
    import datetime as dt

    text = (text or "").strip()
    if not text:
        if default is None:
            raise UsageError(f"{option}: give a date like 2026-02-10")
        return default
    if text.lower() == "today":
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (YYYY-MM-DD, e.g. 2026-02-10)") from None
