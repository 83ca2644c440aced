"""The `ctpat partners` commands: import a partner list, export the register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ctpat_tui.catalog.table_reader import TableError
from ctpat_tui.errors import UsageError

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
    from ctpat_tui.profile.store import ProfileLock

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
    lock = ProfileLock(path)
    lock.acquire()
    try:
        apply_plan(document, plan)
        document.save()
    finally:
        lock.release()
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
