"""What changed between two versions of a profile: per criterion, the register and the facilities, word by word."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ctpat_tui.catalog.model import criterion_sort_key
from ctpat_tui.cycle.history import EvidenceHash, Submission, evidence_hashes
from ctpat_tui.profile.model import PARTNER_KEY_ORDER, STATUS_LABELS, Answer, Evidence, Partner, Profile

TEXT_FIELDS = ("na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative")
PARTNER_FIELDS = tuple(key for key in PARTNER_KEY_ORDER if key != "name")
_TOKEN = re.compile(r"^\s+|\S+\s*")
CONTEXT_WORDS = 6


class DiffRefused(Exception):
    """The two profiles cannot be compared meaningfully; the message is one line."""


@dataclass(frozen=True)
class Change:
    """One difference: where (criterion, area, name), what kind, the old and new value, and a word diff of texts."""

    criterion: str
    area: str  # status | field | extra | facility | evidence | evidence_file | facilities | partner
    name: str
    kind: str  # added | removed | changed
    old: str = ""
    new: str = ""
    words: tuple[tuple[str, str], ...] = ()  # ("=", "-" or "+", text) runs of a word-level diff

    def word_diff(self, context: int = CONTEXT_WORDS) -> str:
        """The text diff as plain text: [-removed-]{+added+}, long unchanged runs shortened to ' ... '."""
        parts = []
        for index, (op, text) in enumerate(self.words):
            if op == "-":
                replaced = index + 1 < len(self.words) and self.words[index + 1][0] == "+"
                parts.append(f"[-{text.strip()}-]" + (" " if text[-1:].isspace() and not replaced else ""))
            elif op == "+":
                parts.append(f"{{+{text.strip()}+}}" + (" " if text[-1:].isspace() else ""))
            else:
                tokens = text.split()
                first, last = index == 0, index == len(self.words) - 1
                keep_head = 0 if first else context
                keep_tail = 0 if last else context
                if len(tokens) > keep_head + keep_tail + 2:
                    head = " ".join(tokens[:keep_head])
                    tail = " ".join(tokens[len(tokens) - keep_tail:]) if keep_tail else ""
                    lead = " " if text[:1].isspace() else ""
                    trail = " " if text[-1:].isspace() else ""
                    parts.append(f"{lead}{head}{' ' if head else ''}...{' ' if tail else ''}{tail}{trail}")
                else:
                    parts.append(text)
        return "".join(parts).strip()

    def describe(self) -> str:
        """One line for people: what changed and how."""
        label = self.name.replace("_", " ")
        if self.area == "status":
            return f"status: {self.old or 'not set'} -> {self.new or 'not set'}"
        if self.area == "evidence_file":
            return f"evidence file changed since it was submitted: {self.name}"
        if self.area == "evidence":
            return {"added": f"evidence added: {self.new}", "removed": f"evidence removed: {self.old}"}.get(
                self.kind, f"evidence changed: {self.old} -> {self.new}")
        if self.area == "facilities":
            return {"added": f"facility added: {self.new}", "removed": f"facility removed: {self.old}"}.get(
                self.kind, f"facility renamed: {self.old} -> {self.new}")
        if self.area == "partner":
            return {"added": f"partner added: {self.name}", "removed": f"partner removed: {self.name}"}.get(
                self.kind, f"partner {self.name}: {self.new}")
        if self.area == "facility":
            return f"facility {self.name}: {self.old or 'not set'} -> {self.new or 'not set'}"
        if self.words:
            return f"{label}: {self.word_diff()}"
        if self.kind == "added":
            return f"{label}: added: {self.new}"
        if self.kind == "removed":
            return f"{label}: removed (was: {self.old})"
        return f"{label}: {self.old} -> {self.new}"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `ctpat diff --json`."""
        data: dict[str, object] = {"criterion": self.criterion, "area": self.area, "name": self.name,
                                   "kind": self.kind, "old": self.old, "new": self.new}
        if self.words:
            data["word_diff"] = self.word_diff(context=10_000)
        return data


