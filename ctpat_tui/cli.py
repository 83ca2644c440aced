"""Command-line entry point: headless commands (no Textual import) and the launcher for the TUI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ctpat_tui import __version__
from ctpat_tui.errors import UsageError, cli_date

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
IMPORT_HINT = ("To confirm them, download your entity type's \"CTPAT Minimum Security Criteria - <entity type>\" PDF "
               "(e.g. \"CTPAT Minimum Security Criteria - Highway Carriers\") from CBP's CTPAT resource library and "
               "run `ctpat catalog import FILE.pdf --entity SLUG`.")
STATUSES_FOR_CLI = ("implemented", "partial", "planned", "not_applicable")


def entity_slug_spelling(text: str) -> str:
    """The catalog's spelling of an entity type slug (imported when an argument is read: the catalog model's
    classes are not needed to replay a stored check)."""
    from ctpat_tui.catalog.model import entity_slug_spelling as spelling

    return spelling(text)


def _fail(message: str) -> int:
    print(f"ctpat: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _catalog():  # type: ignore[no-untyped-def]
    from ctpat_tui.catalog.loader import load_default_catalog

    return load_default_catalog()


def _read_profile(path: str):  # type: ignore[no-untyped-def]
    from ctpat_tui.profile.document import read_profile

    return read_profile(Path(path))


def _entity_or_fail(catalog, slug: str):  # type: ignore[no-untyped-def]
    try:
        return catalog.entity(slug)
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None


# --- new ------------------------------------------------------------------------------------------

def cmd_new(args: argparse.Namespace) -> int:
    """Create a new, empty profile file."""
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.model import parse_facilities

    catalog = _catalog()
    entity = _entity_or_fail(catalog, args.entity)
    path = Path(args.path)
    if path.exists():
        raise UsageError(f"{path} already exists; refusing to overwrite it")
    if not path.parent.is_dir():
        raise UsageError(f"folder {path.parent} does not exist (create it first, e.g. mkdir -p {path.parent})")
    specs = [" ".join(spec.split()) for spec in args.facility or []]
    for spec in specs:
        if not spec.partition("=")[2 if "=" in spec else 0].strip():
            raise UsageError(f"--facility {spec!r}: give a name, or ID=NAME, e.g. --facility 'Laredo yard'")
    facilities = parse_facilities("\n".join(specs))
    document = ProfileDocument.new(path, args.company, entity.slug, prepared_by=args.prepared_by or "",
                                   facilities=facilities)
    document.save()
    count = len(catalog.applicable(entity.slug))
    print(f"created {path}: {entity.name}, {count} criteria to answer")
    for facility_id, name in facilities:
        print(f"  facility {facility_id}: {name}")
    return EXIT_OK


# --- check / lint ---------------------------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    """Review one or more profiles and report findings."""
    from ctpat_tui.review import check_cache
    from ctpat_tui.review.report import run_check

    check_cache.note_paths(args.paths)
    return run_check(_catalog(), args)


def cmd_lint(args: argparse.Namespace) -> int:
    """Lint one text from standard input."""
    from ctpat_tui.review.report import run_lint

    return run_lint(_catalog(), args)


# --- set-status -----------------------------------------------------------------------------------

def cmd_set_status(args: argparse.Namespace) -> int:
    """Set the status (and not-applicable reason) of several criteria in one atomic write."""
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.model import STATUS_LABELS
    from ctpat_tui.profile.store import locked_save

    if args.status == "not_applicable" and not (args.reason or "").strip() and not args.suggested_reason:
        raise UsageError("--status not_applicable needs --reason TEXT (or --suggested-reason)")
    if args.status != "not_applicable" and (args.reason or args.suggested_reason):
        raise UsageError("--reason and --suggested-reason go with --status not_applicable only")
    path = Path(args.path)
    if not path.is_file():
        raise UsageError(f"{path}: no such profile file")
    catalog = _catalog()
    document = ProfileDocument.load(path)
    entity = document.profile.entity_type
    _entity_or_fail(catalog, entity)
    asked = {c.id for c, _d in catalog.applicable(entity)}
    ids = list(dict.fromkeys(args.ids))
    unknown = [cid for cid in ids if cid not in asked]
    if unknown:
        kind = catalog.entity(entity).name
        raise UsageError(f"not criteria of this {kind} profile: {', '.join(unknown)} (nothing written)")
    reasons = {}
    for cid in ids:
        reason = (args.reason or "").strip()
        if args.suggested_reason:
            reason = catalog.suggested_na_reason(entity, cid) or reason
            if not reason:
                raise UsageError(f"{cid} has no suggested reason; give --reason TEXT for it (nothing written)")
        reasons[cid] = reason
    with locked_save(document):
        for cid in ids:
            document.set_answer_value(cid, "status", args.status)
            if args.status == "not_applicable":
                document.set_answer_value(cid, "na_reason", reasons[cid])
    print(f"{path}: {len(ids)} criteria set to {STATUS_LABELS[args.status]}: {', '.join(ids)}")
    return EXIT_OK


# --- render ---------------------------------------------------------------------------------------

def cmd_render(args: argparse.Namespace) -> int:
    """Render the profile into portal-ready documents."""
    profile = _read_profile(args.path)
    from ctpat_tui.render import FORMATS, render_profile
    from ctpat_tui.review import review_profile

    formats = [f.strip() for f in (args.format or ",".join(FORMATS)).split(",") if f.strip()]
    if args.changed_only:
        if args.format and args.format.strip() != "txt":
            raise UsageError("--changed-only writes the paste pack only (leave out --format, or give --format txt)")
        formats = ["txt"]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    catalog = _catalog()
    _entity_or_fail(catalog, profile.entity_type)
    today = cli_date(args.today, "--today") if args.today else None  # the draft's date and the review's (tests)
    review = review_profile(catalog, profile, today=today)
    result = render_profile(catalog, profile, Path(args.out), formats, generated=today,
                            template=Path(args.template) if args.template else None, review=review,
                            layout=args.layout, measure_pages=not args.no_libreoffice,
                            changed_only=args.changed_only)
    for path in result.files:
        print(path)
    if result.layout is not None:
        print(f"ctpat: profile.docx: {result.layout.describe()}", file=sys.stderr)
    for problem in result.problems:
        print(f"ctpat: warning: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    """Report reviewers' comments, tracked changes and edits in reviewed Word drafts of the profile."""
    import json

    from ctpat_tui.feedback.report import describe, load_feedback

    profile = _read_profile(args.path)
    catalog = _catalog()
    _entity_or_fail(catalog, profile.entity_type)
    feedback = load_feedback(catalog, profile, [Path(p) for p in args.drafts])
    if args.json:
        print(json.dumps(feedback.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(describe(feedback)))
    refused = [d for d in feedback.drafts if d.status in ("unreadable", "other profile", "not a draft")]
    for draft in refused:
        print(f"ctpat: {draft.message}", file=sys.stderr)
    return EXIT_USAGE if len(refused) == len(feedback.drafts) and any(
        d.status == "unreadable" for d in refused) else EXIT_OK


# --- the annual cycle ----------------------------------------------------------------------------

def _cycle(name: str):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        from ctpat_tui.cycle import commands

        return int(getattr(commands, name)(args))

    return run


# --- catalog --------------------------------------------------------------------------------------

def cmd_catalog_list(args: argparse.Namespace) -> int:
    """List the entity types with their criteria counts."""
    from ctpat_tui.catalog.coverage import coverage_rows

    catalog = _catalog()
    rows = coverage_rows(catalog)
    if args.json:
        print(json.dumps({"overlay": catalog.overlay_dir, "entity_types": [r.as_dict() for r in rows]}, indent=2))
        return EXIT_OK
    print(f"{'entity type':28} {'criteria':>8} {'confirmed':>9} {'assumed':>8}  name")
    for row in rows:
        print(f"{row.slug:28} {row.total:>8} {row.confirmed:>9} {row.assumed:>8}  {row.name}")
    overlay = catalog.overlay_dir or "none (bundled catalog only)"
    print(f"\ncatalog: {catalog.source_dir}\noverlay: {overlay}")
    print(f"Assumed designations are not confirmed by a CBP source. {IMPORT_HINT}")
    return EXIT_OK


def cmd_catalog_show(args: argparse.Namespace) -> int:
    """Show the criteria of one entity type with designation and confidence."""
    catalog = _catalog()
    entity = _entity_or_fail(catalog, args.slug)
    applicable = catalog.applicable(entity.slug)
    if args.json:
        rows = [{"id": c.id, "title": c.title, "category": c.category, "portal_section": c.primary_section,
                 "designation": d.level, "confidence": d.confidence, "basis": d.basis,
                 "probably_not_applicable": catalog.probably_not_applicable(entity.slug, c.id),
                 "suggested_reason": catalog.suggested_na_reason(entity.slug, c.id)} for c, d in applicable]
        print(json.dumps({"entity_type": entity.slug, "criteria": rows}, indent=2))
        return EXIT_OK
    print(f"{entity.name} ({entity.slug}): {len(applicable)} criteria")
    probably_na = [(c, d) for c, d in applicable if catalog.probably_not_applicable(entity.slug, c.id)]
    current = ""

    def row(criterion, designation) -> str:  # type: ignore[no-untyped-def]
        mark = "" if designation.confidence == "confirmed" else f"  [{designation.basis}]"
        return f"  {criterion.id:6} {designation.label:22} {criterion.title}{mark}"

    for criterion, designation in applicable:
        if (criterion, designation) in probably_na:
            continue
        if criterion.primary_section != current:
            current = criterion.primary_section
            print(f"\n{current}")
        print(row(criterion, designation))
    if probably_na:
        print(f"\nProbably not applicable ({len(probably_na)}): a {entity.name} never holds cargo, so these are "
              "offered with a suggested reason to confirm or edit (still to be answered in the portal), e.g.:")
        print(f"  \"{catalog.suggested_na_reason(entity.slug, probably_na[0][0].id)}\"")
        for criterion, designation in probably_na:
            print(row(criterion, designation))
    return EXIT_OK


def cmd_catalog_check(args: argparse.Namespace) -> int:
    """Validate a questionnaire directory: it loads, and nothing in it contradicts itself or the reference table."""
    import csv

    from ctpat_tui.catalog.consistency import consistency_problems, read_reference
    from ctpat_tui.catalog.loader import CatalogError, load_catalog

    catalog = load_catalog(Path(args.dir))
    reference = None
    if args.reference:
        try:
            reference = read_reference(args.reference)
        except (OSError, ValueError, UnicodeDecodeError, csv.Error) as error:
            raise UsageError(f"cannot read the reference table {args.reference}: {error}") from None
    problems = consistency_problems(catalog, reference, args.reference or "")
    if problems:
        raise CatalogError(problems)
    print(f"{args.dir}: OK ({len(catalog.criteria)} criteria, {len(catalog.entity_types)} entity types, "
          f"{len(catalog.portal_sections)} portal sections)")
    return EXIT_OK


def cmd_catalog_coverage(args: argparse.Namespace) -> int:
    """Per entity type: criteria confirmed, assumed, known, and text written."""
    from ctpat_tui.catalog.coverage import coverage_rows

    rows = coverage_rows(_catalog())
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], indent=2))
        return EXIT_OK
    print(f"{'entity type':28} {'known':>5} {'confirmed':>9} {'assumed':>7} {'inherited':>9} {'own wording':>11}")
    for row in rows:
        print(f"{row.slug:28} {row.total:>5} {row.confirmed:>9} {row.assumed:>7} {row.inherited:>9} {row.variants:>11}")
    print("\nknown = criteria in the questionnaire for that entity type; confirmed = designation seen in a CBP source;\n"
          "assumed = probable (includes inherited: importer criteria assumed for the core categories 1-4 and 9-12);\n"
          "own wording = criteria with a prompt written for that entity type. Every criterion has a prompt and guidance.")
    if any(row.assumed for row in rows):
        print(IMPORT_HINT)
    return EXIT_OK


