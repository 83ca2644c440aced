"""Review rules: find what would make CBP reject or delay the profile, before submission."""

from ctpat_tui.review.engine import FAMILIES, Review, all_rules, lint_text, review_answer, review_profile
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.readiness import READINESS_DEFINITION, Readiness, ReadinessCounts

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
