"""`ctpat check` and `ctpat lint`: run the review and print it for people (by portal section) or scripts (JSON)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.errors import cli_date
from ctpat_tui.profile.model import Profile
from ctpat_tui.records import record
from ctpat_tui.review import check_cache
from ctpat_tui.review.engine import Review, lint_text, review_profile, with_file_findings
from ctpat_tui.review.finding import SEVERITY_RANK, Finding
from ctpat_tui.review.readiness import ReadinessCounts

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_PROFILE_TABLE = re.compile(r"^\s*\[profile\]\s*(#.*)?$", re.MULTILINE)
_PROFILE_FILE_LIMIT = 50 * 1024 * 1024


@record
class Checked:
    """One profile path and either its review or the one-line reason it could not be loaded."""

    path: Path
    profile: Profile | None = None
    review: Review | None = None
    error: str = ""


def _is_profile_file(path: Path) -> bool:
    try:
        if path.stat().st_size > _PROFILE_FILE_LIMIT:
            return False
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return bool(_PROFILE_TABLE.search(text))


def find_profiles(folder: Path) -> list[Path]:
    """Every *.toml profile under `folder` (hidden folders skipped, links to folders not followed), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".submissions"))
        for name in sorted(files):
            path = Path(root) / name
            if name.endswith(".toml") and not name.startswith(".") and path.is_file() and _is_profile_file(path):
                found.append(path)
    return found


def collect_targets(names: list[str]) -> tuple[list[Path], list[str]]:
    """Profile paths named on the command line (folders expanded) and one-line problems with the names."""
    targets: list[Path] = []
    problems: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = find_profiles(path)
            if not found:
                problems.append(f"{name}: no profile found (no *.toml file with a [profile] table)")
            targets.extend(found)
        elif path.exists():
            targets.append(path)
        else:
            problems.append(f"{name}: no such file or folder")
    return targets, problems


def check_one(catalog: Catalog, path: Path, today: dt.date | None = None) -> Checked:
    """Load and review one profile (dates judged as of `today`, default the real date); a profile that fails to load
    gives its one-line reason."""
    from ctpat_tui.profile.parse import read_profile
    from ctpat_tui.profile.errors import ProfileError

    try:
        profile = read_profile(path)
    except ProfileError as error:
        return Checked(path, error=str(error))
    except (OSError, UnicodeError) as error:
        return Checked(path, error=f"{path}: cannot read: {getattr(error, 'strerror', None) or error}")
    try:
        catalog.entity(profile.entity_type)
    except KeyError as error:
        return Checked(path, profile, error=f"{path}: {error.args[0]}")
    check_cache.note_profile(profile)  # a stored result of this check holds while this profile's files are unchanged
    return Checked(path, profile, with_file_findings(review_profile(catalog, profile, today=today), profile))


def check_json(checked: Checked) -> dict[str, object]:
    """The JSON object for one profile: {"profile", "readiness", "findings"} (or {"profile", "error"})."""
    if checked.review is None:
        return {"profile": str(checked.path), "error": checked.error}
    return {
        "profile": str(checked.path),
        "readiness": checked.review.readiness.as_dict(),
        "findings": [f.as_dict() for f in checked.review.findings],
    }


def _section_of(catalog: Catalog, finding: Finding) -> str:
    criterion = catalog.criteria.get(finding.criterion)
    return criterion.primary_section if criterion and criterion.primary_section else "Other"


def _finding_lines(finding: Finding) -> list[str]:
    tag = "accepted" if finding.accepted else finding.severity
    where = f"{finding.field}: " if finding.field else ""
    lines = [f"  {finding.criterion or '-':6} {tag:8} {finding.rule:8} {where}{finding.message}"]
    if finding.accepted:
        lines.append(f"{'':26}accepted: {finding.accepted_reason}")
    elif finding.suggestion:
        lines.append(f"{'':26}-> {finding.suggestion}")
    return lines


