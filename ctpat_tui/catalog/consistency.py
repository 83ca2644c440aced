"""Contradictions inside a loaded catalog, and between it and the MSC reference table (`ctpat catalog check`).

The loader rejects what cannot be read; these checks find what reads fine but cannot be right: wording written
for an entity type that is never shown the criterion, an entity type worded twice, a criterion nobody is asked,
and designations that disagree with the reference data (`criteria.tsv` of the shared MSC facts).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

from ctpat_tui.catalog.loader import CatalogProblem, parse_designation
from ctpat_tui.catalog.model import Catalog, Criterion

Reference = Mapping[str, Mapping[str, str]]


def _where(catalog: Catalog, criterion: Criterion) -> str:
    return criterion.source_file or catalog.source_dir


def variant_problems(catalog: Catalog) -> list[CatalogProblem]:
    """Variants never shown, entity types worded twice, and criteria no entity type is asked."""
    problems: list[CatalogProblem] = []
    slugs = [e.slug for e in catalog.entity_types]
    for criterion in catalog.criteria.values():
        file = _where(catalog, criterion)
        seen: dict[str, int] = {}
        for index, variant in enumerate(criterion.variants):
            key = f"variant[{index}]"
            if not variant.prompt and not variant.guidance:
                problems.append(CatalogProblem(file, criterion.id, key, "has neither a prompt nor guidance"))
            for slug in sorted(variant.entities):
                if slug in seen:
                    problems.append(CatalogProblem(
                        file, criterion.id, f"{key}.entities",
                        f"{slug} is already worded in variant[{seen[slug]}]; only the first one is ever shown"))
                    continue
                seen[slug] = index
                if slug in criterion.excluded:
                    problems.append(CatalogProblem(
                        file, criterion.id, f"{key}.entities",
                        f"worded for {slug}, but designations mark it '-' (does not apply); "
                        "remove the variant or give a designation"))
                elif catalog.designation(criterion.id, slug) is None:
                    problems.append(CatalogProblem(
                        file, criterion.id, f"{key}.entities",
                        f"worded for {slug}, which has no designation here, so it is never shown: add "
                        f"{slug} = \"must?\", \"should?\" or \"?\" (assumed) under [criterion.designations], "
                        "or drop it from the variant"))
        if not any(catalog.designation(criterion.id, slug) is not None for slug in slugs):
            problems.append(CatalogProblem(file, criterion.id, "designations",
                                           "no entity type is asked this criterion"))
    for entity in catalog.entity_types:
        if not entity.handles_cargo and not entity.no_cargo_reason:
            problems.append(CatalogProblem(
                str(Path(catalog.source_dir) / "entity_types.toml"), "", f"{entity.slug}.no_cargo_reason",
                "an entity type that never handles cargo needs the reason suggested for cargo-custody criteria"))
    return problems


def section_problems(catalog: Catalog) -> list[CatalogProblem]:
    """A criterion listed under a portal section that its own portal_sections do not name."""
    problems: list[CatalogProblem] = []
    file = str(Path(catalog.source_dir) / "portal_sections.toml")
    for section in catalog.portal_sections:
        for cid in section.criteria:
            criterion = catalog.criteria.get(cid)
            if criterion is not None and section.name not in criterion.portal_sections:
                problems.append(CatalogProblem(
                    file, cid, f"{section.name}.criteria",
                    f"listed here, but criterion {cid} names only {', '.join(criterion.portal_sections) or 'no section'}"))
    return problems


def read_reference(path: Path | str) -> dict[str, dict[str, str]]:
    """The MSC reference table (criteria.tsv): criterion ID -> entity slug -> raw designation cell."""
    path = Path(path)
    if path.is_dir():
        path = path / "criteria.tsv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if not rows or "id" not in rows[0]:
        raise ValueError(f"{path}: not an MSC reference table (needs an 'id' column)")
    return {row["id"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in rows}


def reference_problems(catalog: Catalog, reference: Reference, where: str = "reference") -> list[CatalogProblem]:
    """Designations that contradict the reference table: hidden, shown though excluded, other level, overclaimed."""
    problems: list[CatalogProblem] = []
    slugs = [e.slug for e in catalog.entity_types]
    for cid, row in reference.items():
        criterion = catalog.criteria.get(cid)
        if criterion is None:
            problems.append(CatalogProblem(catalog.source_dir, cid, "id", f"in the reference table ({where}) but not in the catalog"))
            continue
        file = _where(catalog, criterion)
        for slug in slugs:
            raw = row.get(slug, "")
            if not raw:
                continue   # unknown: the catalog may assume either way
            key = f"designations.{slug}"
            ours = catalog.designation(cid, slug)
            theirs = parse_designation(raw)
            if isinstance(theirs, str):
                continue   # a cell we cannot read says nothing
            if theirs is None:
                if ours is not None:
                    problems.append(CatalogProblem(file, cid, key,
                                                   f"shown as {ours.label}, but the reference says it does not apply ('-')"))
                continue
            if ours is None:
                problems.append(CatalogProblem(file, cid, key,
                                               f"hidden from {slug}, but the reference gives {raw}"))
                continue
            if ours.basis == "imported":
                continue   # the user's own import of CBP's table outranks the reference
            if theirs.level != "unknown" and ours.level not in (theirs.level, "unknown"):
                problems.append(CatalogProblem(file, cid, key, f"{ours.label}, but the reference gives {raw}"))
            elif ours.confidence == "confirmed" and theirs.confidence == "assumed":
                problems.append(CatalogProblem(file, cid, key,
                                               f"marked confirmed, but the reference only has {raw} (probable); add '?'"))
    return problems


def consistency_problems(catalog: Catalog, reference: Reference | None = None, where: str = "reference") -> list[CatalogProblem]:
    """Every contradiction `ctpat catalog check` reports for a catalog that loaded."""
    problems = variant_problems(catalog) + section_problems(catalog)
    if reference is not None:
        problems += reference_problems(catalog, reference, where)
    return problems
