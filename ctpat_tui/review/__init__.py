"""Review rules: find what would make CBP reject or delay the profile, before submission.

The names below load the rule engine (and its compiled patterns) on first use, so that importing a light module
of this package (`ctpat_tui.review.finding`, for instance) does not.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a replayed `ctpat check` needs nothing else)
if TYPE_CHECKING:
    from typing import Any

    from ctpat_tui.review.engine import FAMILIES, Review, all_rules, lint_text, review_answer, review_profile
    from ctpat_tui.review.finding import Finding
    from ctpat_tui.review.readiness import READINESS_DEFINITION, Readiness, ReadinessCounts

_HOMES = {
    "FAMILIES": "engine", "Review": "engine", "all_rules": "engine", "lint_text": "engine",
    "review_answer": "engine", "review_profile": "engine", "Finding": "finding",
    "READINESS_DEFINITION": "readiness", "Readiness": "readiness", "ReadinessCounts": "readiness",
}

__all__ = [
    "FAMILIES",
    "READINESS_DEFINITION",
    "Finding",
    "Readiness",
    "ReadinessCounts",
    "Review",
    "all_rules",
    "lint_text",
    "review_answer",
    "review_profile",
]


def __getattr__(name: str) -> Any:
    from importlib import import_module

    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
