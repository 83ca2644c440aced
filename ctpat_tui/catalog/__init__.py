"""The MSC questionnaire catalog: typed model and validating loader."""

from ctpat_tui.catalog.loader import CatalogError, CatalogProblem, load_catalog, load_default_catalog
from ctpat_tui.catalog.model import (
    Catalog,
    Category,
    Criterion,
    Designation,
    EntityType,
    ExtraField,
    PortalQuestion,
    PortalSection,
)

__all__ = [
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "Category",
    "Criterion",
    "Designation",
    "EntityType",
    "ExtraField",
    "PortalQuestion",
    "PortalSection",
    "load_catalog",
    "load_default_catalog",
]
