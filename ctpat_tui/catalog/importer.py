"""Import CBP's official MSC table for one entity type into the local catalog overlay."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from ctpat_tui.catalog.model import Catalog, Designation, criterion_sort_key
from ctpat_tui.catalog.msc_documents import document_title
from ctpat_tui.catalog.overlay import default_overlay_dir
from ctpat_tui.catalog.pdf_reader import read_msc_pdf
from ctpat_tui.catalog.table_reader import TableError, TableRow, data_rows
from ctpat_tui.errors import UsageError
from ctpat_tui.private_files import make_folder
from ctpat_tui.profile.store import atomic_write_text

_ID = re.compile(r"^(\d{1,2})\.(\d{1,3})$")


@dataclass(frozen=True)
class ImportedCriterion:
    """One criterion as the official table states it for the entity type."""

    id: str
    level: str
    text: str
    guidance: str
    row: int


@dataclass
class ImportPlan:
    """What an import would change, and what the user must be told about the table."""

    entity: str
    source: Path
    criteria: list[ImportedCriterion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    new_to_catalogue: list[str] = field(default_factory=list)
    pages: int = 0


def is_pdf(path: Path) -> bool:
    """True for a PDF, by its first bytes (or by its name when it cannot be read)."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(1024).lstrip().startswith(b"%PDF")
    except OSError:
        return False


def parse_level(raw: str) -> str | None:
    """'Must', 'MUST', 'must ', 'M' -> 'must'; 'Should'/'S' -> 'should'; both -> 'mixed'; else None."""
    text = raw.strip().lower().rstrip(".")
    has_must = text in ("m",) or "must" in text
    has_should = text in ("s",) or "should" in text
    if has_must and has_should:
        return "mixed"
    if has_must:
        return "must"
    if has_should:
        return "should"
    return None


def _id_text(cell: Any) -> tuple[str | None, bool]:
    """The ID as text and whether it came from a number cell (where Excel may have dropped a trailing zero)."""
    if isinstance(cell, bool) or cell is None:
        return None, False
    if isinstance(cell, (int, float)):
        text = repr(float(cell))
        return (text if _ID.match(text) else None), True
    text = re.sub(r"\s+", "", str(cell)).rstrip(".")
    return (text if _ID.match(text) else None), False


def _key(cid: str) -> tuple[int, ...]:
    return criterion_sort_key(cid)


def resolve_ids(rows: list[TableRow], known_ids: frozenset[str] = frozenset(), *,
                exact: bool = False) -> tuple[list[tuple[TableRow, str]], list[str]]:
    """Normalize every row's ID, resolving 7.2-versus-7.20 by position (then by the IDs we know) and reporting the rest.

    `exact` IDs come from printed text (a PDF), where no spreadsheet can have dropped a trailing zero.
    """
    parsed: list[tuple[TableRow, str, bool]] = []
    notes: list[str] = []
    for row in rows:
        text, numeric = _id_text(row.id)
        if text is None:
            if row.designation.strip():
                notes.append(f"{row.where}: no criterion ID in {row.id!r}; row skipped")
            continue
        parsed.append((row, text, numeric))
    majors_with_two_digits = {t.split(".")[0] for _r, t, _n in parsed if len(t.split(".")[1]) >= 2}
    resolved: list[tuple[TableRow, str]] = []
    used: set[str] = set()
    for index, (row, text, numeric) in enumerate(parsed):
        major, minor = text.split(".")
        if len(minor) == 1 and not exact and (numeric or major in majors_with_two_digits):
            alternative = f"{major}.{minor}0"
            previous = next((t for _r, t, _n in reversed(parsed[:index]) if t.split(".")[0] == major), None)
            following = next((t for _r, t, _n in parsed[index + 1:] if t.split(".")[0] == major), None)
            previous = resolved[-1][1] if resolved and resolved[-1][1].split(".")[0] == major else previous

            def fits(candidate: str, previous: str | None = previous, following: str | None = following) -> bool:
                after_previous = previous is None or _key(previous) < _key(candidate)
                before_next = following is None or following == text or _key(candidate) < _key(following)
                return after_previous and before_next and candidate not in used

            literal_fits, alternative_fits = fits(text), fits(alternative)
            if alternative_fits and not literal_fits:
                notes.append(f"{row.where}: ID {text} read as {alternative} (it sits between "
                             f"{previous or 'the start'} and {following or 'the end'}; spreadsheets drop trailing zeros)")
                text = alternative
            elif literal_fits and alternative_fits and previous is not None:
                pass  # the literal reading continues the numbering more closely than the one with a zero added
            elif literal_fits and alternative_fits and (text in known_ids) != (alternative in known_ids):
                if alternative in known_ids:
                    notes.append(f"{row.where}: ID {text} read as {alternative} (the only one of the two in the catalog)")
                    text = alternative
            elif numeric and literal_fits == alternative_fits:
                notes.append(f"{row.where}: ID {text} is ambiguous ({text} or {alternative}?); type it as text "
                             f"in the sheet (e.g. '{alternative}) and import again; row skipped")
                continue
        if text in used:
            notes.append(f"{row.where}: ID {text} appears twice; the first row is kept")
            continue
        used.add(text)
        resolved.append((row, text))
    return resolved, notes


