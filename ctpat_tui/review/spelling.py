"""Spelling: words in an answer that neither the dictionary, the trade vocabulary nor the company's own list know."""

from __future__ import annotations

import re
import threading
from array import array
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.profile.model import Answer
from ctpat_tui.resources import questionnaire_dir
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review import text_cache
from ctpat_tui.review.rules import Example, Family, Rule

if TYPE_CHECKING:
    from spellchecker import SpellChecker

TEXT_FIELDS = ("na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative")
MAX_WORDS_SHOWN = 5

SPELL001 = Rule(
    "SPELL001", "info", "A word in an answer is not in the dictionary, the bundled trade and security vocabulary, "
    "or the profile's own spelling_words (probably misspelt).",
    Example('[answers."7.23"]\nstatus = "implemented"\n'
            'controls = "Guards recieve the seal log and check each trailor before it leaves."\n'),
    Example('[answers."7.23"]\nstatus = "implemented"\n'
            'controls = "Guards receive the seal log, do the VVTT check and record drayage moves on the bill of '
            'lading."\n'))

FAMILY = Family("Spelling", "Misspelt words make a reviewer doubt the care behind the answer.", (SPELL001,))

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*")
# links, addresses, code and paths are not words (a file name is at most 255 characters: unbounded, a long run without
# spaces such as '1.1.1.1' took seconds); each branch with a text it cannot match without (the regex is
# built from the branches a text can match, so the slow path branch runs only on texts with a slash)
_SKIP_BRANCHES = ((r"https?://\S+", "://"), (r"www\.\S+", "www."), (r"\S+@\S+", "@"), (r"`[^`\n]*`", "`"),
                  (r"\S*[\\/]\S*", "/\\"), (r"\S{1,255}\.(?:pdf|docx?|xlsx?|txt|csv|png|jpe?g)\b", "."))
_SKIP = re.compile("|".join(branch for branch, _ in _SKIP_BRANCHES), re.IGNORECASE)


