"""A U.S. program speaks U.S. English: no British spellings in the questionnaires, the sample, the docs or messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_ISE = "(?:e|ed|es|ing|ation|ations)"  # -ise word endings
_WORDS = [
    "programmes?", "centres?", "licences?", "colours?", "labelled", "labelling", "enrolments?", "aluminium",
    "acknowledgements?", "fuelling", "catalogues?", "behaviours?", "favour", "honour", "labour", "analys(?:e|ed)",
    "travell(?:ed|ing)", "cancell(?:ed|ing)", "modell(?:ed|ing)", "defence", "offence", "judgement", "whilst",
    "amongst", "tyres?", "metres?", "neighbours?", "harbour", "grey",
    *(stem + _ISE for stem in ("recognis", "unauthoris", "organis", "specialis", "summaris", "prioritis",
                               "minimis", "utilis", "standardis", "finalis", "categoris")),
]
BRITISH = re.compile(rf"(?:(?<![A-Za-z_])|(?<=\\[nt]))(?:{'|'.join(_WORDS)})(?![A-Za-z_])", re.IGNORECASE)
PRODUCT_TEXT = sorted([*ROOT.glob("questionnaires/**/*.toml"), *ROOT.glob("questionnaires/*.md"),
                       ROOT / "examples" / "acme-importer" / "profile.toml", ROOT / "README.md",
                       ROOT / "docs" / "profile-format.md", ROOT / "docs" / "rules.md",
                       *ROOT.glob("ctpat_tui/tui/**/*.py"), *ROOT.glob("ctpat_tui/render/*.py"),
                       ROOT / "ctpat_tui" / "cli.py"])


@pytest.mark.parametrize("path", PRODUCT_TEXT, ids=lambda p: str(p.relative_to(ROOT)))
def test_product_text_uses_us_spelling(path: Path) -> None:
    found = sorted({m.group(0) for m in BRITISH.finditer(path.read_text(encoding="utf-8"))})
    assert not found, f"British spelling in {path.relative_to(ROOT)}: {', '.join(found)}"
