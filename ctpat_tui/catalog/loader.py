"""Read a questionnaire directory (plus an optional local overlay) into a validated Catalog."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every start
if TYPE_CHECKING:
    from typing import Any

from ctpat_tui.catalog.parse_cache import ParseCache, default_cache_file
from ctpat_tui.catalog.model import (
    FIELD_TYPES,
    LEVELS,
    Catalog,
    Category,
    Criterion,
    Designation,
    EntityType,
    ExtraField,
    PortalQuestion,
    PortalSection,
    Variant,
    criterion_sort_key,
)
from ctpat_tui.records import record

CRITERION_ID = re.compile(r"^\d{1,2}\.\d{1,3}$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED_FIELD_NAMES = frozenset(
    {"status", "na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative",
     "facilities", "evidence", "accepted"}
)
PLACEHOLDER_TEXT = frozenset({"", "todo", "tbd"})


@record
class CatalogProblem:
    """One thing wrong in a questionnaire directory, located by file, criterion and key."""

    file: str
    criterion: str
    key: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.criterion:
            where += f": criterion {self.criterion}"
        if self.key:
            where += f": {self.key}"
        return f"{where}: {self.message}"


class CatalogError(Exception):
    """The catalog could not be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[CatalogProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the questionnaire catalog:\n{lines}")


def parse_designation(raw: str) -> Designation | None | str:
    """Parse 'must', 'should?', 'mixed' ... into a Designation; '-' gives None; anything else returns an error text."""
    text = raw.strip().lower()
    if text == "-":
        return None
    assumed = text.endswith("?")
    level = text.rstrip("?") or "unknown"
    if level not in LEVELS:
        return f"bad designation {raw!r} (use must, should or mixed, with '?' when assumed; '?' alone when it applies but its level is unknown; '-' when it does not apply)"
    return Designation(level, "assumed" if assumed else "confirmed")  # type: ignore[arg-type]


class _Reader:
    """Collects problems while reading one questionnaire directory."""

    def __init__(self, cache: ParseCache | None = None) -> None:
        self.problems: list[CatalogProblem] = []
        self.cache = cache or ParseCache(None)

    def problem(self, file: Path | str, criterion: str, key: str, message: str) -> None:
        self.problems.append(CatalogProblem(str(file), criterion, key, message))

    def read_toml(self, path: Path) -> dict[str, Any]:
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        try:
            data = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            self.problem(path, "", "", f"cannot read: {error.strerror or error}")
            return {}
        except UnicodeDecodeError:
            self.problem(path, "", "", "not UTF-8 text")
            return {}
        import tomllib  # only when the parse cache does not hold the file (about 7 ms to import)

        try:
            parsed = tomllib.loads(data)
        except tomllib.TOMLDecodeError as error:
            self.problem(path, "", "", f"invalid TOML: {error}")
            return {}
        self.cache.put(path, parsed)
        return parsed


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _load_categories(reader: _Reader, path: Path) -> tuple[Category, ...]:
    categories: list[Category] = []
    seen: set[int] = set()
    for index, row in enumerate(reader.read_toml(path).get("category", [])):
        number = row.get("number")
        if not isinstance(number, int) or number in seen:
            reader.problem(path, "", f"category[{index}].number", f"missing or duplicate number {number!r}")
            continue
        seen.add(number)
        categories.append(
            Category(number, _text(row.get("name")), _text(row.get("focus_area")), _text(row.get("default_portal_section")),
                     _text(row.get("guidance")))
        )
    if not categories:
        reader.problem(path, "", "category", "no categories defined")
    return tuple(sorted(categories, key=lambda c: c.number))


def _load_sections(reader: _Reader, path: Path) -> tuple[PortalSection, ...]:
    sections: list[PortalSection] = []
    for index, row in enumerate(reader.read_toml(path).get("portal_section", [])):
        name = _text(row.get("name"))
        order = row.get("order")
        if not name or not isinstance(order, int):
            reader.problem(path, "", f"portal_section[{index}]", "needs a name and a numeric order")
            continue
        ids = row.get("criteria", [])
        sections.append(PortalSection(order, name, tuple(str(i) for i in ids)))
    if not sections:
        reader.problem(path, "", "portal_section", "no portal sections defined")
    return tuple(sorted(sections, key=lambda s: s.order))


def _load_entities(reader: _Reader, path: Path) -> tuple[EntityType, ...]:
    entities: list[EntityType] = []
    seen: set[str] = set()
    for index, row in enumerate(reader.read_toml(path).get("entity_type", [])):
        slug = _text(row.get("slug"))
        if not slug or slug in seen:
            reader.problem(path, "", f"entity_type[{index}].slug", f"missing or duplicate slug {slug!r}")
            continue
        seen.add(slug)
        inherit = _text(row.get("inherit_from")) or None
        handles_cargo = row.get("handles_cargo", True)
        if not isinstance(handles_cargo, bool):
            reader.problem(path, "", f"{slug}.handles_cargo", "must be true or false")
            handles_cargo = True
        entities.append(
            EntityType(slug, _text(row.get("name")) or slug, _text(row.get("notes")), inherit,
                       tuple(int(c) for c in row.get("inherit_categories", [])),
                       handles_cargo, _text(row.get("no_cargo_reason")))
        )
    for entity in entities:
        if entity.inherit_from and entity.inherit_from not in seen:
            reader.problem(path, "", f"{entity.slug}.inherit_from", f"unknown entity type {entity.inherit_from!r}")
    if not entities:
        reader.problem(path, "", "entity_type", "no entity types defined")
    return tuple(entities)


def _criterion_files(directory: Path) -> list[Path]:
    criteria_dir = directory / "criteria"
    return sorted(criteria_dir.glob("*.toml")) if criteria_dir.is_dir() else []


_MERGED_TABLES = frozenset({"designations", "designation_basis", "official_text", "official_guidance"})


def _text_map(value: Any) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): _text(v) for k, v in value.items() if _text(v)}
    return {}