def cmd_catalog_import(args: argparse.Namespace) -> int:
    """Import CBP's MSC (PDF, or a CSV/XLSX table) for one entity type into the local overlay."""
    from ctpat_tui.catalog.importer import run_import

    return run_import(_catalog(), args)


# --- TUI ------------------------------------------------------------------------------------------

def cmd_edit(args: argparse.Namespace) -> int:
    """Open a profile in the app."""
    from ctpat_tui.tui.launch import run_app

    return run_app(Path(args.path), take_over=args.take_over, read_only=args.read_only)


def cmd_demo(args: argparse.Namespace) -> int:
    """Open a fresh copy of the bundled sample profile in the app."""
    from ctpat_tui.tui.launch import run_demo

    return run_demo(Path(args.dir) if args.dir else None)


def cmd_start(args: argparse.Namespace) -> int:
    """The start screen: recent profiles and a new profile."""
    from ctpat_tui.tui.launch import run_app

    return run_app(None)


def _add_edit(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("edit", help="open a profile in the app (offers to create it)")
    p.add_argument("path")
    p.add_argument("--take-over", action="store_true", help="take the profile over from another session")
    p.add_argument("--read-only", action="store_true", help="open without editing")
    p.set_defaults(func=cmd_edit)


def _add_demo(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="open a fresh copy of the bundled sample profile in the app")
    p.add_argument("--dir", help="where to put the copy (default: a new temporary folder)")
    p.set_defaults(func=cmd_demo)


def _add_new(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a profile file")
    p.add_argument("path")
    p.add_argument("--entity", required=True, type=entity_slug_spelling,
                   help="entity type slug, e.g. highway_carrier (see `ctpat catalog list`)")
    p.add_argument("--company", required=True)
    p.add_argument("--prepared-by", default="")
    p.add_argument("--facility", action="append", metavar="NAME|ID=NAME",
                   help="a facility, by name (its ID is made from the name, as the app's form does) or as ID=NAME; "
                        "repeat for each facility")
    p.set_defaults(func=cmd_new)


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="review profiles for rejection reasons")
    p.add_argument("paths", nargs="+", metavar="PATH", help="profile files or folders of profiles")
    p.add_argument("--json", action="store_true")
    p.add_argument("--fail-on", choices=("error", "warning"), default="error")
    p.add_argument("-v", "--verbose", action="store_true", help="list info findings too")
    p.add_argument("--today", help=argparse.SUPPRESS)  # judge dates as of this day (tests)
    p.set_defaults(func=cmd_check)


def _add_lint(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lint", help="lint one answer text read from standard input",
        description="Check one answer text (read from standard input) with the same rules the app and\n"
                    "`ctpat check` use, for example before pasting it into the portal.",
        epilog="Example: ctpat lint --criterion 7.23 --field controls --entity highway_carrier < answer.txt\n"
               "Exit code 1 when it finds a warning or an error, 0 when the text is clean.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--field", default="narrative",
                   choices=("controls", "frequency", "owner", "records", "escalation", "narrative"),
                   help="which part of an answer the text is: what is in place (controls), how often (frequency), "
                        "who is responsible (owner), which records, how problems are escalated, or a whole "
                        "response written in your own words (narrative, the default)")
    p.add_argument("--criterion", metavar="ID",
                   help="the MSC criterion the text answers, e.g. 7.23: adds the checks for what that criterion "
                        "asks (see `ctpat catalog show SLUG` for IDs)")
    p.add_argument("--entity", metavar="SLUG", type=entity_slug_spelling,
                   help="your entity type, e.g. highway_carrier: the criterion's checks as worded for that type "
                        "(default: importer)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--explain", action="store_true",
                   help="also print the signals that decided whether the field is specific or vague")
    p.set_defaults(func=cmd_lint)


def _add_set_status(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("set-status", help="set the status of several criteria of a profile at once")
    p.add_argument("path")
    p.add_argument("ids", nargs="+", metavar="ID", help="criterion IDs, e.g. 9.2 9.5 10.4")
    p.add_argument("--status", required=True, choices=STATUSES_FOR_CLI)
    p.add_argument("--reason", help="why they do not apply (with --status not_applicable)")
    p.add_argument("--suggested-reason", action="store_true",
                   help="use the catalog's suggested reason for each probably-not-applicable criterion")
    p.set_defaults(func=cmd_set_status)


def _add_render(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("render", help="render portal-ready documents")
    p.add_argument("path")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--format", help="comma-separated: md,txt,docx,bundle (default: all)")
    p.add_argument("--template", help="your own docxtpl Word template")
    p.add_argument("--layout", choices=("compact", "full"),
                   help="Word draft layout: compact (each response once, with only the details it does not "
                        "already say) or full (every detail field in a table, then the response); default: the "
                        "profile's settings.word_layout, else compact")
    p.add_argument("--no-libreoffice", action="store_true",
                   help="do not let LibreOffice lay out the Word draft (faster; the contents then get their page "
                        "numbers when the reader updates fields, and the page count is an estimate)")
    p.add_argument("--changed-only", action="store_true",
                   help="write only the paste pack, with only the portal boxes changed since the last submission "
                        "(portal-responses-changed.txt)")
    p.add_argument("--today", help=argparse.SUPPRESS)  # the draft's date and the review's as of this day (tests)
    p.set_defaults(func=cmd_render)


def _add_feedback(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("feedback", help="reviewers' comments and changes in reviewed Word drafts of the profile")
    p.add_argument("path")
    p.add_argument("drafts", nargs="+", metavar="DRAFT.docx", help="reviewed copies of the Word draft (read only)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_feedback)


def _add_submit(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("submit", help="record that the profile as saved now was entered into the portal")
    p.add_argument("path")
    p.add_argument("--date", required=True, help="the day it was submitted in the portal (YYYY-MM-DD or today)")
    p.add_argument("--portal-ref", help="the portal's reference or confirmation, if any")
    p.add_argument("--note", help="a short note kept with the submission")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=_cycle("run_submit"))


def _add_history(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="the submissions on record and when the annual review is due")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=_cycle("run_history"))


def _add_diff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("diff", help="what changed since the last submission (or against another profile file)")
    p.add_argument("path")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--since-submission", action="store_true", help="against the newest submission (default)")
    which.add_argument("--against", metavar="OTHER.toml", help="against another profile file of the same entity type")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cycle("run_diff"))


def _add_actions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("actions", help="the corrective-action plan: list, filter, export to CSV or XLSX")
    p.add_argument("path")
    p.add_argument("--overdue", action="store_true", help="only actions still open after their due date")
    p.add_argument("--status", choices=("open", "in_progress", "done", "verified"))
    p.add_argument("--criterion", metavar="ID", help="only actions for one criterion")
    p.add_argument("--sort", choices=("due", "status", "criterion", "owner", "id"), default="due")
    p.add_argument("--json", action="store_true")
    p.add_argument("--export", metavar="FILE", help="write the (filtered) actions to FILE.csv or FILE.xlsx")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=_cycle("run_actions"))


def _add_catalog_list(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = csub.add_parser("list", help="entity types with confirmed/assumed counts, and the active overlay")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_catalog_list)


def _add_catalog_show(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = csub.add_parser("show", help="the criteria of one entity type")
    c.add_argument("slug", type=entity_slug_spelling)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_catalog_show)


def _add_catalog_check(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = csub.add_parser("check", help="validate a questionnaire directory")
    c.add_argument("dir")
    c.add_argument("--reference", metavar="TSV",
                   help="also compare designations with an MSC reference table (criteria.tsv, or its folder)")
    c.set_defaults(func=cmd_catalog_check)


def _add_catalog_coverage(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = csub.add_parser("coverage", help="how much of each entity type's MSC we know")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_catalog_coverage)


def _add_catalog_import(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = csub.add_parser(
        "import", help="import CBP's MSC for one entity type (the PDF, or a CSV/XLSX copy of its table)",
        description="Read CBP's Minimum Security Criteria for one entity type and confirm or correct every\n"
                    "Must/Should of the questionnaire; criteria the questionnaire lacks are added with CBP's wording.\n"
                    "Nothing is written until the report is shown (use --dry-run to only see it).",
        epilog="Where to get the document: CBP's CTPAT resource library publishes one PDF per entity type, titled\n"
               "\"CTPAT Minimum Security Criteria - <entity type>\", e.g. \"CTPAT Minimum Security Criteria - Highway\n"
               "Carriers\". Example: ctpat catalog import MSC-Highway-Carriers.pdf --entity highway_carrier",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("file", help="the MSC PDF, or a CSV/XLSX table with ID and Must/Should columns")
    c.add_argument("--entity", required=True, type=entity_slug_spelling, help="entity type slug the table is for")
    c.add_argument("--into", help="overlay folder (default: your config folder)")
    c.add_argument("--dry-run", action="store_true", help="show the changes without writing them")
    c.add_argument("--profile", action="append", default=[], help="a profile to check for answers the import removes")
    c.set_defaults(func=cmd_catalog_import)


_CATALOG_COMMANDS = {"list": _add_catalog_list, "show": _add_catalog_show, "check": _add_catalog_check,
                     "coverage": _add_catalog_coverage, "import": _add_catalog_import}


def _add_catalog(sub: argparse._SubParsersAction[argparse.ArgumentParser], subcommand: str | None = None) -> None:
    p = sub.add_parser("catalog", help="inspect, validate or extend the MSC catalog")
    csub = p.add_subparsers(dest="catalog_command", metavar="SUBCOMMAND")
    for name, add in _CATALOG_COMMANDS.items():
        if subcommand not in _CATALOG_COMMANDS or name == subcommand:
            add(csub)


def _add_partners(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ctpat_tui.partners.command import add_parser as add_partners_parser

    add_partners_parser(sub)


_COMMANDS: dict[str, Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = {
    "edit": _add_edit,
    "demo": _add_demo,
    "new": _add_new,
    "check": _add_check,
    "lint": _add_lint,
    "set-status": _add_set_status,
    "render": _add_render,
    "feedback": _add_feedback,
    "submit": _add_submit,
    "history": _add_history,
    "diff": _add_diff,
    "actions": _add_actions,
    "catalog": _add_catalog,
    "partners": _add_partners,
}


def _help_width() -> int:
    """The width argparse lays help out at, `shutil.get_terminal_size().columns - 2`, found without importing shutil
    (about 3 ms of every command: argparse makes a help formatter for each argument it adds)."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns - 2


class _KnownWidth:
    """Mixed into a help formatter class: the width is `_help_width()` unless given."""

    def __init__(self, prog: str, *args: object, **kwargs: object) -> None:
        if len(args) < 3 and kwargs.get("width") is None:
            kwargs["width"] = _help_width()
        super().__init__(prog, *args, **kwargs)  # type: ignore[call-arg]


_WIDTH_KNOWN: dict[type, type] = {}


class _Parser(argparse.ArgumentParser):
    """argparse's parser (its sub-commands' too), with each formatter class given `_KnownWidth`."""

    def __init__(self, *args: object, formatter_class: type = argparse.HelpFormatter, **kwargs: object) -> None:
        known = _WIDTH_KNOWN.get(formatter_class)
        if known is None:
            known = _WIDTH_KNOWN[formatter_class] = type(formatter_class.__name__, (_KnownWidth, formatter_class), {})
        super().__init__(*args, formatter_class=known, **kwargs)  # type: ignore[arg-type]


def build_parser(command: str | None = None, subcommand: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for every command, or (faster) with only `command`'s arguments when that is the one run
    (and of `ctpat catalog`, only `subcommand`'s)."""
    parser = _Parser(prog="ctpat", description="Draft and check a CTPAT Security Profile.")
    parser.add_argument("--version", action="version", version=f"ctpat-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if name == command == "catalog":
            _add_catalog(sub, subcommand)
        elif command is None or name == command:
            add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 blocking findings, 2 usage or file error)."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["check"]:
        from ctpat_tui.review import check_cache

        try:  # a check of unchanged files prints its stored report (review/check_cache.py)
            replayed = check_cache.replay(words[1:])
        except BrokenPipeError:
            return EXIT_OK
        except KeyboardInterrupt:
            return 130
        if replayed is not None:
            return replayed
        return check_cache.run_recorded(words[1:], lambda: _run(words))
    return _run(words)


def _run(words: list[str]) -> int:
    parser = build_parser(words[0] if words and words[0] in _COMMANDS else None, words[1] if len(words) > 1 else None)
    args = parser.parse_args(words)
    if args.command is None:
        args.func = cmd_start
    elif args.command == "catalog" and getattr(args, "catalog_command", None) is None:
        parser.parse_args(["catalog", "--help"])
    elif args.command == "partners" and getattr(args, "partners_command", None) is None:
        parser.parse_args(["partners", "--help"])
    try:
        return int(args.func(args))
    except UsageError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        # imported here, where the module that raised one has loaded it (catalog commands never need it)
        from ctpat_tui.catalog.loader import CatalogError
        from ctpat_tui.profile.errors import LockHeld, ProfileError

        if isinstance(error, CatalogError):
            print(f"ctpat: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        if isinstance(error, LockHeld):
            return _fail(f"{error}; use --read-only, or --take-over if that session is gone")
        if isinstance(error, ProfileError):
            return _fail(str(error))
        raise


if __name__ == "__main__":
    sys.exit(main())