@lru_cache(maxsize=64)
def _skip_pattern(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    branches = [branch for (branch, _), here in zip(_SKIP_BRANCHES, present) if here]
    return re.compile("|".join(branches), re.IGNORECASE) if branches else None


def _skip_links(text: str) -> str:
    """`_SKIP.sub(" ", text)`, leaving out the branches whose required characters the text does not hold."""
    lower = text.lower()
    present = ("://" in text, "www." in lower, "@" in text, "`" in text, "/" in text or "\\" in text, "." in text)
    pattern = _skip_pattern(present)
    return text if pattern is None else pattern.sub(" ", text)
_POSSESSIVE = ("'s", "\u2019s")
_OPENERS = " \t\"'(\u201c\u2018*-"

_lock = threading.Lock()
_checker: SpellChecker | None = None
_defer_loading = False


def defer_loading(defer: bool = True) -> None:
    """While deferred, checks skip spelling until `preload()` has run (the app loads it after its first frame)."""
    global _defer_loading
    _defer_loading = defer


def is_loaded() -> bool:
    """True once the dictionary is in memory."""
    return _checker is not None


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The bundled trade and security words (lower case)."""
    from ctpat_tui.review.lexicon import ABBREVIATIONS

    with open(questionnaire_dir() / "spelling_words.toml", "rb") as handle:
        data = tomllib.load(handle)
    shorthand = (k.rstrip(".") for k in ABBREVIATIONS if k.rstrip(".").isalpha() and len(k.rstrip(".")) > 1)
    return frozenset(str(w).lower() for w in data.get("words", [])) | frozenset(shorthand)


def preload() -> SpellChecker:
    """Load the English dictionary (once per process; safe to call from any thread): from the compact copy in the
    user cache when it is current (about 0.05 s), else from pyspellchecker's own file (0.2-0.5 s), then kept."""
    global _checker
    with _lock:
        if _checker is None:
            from spellchecker import SpellChecker

            checker = _load_cached(SpellChecker)
            if checker is None:
                checker = SpellChecker(distance=1)
                checker.word_frequency.load_words(vocabulary())
                _save_cached(checker)
            _checker = checker
        return _checker


_CACHE_MAGIC = b"CTPAT-SPELLING-2\n"


def _cache_file() -> Path | None:
    from ctpat_tui.cache_dir import cache_directory

    directory = cache_directory()
    return None if directory is None else Path(directory) / "spelling-en.bin"


def _cache_key() -> bytes:
    """What the cached dictionary was built from: pyspellchecker's version and word list, the bundled vocabulary."""
    import hashlib
    import sys

    import spellchecker

    words = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    info = words.stat()
    vocabulary_digest = hashlib.sha256("\n".join(sorted(vocabulary())).encode("utf-8")).hexdigest()
    return (f"{getattr(spellchecker, '__version__', '?')} {info.st_mtime_ns} {info.st_size} {vocabulary_digest} "
            f"{sys.byteorder} {array('q').itemsize}").encode("ascii")


def _load_cached(spell_checker: type[SpellChecker]) -> SpellChecker | None:
    """The checker from the cached copy, or None when there is none, it is stale or anything about it is wrong."""
    try:
        file = _cache_file()
        if file is None:
            return None
        data = file.read_bytes()
        key = _CACHE_MAGIC + _cache_key() + b"\n"
        if not data.startswith(key):
            return None
        letters_end = data.index(b"\n", len(key))
        letters = data[len(key):letters_end].decode("utf-8")
        longest = int.from_bytes(data[letters_end + 1:letters_end + 9], "little")
        count = int.from_bytes(data[letters_end + 9:letters_end + 17], "little")
        start = letters_end + 17
        counts = array("q")
        counts.frombytes(data[start:start + 8 * count])
        words = data[start + 8 * count:].decode("utf-8").split("\n")
        if len(words) != count or len(counts) != count:
            return None
        checker = spell_checker(language=None, distance=1)
        frequency = checker.word_frequency
        frequency.dictionary.update(dict(zip(words, counts)))
        # the totals load_words computes, stored with the words (slots: a renamed one raises, and we fall back)
        frequency._letters = set(letters)  # noqa: SLF001
        frequency._longest_word_length = longest  # noqa: SLF001
        frequency._total_words = sum(counts)  # noqa: SLF001
        frequency._unique_words = count  # noqa: SLF001
        return checker
    except Exception:  # noqa: BLE001 - a cache is only ever a shortcut: fall back to the library's own file
        return None


def _save_cached(checker: SpellChecker) -> None:
    """Keep a compact copy of the loaded dictionary (words, then counts) for the next process; failures are ignored."""
    try:
        file = _cache_file()
        dictionary = checker.word_frequency.dictionary
        if file is None or any("\n" in word for word in dictionary):
            return
        from ctpat_tui.private_files import make_folder, write_atomic

        frequency = checker.word_frequency
        letters = "".join(sorted(frequency.letters))
        if "\n" in letters:
            return
        payload = b"".join((_CACHE_MAGIC, _cache_key(), b"\n", letters.encode("utf-8"), b"\n",
                            frequency.longest_word_length.to_bytes(8, "little"),
                            len(dictionary).to_bytes(8, "little"),
                            array("q", dictionary.values()).tobytes(), "\n".join(dictionary).encode("utf-8")))
        make_folder(file.parent)
        write_atomic(file, payload)
    except Exception:  # noqa: BLE001 - not keeping the cache costs only time
        return


def _candidates(word: str) -> list[str]:
    return _suggest(word.lower())


_US_ENDINGS = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("our", "or"),
               ("ours", "ors"), ("mme", "m"), ("mmes", "ms"), ("tre", "ter"), ("tres", "ters"), ("logue", "log"),
               ("ence", "ense"), ("elled", "eled"), ("elling", "eling"), ("ement", "ment"))


@lru_cache(maxsize=4096)
def _suggest(word: str) -> list[str]:
    checker = preload()
    american = [word[:-len(gb)] + us for gb, us in _US_ENDINGS if word.endswith(gb) and _known(word[:-len(gb)] + us)]
    found = (checker.candidates(word) or set()) - {word} - set(american)
    return (american + sorted(found, key=lambda w: (-checker.word_frequency[w], w)))[:3]