def _merge_entry(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Overlay one criterion entry on another: tables merge key by key, other values replace."""
    merged = dict(base)
    for key, value in override.items():
        if key in _MERGED_TABLES and isinstance(value, Mapping):
            merged[key] = {**base.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _imported_guidance(category_guidance: str, official_guidance: str) -> str:
    """Guidance for a criterion known only from CBP's MSC: the category's advice, then CBP's own guidance."""
    parts = [category_guidance or "Imported from CBP's MSC; no ctpat-tui guidance is written for this criterion yet."]
    if official_guidance:
        parts.append(f"CBP's implementation guidance (imported): {official_guidance}")
    return "\n\n".join(parts)


def _build_criterion(
    reader: _Reader,
    file: str,
    raw: Mapping[str, Any],
    category_numbers: set[int],
    entity_slugs: set[str],
    section_names: set[str],
    default_sections: Mapping[int, str],
    category_guidance: Mapping[int, str] = MappingProxyType({}),
) -> Criterion | None:
    cid = str(raw.get("id", "")).strip()
    problem_count = len(reader.problems)

    def bad(key: str, message: str) -> None:
        reader.problem(file, cid or "?", key, message)

    if not CRITERION_ID.match(cid):
        bad("id", f"missing or malformed ID {raw.get('id')!r} (expected like '7.23')")
    category = raw.get("category")
    if not isinstance(category, int) or category not in category_numbers:
        bad("category", f"unknown category {category!r}")
        category = 0
    title = _text(raw.get("title"))
    if not title:
        bad("title", "missing title")
    official_texts = _text_map(raw.get("official_text"))
    official_text = next(iter(official_texts.values()), "")
    prompt = _text(raw.get("prompt"))
    if prompt.lower() in PLACEHOLDER_TEXT:
        if official_text:
            prompt = f"Describe how your company meets this criterion: {official_text}"
        else:
            bad("prompt", "missing prompt")
    guidance = _text(raw.get("guidance"))
    if guidance.lower() in PLACEHOLDER_TEXT:
        if official_text:
            guidance = _imported_guidance(category_guidance.get(category, ""),
                                          next(iter(_text_map(raw.get("official_guidance")).values()), ""))
        else:
            bad("guidance", "missing guidance")

    designations: dict[str, Designation] = {}
    excluded: set[str] = set()
    raw_designations = raw.get("designations", {})
    if not isinstance(raw_designations, Mapping):
        bad("designations", "must be a table of entity type = designation")
        raw_designations = {}
    for slug, value in raw_designations.items():
        if slug not in entity_slugs:
            bad(f"designations.{slug}", f"unknown entity type {slug!r}")
            continue
        parsed = parse_designation(str(value))
        if isinstance(parsed, str):
            bad(f"designations.{slug}", parsed)
        elif parsed is None:
            excluded.add(slug)
        else:
            basis = _text(raw.get("designation_basis", {}).get(slug)) if isinstance(raw.get("designation_basis"), Mapping) else ""
            designations[slug] = Designation(parsed.level, parsed.confidence, basis or "reference data")

    portal_sections = tuple(str(s) for s in raw.get("portal_sections", []))
    for name in portal_sections:
        if name not in section_names:
            bad("portal_sections", f"unknown portal section {name!r}")
    assumed_section = False
    if not portal_sections and category in default_sections:
        portal_sections = (default_sections[category],)
        assumed_section = True

    fields: list[ExtraField] = []
    for index, row in enumerate(raw.get("fields", [])):
        name = _text(row.get("name"))
        kind = _text(row.get("type"))
        if not FIELD_NAME.match(name) or name in RESERVED_FIELD_NAMES:
            bad(f"fields[{index}].name", f"bad or reserved field name {name!r}")
            continue
        if kind not in FIELD_TYPES:
            bad(f"fields[{index}].type", f"unknown field type {kind!r} (use {', '.join(FIELD_TYPES)})")
            continue
        choices = tuple(str(c) for c in row.get("choices", []))
        if kind == "choice" and not choices:
            bad(f"fields[{index}].choices", "a choice field needs choices")
        bounds = [row.get(key) for key in ("min", "max")]
        if any(b is not None for b in bounds) and kind != "number":
            bad(f"fields[{index}].min", "only a number field can have min and max")
        if any(b is not None and (isinstance(b, bool) or not isinstance(b, int | float)) for b in bounds):
            bad(f"fields[{index}].min", "min and max must be numbers")
            bounds = [None, None]
        if None not in bounds and bounds[0] > bounds[1]:  # type: ignore[operator]
            bad(f"fields[{index}].min", f"min {bounds[0]} is above max {bounds[1]}")
        fields.append(ExtraField(name, kind, _text(row.get("label")) or name, bool(row.get("required", False)),  # type: ignore[arg-type]
                                 choices, bounds[0], bounds[1]))

    variants: list[Variant] = []
    for index, row in enumerate(raw.get("variant", [])):
        slugs = frozenset(str(s) for s in row.get("entities", []))
        unknown = sorted(slugs - entity_slugs)
        if unknown or not slugs:
            bad(f"variant[{index}].entities", f"unknown or missing entity types {unknown}")
        variants.append(Variant(slugs, _text(row.get("prompt")) or None, _text(row.get("guidance")) or None))

    questions = tuple(
        PortalQuestion(_text(q.get("section")), int(q.get("number", 0)), _text(q.get("label")), _text(q.get("designation")))
        for q in raw.get("portal_questions", [])
    )
    cycle = raw.get("review_cycle_months", 12)
    if not isinstance(cycle, int) or cycle <= 0:
        bad("review_cycle_months", f"must be a positive whole number of months, not {cycle!r}")
        cycle = 12
    if len(reader.problems) > problem_count:
        return None
    return Criterion(
        id=cid,
        category=category,
        title=title,
        prompt=prompt,
        guidance=guidance,
        evidence_hint=_text(raw.get("evidence_hint")),
        portal_sections=portal_sections,
        summary=_text(raw.get("summary")),
        portal_section_assumed=assumed_section,
        profile_questions=tuple(int(q) for q in raw.get("profile_questions", [])),
        tags=frozenset(str(t) for t in raw.get("tags", [])),
        sources=_text(raw.get("sources")),
        designations=MappingProxyType(designations),
        excluded=frozenset(excluded),
        portal_questions=questions,
        fields=tuple(fields),
        variants=tuple(variants),
        review_cycle_months=cycle,
        official_texts=MappingProxyType(official_texts),
        official_guidances=MappingProxyType(_text_map(raw.get("official_guidance"))),
        source_file=file,
    )


def _read_entries(reader: _Reader, directory: Path) -> list[tuple[str, dict[str, Any]]]:
    entries = []
    for path in _criterion_files(directory):
        for raw in reader.read_toml(path).get("criterion", []):
            entries.append((str(path), raw))
    return entries


def load_catalog(directory: Path | str, overlay: Path | str | None = None, *, cache: ParseCache | None = None) -> Catalog:
    """Load and validate a questionnaire directory, applying an overlay directory when given."""
    directory = Path(directory)
    reader = _Reader(cache)
    if not directory.is_dir():
        raise CatalogError([CatalogProblem(str(directory), "", "", "not a directory")])
    categories = _load_categories(reader, directory / "categories.toml")
    sections = _load_sections(reader, directory / "portal_sections.toml")
    entities = _load_entities(reader, directory / "entity_types.toml")

    entries: dict[str, tuple[str, dict[str, Any]]] = {}
    for file, raw in _read_entries(reader, directory):
        cid = str(raw.get("id", "")).strip()
        if cid in entries:
            reader.problem(file, cid, "id", f"duplicate criterion ID (also in {entries[cid][0]})")
            continue
        entries[cid] = (file, raw)
    if overlay is not None and Path(overlay).is_dir():
        for file, raw in _read_entries(reader, Path(overlay)):
            cid = str(raw.get("id", "")).strip()
            base = entries.get(cid, (file, {}))[1]
            entries[cid] = (file, _merge_entry(base, raw))

    category_numbers = {c.number for c in categories}
    entity_slugs = {e.slug for e in entities}
    section_names = {s.name for s in sections}
    default_sections = {c.number: c.default_portal_section for c in categories if c.default_portal_section}
    category_guidance = {c.number: c.guidance for c in categories if c.guidance}
    criteria: dict[str, Criterion] = {}
    for cid, (file, raw) in entries.items():
        criterion = _build_criterion(reader, file, raw, category_numbers, entity_slugs, section_names, default_sections,
                                     category_guidance)
        if criterion is not None:
            criteria[criterion.id] = criterion
    for section in sections:
        for cid in section.criteria:
            if cid not in entries:
                reader.problem(str(directory / "portal_sections.toml"), cid, f"{section.name}.criteria", "unknown criterion ID")
    if not entries:
        reader.problem(str(directory / "criteria"), "", "", "no criteria found")
    if reader.problems:
        raise CatalogError(reader.problems)
    reader.cache.save()
    ordered = {cid: criteria[cid] for cid in sorted(criteria, key=criterion_sort_key)}
    return Catalog(
        categories=categories,
        portal_sections=sections,
        entity_types=entities,
        criteria=MappingProxyType(ordered),
        source_dir=str(directory),
        overlay_dir=str(overlay) if overlay is not None and Path(overlay).is_dir() else None,
    )


def load_default_catalog() -> Catalog:
    """Load the bundled catalog plus the user's overlay (if one was imported)."""
    from ctpat_tui.catalog.overlay import active_overlay_dir
    from ctpat_tui.resources import questionnaire_dir

    directory = questionnaire_dir()
    return load_catalog(directory, active_overlay_dir(), cache=ParseCache(default_cache_file(directory)))


def iter_problems(error: CatalogError) -> Iterable[str]:
    """Each problem as one printable line."""
    return (str(p) for p in error.problems)
