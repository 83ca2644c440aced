"""The editable profile file: a tomlkit document kept in step with its typed Profile view."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any


from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import (
    PARTNER_DATE_KEYS,
    PARTNER_KEY_ORDER,
    SCHEMA_VERSION,
    Action,
    Answer,
    Evidence,
    Partner,
    Profile,
    ReviewNote,
)
from ctpat_tui.profile.parse import (  # noqa: F401 - read_profile: callers import it from here too
    fast_data,
    make_context,
    parse_answer,
    parse_partners,
    profile_from_data,
    read_profile,
)
from ctpat_tui.profile.store import (
    DiskState,
    atomic_write_text,
    check_unchanged,
    disk_state,
    read_profile_text,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, spelled so that the check costs nothing at run time
if TYPE_CHECKING:
    import tomlkit
    from tomlkit.items import AoT, String, Table
else:
    class _Tomlkit:
        """tomlkit, imported on first use: opening a profile for the editor reads it with the stdlib (tomllib) and
        parses the editable document after the first frame, so tomlkit (about 7 ms to import) is off the start."""

        def __getattr__(self, name: str) -> Any:
            import tomlkit

            return getattr(tomlkit, name)

    tomlkit = _Tomlkit()


ANSWER_KEY_ORDER = ("status", "na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative")
_ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Normalize line endings and drop characters no TOML reader or Word file can keep."""
    return _ILLEGAL_TEXT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def toml_string(value: str) -> String:
    """A tomlkit string item: multi-line when the text has line breaks, so the file stays readable."""
    return tomlkit.string(value, multiline="\n" in value)


def _plain(value: Any) -> Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def _round_trip_parse(text: str, path: Path) -> tomlkit.TOMLDocument:
    """tomlkit's parse of profile text, raising ProfileError with line and column on any problem."""
    from tomlkit.exceptions import ParseError

    try:
        return tomlkit.parse(text)
    except ParseError as error:
        from ctpat_tui.profile.syntax_help import syntax_error_message

        message, line = syntax_error_message(path, str(error).split(" at line ")[0], error.line, text)
        raise ProfileError(str(path), message, line, error.col if line == error.line else None) from None
    except Exception as error:  # tomlkit raises a few non-ParseError errors on odd input
        raise ProfileError(str(path), f"not valid TOML: {error}") from None


def _caching(doc: tomlkit.TOMLDocument) -> tomlkit.TOMLDocument:
    """`doc` rendered through the answer cache (a plain TOMLDocument gains it; anything else is left alone)."""
    from ctpat_tui.profile.toml_cache import RenderCachingDocument, TOMLDocument

    if type(doc) is TOMLDocument and hasattr(TOMLDocument, "_render_table"):
        doc.__class__ = RenderCachingDocument
        doc._rendered = {}  # type: ignore[attr-defined]
    return doc


def _forget_answer(doc: tomlkit.TOMLDocument, criterion_id: str | None) -> None:
    """Before an answer (None: any answer) changes: the answer cache of `doc`, if it has one, renders it afresh."""
    forget = getattr(doc, "forget_answer", None)
    if forget is not None:
        forget(criterion_id)


