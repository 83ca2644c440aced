"""The headless commands of the annual cycle: `ctpat submit`, `history`, `diff` and `actions`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from ctpat_tui.cycle.history import SubmissionError, history_problems, load_history, store_for, submit_profile
from ctpat_tui.errors import UsageError, cli_date


def _today(args: argparse.Namespace) -> dt.date:
    return cli_date(getattr(args, "today", None), "--today", default=dt.date.today())


def run_submit(args: argparse.Namespace) -> int:
    """Record that the profile as saved now was entered into the portal on --date."""
    path = Path(args.path)
    if not path.is_file():
        raise UsageError(f"{path}: no such profile file")
    day = cli_date(args.date, "--date", today=_today(args))
    try:
        submission = submit_profile(path, day, portal_ref=args.portal_ref or "", note=args.note or "",
                                    today=_today(args))
    except SubmissionError as error:
        raise UsageError(str(error)) from None
    count = len(submission.evidence)
    print(f"{path}: submission of {day.isoformat()} recorded in {submission.folder} "
          f"(profile and {count} evidence file{'s' if count != 1 else ''} fingerprinted)")
    return 0


def run_history(args: argparse.Namespace) -> int:
    """List the submissions on record, oldest first, and anything wrong with the store."""
    from ctpat_tui.profile.document import read_profile

    path = Path(args.path)
    profile = read_profile(path)
    history = load_history(path)
    problems = history_problems(profile)
    if args.json:
        rows = [{"date": s.date.isoformat() if s.date else None, "folder": str(s.folder), "portal_ref": s.portal_ref,
                 "note": s.note, "recorded": s.recorded, "recorded_by": s.recorded_by,
                 "evidence_files": len(s.evidence), "ok": s.ok, "problem": s.problem} for s in history.submissions]
        print(json.dumps({"profile": str(path), "store": str(history.store),
                          "certification_date": _iso(profile.certification_date),
                          "last_submitted": _iso(profile.last_submitted), "submissions": rows,
                          "problems": problems}, indent=2))
        return 2 if problems else 0
    from ctpat_tui.cycle.dates import review_due

    due = review_due(profile, _today(args))
    print(f"{path}: {profile.company or '(no company)'}")
    print(f"  certified {_iso(profile.certification_date) or 'date not recorded'}; last submitted "
          f"{_iso(profile.last_submitted) or 'never'}; annual review due {_iso(due) or 'unknown (no certification date)'}")
    if not history.submissions:
        print(f"  no submission on record yet (they will be kept in {store_for(path)})")
    for item in history.submissions:
        mark = "" if item.ok else f"  DAMAGED: {item.problem}"
        ref = f"  portal ref {item.portal_ref}" if item.portal_ref else ""
        note = f"  {item.note}" if item.note else ""
        print(f"  {item.name:13} {len(item.evidence):>3} evidence files{ref}{note}{mark}")
    for problem in problems:
        if not any(problem.endswith(s.problem) and s.problem for s in history.damaged):
            print(f"ctpat: warning: {problem}")
    return 2 if problems else 0


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _schema_of(path: Path) -> object:
    import tomllib

    from ctpat_tui.profile.store import read_profile_text

    try:
        data = tomllib.loads(read_profile_text(path))
    except tomllib.TOMLDecodeError:
        return None
    head = data.get("profile")
    return head.get("schema", 1) if isinstance(head, dict) else None


def print_diff(result: object, path: Path) -> None:
    """The human report of a ProfileDiff: per criterion, then facilities and partners."""
    from ctpat_tui.cycle.diff import ProfileDiff

    assert isinstance(result, ProfileDiff)
    criteria = result.changed_criteria()
    print(f"{path} against {result.base}: {len(criteria)} criteria changed"
          + (f" ({', '.join(criteria)})" if criteria else "")
          + (f"; {len(result.profile_changes())} register or facility changes" if result.profile_changes() else ""))
    for cid in criteria:
        print(f"\n{cid}")
        for change in result.for_criterion(cid):
            print(f"  {change.describe()}")
    if result.profile_changes():
        print("\nFacilities and partner register")
        for change in result.profile_changes():
            print(f"  {change.describe()}")


def run_diff(args: argparse.Namespace) -> int:
    """What changed since the last submission (default) or against another profile file."""
    from ctpat_tui.cycle.diff import DiffRefused, diff_profiles, diff_since_submission
    from ctpat_tui.profile.document import read_profile

    path = Path(args.path)
    profile = read_profile(path)
    try:
        if args.against:
            other = Path(args.against)
            if not other.is_file():
                raise UsageError(f"{other}: no such profile file")
            mine, theirs = _schema_of(path), _schema_of(other)
            if theirs != mine:
                raise UsageError(f"cannot compare: {other} uses profile schema {theirs}, {path} schema {mine}")
            result = diff_profiles(read_profile(other), profile, base=str(other))
        else:
            history = load_history(path)
            if history.latest is None and history.messages():
                raise UsageError(f"no intact submission to compare with: {history.messages()[0]}")
            result = diff_since_submission(profile)
    except DiffRefused as error:
        raise UsageError(str(error)) from None
    if args.json:
        print(json.dumps({"profile": str(path), **result.as_dict()}, indent=2))
        return 0
    if result.first:
        print(f"{path}: no submission on record yet, so everything in it is new (the next submission is the first; "
              "record it with `ctpat submit`)")
        return 0
    print_diff(result, path)
    return 0


def run_actions(args: argparse.Namespace) -> int:
    """List the corrective actions (or export them to CSV/XLSX)."""
    from ctpat_tui.cycle.actions import as_dict, export_actions, select_actions
    from ctpat_tui.profile.document import read_profile

    path = Path(args.path)
    profile = read_profile(path)
    today = _today(args)
    rows = select_actions(profile, today=today, overdue=args.overdue, status=args.status or "",
                          criterion=args.criterion or "", sort=args.sort)
    if args.export:
        target = Path(args.export)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            raise UsageError(f"--export {target}: give a file name ending in .csv or .xlsx")
        if not target.parent.is_dir():
            raise UsageError(f"--export {target}: folder {target.parent} does not exist")
        try:
            export_actions(rows, target, profile.company)
        except OSError as error:
            raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
        print(f"{target}: {len(rows)} actions")
        return 0
    if args.json:
        print(json.dumps({"profile": str(path), "today": today.isoformat(),
                          "actions": [as_dict(a, today) for a in rows]}, indent=2))
        return 0
    if not rows:
        print(f"{path}: no {'overdue ' if args.overdue else ''}corrective actions")
        return 0
    print(f"{path}: {len(rows)} corrective actions"
          f" ({sum(a.overdue(today) for a in rows)} overdue, {sum(a.is_open for a in rows)} open or in progress)")
    for action in rows:
        due = action.due.isoformat() if action.due else "no due date"
        late = "  OVERDUE" if action.overdue(today) else ""
        print(f"  {action.id:8} {action.criterion or '-':6} {action.status.replace('_', ' '):12} {due:11} "
              f"{action.owner or '(no owner)'}{late}")
        print(f"{'':10}{action.gap or '(no gap described)'} -> {action.action or '(no action described)'}")
        if action.closure_evidence:
            print(f"{'':10}closed by: {action.closure_evidence}")
    return 0
