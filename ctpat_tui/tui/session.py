"""A profile open in the app: document, lock, read-only state and the synchronous, thread-safe save path."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from ctpat_tui.catalog.model import Catalog, Criterion, Designation
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import ExternalChange, ProfileError
from ctpat_tui.profile.model import Answer, Evidence, Partner, Profile
from ctpat_tui.profile.store import ProfileLock, atomic_write_text, check_unchanged

AnswerValue = str | int | float | dt.date | None


def conflict_path(path: Path, now: dt.datetime | None = None) -> Path:
    """A sibling file name for edits that could not be written over a file someone else changed."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.unsaved-{stamp}{path.suffix or '.toml'}")


class EditSession:
    """One profile being edited: every edit goes into the document at once; saving is serialized by a lock."""

    def __init__(self, catalog: Catalog, document: ProfileDocument, *, lock: ProfileLock | None = None,
                 read_only: bool = False) -> None:
        self.catalog = catalog
        self.document = document
        self.lock = lock
        self.read_only = read_only
        self.write_lock = threading.Lock()
        self.saved_revision = document.revision
        self.last_saved: dt.datetime | None = None

    # --- reading ---------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The profile file."""
        return self.document.path

    @property
    def profile(self) -> Profile:
        """The typed view of the document as it is now (immutable, safe to hand to a thread)."""
        return self.document.profile

    @property
    def entity(self) -> str:
        """The profile's entity type slug."""
        return self.profile.entity_type

    def criterion(self, criterion_id: str) -> Criterion:
        """The catalog criterion `criterion_id`."""
        return self.catalog.criteria[criterion_id]

    def designation(self, criterion_id: str) -> Designation | None:
        """How the criterion applies to this profile's entity type."""
        return self.catalog.designation(criterion_id, self.entity)

    def answer(self, criterion_id: str) -> Answer:
        """The current answer to `criterion_id`."""
        return self.profile.answer(criterion_id)

    @property
    def has_unsaved_edits(self) -> bool:
        """True when the document changed since the last save (cheap: compares revisions)."""
        return self.document.revision != self.saved_revision

    # --- editing ---------------------------------------------------------------------------

    def prepare(self) -> str:
        """Parse the editable document if that has not happened yet (a worker thread calls this once the first
        screen is drawn; an edit made before does it itself). Returns '' or, when the round-trip parser refuses
        the file, why: the session is then read-only."""
        try:
            self.document.prepare()
        except ProfileError as error:
            self.read_only = True
            return error.message
        return ""

    def _editable(self) -> bool:
        return not self.read_only and not self.prepare()

    def set_value(self, criterion_id: str, key: str, value: AnswerValue) -> bool:
        """Store one value of an answer; False when nothing changed (or the session is read-only)."""
        if not self._editable():
            return False
        current = self.answer(criterion_id)
        if _same(current, key, value):
            return False
        before = self.document.revision
        self.document.set_answer_value(criterion_id, key, value)
        return self.document.revision != before

    def set_facility(self, criterion_id: str, facility_id: str, status: str) -> bool:
        """Store one facility's status for a criterion."""
        if self.answer(criterion_id).facilities.get(facility_id, "") == status or not self._editable():
            return False
        self.document.set_facility_status(criterion_id, facility_id, status)
        return True

    def set_evidence(self, criterion_id: str, items: list[Evidence]) -> bool:
        """Replace the evidence list of a criterion."""
        if tuple(items) == self.answer(criterion_id).evidence or not self._editable():
            return False
        self.document.set_evidence(criterion_id, items)
        return True

    def add_spelling_words(self, words: list[str]) -> list[str]:
        """Teach the spelling check the company's own words (kept in the profile's [settings]); the words added."""
        if self.read_only:
            return []
        return self.document.add_spelling_words(words)

    def accept_finding(self, criterion_id: str, rule: str, reason: str) -> bool:
        """Record (or withdraw, with an empty reason) the user's acceptance of a finding."""
        if not self._editable():
            return False
        self.document.accept_finding(criterion_id, rule, reason)
        return True

    def set_partner(self, index: int | None, partner: Partner) -> int | None:
        """Add (index None) or change one partner of the register; its index, or None when nothing changed."""
        if self.read_only:
            return None
        if index is not None and self.profile.partners[index] == partner:
            return None
        return self.document.set_partner(index, partner)

    def remove_partner(self, index: int) -> bool:
        """Delete one partner from the register."""
        if self.read_only:
            return False
        self.document.remove_partner(index)
        return True

    # --- saving ----------------------------------------------------------------------------

    def snapshot(self) -> tuple[int, str]:
        """The document's revision and text now; call on the UI thread (the document is not thread-safe)."""
        return self.document.revision, self.document.dumps()

    def write(self, revision: int, text: str, *, force: bool = False, background: bool = False) -> bool:
        """Write a snapshot unless a newer one is already on disk; raises ExternalChange or ProfileError.
        `background`: called from a thread while the user may be typing (the TOML check runs in a child process)."""
        with self.write_lock:
            if revision < self.saved_revision:
                return False
            wrote = self.document.save_text(text, force=force, check_in_child=background)
            self.saved_revision = max(self.saved_revision, revision)
            self.last_saved = dt.datetime.now()
            return wrote

    def flush(self) -> Path | None:
        """Save pending edits now, synchronously; on a conflict keep them in a sibling file and return its path."""
        if self.read_only or not self.has_unsaved_edits:
            return None
        revision, text = self.snapshot()
        try:
            self.write(revision, text)
        except ExternalChange:
            return self.save_elsewhere(conflict_path(self.path), text)
        return None

    def save_elsewhere(self, target: Path, text: str | None = None) -> Path:
        """Write the current edits to another file (never over the profile); returns that path."""
        with self.write_lock:
            atomic_write_text(target, text if text is not None else self.document.dumps(), keep_backup=False)
        return target

    def changed_on_disk(self) -> bool:
        """True when someone else changed the profile file since this session last read or wrote it."""
        with self.write_lock:
            try:
                check_unchanged(self.path, self.document.disk)
            except ExternalChange:
                return True
        return False

    def reload(self) -> None:
        """Replace the document with the file on disk (the user chose 'theirs')."""
        with self.write_lock:
            self.document = ProfileDocument.load(self.path)
            self.saved_revision = self.document.revision

    def close(self) -> Path | None:
        """Flush pending edits and release the lock; returns where edits went when they could not be saved."""
        try:
            return self.flush()
        finally:
            if self.lock is not None:
                self.lock.release()


def _same(answer: Answer, key: str, value: AnswerValue) -> bool:
    if hasattr(answer, key) and key not in ("extra", "facilities", "evidence", "accepted", "criterion_id"):
        return getattr(answer, key) == (value or "")
    current = answer.extra.get(key)
    if value in (None, ""):
        return current in (None, "")
    return bool(current == value and type(current) is type(value))