class ProfileDocument:
    """A profile being edited: every change goes into the tomlkit document and the typed view together."""

    def __init__(self, doc: tomlkit.TOMLDocument | None, path: Path, text: str, profile: Profile) -> None:
        self._doc = _caching(doc) if doc is not None else None
        self._doc_lock = threading.Lock()
        self.path = path
        self.profile = profile
        self.saved_text = text
        self.disk: DiskState | None = None
        self.revision = 0
        self._data_to_keep: tuple[str, dict[str, Any]] | None = None  # see `open` and `prepare`
        self._opened_digest = ""  # the SHA-256 of the text `open` read

    @property
    def doc(self) -> tomlkit.TOMLDocument:
        """The editable (round-trip) document; parsed on first use when the profile was opened with `open`."""
        if self._doc is None:
            with self._doc_lock:
                if self._doc is None:
                    self._doc = _caching(_round_trip_parse(self.saved_text, self.path))
        return self._doc

    def prepare(self) -> None:
        """Parse the editable document now (a worker thread calls this once the first screen is drawn); raises
        ProfileError when the round-trip parser refuses a file the fast reader took. Then the data `open` read
        from the file, when it was not in the cache, is kept there for the next start."""
        self.doc  # noqa: B018
        kept, self._data_to_keep = self._data_to_keep, None
        if kept is not None:
            from ctpat_tui.profile import data_cache

            data_cache.store(self.path, *kept)

    def keep_saved_data(self) -> None:
        """Keep the data of the text last saved in the cache, for the next start (the editor calls this after it
        has closed, once the terminal is handed back); nothing when that text is what was opened from the cache."""
        if self.disk is not None and self.disk.digest == self._opened_digest:
            return
        from ctpat_tui.profile import data_cache

        data_cache.store_text(self.path, self.saved_text)

    # --- creating and loading ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, path: Path | str) -> ProfileDocument:
        """Parse profile text, raising ProfileError with line and column on any problem."""
        path = Path(path)
        doc = _round_trip_parse(text, path)
        profile = profile_from_data(doc.unwrap(), path, text)
        return cls(doc, path, text, profile)

    @classmethod
    def load(cls, path: Path | str) -> ProfileDocument:
        """Read and validate a profile file; the file is never written by loading."""
        path = Path(path)
        text = read_profile_text(path)
        document = cls.parse(text, path)
        document.disk = disk_state(path, text)
        return document

    @classmethod
    def open(cls, path: Path | str) -> ProfileDocument:
        """Read a profile for editing, fast: the typed view comes from the stdlib reader now (same checks and
        messages as `load`); the editable document is parsed when first needed, or by `prepare` in a thread."""
        from ctpat_tui.profile import data_cache

        path = Path(path)
        text = read_profile_text(path)
        disk = disk_state(path, text)
        data = data_cache.load(path, disk.digest)  # the data of this very text, from an earlier start
        fresh = data is None
        if data is None:
            data = fast_data(text, path)
        document = cls(None, path, text, profile_from_data(data, path, text))
        document.disk = disk
        document._opened_digest = disk.digest
        if fresh:
            document._data_to_keep = (disk.digest, data)  # kept by `prepare`, after the first frame
        return document

    @classmethod
    def new(
        cls,
        path: Path | str,
        company: str,
        entity_type: str,
        *,
        prepared_by: str = "",
        facilities: Sequence[tuple[str, str]] = (),
    ) -> ProfileDocument:
        """A fresh profile (not yet saved) with the header, facilities and an empty answers table."""
        doc = tomlkit.document()
        doc.add(tomlkit.comment("CTPAT Security Profile draft, edited with ctpat-tui (format: docs/profile-format.md)."))
        head = tomlkit.table()
        head["schema"] = SCHEMA_VERSION
        head["company"] = clean_text(company)
        head["entity_type"] = entity_type
        head["prepared_by"] = clean_text(prepared_by)
        head["version"] = "0.1"
        doc["profile"] = head
        if facilities:
            rows = tomlkit.aot()
            for facility_id, name in facilities:
                row = tomlkit.table()
                row["id"] = facility_id
                row["name"] = clean_text(name)
                rows.append(row)
            doc["facilities"] = rows
        doc["answers"] = tomlkit.table(is_super_table=True)
        text = tomlkit.dumps(doc)
        return cls.parse(text, path)

    # --- reading ----------------------------------------------------------------------------

    def dumps(self) -> str:
        """The file text as it would be saved now."""
        return tomlkit.dumps(self.doc)

    @property
    def dirty(self) -> bool:
        """True when there are edits not yet on disk."""
        return self.dumps() != self.saved_text

    # --- editing ----------------------------------------------------------------------------

    def _answers_table(self) -> Table:
        if "answers" not in self.doc:
            _forget_answer(self.doc, None)
            self.doc["answers"] = tomlkit.table(is_super_table=True)
        return self.doc["answers"]  # type: ignore[return-value]

    def _answer_table(self, criterion_id: str) -> Table:
        """The answer's table, about to be changed (its cached text is dropped)."""
        answers = self._answers_table()
        # a new table may change the spacing of its neighbours: then render every answer afresh
        _forget_answer(self.doc, criterion_id if criterion_id in answers else None)
        if criterion_id not in answers:
            table = tomlkit.table()
            for key in ANSWER_KEY_ORDER:
                table[key] = ""
            answers[criterion_id] = table
        return answers[criterion_id]  # type: ignore[return-value]

    def _refresh_answer(self, criterion_id: str) -> Answer:
        raw = _plain(self._answers_table()[criterion_id])
        answer = parse_answer(make_context(str(self.path), ""), criterion_id, raw)
        answers = dict(self.profile.answers)
        answers[criterion_id] = answer
        self.profile = replace(self.profile, answers=MappingProxyType(answers))
        self.revision += 1
        return answer

    def set_answer_value(self, criterion_id: str, key: str, value: str | int | float | dt.date | None) -> Answer:
        """Set (or with None/"" on an extra value, remove) one value of an answer; returns the new Answer."""
        table = self._answer_table(criterion_id)
        if isinstance(value, str):
            value = clean_text(value)
            current = table.get(key)
            if isinstance(current, str) and _plain(current) == value:
                return self.profile.answer(criterion_id)
            if value == "" and key not in ANSWER_KEY_ORDER:
                if key in table:
                    del table[key]
            else:
                table[key] = toml_string(value)
        elif value is None:
            if key in table:
                del table[key]
        else:
            if key in table and _plain(table[key]) == value:
                return self.profile.answer(criterion_id)
            table[key] = value
        return self._refresh_answer(criterion_id)

    def set_facility_status(self, criterion_id: str, facility_id: str, status: str) -> Answer:
        """Record how far `facility_id` has implemented the criterion ('' removes the entry)."""
        table = self._answer_table(criterion_id)
        current = dict(_plain(table.get("facilities", {})) or {})
        if status:
            current[facility_id] = status
        else:
            current.pop(facility_id, None)
        ordered = {f.id: current[f.id] for f in self.profile.facilities if f.id in current}
        ordered.update({k: v for k, v in current.items() if k not in ordered})
        inline = tomlkit.inline_table()
        inline.update(ordered)
        if ordered:
            table["facilities"] = inline
        elif "facilities" in table:
            del table["facilities"]
        return self._refresh_answer(criterion_id)

    def set_evidence(self, criterion_id: str, items: Iterable[Evidence]) -> Answer:
        """Replace the evidence list of an answer (kept in the order given)."""
        table = self._answer_table(criterion_id)
        rows = tomlkit.aot()
        for item in items:
            row = tomlkit.table()
            row["title"] = toml_string(clean_text(item.title))
            row["ref"] = toml_string(clean_text(item.ref))
            if item.date is not None:
                row["date"] = item.date
            row["portal_section"] = item.portal_section
            if item.file:
                row["file"] = clean_text(item.file)
            if item.sha256:
                row["sha256"] = item.sha256
            rows.append(row)
        if "evidence" in table:
            del table["evidence"]
        if len(rows):
            table.append("evidence", rows)
        return self._refresh_answer(criterion_id)

    def accept_finding(self, criterion_id: str, rule: str, reason: str) -> Answer:
        """Record that finding `rule` on this criterion is accepted, with the user's reason ('' withdraws it)."""
        table = self._answer_table(criterion_id)
        accepted = dict(_plain(table.get("accepted", {})) or {})
        if reason.strip():
            accepted[rule] = clean_text(reason.strip())
        else:
            accepted.pop(rule, None)
        if accepted:
            inline = tomlkit.inline_table()
            inline.update(accepted)
            lists = {key: table[key] for key in ("evidence", "review_notes") if key in table}
            for key in lists:
                del table[key]
            table["accepted"] = inline
            for key, rows in lists.items():
                table.append(key, rows)
        elif "accepted" in table:
            del table["accepted"]
        return self._refresh_answer(criterion_id)

    def set_review_notes(self, criterion_id: str, notes: Iterable[ReviewNote]) -> Answer:
        """Replace the reviewers' notes kept on an answer ([[answers."ID".review_notes]], in the order given)."""
        table = self._answer_table(criterion_id)
        rows = tomlkit.aot()
        for note in notes:
            row = tomlkit.table()
            row["text"] = toml_string(clean_text(note.text))
            for key in ("author", "date", "source"):
                if getattr(note, key):
                    row[key] = toml_string(clean_text(getattr(note, key)))
            row["resolved"] = note.resolved
            rows.append(row)
        if len(rows):
            rows[-1].add(tomlkit.nl())
        if "review_notes" in table:
            del table["review_notes"]
        if len(rows):
            table.append("review_notes", rows)
        return self._refresh_answer(criterion_id)

    def set_header(self, key: str, value: str) -> None:
        """Change one value of the [profile] table (company, prepared_by, version)."""
        head = self.doc["profile"]
        head[key] = clean_text(value)  # type: ignore[index]
        self._reparse()

    def set_header_date(self, key: str, value: dt.date | None) -> None:
        """Set or (with None) remove a date of the [profile] table (certification_date, last_submitted)."""
        head = self.doc["profile"]
        if value is None:
            if key in head:  # type: ignore[operator]
                del head[key]  # type: ignore[attr-defined]
        else:
            head[key] = value  # type: ignore[index]
        self._reparse()

    def add_spelling_words(self, words: Iterable[str]) -> list[str]:
        """Add `words` to [settings] spelling_words (the table and key are created when missing); the words added."""
        settings = self.doc.get("settings")
        if settings is None:
            settings = tomlkit.table()
            self.doc["settings"] = settings
        known = settings.get("spelling_words")
        if known is None:
            known = tomlkit.array()
            settings["spelling_words"] = known
        have = {str(w).lower() for w in known}
        added = []
        for word in words:
            word = clean_text(word).strip()
            if word and word.lower() not in have:
                known.append(word)
                have.add(word.lower())
                added.append(word)
        if added:
            self._reparse()
        return added

    def _reparse(self) -> None:
        """After a change outside the answers (which can touch the spacing of any table): re-read everything."""
        _forget_answer(self.doc, None)
        self.profile = profile_from_data(self.doc.unwrap(), self.path, "")
        self.revision += 1

    # --- the partner register --------------------------------------------------------------

    def set_partner(self, index: int | None, partner: Partner) -> int:
        """Add `partner` (index None) or replace the one at `index`, keeping keys the user added by hand; its index."""
        return self.set_partners([(index, partner)])[0]

    def set_partners(self, changes: Sequence[tuple[int | None, Partner]]) -> list[int]:
        """Add or replace several partners in one go (one re-read of the document); their indexes."""
        if "partners" not in self.doc:
            self.doc.add(tomlkit.nl())
            self.doc.append("partners", tomlkit.aot())
        rows: AoT = self.doc["partners"]  # type: ignore[assignment]
        indexes = []
        for index, partner in changes:
            if index is None:
                rows.append(tomlkit.table())
                index = len(rows) - 1
            _write_partner(rows[index], partner)
            indexes.append(index)
        _forget_answer(self.doc, None)
        try:  # only the rows written are read again: a keystroke in a register of thousands stays quick
            parsed = parse_partners(make_context(str(self.path), ""), [_plain(rows[i]) for i in indexes])
        except ProfileError:
            self._reparse()  # raises with the row's real position in the file
            raise
        partners = list(self.profile.partners)
        for index, partner in zip(indexes, parsed, strict=True):
            partners[index:index + 1] = [partner]
        self.profile = replace(self.profile, partners=tuple(partners))
        self.revision += 1
        return indexes

    def remove_partner(self, index: int) -> None:
        """Delete the partner at `index` from the register."""
        rows: AoT = self.doc["partners"]  # type: ignore[assignment]
        del rows[index]
        if not len(rows):
            del self.doc["partners"]
        self._reparse()

    # --- corrective actions and the annual review --------------------------------------------

    def next_action_id(self) -> str:
        """A new action ID (CA-001, CA-002, ...) not used yet in this profile."""
        used = {a.id for a in self.profile.actions}
        number = len(used) + 1
        while f"CA-{number:03d}" in used:
            number += 1
        return f"CA-{number:03d}"

    def set_action(self, action: Action) -> None:
        """Add `action`, or replace the action with the same ID keeping the keys the user added by hand."""
        if "actions" not in self.doc:
            self.doc.add(tomlkit.nl())
            self.doc.append("actions", tomlkit.aot())
        rows: AoT = self.doc["actions"]  # type: ignore[assignment]
        row = next((r for r in rows if _plain(r.get("id")) == action.id), None)
        if row is None:
            row = tomlkit.table()
            rows.append(row)
            row = rows[-1]
        for key in ("id", "criterion", "gap", "rule", "action", "owner", "status", "closure_evidence"):
            value = clean_text(getattr(action, key))
            if value or key in ("id", "status", "gap", "action", "owner", "criterion"):
                if _plain(row.get(key)) != value:
                    row[key] = toml_string(value)
            elif key in row:
                del row[key]
        for key in ("due", "opened", "closed", "verified"):
            day = getattr(action, key)
            if day is None:
                if key in row:
                    del row[key]
            elif _plain(row.get(key)) != day:
                row[key] = day
        self._reparse()

    def _review_table(self) -> Table:
        if "annual_review" not in self.doc:
            table = tomlkit.table()
            table.add("criteria", tomlkit.table())
            self.doc.add(tomlkit.nl())
            self.doc.append("annual_review", table)
        review: Table = self.doc["annual_review"]  # type: ignore[assignment]
        if "criteria" not in review:
            review.add("criteria", tomlkit.table())
        return review

    def start_annual_review(self, due: dt.date | None, reviewer: str, started: dt.date, *,
                            replace: bool = False) -> bool:
        """Begin (or continue) the review due on `due`; False when the review on file is for another due date and
        holds marks or a sign-off: it is kept, and only replaced with `replace=True` (the caller has checked that a
        submitted snapshot holds it, or the user agreed to drop it)."""
        current = self.profile.annual_review
        if current is not None and current.due == due:
            if reviewer and current.reviewer != reviewer:
                self._review_table()["reviewer"] = clean_text(reviewer)
                self._reparse()
            return True
        if current is not None and current.has_work and not replace:
            return False
        if "annual_review" in self.doc:
            del self.doc["annual_review"]
        table = tomlkit.table()
        if due is not None:
            table["due"] = due
        table["reviewer"] = clean_text(reviewer)
        table["started"] = started
        table.add("criteria", tomlkit.table())
        self.doc.add(tomlkit.nl())
        self.doc.append("annual_review", table)
        self._reparse()
        return True

    def mark_reviewed(self, criterion_id: str, state: str, by: str, on: dt.date, note: str = "") -> None:
        """Record the review state of one criterion ('' removes it)."""
        criteria: Table = self._review_table()["criteria"]  # type: ignore[assignment]
        if not state:
            if criterion_id in criteria:
                del criteria[criterion_id]
        else:
            mark = tomlkit.inline_table()
            mark.update({"state": state, "on": on, "by": clean_text(by)})  # a date last loses its space (tomlkit)
            if note.strip():
                mark["note"] = clean_text(note.strip())
            criteria[criterion_id] = mark
        self._reparse()

    def sign_off_review(self, by: str, on: dt.date) -> None:
        """Record who signed the completed annual review off, and when."""
        table = self._review_table()
        table["signed_off_by"] = clean_text(by)
        table["signed_off_on"] = on
        self._reparse()

    # --- saving -----------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Write the document atomically if it changed; refuses (ExternalChange) if someone else changed the file."""
        text = self.dumps()
        return self.save_text(text, force=force)

    def save_text(self, text: str, *, force: bool = False, check_in_child: bool = False) -> bool:
        """Write an already-serialized snapshot of this document (lets the UI serialize, a thread write);
        `check_in_child`: the TOML check of the text runs in a child process (see atomic_write_text)."""
        if text == self.saved_text and self.path.exists():
            return False
        if not force:
            check_unchanged(self.path, self.disk)
        atomic_write_text(self.path, text, check_in_child=check_in_child)
        self.saved_text = text
        self.disk = disk_state(self.path, text)
        return True


def _write_partner(row: Table, partner: Partner) -> None:
    """Put `partner`'s values into its [[partners]] table in key order; empty optional keys are left out."""
    for key in PARTNER_KEY_ORDER:
        value = getattr(partner, key)
        if key in PARTNER_DATE_KEYS:
            if value is None:
                if key in row:
                    del row[key]
            elif _plain(row.get(key)) != value:
                row[key] = value
            continue
        value = clean_text(value)
        if not value and key not in ("name", "role", "country", "certification", "risk"):
            if key in row:
                del row[key]
        elif _plain(row.get(key)) != value:
            row[key] = toml_string(value)


def unknown_answer_ids(profile: Profile, known_ids: Mapping[str, Any]) -> list[str]:
    """Answers whose criterion ID the catalog does not know (kept in the file, reported to the user)."""
    return [cid for cid in profile.answers if cid not in known_ids]


