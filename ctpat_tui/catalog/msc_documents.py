"""CBP's MSC documents per entity type: how each names the entity type, and where a member finds it."""

from __future__ import annotations

import re

# How CBP's documents name each entity type (lower case; the longest match wins, so "Mexican Long Haul Highway
# Carriers" is not read as "Highway Carriers").
ENTITY_NAMES: dict[str, tuple[str, ...]] = {
    "importer": ("u.s. importers", "us importers", "importers"),
    "exporter": ("u.s. exporters", "exporters"),
    "foreign_manufacturer": ("foreign manufacturers",),
    "third_party_logistics": ("3pls", "3pl", "third party logistics providers", "third party logistics"),
    "highway_carrier": ("highway carriers", "u.s./canada highway carriers", "u.s./mexico highway carriers"),
    "mexican_long_haul_carrier": ("mexican long haul highway carriers", "mexican long haul carriers",
                                  "mexican long-haul highway carriers"),
    "rail_carrier": ("rail carriers",),
    "sea_carrier": ("sea carriers",),
    "air_carrier": ("air carriers",),
    "mpto": ("marine port authority and terminal operators", "marine port and terminal operators",
             "marine port authority and terminal operator", "mptos", "mpto"),
    "customs_broker": ("customs brokers", "licensed u.s. customs brokers"),
    "consolidator": ("consolidators", "air freight consolidators", "ocean transportation intermediaries",
                     "non-vessel operating common carriers", "nvoccs"),
}

# The title under which CBP publishes each entity type's criteria in the CTPAT resource library.
DOCUMENT_TITLES: dict[str, str] = {
    "importer": "CTPAT Minimum Security Criteria - U.S. Importers",
    "exporter": "CTPAT Minimum Security Criteria - Exporters",
    "foreign_manufacturer": "CTPAT Minimum Security Criteria - Foreign Manufacturers",
    "third_party_logistics": "CTPAT Minimum Security Criteria - Third Party Logistics Providers (3PLs)",
    "highway_carrier": "CTPAT Minimum Security Criteria - Highway Carriers",
    "mexican_long_haul_carrier": "CTPAT Minimum Security Criteria - Mexican Long Haul Highway Carriers",
    "rail_carrier": "CTPAT Minimum Security Criteria - Rail Carriers",
    "sea_carrier": "CTPAT Minimum Security Criteria - Sea Carriers",
    "air_carrier": "CTPAT Minimum Security Criteria - Air Carriers",
    "mpto": "CTPAT Minimum Security Criteria - Marine Port Authority and Terminal Operators",
    "customs_broker": "CTPAT Minimum Security Criteria - Customs Brokers",
    "consolidator": "CTPAT Minimum Security Criteria - Consolidators",
}


def document_title(slug: str) -> str:
    """The title of the entity type's MSC document in CBP's CTPAT resource library."""
    return DOCUMENT_TITLES.get(slug, "CTPAT Minimum Security Criteria for your entity type")


def where_to_get(slug: str) -> str:
    """One sentence telling the member where the document is and how to import it."""
    return (f"Download \"{document_title(slug)}\" (PDF) from CBP's CTPAT resource library and run "
            f"`ctpat catalog import FILE.pdf --entity {slug}`.")


def entity_from_name(name: str) -> str | None:
    """The slug for an entity type as a document names it ('Highway Carriers' -> 'highway_carrier'), or None."""
    text = " ".join(re.sub(r"[–—]", "-", name).lower().split())
    best: tuple[int, str] | None = None
    for slug, names in ENTITY_NAMES.items():
        for candidate in names:
            if re.search(rf"(?<![a-z0-9]){re.escape(candidate)}(?![a-z0-9])", text):
                if best is None or len(candidate) > best[0]:
                    best = (len(candidate), slug)
    return best[1] if best else None
