"""Per-field tests of vagueness: the words of a text, placeholders, and each field's verdict (see signals.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ctpat_tui.review import lexicon as lx
from ctpat_tui.review import text_cache

if TYPE_CHECKING:
    from ctpat_tui.review.signals import Verdict

_WORD = re.compile(r"[a-z0-9][a-z0-9'’/-]*[a-z0-9]|[a-z0-9]")
_PLACEHOLDER = re.compile("|".join(lx.PLACEHOLDERS))
_PLACEHOLDER_HINTS = ("todo", "tbd", "tbc", "xxx", "verify", "lorem", "insert", "fill in", "<", "[")


@lru_cache(maxsize=8192)
def lower(text: str) -> str:
    """`text` in lower case (cached: every test reads it)."""
    return text.lower()


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of `text`."""
    return tuple(_WORD.findall(lower(text)))


@lru_cache(maxsize=8192)
def content_words(text: str) -> tuple[str, ...]:
    """Words of `text` without stopwords, lightly stemmed (plural s dropped)."""
    result = []
    for word in words(text):
        if word in lx.STOPWORDS or len(word) < 3:
            continue
        result.append(word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word)
    return tuple(result)


@lru_cache(maxsize=8192)
def placeholder(text: str) -> str:
    """The first placeholder left in `text` ('TODO', 'TBD', '<role>'), or ''."""
    low = lower(text)
    if not any(hint in low for hint in _PLACEHOLDER_HINTS):
        return ""
    match = _PLACEHOLDER.search(low)
    return text[match.start():match.end()] if match else ""


def _judge_now(text: str, field: str) -> list[object]:
    from ctpat_tui.review.signals import judge

    found = judge(text, field)
    return [found.field, found.vague, found.problem, list(found.signals)]


def _judged(text: str, field: str) -> list:  # type: ignore[type-arg]
    """signals.judge(text, field) as [field, vague, problem, signals], from the text cache when judged before."""
    return text_cache.cached("verdict", field, text, lambda: _judge_now(text, field))


def verdict(text: str, field: str) -> Verdict:
    """The field's verdict: vague or not, the question it leaves open, and the signals that decided."""
    from ctpat_tui.review.signals import Verdict

    name, vague, problem, signals = _judged(text, field)
    return Verdict(name, vague, problem, tuple(signals))


def frequency_problem(text: str) -> str:
    """Why a frequency is vague ('' when every repeated activity has a bounded interval or a trigger)."""
    return str(_judged(text, "frequency")[2])


def owner_problem(text: str) -> str:
    """Why an owner is vague ('' when it names a role, a title, a named unit or a person tied to a role)."""
    return str(_judged(text, "owner")[2])


def records_problem(text: str) -> str:
    """Why a records description is vague ('' when it names a record and where it lives or how long)."""
    return str(_judged(text, "records")[2])


def escalation_problem(text: str) -> str:
    """Why an escalation is vague ('' when it names a recipient, a time limit and an action)."""
    return str(_judged(text, "escalation")[2])


def statement_problem(text: str, *, minimum: int = 2) -> str:
    """Why controls (or, with minimum=3, a narrative) are generic ('' when they name a mechanism)."""
    return str(_judged(text, "narrative" if minimum >= 3 else "controls")[2])
