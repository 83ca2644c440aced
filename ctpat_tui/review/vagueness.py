"""Per-field tests of vagueness: does a text name a period, a role, a record, a time frame, a mechanism?"""

from __future__ import annotations

import re
from functools import lru_cache

from ctpat_tui.review import lexicon as lx

_WORD = re.compile(r"[a-z0-9][a-z0-9'’/-]*[a-z0-9]|[a-z0-9]")


def _alternation(items: tuple[str, ...], *, escape: bool) -> re.Pattern[str]:
    parts = [re.escape(i) if escape else i for i in sorted(items, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


_VAGUE_FREQUENCY = _alternation(lx.VAGUE_FREQUENCY, escape=True)
_PERIOD_WORDS = _alternation(lx.PERIOD_WORDS, escape=True)
_NUMBER_PERIOD = re.compile(rf"\b{lx.NUMBER_WORDS}\s*(?:-\s*|\s)?{lx.TIME_UNITS}\b")
_EVERY_PERIOD = re.compile(rf"\b(?:every|each|per|a|once a|twice a|once per|at least once a)\s+(?:other\s+)?"
                           rf"(?:{lx.TIME_UNITS[3:-1]}|night|morning|evening|season|" + "|".join(lx.MONTHS) + r")\b",
                           )
_MONTH = re.compile(r"\b(?:in|each|every|by)\s+(?:" + "|".join(lx.MONTHS) + r")\b")
_TRIGGER = _alternation(lx.TRIGGER_PHRASES, escape=False)
_EVERY_THING = re.compile(r"\b(?:every|each|per|for each|for every|on each|on every)\s+([a-z][\w-]*)")
_VAGUE_TRIGGER = re.compile(r"\b(?:upon|on|by) request\b|\b(?:each|every) time (?:it is |as |when |if )?"
                            r"(?:needed|necessary|required|appropriate)\b")
_RETENTION = re.compile(rf"\b{lx.NUMBER_WORDS}\s*(?:-\s*|\s)?(?:years?|yrs?|months?|days?|weeks?)\b|"
                        r"\b(?:permanently|indefinitely|length of (?:employment|the contract)|life of)\b")
_TIME_FRAME = _alternation(lx.TIME_FRAME_PHRASES, escape=False)
_GENERIC = re.compile("(?=(" + "|".join(f"(?:{p})" for p in lx.GENERIC_CLAIMS) + "))")
_PLACEHOLDER = re.compile("|".join(lx.PLACEHOLDERS))
_DIGIT = re.compile(r"\d")
_PLACEHOLDER_HINTS = ("todo", "tbd", "tbc", "xxx", "verify", "lorem", "insert", "fill in", "<", "[")


@lru_cache(maxsize=8192)
def lower(text: str) -> str:
    """`text` in lower case (cached: every test reads it)."""
    return text.lower()
_NOT_NAMES = lx.STOPWORDS | lx.VAGUE_OWNER_WORDS | lx.RECORD_NOUNS | lx.RECORD_PLACES | lx.ROLE_NOUNS | frozenset(
    "security records record documentation documents department office team files system systems company "
    "compliance procedure procedures policy policies training issues problems if when all".split()
)
_GENERIC_QUALIFIERS = lx.STOPWORDS | frozenset(
    "security all relevant required necessary appropriate ctpat c-tpat company internal electronic paper various "
    "other such some any these kept are is".split()
)


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


_STRIP = "()[]{}.,;:!?\"'“”‘’"
_SENTENCE_END = ".!?:;•-"


def _name_kind(token: str, sentence_start: bool) -> bool:
    lower = token.lower()
    if lower in lx.GENERIC_ACRONYMS:
        return False
    has_digit = any(c.isdigit() for c in token)
    if has_digit:
        return any(c.isalpha() for c in token)
    if token.isupper():
        return sum(c.isalpha() for c in token) >= 2
    if any(c.isupper() for c in token[1:]):
        return True
    return len(token) > 2 and not sentence_start and lower not in _NOT_NAMES


@lru_cache(maxsize=8192)
def named_things(text: str) -> tuple[str, ...]:
    """Names of systems, documents and places: 'KnowBe4', 'SAP', 'SEC-SOP-04', 'Genetec' (mid-sentence capitals)."""
    found = []
    previous = ""
    for raw in text.split():
        token = raw.strip(_STRIP)
        sentence_start = not previous or previous[-1] in _SENTENCE_END
        previous = raw
        if token and not token.islower() and _name_kind(token, sentence_start):
            found.append(token)
    return tuple(found)


@lru_cache(maxsize=8192)
def has_period(text: str) -> bool:
    """True when `text` names a period: '12 months', 'quarterly', 'every shift', 'each January'."""
    low = lower(text)
    return bool(_NUMBER_PERIOD.search(low) or _PERIOD_WORDS.search(low) or _EVERY_PERIOD.search(low)
                or _MONTH.search(low))


@lru_cache(maxsize=8192)
def has_trigger(text: str) -> bool:
    """True when `text` names a trigger: 'every load', 'before loading', 'at hire', 'within 24 hours'."""
    cleaned = _VAGUE_TRIGGER.sub(" ", lower(text))
    if _TRIGGER.search(cleaned):
        return True
    return any(m.group(1).lower() not in lx.EVERY_GENERIC for m in _EVERY_THING.finditer(cleaned))


def vague_phrase(text: str) -> str:
    """The first vague frequency phrase in `text` ('regularly', 'as needed'), or ''."""
    match = _VAGUE_FREQUENCY.search(lower(text))
    return text[match.start():match.end()] if match else ""


@lru_cache(maxsize=8192)
def role_named(text: str) -> bool:
    """True when `text` names a role or title: 'Security Manager', 'Director of Trade Compliance', 'CTPAT POC'."""
    tokens = words(text)
    for index, token in enumerate(tokens):
        if token in lx.ROLE_ACRONYMS:
            return True
        if token not in lx.ROLE_NOUNS:
            continue
        before = [t for t in tokens[max(0, index - 3):index] if t not in lx.VAGUE_OWNER_WORDS]
        if before and before[-1] not in lx.STOPWORDS and not before[-1].isdigit():
            return True
        after = tokens[index + 1:index + 4]
        if after and after[0] in ("of", "for", "on") and any(t not in lx.VAGUE_OWNER_WORDS for t in after[1:]):
            return True
    return False


@lru_cache(maxsize=8192)
def has_time_frame(text: str) -> bool:
    """True when `text` says how fast: 'within 24 hours', 'same day', 'immediately'."""
    low = lower(text)
    return bool(_TIME_FRAME.search(low) or _NUMBER_PERIOD.search(low))


def _qualified(tokens: tuple[str, ...], nouns: frozenset[str]) -> bool:
    for index, token in enumerate(tokens):
        if token in nouns and index > 0 and tokens[index - 1] not in _GENERIC_QUALIFIERS:
            return True
    return False


@lru_cache(maxsize=8192)
def generic_claims(text: str) -> tuple[str, ...]:
    """Generic claims in `text`: 'we maintain security', 'appropriate measures', 'all employees receive training'."""
    found = {text[m.start(1):m.end(1)] for m in _GENERIC.finditer(lower(text))}
    return tuple(sorted(found, key=lambda claim: (-len(claim), claim)))


@lru_cache(maxsize=8192)
def mechanism_score(text: str) -> int:
    """How much concrete mechanism `text` shows: numbers, names, roles, concrete objects and actions."""
    tokens = set(words(text))
    score = 0
    score += 1 if _DIGIT.search(text) else 0
    score += min(2, len(set(named_things(text))))
    score += 1 if role_named(text) else 0
    score += min(3, len(tokens & lx.CONCRETE_NOUNS))
    score += min(3, len(tokens & lx.CONCRETE_VERBS))
    score += 1 if has_period(text) or has_trigger(text) else 0
    return score


@lru_cache(maxsize=8192)
def frequency_problem(text: str) -> str:
    """Why a frequency is vague ('' when it names a period or a trigger)."""
    if has_period(text) or has_trigger(text):
        return ""
    vague = vague_phrase(text)
    if vague:
        return f"'{vague}' gives no period or trigger"
    return "names no period (e.g. 'every 12 months') or trigger (e.g. 'every outbound load')"


@lru_cache(maxsize=8192)
def owner_problem(text: str) -> str:
    """Why an owner is vague ('' when it names a role or title)."""
    if role_named(text):
        return ""
    if named_things(text) and not set(words(text)) & lx.VAGUE_OWNER_WORDS:
        return "names a person or group but no role or title"
    return "names no role or title"


@lru_cache(maxsize=8192)
def records_problem(text: str) -> str:
    """Why a records description is vague ('' when it names a record, a system, a place or a retention period)."""
    tokens = words(text)
    if _RETENTION.search(lower(text)) or named_things(text):
        return ""
    if _qualified(tokens, lx.RECORD_NOUNS) or _qualified(tokens, lx.RECORD_PLACES):
        return ""
    return "names no record, system or retention period"


@lru_cache(maxsize=8192)
def escalation_problem(text: str) -> str:
    """Why an escalation is vague ('' when it names a person or role and a time frame)."""
    role, fast = role_named(text), has_time_frame(text)
    if role and fast:
        return ""
    if role:
        return "names who is told but not how fast (no time frame)"
    if fast:
        return "gives a time frame but names no person or role to escalate to"
    return "names no escalation path, person or time frame"


@lru_cache(maxsize=8192)
def statement_problem(text: str, *, minimum: int = 2) -> str:
    """Why controls or a narrative are generic ('' when they describe a mechanism)."""
    claims = generic_claims(text)
    score = mechanism_score(text)
    if len(words(text)) < 6 and score < minimum + 2:
        return "too short to describe a mechanism"
    if claims and score < minimum + 2:
        return f"generic claim ('{claims[0]}') without a mechanism"
    if score < minimum:
        return "describes no mechanism (what is done, with what, by whom)"
    return ""