def _counts_row(name: str, counts: ReadinessCounts) -> str:
    return (f"  {name[:30]:30} {counts.percent:>4}%  {counts.answered:>3}/{counts.applicable:<3} "
            f"{counts.complete:>3}/{counts.applicable:<3} {counts.with_evidence:>3}/{counts.applicable:<3} "
            f"{counts.musts_covered:>3}/{counts.musts:<3} {counts.errors:>6} {counts.warnings:>8}")


def render_check(catalog: Catalog, checked: Checked, *, verbose: bool = False) -> str:
    """The human report for one reviewed profile, findings grouped by portal section."""
    assert checked.review is not None and checked.profile is not None
    review, profile = checked.review, checked.profile
    readiness = review.readiness
    overall = readiness.overall
    entity = catalog.entity(profile.entity_type).name
    infos = [f for f in review.findings if f.severity == "info" and not f.accepted]
    accepted = [f for f in review.findings if f.accepted]
    lines = [
        f"{checked.path}: {profile.company or '(no company)'}, {entity}",
        f"Readiness {readiness.percent}% ({overall.ready} of {overall.applicable} criteria ready); "
        f"{review.count('error')} errors, {review.count('warning')} warnings, {len(infos)} info, "
        f"{len(accepted)} accepted",
    ]
    shown = [f for f in review.findings if verbose or f.severity != "info" or f.accepted]
    order = {s.name: s.order for s in catalog.portal_sections}
    by_section: dict[str, list[Finding]] = {}
    for finding in shown:
        by_section.setdefault(_section_of(catalog, finding), []).append(finding)
    for section in sorted(by_section, key=lambda name: order.get(name, 99)):
        lines += ["", section]
        for finding in by_section[section]:
            lines += _finding_lines(finding)
    if infos and not verbose:
        rules = ", ".join(f"{rule} x{count}" for rule, count in sorted(Counter(f.rule for f in infos).items()))
        lines += ["", f"{len(infos)} info findings not shown ({rules}); use --verbose or --json to list them."]
    lines += ["", f"  {'portal section':30} {'ready':>5}  {'answered':8} {'complete':8} {'evidence':8} "
                  f"{'musts':8} {'errors':>6} {'warnings':>8}"]
    for name, counts in readiness.by_section.items():
        lines.append(_counts_row(name, counts))
    lines.append(_counts_row("Overall", overall))
    lines += ["", "Readiness: share of applicable criteria with a status, all five fields (or a reason for not "
              "applicable), evidence and no open error or warning (accepted ones with a written reason do not "
              "count). See docs/rules.md."]
    return "\n".join(lines)


def json_list(objects: list[str]) -> str:
    """`json.dumps(values, indent=2)` of a list, from the values each already dumped with indent=2 (a long portfolio
    is printed without keeping every profile's review until the end)."""
    if not objects:
        return "[]"
    return "[\n" + ",\n".join("\n".join("  " + line for line in text.split("\n")) for text in objects) + "\n]"