@dataclass(frozen=True)
class ProfileDiff:
    """Every change from a base version (a submission or another file) to the profile now."""

    base: str
    changes: tuple[Change, ...] = ()
    first: bool = False  # there is no base: nothing was submitted yet

    def changed_criteria(self) -> tuple[str, ...]:
        """Criteria with at least one change, in ID order."""
        ids = {c.criterion for c in self.changes if c.criterion}
        return tuple(sorted(ids, key=criterion_sort_key))

    def for_criterion(self, criterion_id: str) -> tuple[Change, ...]:
        """The changes of one criterion."""
        return tuple(c for c in self.changes if c.criterion == criterion_id)

    def profile_changes(self) -> tuple[Change, ...]:
        """Changes outside any criterion: the facility list and the partner register."""
        return tuple(c for c in self.changes if not c.criterion)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ctpat diff --json`."""
        return {"base": self.base, "first": self.first, "changed_criteria": list(self.changed_criteria()),
                "changes": [c.as_dict() for c in self.changes]}


def word_runs(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word-level diff of two texts as ("=" / "-" / "+", text) runs."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", "".join(b[j1:j2])))
    return tuple(runs)


def _text_change(cid: str, area: str, name: str, old: str, new: str) -> Change | None:
    if old == new:
        return None
    kind = "added" if not old else "removed" if not new else "changed"
    words = word_runs(old, new) if len(old.split()) > 2 and len(new.split()) > 2 else ()
    return Change(cid, area, name, kind, old, new, words)


def _value(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return, union-attr]
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return str(value)


def _evidence_key(item: Evidence) -> str:
    return item.file or f"{item.title}|{item.ref}"


def _evidence_label(item: Evidence) -> str:
    return " ".join(part for part in (item.title, f"({item.ref})" if item.ref else "",
                                      item.date.isoformat() if item.date else "") if part) or item.file


def _evidence_changes(cid: str, old: Answer, new: Answer, submitted: Submission | None,
                      now: Mapping[tuple[str, str], EvidenceHash]) -> list[Change]:
    changes = []
    before = {_evidence_key(e): e for e in old.evidence}
    after = {_evidence_key(e): e for e in new.evidence}
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(Change(cid, "evidence", key, "added", "", _evidence_label(item)))
            continue
        if _evidence_label(previous) != _evidence_label(item) or previous.portal_section != item.portal_section:
            changes.append(Change(cid, "evidence", key, "changed", _evidence_label(previous), _evidence_label(item)))
        if item.file:
            then = submitted.evidence_sha(cid, item.file) if submitted is not None else previous.sha256
            current = now.get((cid, item.file))
            if then and current is not None and current.sha256 and current.sha256 != then:
                changes.append(Change(cid, "evidence_file", item.file, "changed", then, current.sha256))
    for key, item in before.items():
        if key not in after:
            changes.append(Change(cid, "evidence", key, "removed", _evidence_label(item), ""))
    return changes


def _answer_changes(cid: str, old: Answer, new: Answer, submitted: Submission | None,
                    now: Mapping[tuple[str, str], EvidenceHash]) -> list[Change]:
    changes: list[Change] = []
    if old.status != new.status:
        changes.append(Change(cid, "status", "status", "changed", STATUS_LABELS.get(old.status, old.status),
                              STATUS_LABELS.get(new.status, new.status)))
    for name in TEXT_FIELDS:
        found = _text_change(cid, "field", name, old.detail(name), new.detail(name))
        if found:
            changes.append(found)
    for key in list(old.extra) + [k for k in new.extra if k not in old.extra]:
        found = _text_change(cid, "extra", key, _value(old.extra.get(key)), _value(new.extra.get(key)))
        if found:
            changes.append(found)
    for facility in list(old.facilities) + [f for f in new.facilities if f not in old.facilities]:
        before, after = old.facilities.get(facility, ""), new.facilities.get(facility, "")
        if before != after:
            changes.append(Change(cid, "facility", facility, "changed", before, after))
    changes.extend(_evidence_changes(cid, old, new, submitted, now))
    return changes


def _partner_changes(old: tuple[Partner, ...], new: tuple[Partner, ...]) -> list[Change]:
    changes = []
    before = {p.name: p for p in old}
    after = {p.name: p for p in new}
    for name, partner in after.items():
        previous = before.get(name)
        if previous is None:
            changes.append(Change("", "partner", name, "added", "", name))
            continue
        fields = [f"{f.replace('_', ' ')} {_value(getattr(previous, f)) or '-'} -> {_value(getattr(partner, f)) or '-'}"
                  for f in PARTNER_FIELDS if getattr(previous, f) != getattr(partner, f)]
        if fields:
            changes.append(Change("", "partner", name, "changed", "", "; ".join(fields)))
    changes += [Change("", "partner", name, "removed", name, "") for name in before if name not in after]
    return changes


def _facility_changes(old: Profile, new: Profile) -> list[Change]:
    before = {f.id: f.name for f in old.facilities}
    after = {f.id: f.name for f in new.facilities}
    changes = [Change("", "facilities", fid, "added", "", name) for fid, name in after.items() if fid not in before]
    changes += [Change("", "facilities", fid, "changed", before[fid], name) for fid, name in after.items()
                if fid in before and before[fid] != name]
    changes += [Change("", "facilities", fid, "removed", name, "") for fid, name in before.items() if fid not in after]
    return changes


def diff_profiles(old: Profile, new: Profile, *, base: str, submitted: Submission | None = None) -> ProfileDiff:
    """Every change from `old` to `new`; `submitted` gives the evidence hashes recorded at submission."""
    if old.entity_type != new.entity_type:
        raise DiffRefused(f"cannot compare: {base} is a {old.entity_type} profile and this one a {new.entity_type} "
                          "profile (different criteria)")
    if old.schema != new.schema:
        raise DiffRefused(f"cannot compare: {base} uses profile schema {old.schema}, this one schema {new.schema}")
    now = {(h.criterion, h.file): h for h in evidence_hashes(new)}
    changes: list[Change] = []
    ids = sorted(set(old.answers) | set(new.answers), key=criterion_sort_key)
    for cid in ids:
        changes.extend(_answer_changes(cid, old.answer(cid), new.answer(cid), submitted, now))
    changes.extend(_facility_changes(old, new))
    changes.extend(_partner_changes(old.partners, new.partners))
    return ProfileDiff(base, tuple(changes))


def diff_since_submission(profile: Profile) -> ProfileDiff:
    """What changed since the newest intact submission on record (`first` when there is none)."""
    from ctpat_tui.cycle.history import load_history, read_snapshot

    if profile.path is None:
        return ProfileDiff("no submission", first=True)
    latest = load_history(profile.path).latest
    if latest is None:
        return ProfileDiff("no submission", first=True)
    old = read_snapshot(latest, profile.path)
    return diff_profiles(old, profile, base=f"the submission of {latest.name}", submitted=latest)
