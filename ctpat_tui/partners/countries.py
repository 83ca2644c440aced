"""Partner countries: a name or ISO 3166 code the bundled table knows becomes its two-letter code; other text is
kept as typed, with a warning."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).resolve().parent / "data" / "countries.tsv"


@dataclass(frozen=True)
class Country:
    """One row of the table: the ISO 3166-1 codes and the name shown for them."""

    code: str
    code3: str
    name: str


@dataclass(frozen=True)
class CountryText:
    """What to store for a typed country, the country it was read as (None: not recognized), and a warning."""

    value: str
    country: Country | None
    warning: str = ""


def _plain(text: str) -> str:
    """Text as compared: accents, case, punctuation and a leading 'the' ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[^0-9a-z]+", " ", letters).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


@cache
def _table() -> tuple[dict[str, Country], dict[str, Country]]:
    """(codes, names): two- and three-letter codes, and every accepted name, each to its country."""
    codes: dict[str, Country] = {}
    names: dict[str, Country] = {}
    for line in TABLE_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, code3, name, *rest = line.split("\t")
        country = Country(code.strip().upper(), code3.strip().upper(), name.strip())
        codes[country.code] = codes[country.code3] = country
        for alias in [name, *(rest[0].split("|") if rest else [])]:
            if alias.strip():
                names.setdefault(_plain(alias), country)
    return codes, names


def find_country(text: str) -> Country | None:
    """The country `text` names (an ISO 3166 two- or three-letter code, or a name in the table), or None."""
    stripped = text.strip()
    codes, names = _table()
    if len(stripped) in (2, 3) and stripped.isalpha() and stripped.upper() in codes:
        return codes[stripped.upper()]
    return names.get(_plain(stripped)) if stripped else None


def normalize_country(text: str) -> CountryText:
    """The two-letter code for a recognized country; anything else kept exactly as typed, with a warning."""
    country = find_country(text)
    if country is not None:
        return CountryText(country.code, country)
    if not text.strip():
        return CountryText(text.strip(), None)
    return CountryText(text, None, f"Country {text.strip()!r} is not a country name or ISO 3166 code the app knows: "
                                   "kept as typed.")


def country_label(value: str) -> str:
    """How the form names a stored country: 'VN · Vietnam' for a code it knows, else the text itself."""
    country = find_country(value) if len(value.strip()) == 2 else None
    return f"{country.code} · {country.name}" if country is not None else value
