"""When the annual review is due: the certification anniversary that the last submission has not yet covered."""

from __future__ import annotations

import datetime as dt

from ctpat_tui.profile.model import Profile

REVIEW_WINDOW_DAYS = 90


def anniversary(certified: dt.date, year: int) -> dt.date:
    """The certification anniversary in `year` (28 February for a 29 February certification in other years)."""
    try:
        return certified.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def review_due(profile: Profile, today: dt.date) -> dt.date | None:
    """The date the next annual review is due, or None when the profile has no certification date.

    A submission within the 90 days before an anniversary (or any time after it) covers that anniversary. A profile
    never submitted is due on its latest anniversary that has passed (it stays overdue: the due date does not roll on
    a year the day after a missed anniversary), or on the first anniversary while none has passed yet.
    """
    certified = profile.certification_date
    if certified is None:
        return None
    if profile.last_submitted is None:
        year = max(today.year, certified.year + 1)
        due = anniversary(certified, year)
        if due > today and year > certified.year + 1:
            due = anniversary(certified, year - 1)
        return due
    start = profile.last_submitted + dt.timedelta(days=REVIEW_WINDOW_DAYS)
    year = max(start.year, certified.year + 1)
    due = anniversary(certified, year)
    if due <= certified or due <= start:
        due = anniversary(certified, year + 1)
    return due


def review_window_open(profile: Profile, today: dt.date) -> bool:
    """True when the annual review is due within 90 days or overdue (the app offers the review then)."""
    due = review_due(profile, today)
    return due is not None and (due - today).days <= REVIEW_WINDOW_DAYS