def _known(word: str) -> bool:
    checker = _checker or preload()
    return word.replace("\u2019", "'") in checker.word_frequency.dictionary


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens the text, a line or a sentence (after '.', '!', '?' or ':')."""
    before = text[max(0, start - 12):start].rstrip(_OPENERS)
    if not before:
        return start <= 12 or not text[:start].strip(_OPENERS)
    return before[-1] in ".!?:\n"


def _checked_words(text: str) -> Iterable[str]:
    """The words worth checking: not acronyms, not CamelCase or names inside a sentence, not links or paths."""
    text = _skip_links(text)
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.endswith(_POSSESSIVE):
            word = word[:-2]
        if len(word) < 3 or word.isupper():
            continue
        tail = word[1:]
        if not tail.islower() and any(c.isupper() for c in tail):  # islower: no capital, without a loop per letter
            continue
        if word[0].isupper() and not _starts_sentence(text, match.start()):
            continue  # a capital inside a sentence marks a name: Laredo, Genetec
        yield word


def misspelt(text: str, own_words: frozenset[str] = frozenset()) -> list[str]:
    """Words of `text` the dictionary, vocabulary and `own_words` do not know, in order, each once."""
    return list(_misspelt(text, frozenset(own_words)))


@lru_cache(maxsize=8192)
def _misspelt(text: str, own_words: frozenset[str]) -> tuple[str, ...]:
    own = {w.lower() for w in own_words}
    bundled = vocabulary()
    dictionary = (_checker or preload()).word_frequency.dictionary
    seen: list[str] = []
    for word in _checked_words(text):
        lower = word.lower()
        if lower in own or lower in bundled or word in seen or lower.replace("\u2019", "'") in dictionary:
            continue
        seen.append(word)
    return tuple(seen)


@lru_cache(maxsize=64)
def _words_key(own_words: frozenset[str]) -> str:
    """The profile's own spelling words as part of a text-cache key."""
    import json

    return json.dumps(sorted(own_words), ensure_ascii=False)


def _judge_now(text: str, own_words: frozenset[str]) -> list[object]:
    """[[word, suggestions] for the first MAX_WORDS_SHOWN unknown words, how many unknown words in all]."""
    words = misspelt(text, own_words)
    return [[[word, _candidates(word)] for word in words[:MAX_WORDS_SHOWN]], len(words)]


def text_findings(text: str, field: str, cid: str = "", own_words: frozenset[str] = frozenset()) -> list[Finding]:
    """At most one SPELL001 finding for a field: its unknown words, each with up to three suggestions."""
    if _defer_loading and not is_loaded():
        return []
    listed, total = text_cache.cached("spelling", "", text, lambda: _judge_now(text, own_words),
                                      extra=_words_key(frozenset(own_words)))
    if not total:
        return []
    shown = []
    for word, options in listed:
        shown.append(f"'{word}' (did you mean {' or '.join(repr(o) for o in options)}?)" if options else f"'{word}'")
    more = f" and {total - MAX_WORDS_SHOWN} more" if total > MAX_WORDS_SHOWN else ""
    return [SPELL001.finding(cid, field, f"possibly misspelt: {', '.join(shown)}{more}",
                             "Correct the spelling; if a word is right (a name or a term of your trade), add it to "
                             "spelling_words in [settings] of the profile.")]


def finding_words(finding: Finding) -> list[str]:
    """The words a SPELL001 finding names (not its suggestions), in order."""
    if finding.rule != SPELL001.code:
        return []
    return re.findall(r"(?:: |, )'([^']+)'", finding.message)


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Spelling findings for one answer, unless the profile turned spelling off."""
    settings = ctx.profile.settings
    if not settings.spelling or answer.is_blank:
        return []
    findings: list[Finding] = []
    for name in TEXT_FIELDS:
        value = getattr(answer, name)
        if value:
            findings.extend(text_findings(value, name, criterion.id, settings.spelling_words))
    return findings
