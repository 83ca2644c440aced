"""What every rule reads: catalog, profile, today, and per-profile work cached on the profile object."""

from __future__ import annotations

import datetime as dt
import heapq
import threading
import weakref
import zlib
from collections import Counter, OrderedDict
from functools import lru_cache
from itertools import chain

from ctpat_tui.catalog.model import Catalog, Criterion, Designation
from ctpat_tui.profile.model import Profile
from ctpat_tui.records import field, record
from ctpat_tui.review.vagueness import words

SHINGLE_WORDS = 3
REUSE_MIN_WORDS = 10
REUSE_THRESHOLD = 0.7
SKETCH_SIZE = 8
SKETCH_MIN_SHARED = 3
REUSE_FIELDS = ("controls", "narrative", "escalation")
_COMPARABLE = {"controls": ("controls", "narrative"), "narrative": ("controls", "narrative"),
               "escalation": ("escalation",)}


@lru_cache(maxsize=1 << 16)
def _word_number(word: str) -> int:
    """A number for `word` that is the same in every process (Python's `hash` of a str changes with the process's
    hash seed; the hash of a tuple of ints does not)."""
    data = word.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


@lru_cache(maxsize=8192)
def shingles(text: str) -> frozenset[int]:
    """Hashed overlapping three-word sequences of `text` (empty when it has fewer than ten words). The same in
    every process, so which answers count as reused never depends on the run."""
    tokens = words(text)
    if len(tokens) < REUSE_MIN_WORDS:
        return frozenset()
    numbers = list(map(_word_number, tokens))
    return frozenset(map(hash, zip(*(numbers[i:] for i in range(SHINGLE_WORDS)))))


@lru_cache(maxsize=8192)
def sketch(text: str) -> tuple[int, ...]:
    """The smallest shingle hashes of `text`: near-duplicates almost surely share one of them."""
    return tuple(heapq.nsmallest(SKETCH_SIZE, shingles(text)))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@record
class ProfileData:
    """Per-profile work shared by all rules: applicable designations and an index of every long text."""

    designations: dict[str, Designation]
    texts: tuple[tuple[str, str, str], ...]
    sketch_index: dict[int, tuple[int, ...]]
    shingle_sets: tuple[frozenset[int], ...] = ()  # of each text, in the order of `texts`
    positions: dict[tuple[str, str], int] = field(default_factory=dict)  # (criterion, field) -> its place in `texts`
    _near: dict[tuple[int, int], bool] = field(default_factory=dict, compare=False, repr=False)  # pairs compared

    def reused_in(self, criterion_id: str, field: str, text: str) -> list[str]:
        """Other criteria whose comparable text is the same or nearly the same as `text`."""
        own = shingles(text)
        if not own:
            return []
        comparable = _COMPARABLE[field]
        postings = self.sketch_index
        shared = Counter(chain.from_iterable(postings.get(value_hash, ()) for value_hash in sketch(text)))
        candidates = sorted(i for i, count in shared.items() if count >= SKETCH_MIN_SHARED)
        at = self.positions.get((criterion_id, field))
        if at is not None and self.texts[at][2] != text:
            at = None  # another text than the profile's: compared afresh
        near, sets = self._near, self.shingle_sets
        found: list[str] = []
        for index in candidates:
            other_id, other_field, other_text = self.texts[index]
            if other_id == criterion_id or other_field not in comparable or other_id in found:
                continue
            if at is None:
                similar = jaccard(own, shingles(other_text)) >= REUSE_THRESHOLD
            else:  # each pair of the profile's texts is compared once, whichever of the two asks first
                pair = (at, index) if at < index else (index, at)
                similar = near.get(pair)  # type: ignore[assignment]
                if similar is None:
                    similar = near[pair] = jaccard(own, sets[index]) >= REUSE_THRESHOLD
            if similar:
                found.append(other_id)
        return found


def _build(catalog: Catalog, profile: Profile) -> ProfileData:
    designations = {c.id: d for c, d in catalog.applicable(profile.entity_type)}
    texts: list[tuple[str, str, str]] = []
    index: dict[int, list[int]] = {}
    for cid, answer in profile.answers.items():
        if cid not in designations or answer.status == "not_applicable":
            continue
        for name in REUSE_FIELDS:
            value = answer.detail(name)
            if not value:
                continue
            for value_hash in sketch(value):
                index.setdefault(value_hash, []).append(len(texts))
            texts.append((cid, name, value))
    return ProfileData(designations, tuple(texts), {k: tuple(v) for k, v in index.items()},
                      tuple(shingles(text) for _cid, _name, text in texts),
                      {(cid, name): place for place, (cid, name, _text) in enumerate(texts)})


_LOCK = threading.Lock()
_CACHE: OrderedDict[int, tuple[weakref.ref[Profile], weakref.ref[Catalog], ProfileData]] = OrderedDict()
_CACHE_SIZE = 16


def profile_data(catalog: Catalog, profile: Profile) -> ProfileData:
    """The cached ProfileData for this exact profile object and catalog."""
    key = id(profile)
    with _LOCK:
        entry = _CACHE.get(key)
        if entry is not None and entry[0]() is profile and entry[1]() is catalog:
            _CACHE.move_to_end(key)
            return entry[2]
    data = _build(catalog, profile)
    with _LOCK:
        _CACHE[key] = (weakref.ref(profile), weakref.ref(catalog), data)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data


@record
class ReviewContext:
    """Everything a rule may read."""

    catalog: Catalog
    profile: Profile
    today: dt.date
    data: ProfileData

    @property
    def entity(self) -> str:
        """The profile's entity type slug."""
        return self.profile.entity_type

    def designation(self, criterion_id: str) -> Designation | None:
        """How `criterion_id` applies to this profile's entity type."""
        return self.data.designations.get(criterion_id)

    def criteria_tagged(self, tag: str) -> list[Criterion]:
        """Applicable criteria carrying `tag`, in portal order."""
        return [c for c, _ in self.catalog.applicable(self.entity) if tag in c.tags]


def make_context(catalog: Catalog, profile: Profile, today: dt.date | None = None) -> ReviewContext:
    """A ReviewContext for `profile`, reusing the per-profile cache."""
    return ReviewContext(catalog, profile, today or dt.date.today(), profile_data(catalog, profile))
