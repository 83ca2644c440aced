"""How much of each entity type's MSC the catalog knows, and how sure it is."""

from __future__ import annotations

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.records import field_names, record


@record
class CoverageRow:
    """Coverage figures for one entity type."""

    slug: str
    name: str
    total: int
    confirmed: int
    assumed: int
    inherited: int
    variants: int
    imported: bool

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON output."""
        return {name: getattr(self, name) for name in field_names(CoverageRow)}


def entity_coverage(catalog: Catalog, slug: str) -> CoverageRow:
    """Counts of the criteria that apply to `slug`, by confidence."""
    entity = catalog.entity(slug)
    applicable = catalog.applicable(slug)
    confirmed = sum(1 for _c, d in applicable if d.confidence == "confirmed")
    inherited = sum(1 for _c, d in applicable if d.basis.startswith("inherited"))
    variants = sum(1 for c, _d in applicable if slug == "importer" or any(slug in v.entities for v in c.variants))
    imported = any(d.basis == "imported" for _c, d in applicable)
    return CoverageRow(slug, entity.name, len(applicable), confirmed, len(applicable) - confirmed, inherited,
                       variants, imported)


def coverage_rows(catalog: Catalog) -> list[CoverageRow]:
    """Coverage for every entity type in catalog order."""
    return [entity_coverage(catalog, e.slug) for e in catalog.entity_types]
