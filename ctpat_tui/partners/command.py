"""The `ctpat partners` commands: import a partner list, export the register."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ctpat_tui.catalog.table_reader import TableError
from ctpat_tui.errors import UsageError, cli_date

if TYPE_CHECKING:
    from ctpat_tui.profile.document import ProfileDocument

EXIT_OK, EXIT_NOT_CONFIRMED = 0, 1


def confirm(question: str, assume_yes: bool) -> bool:
    """True when --yes was given or the user answers y; end of input counts as no."""
    if assume_yes:
        return True
    print(f"{question} [y/N] ", end="", flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes")


@contextlib.contextmanager
def _saving(document: ProfileDocument) -> Iterator[ProfileDocument]:
    """The document changed under the profile's lock and saved; a usage error (nothing written) when the app has
    the profile open."""
    from ctpat_tui.profile.errors import LockHeld
    from ctpat_tui.profile.store import locked_save

    try:
        with locked_save(document):
            yield document
    except LockHeld as held:
        raise UsageError(f"{held}; close it there (or make the change in the app's partner register, F7) and "
                         "run this again (nothing written)") from None


def _profile_path(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise UsageError(f"{path}: no such profile file")
    return path


def run_import(args: argparse.Namespace) -> int:
    """`ctpat partners import FILE PATH`: show the plan, then write it to the profile once confirmed."""
    from ctpat_tui.partners.plan import apply_plan, describe_plan, plan_partner_import
    from ctpat_tui.partners.sheet import read_partner_sheet
    from ctpat_tui.profile.document import ProfileDocument

    path = _profile_path(args.path)
    try:
        sheet = read_partner_sheet(Path(args.file))
    except TableError as error:
        raise UsageError(f"{error} (nothing written)") from None
    document = ProfileDocument.load(path)
    plan = plan_partner_import(document, sheet)
    print(describe_plan(plan))
    if not plan.has_changes:
        print("nothing to change: the register already holds every partner in the file")
        return EXIT_OK
    if args.dry_run:
        print("dry run: nothing written")
        return EXIT_OK
    if not confirm(f"write these changes to {path}?", args.yes):
        print("not confirmed: nothing written")
        return EXIT_NOT_CONFIRMED
    with _saving(document):
        apply_plan(document, plan)
    print(f"{path}: {len(plan.of_kind('added'))} partners added, {len(plan.of_kind('changed'))} changed")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """`ctpat partners export PATH --out FILE`: the register as XLSX or CSV (a private file)."""
    from ctpat_tui import private_files
    from ctpat_tui.partners.export import export_bytes
    from ctpat_tui.profile.document import read_profile
    from ctpat_tui.render.files import describe

    profile = read_profile(_profile_path(args.path))
    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--out {out}: give a file name ending in .xlsx or .csv")
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name ending in .xlsx or .csv")
    if not out.parent.is_dir() and str(out.parent):
        raise UsageError(f"folder {out.parent} does not exist")
    data = export_bytes(out, profile.partners, profile.settings)
    try:
        private_files.write_atomic(out, data)
    except OSError as error:
        raise UsageError(f"{out}: cannot write: {describe(error)}; any earlier file is unchanged") from None
    print(f"{out}: {len(profile.partners)} partners exported")
    return EXIT_OK


def run_questionnaire(args: argparse.Namespace) -> int:
    """`ctpat partners questionnaire PATH --out DIR`: an XLSX and a Word questionnaire per partner (or all due)."""
    from ctpat_tui import private_files
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.catalog.model import entity_slug_spelling
    from ctpat_tui.partners.plan import partner_key
    from ctpat_tui.partners.questionnaire import build_questionnaire, partners_due, safe_file_name
    from ctpat_tui.partners.questionnaire_docx import questionnaire_docx
    from ctpat_tui.partners.questionnaire_xlsx import questionnaire_xlsx
    from ctpat_tui.profile.document import read_profile
    from ctpat_tui.render.files import describe

    catalog = load_default_catalog()
    profile = read_profile(_profile_path(args.path))
    today = cli_date(args.today, "--today", default=dt.date.today())
    due = cli_date(args.return_by, "--return-by", default=today + dt.timedelta(days=30), today=today)
    entity = entity_slug_spelling(args.entity) if args.entity else None
    if entity is not None:
        try:
            catalog.entity(entity)
        except KeyError as error:
            raise UsageError(str(error.args[0])) from None
    if args.partner:
        indexes = []
        for name in args.partner:
            wanted = partner_key(name, "")[0]
            found = [i for i, p in enumerate(profile.partners) if partner_key(p.name, "")[0] == wanted]
            if not found:
                raise UsageError(f"no partner named {name!r} in {args.path} (nothing written)")
            indexes += found
    else:
        indexes = partners_due(profile, today)
        if not indexes:
            print(f"{args.path}: no partner is due for screening in the next 60 days; name one with --partner")
            return EXIT_OK
    out = Path(args.out)
    try:
        private_files.make_folder(out)
        for index in indexes:
            q = build_questionnaire(catalog, profile, index, today, due, entity=entity,
                                    include_should=args.include_should)
            written = []
            for suffix, make in ((".xlsx", questionnaire_xlsx), (".docx", questionnaire_docx)):
                target = out / safe_file_name(q, suffix)
                private_files.write_atomic(target, make(q))
                written.append(target.name)
            how = "" if q.role_matched else f" (role {q.partner.role!r} names no entity type; use --entity to choose)"
            print(f"{q.partner.name}: {len(q.questions)} questions from the {q.entity_name} criteria{how}, "
                  f"return by {due.isoformat()}: {', '.join(written)}")
    except OSError as error:
        raise UsageError(f"{out}: cannot write: {describe(error)}") from None
    print(f"written to {out}; when a partner returns the Excel file: ctpat partners questionnaire-import FILE "
          f"{args.path}")
    return EXIT_OK


def run_questionnaire_import(args: argparse.Namespace) -> int:
    """`ctpat partners questionnaire-import FILE PATH`: summarise the answers, then record the screening."""
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.partners.questionnaire_read import (
        describe_returned,
        read_questionnaire,
        record_gap_actions,
        updated_partner,
    )
    from ctpat_tui.profile.document import ProfileDocument

    path = _profile_path(args.path)
    document = ProfileDocument.load(path)
    source = Path(args.file)
    try:
        catalog = load_default_catalog()
        returned = read_questionnaire(source, catalog, document.profile)
    except TableError as error:
        message = str(error)
        raise UsageError(message if "nothing written" in message else f"{message} (nothing written)") from None
    print(describe_returned(returned))
    today = cli_date(args.today, "--today", default=dt.date.today())
    try:
        file_ref = str(source.resolve().relative_to(path.resolve().parent))
    except ValueError:
        file_ref = str(source.resolve())
    old = document.profile.partners[returned.index]
    new = updated_partner(old, returned, today, file_ref)
    print(f"  the register would record for {old.name}: last screened {today.isoformat()}, questionnaire "
          f"{new.questionnaire}, file {file_ref}" + (f", open issues: {new.open_issues}" if new.open_issues else ""))
    if args.dry_run:
        print("dry run: nothing written")
        return EXIT_OK
    if not confirm(f"record this screening in {path}?", args.yes):
        print("not confirmed: nothing written")
        return EXIT_NOT_CONFIRMED
    with _saving(document):
        document.set_partner(returned.index, new)
        opened = record_gap_actions(document, catalog, returned, old, today) if args.actions else []
    print(f"{path}: {old.name} screened {today.isoformat()} with {returned.reference}")
    for action in opened:
        print(f"  corrective action {action.id} opened: {action.gap}")
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `partners` command and its subcommands."""
    p = sub.add_parser("partners", help="import or export the business-partner register, partner questionnaires")
    psub = p.add_subparsers(dest="partners_command", metavar="SUBCOMMAND")
    c = psub.add_parser(
        "import", help="add or update partners from a spreadsheet (XLSX or CSV)",
        description="Read a partner list, match each row to the register by name and country, show what would be\n"
                    "added or changed, and write it to the profile once you confirm. Columns are found by their\n"
                    "header names (Name, Role, Country, Certification, SVI, Verified, Last screened, Risk, ...);\n"
                    "other columns are left out. Empty cells never erase what the register holds.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("file", help="the partner list (.xlsx or .csv)")
    c.add_argument("path", help="the profile file")
    c.add_argument("--dry-run", action="store_true", help="show the changes without writing them")
    c.add_argument("--yes", action="store_true", help="write without asking")
    c.set_defaults(func=run_import)
    c = psub.add_parser("export", help="write the register as a spreadsheet (XLSX or CSV)")
    c.add_argument("path", help="the profile file")
    c.add_argument("--out", required=True, help="the file to write (.xlsx or .csv)")
    c.set_defaults(func=run_export)
    c = psub.add_parser(
        "questionnaire", help="security questionnaires for partners to fill in (XLSX and Word)",
        description="Write a security questionnaire for each partner named with --partner, or for every partner\n"
                    "never screened or due within 60 days: the Must criteria of the entity type that fits the\n"
                    "partner's role (a supplier gets the foreign manufacturer's, a trucking partner the highway\n"
                    "carrier's), as an Excel file with locked questions and answer cells, and a Word version.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("path", help="the profile file")
    c.add_argument("--out", required=True, help="folder for the questionnaires")
    c.add_argument("--partner", action="append", metavar="NAME", help="a partner of the register (repeatable)")
    c.add_argument("--return-by", metavar="YYYY-MM-DD", help="the date to return it by (default: in 30 days)")
    c.add_argument("--entity", metavar="SLUG", help="ask this entity type's criteria instead of the role's")
    c.add_argument("--include-should", action="store_true", help="ask the Should criteria too")
    c.add_argument("--today", help=argparse.SUPPRESS)
    c.set_defaults(func=run_questionnaire)
    c = psub.add_parser("questionnaire-import", help="read a completed questionnaire back and record the screening")
    c.add_argument("file", help="the completed questionnaire (.xlsx)")
    c.add_argument("path", help="the profile file")
    c.add_argument("--dry-run", action="store_true", help="show the summary without writing")
    c.add_argument("--yes", action="store_true", help="record without asking")
    c.add_argument("--actions", action="store_true",
                   help="also open a corrective action for each control the partner answered No or Partly")
    c.add_argument("--today", help=argparse.SUPPRESS)
    c.set_defaults(func=run_questionnaire_import)
