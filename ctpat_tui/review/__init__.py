"""Review rules: find what would make CBP reject or delay the profile, before submission."""

from ctpat_tui.review.engine import Review, review_answer, review_profile
from ctpat_tui.review.finding import Finding

__all__ = ["Finding", "Review", "review_answer", "review_profile"]