def run_check(catalog: Catalog, args: argparse.Namespace) -> int:
    """`ctpat check PATH...`: exit 0 clean, 1 findings at or above --fail-on, 2 a path or profile that failed.

    Each profile's report is made as soon as it is checked and only the text is kept, so the cost per profile
    stays the same however long the portfolio (the memory of every review kept to the end made each later garbage
    collection slower)."""
    names = list(args.paths)
    fail_on = getattr(args, "fail_on", "error") or "error"
    verbose = bool(getattr(args, "verbose", False))
    several = len(names) > 1 or any(Path(n).is_dir() for n in names)
    targets, problems = collect_targets(names)
    for problem in problems:
        print(f"ctpat: error: {problem}", file=sys.stderr)
    today = cli_date(getattr(args, "today", None), "--today", default=dt.date.today())
    code = EXIT_USAGE if problems else EXIT_OK
    limit = SEVERITY_RANK[fail_on]
    outputs: list[str] = []
    from ctpat_tui.review import text_cache

    text_cache.open_disk()  # texts judged by an earlier check are read, not judged again
    try:
        for path in targets:
            checked = check_one(catalog, path, today)
            if checked.review is None:
                print(f"ctpat: error: {checked.error}", file=sys.stderr)
                code = EXIT_USAGE
            elif code == EXIT_OK and any(SEVERITY_RANK[f.severity] <= limit for f in checked.review.open_findings()):
                code = EXIT_FINDINGS
            if args.json and (several or checked.review is not None):
                outputs.append(json.dumps(check_json(checked), indent=2))
            elif not args.json and checked.review is not None:
                outputs.append(render_check(catalog, checked, verbose=verbose))
    finally:
        text_cache.save_disk()
        text_cache.close_disk()
    if args.json:
        if several:
            print(json_list(outputs))
        elif outputs:
            print(outputs[0])
        return code
    if outputs:
        print("\n\n".join(outputs))
    return code


def _explain_json(text: str, field: str) -> dict[str, object]:
    from ctpat_tui.review.vagueness import verdict

    found = verdict(text, field)
    return {"field": field, "vague": found.vague, "open_question": found.problem, "signals": list(found.signals)}


def _explain_lines(text: str, field: str) -> list[str]:
    """Why the field was judged specific or vague: its question, the verdict and every signal ('+' answers the
    question, '-' leaves it open)."""
    from ctpat_tui.review.vagueness import verdict

    if not text:
        return ["", f"{field}: empty, nothing to judge"]
    found = verdict(text, field)
    question = _QUESTIONS.get(field, _QUESTIONS["controls"])
    lines = ["", f"{field} asks {question}",
             f"verdict: {'vague: ' + found.problem if found.vague else 'specific'}", "signals:"]
    lines += [f"  {signal}" for signal in found.signals] or ["  (none)"]
    return lines


_QUESTIONS = {
    "frequency": "how often: a bounded interval or a clear trigger for every repeated activity",
    "owner": "who is responsible: a role or title, a named unit, or a person tied to a role",
    "records": "which record: a named record and where it lives or how long it is kept",
    "escalation": "how problems are escalated: a recipient, a time limit and an action",
    "controls": "what is in place: a mechanism an auditor could ask to see (procedure, form, system, device, check)",
}


def run_lint(catalog: Catalog, args: argparse.Namespace) -> int:
    """`ctpat lint`: lint standard input as one field; exit 1 when it finds anything at warning or above."""
    field = getattr(args, "field", None) or "narrative"
    criterion = getattr(args, "criterion", None)
    entity = getattr(args, "entity", None)
    if criterion and criterion not in catalog.criteria:
        print(f"ctpat: error: unknown criterion {criterion!r} (e.g. 7.23; see `ctpat catalog show SLUG`)",
              file=sys.stderr)
        return EXIT_USAGE
    if entity:
        try:
            catalog.entity(entity)
        except KeyError as error:
            print(f"ctpat: error: {error.args[0]}", file=sys.stderr)
            return EXIT_USAGE
    text = sys.stdin.read()
    findings = lint_text(text.strip(), field, criterion=criterion, entity=entity, catalog=catalog)
    explain = bool(getattr(args, "explain", False))
    if args.json:
        data: dict[str, object] = {"findings": [f.as_dict() for f in findings]}
        if explain:
            data["explain"] = _explain_json(text.strip(), field)
        print(json.dumps(data, indent=2))
    else:
        for finding in findings:
            print(f"{finding.rule} {finding.severity}: {finding.message}")
            if finding.suggestion:
                print(f"  -> {finding.suggestion}")
        if not findings:
            print(f"{field}: no findings")
        if explain:
            print("\n".join(_explain_lines(text.strip(), field)))
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] <= SEVERITY_RANK["warning"] for f in findings) else EXIT_OK