def plan_import(catalog: Catalog, entity: str, source: Path) -> ImportPlan:
    """Read the table and compare it with the current catalog for `entity`."""
    plan = ImportPlan(entity, source)
    if is_pdf(source):
        document = read_msc_pdf(source)
        if document.entity_slug is not None and document.entity_slug != entity:
            raise TableError(f"{source}: this is the MSC for {document.entity_name} ({document.entity_slug}), not "
                             f"for {entity}; import it with --entity {document.entity_slug}, or use the document "
                             f"\"{document_title(entity)}\"")
        if document.entity_slug is None:
            plan.notes.append(f"the document does not say which entity type it is for; read as {entity}")
        rows, plan.notes[len(plan.notes):] = resolve_ids(document.rows, frozenset(catalog.criteria), exact=True)
        plan.pages = document.pages
    else:
        rows, plan.notes = resolve_ids(data_rows(source), frozenset(catalog.criteria))
    for row, cid in rows:
        level = parse_level(row.designation)
        if level is None:
            plan.notes.append(f"{row.where}: ID {cid}: Must/Should value {row.designation!r} not recognized; row skipped")
            continue
        major = int(cid.split(".")[0])
        if cid not in catalog.criteria and major not in {c.number for c in catalog.categories}:
            plan.notes.append(f"{row.where}: ID {cid}: category {major} does not exist; row skipped")
            continue
        plan.criteria.append(ImportedCriterion(cid, level, row.text, row.guidance, row.number))
    if not plan.criteria:
        raise TableError(f"{source}: no criteria with an ID and a Must/Should value were found")
    before: dict[str, Designation] = {c.id: d for c, d in catalog.applicable(entity)}
    after = {item.id: item for item in plan.criteria}
    for cid in sorted(after, key=_key):
        if cid not in catalog.criteria:
            plan.new_to_catalogue.append(cid)
        old = before.get(cid)
        if old is None:
            plan.added.append(cid)
        elif old.level != after[cid].level:
            plan.changed.append((cid, old.level, after[cid].level))
        elif old.confidence == "assumed":
            plan.confirmed.append(cid)
    plan.removed = sorted((cid for cid in before if cid not in after), key=_key)
    return plan


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.;:])\s", text.strip(), maxsplit=1)[0]
    return (first[:70].rstrip() + "...") if len(first) > 73 else first or "Imported criterion"


def overlay_text(plan: ImportPlan, catalog: Catalog) -> str:
    """The overlay file for the entity: imported designations, official wording, and removals."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Imported by `ctpat catalog import` on {dt.date.today().isoformat()} from {plan.source.name}."))
    doc.add(tomlkit.comment("Official MSC wording is CBP's; designations here are confirmed for this entity type."))
    rows = tomlkit.aot()
    for item in plan.criteria:
        entry = tomlkit.table()
        entry["id"] = item.id
        if item.id not in catalog.criteria:
            entry["category"] = int(item.id.split(".")[0])
            entry["title"] = _title_from(item.text)
        entry["designations"] = {plan.entity: item.level}
        entry["designation_basis"] = {plan.entity: "imported"}
        if item.text:
            entry["official_text"] = {plan.entity: item.text}
        if item.guidance:
            entry["official_guidance"] = {plan.entity: item.guidance}
        rows.append(entry)
    for cid in plan.removed:
        entry = tomlkit.table()
        entry["id"] = cid
        entry["designations"] = {plan.entity: "-"}
        rows.append(entry)
    doc["criterion"] = rows
    return tomlkit.dumps(doc)


def write_overlay(plan: ImportPlan, catalog: Catalog, directory: Path) -> Path:
    """Write the plan into `directory`/criteria/<entity>.toml (replacing an earlier import) and log it."""
    target = directory / "criteria" / f"{plan.entity}.toml"
    make_folder(target.parent)
    atomic_write_text(target, overlay_text(plan, catalog), keep_backup=False)
    log_path = directory / "overlay.toml"
    log = tomlkit.parse(log_path.read_text(encoding="utf-8")) if log_path.is_file() else tomlkit.document()
    imports = log.setdefault("import", tomlkit.aot())
    record = tomlkit.table()
    record["entity"] = plan.entity
    record["source"] = str(plan.source)
    record["source_sha256"] = hashlib.sha256(plan.source.read_bytes()).hexdigest()
    record["imported"] = dt.datetime.now().replace(microsecond=0)
    record["criteria"] = len(plan.criteria)
    imports.append(record)
    atomic_write_text(log_path, tomlkit.dumps(log), keep_backup=False)
    return target


def _ids(items: list[str]) -> str:
    return " ".join(items) if items else "none"


def describe(plan: ImportPlan) -> str:
    """A readable summary of the plan."""
    pages = f" (read from {plan.pages} PDF pages)" if plan.pages else ""
    lines = [f"{plan.source}: {len(plan.criteria)} criteria for {plan.entity}{pages}",
             f"  added ({len(plan.added)}): {_ids(plan.added)}",
             f"  removed ({len(plan.removed)}): {_ids(plan.removed)}",
             f"  designation changed ({len(plan.changed)}): "
             + (", ".join(f"{c} {a} -> {b}" for c, a, b in plan.changed) or "none"),
             f"  confirmed, was assumed ({len(plan.confirmed)}): {_ids(plan.confirmed)}"]
    if plan.new_to_catalogue:
        lines.append(f"  new to ctpat-tui ({len(plan.new_to_catalogue)}): {_ids(plan.new_to_catalogue)} "
                     "(added with CBP's wording as the prompt and the category's guidance, marked imported)")
    for note in plan.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def run_import(catalog: Catalog, args: argparse.Namespace) -> int:
    """CLI handler for `ctpat catalog import`."""
    from ctpat_tui.profile.document import ProfileDocument

    try:
        catalog.entity(args.entity)
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None
    try:
        plan = plan_import(catalog, args.entity, Path(args.file))
    except TableError as error:
        raise UsageError(str(error)) from None
    print(describe(plan))
    for profile_path in args.profile:
        profile = ProfileDocument.load(Path(profile_path)).profile
        orphaned = [cid for cid in plan.removed if cid in profile.answers and not profile.answers[cid].is_blank]
        if orphaned:
            print(f"  {profile_path}: answers to {_ids(orphaned)} are kept in the file; `ctpat check` lists them "
                  "as answers to criteria that no longer apply")
    if args.dry_run:
        print("dry run: nothing written")
        return 0
    directory = Path(args.into) if args.into else default_overlay_dir()
    target = write_overlay(plan, catalog, directory)
    print(f"written to {target}")
    if args.into:
        print(f"to use it, set CTPAT_CATALOG_OVERLAY={directory}")
    else:
        print("every command and the app use it from now on; `ctpat catalog list` shows the active overlay")
    sys.stdout.flush()
    return 0
