"""Submissions on record: an immutable snapshot of the profile (and its evidence hashes) for each portal entry.

Layout, next to the profile `NAME.toml`:

    NAME.submissions/
      2026-02-10/              one folder per submission, named by its date (a second one that day: 2026-02-10.2)
        profile.toml           the profile exactly as it was when submitted (byte for byte)
        submission.toml        date, portal reference, note, when and by whom it was recorded, the sha256 of
                               profile.toml and of every evidence file the profile referenced at that moment

Files in a snapshot are made read-only and never rewritten; a damaged or missing store is reported, never repaired.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from ctpat_tui.private_files import make_folder, open_new, temp_folder
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import Profile
from ctpat_tui.profile.parse import as_date
from ctpat_tui.review.files import inspect, resolve, sha256_of

SNAPSHOT_PROFILE = "profile.toml"
SNAPSHOT_MANIFEST = "submission.toml"
_ENTRY_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.(\d+))?$")
MAX_ENTRIES = 500


class SubmissionError(Exception):
    """A submission that cannot be recorded; the message is one line for the user."""


@dataclass(frozen=True)
class EvidenceHash:
    """An evidence file a submitted profile referenced, and its sha256 then ('' when it could not be read)."""

    criterion: str
    file: str
    sha256: str
    state: str = "ok"


@dataclass(frozen=True)
class Submission:
    """One submission on record (or a damaged entry: `problem` says what is wrong with it)."""

    folder: Path
    date: dt.date | None
    sequence: int = 1
    portal_ref: str = ""
    note: str = ""
    recorded: str = ""
    recorded_by: str = ""
    profile_sha256: str = ""
    evidence: tuple[EvidenceHash, ...] = ()
    problem: str = ""

    @property
    def name(self) -> str:
        """The entry's folder name (its date, with .N for a second submission that day)."""
        return self.folder.name

    @property
    def ok(self) -> bool:
        """True when the snapshot is complete and unchanged since it was recorded."""
        return not self.problem

    @property
    def profile_file(self) -> Path:
        """The submitted copy of the profile."""
        return self.folder / SNAPSHOT_PROFILE

    def evidence_sha(self, criterion: str, file: str) -> str | None:
        """The sha256 a referenced file had when submitted; None when the submission did not reference it."""
        for item in self.evidence:
            if item.criterion == criterion and item.file == file:
                return item.sha256
        return None


@dataclass(frozen=True)
class History:
    """Every submission on record for a profile, oldest first, plus problems with the store itself."""

    store: Path
    submissions: tuple[Submission, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def latest(self) -> Submission | None:
        """The newest intact submission, or None."""
        intact = [s for s in self.submissions if s.ok]
        return intact[-1] if intact else None

    @property
    def damaged(self) -> tuple[Submission, ...]:
        """Entries whose snapshot is incomplete or was changed after it was recorded."""
        return tuple(s for s in self.submissions if not s.ok)

    def messages(self) -> list[str]:
        """One line for each thing wrong with the store (for the app's status line and `ctpat history`)."""
        lines = list(self.problems)
        lines += [f"{self.store.name}/{s.name}: {s.problem}" for s in self.damaged]
        return lines


def store_for(profile_path: Path) -> Path:
    """The snapshot store of the profile at `profile_path`."""
    return profile_path.with_name(f"{profile_path.stem}.submissions")


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_entry(folder: Path) -> Submission:
    match = _ENTRY_NAME.match(folder.name)
    named = as_date(match.group(1)) if match else None
    sequence = int(match.group(2) or 1) if match else 1
    manifest = folder / SNAPSHOT_MANIFEST
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Submission(folder, named, sequence, problem=f"{SNAPSHOT_MANIFEST} is missing")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Submission(folder, named, sequence, problem=f"{SNAPSHOT_MANIFEST} cannot be read ({error})")
    day = as_date(data.get("date"))
    evidence = []
    for row in data.get("evidence", []) if isinstance(data.get("evidence"), list) else []:
        if isinstance(row, dict):
            evidence.append(EvidenceHash(str(row.get("criterion", "")), str(row.get("file", "")),
                                         str(row.get("sha256", "")), str(row.get("state", "ok"))))
    entry = Submission(folder, day, sequence, str(data.get("portal_ref", "")), str(data.get("note", "")),
                       str(data.get("recorded", "")), str(data.get("recorded_by", "")),
                       str(data.get("profile_sha256", "")), tuple(evidence))
    problem = ""
    if day is None:
        problem = f"{SNAPSHOT_MANIFEST} has no valid date"
    else:
        try:
            copy = entry.profile_file.read_bytes()
        except FileNotFoundError:
            problem = f"{SNAPSHOT_PROFILE} is missing"
        except OSError as error:
            problem = f"{SNAPSHOT_PROFILE} cannot be read ({error.strerror or error})"
        else:
            if _sha256_bytes(copy) != entry.profile_sha256:
                problem = f"{SNAPSHOT_PROFILE} was changed after it was submitted (its sha256 no longer matches)"
    if problem:
        return Submission(**{**entry.__dict__, "problem": problem})
    return entry


def load_history(profile_path: Path) -> History:
    """Every submission on record for the profile; never raises (problems are reported in the History)."""
    store = store_for(profile_path)
    try:
        info = store.lstat()
    except FileNotFoundError:
        return History(store)
    except OSError as error:
        return History(store, problems=(f"{store.name}: cannot be read ({error.strerror or error})",))
    if not stat.S_ISDIR(info.st_mode):
        return History(store, problems=(f"{store.name} is not a folder, so the submission history cannot be read",))
    problems: list[str] = []
    entries: list[Submission] = []
    try:
        names = sorted(os.listdir(store))
    except OSError as error:
        return History(store, problems=(f"{store.name}: cannot be read ({error.strerror or error})",))
    for name in names[:MAX_ENTRIES]:
        if name.startswith("."):
            continue
        folder = store / name
        if not _ENTRY_NAME.match(name) or not folder.is_dir() or folder.is_symlink():
            problems.append(f"{store.name}/{name}: not a submission (expected a folder named like 2026-02-10)")
            continue
        entries.append(_read_entry(folder))
    entries.sort(key=lambda s: (s.date or dt.date.min, s.sequence))
    return History(store, tuple(entries), tuple(problems))


def history_problems(profile: Profile) -> list[str]:
    """Everything wrong with the profile's submission history, one line each (empty when all is well)."""
    if profile.path is None:
        return []
    history = load_history(profile.path)
    problems = history.messages()
    if profile.last_submitted is not None and not history.submissions and not problems:
        problems.append(f"last_submitted is {profile.last_submitted.isoformat()} but no snapshot is on record "
                        f"({history.store.name} is missing), so changes since then cannot be shown")
    return problems


def evidence_hashes(profile: Profile) -> tuple[EvidenceHash, ...]:
    """The sha256 of every evidence file the profile references now (state says why one could not be read)."""
    found = []
    for cid, answer in profile.answers.items():
        for item in answer.evidence:
            if not item.file:
                continue
            path = resolve(profile.base_dir, item.file)
            check = inspect(path)
            digest = sha256_of(path, check) if check.state == "ok" else None
            state = check.state if check.state != "ok" else ("ok" if digest else "unreadable")
            found.append(EvidenceHash(cid, item.file, digest or "", state))
    return tuple(found)


def _manifest_text(day: dt.date, portal_ref: str, note: str, profile_sha: str,
                   evidence: tuple[EvidenceHash, ...], now: dt.datetime) -> str:
    doc = tomlkit.document()
    doc.add(tomlkit.comment("A submission on record, written by `ctpat submit`; never rewritten "
                            "(docs/profile-format.md)."))
    doc["date"] = day
    doc["portal_ref"] = portal_ref
    doc["note"] = tomlkit.string(note, multiline="\n" in note)
    doc["recorded"] = now.isoformat(timespec="seconds")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    doc["recorded_by"] = user
    doc["profile_sha256"] = profile_sha
    rows = tomlkit.aot()
    for item in evidence:
        row = tomlkit.table()
        row["criterion"] = item.criterion
        row["file"] = item.file
        row["sha256"] = item.sha256
        row["state"] = item.state
        rows.append(row)
    if len(rows):
        doc.append("evidence", rows)
    return tomlkit.dumps(doc)


def _write_read_only(path: Path, data: bytes) -> None:
    with open_new(path) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, stat.S_IMODE(path.stat().st_mode) & ~0o222)


def record_submission(profile_path: Path, profile_text: str, profile: Profile, day: dt.date, *,
                      portal_ref: str = "", note: str = "", today: dt.date | None = None,
                      now: dt.datetime | None = None) -> Submission:
    """Write a new snapshot of `profile_text` for a submission on `day`; raises SubmissionError (nothing written)."""
    today = today or dt.date.today()
    if day > today:
        raise SubmissionError(f"the submission date {day.isoformat()} is in the future (today is "
                              f"{today.isoformat()}); give the day it was entered in the portal")
    store = store_for(profile_path)
    if store.exists() and (store.is_symlink() or not store.is_dir()):
        raise SubmissionError(f"{store} is not a folder; move it aside so the submission history can be kept there")
    data = profile_text.encode("utf-8")
    evidence = evidence_hashes(profile)
    manifest = _manifest_text(day, portal_ref.strip(), note.strip(), _sha256_bytes(data), evidence,
                              now or dt.datetime.now().astimezone())
    try:
        make_folder(store)
        name, sequence = day.isoformat(), 1
        while (store / name).exists():
            sequence += 1
            name = f"{day.isoformat()}.{sequence}"
        staging = temp_folder(store, ".new-")
        try:
            _write_read_only(staging / SNAPSHOT_PROFILE, data)
            _write_read_only(staging / SNAPSHOT_MANIFEST, manifest.encode("utf-8"))
            if (store / name).exists():
                raise SubmissionError(f"{store / name} appeared while recording; try again")
            os.rename(staging, store / name)
        except BaseException:
            for leftover in (staging / SNAPSHOT_PROFILE, staging / SNAPSHOT_MANIFEST):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            with contextlib.suppress(OSError):
                staging.rmdir()
            raise
    except OSError as error:
        raise SubmissionError(f"cannot write the snapshot in {store}: {error.strerror or error}") from None
    return _read_entry(store / name)


def submit_profile(path: Path, day: dt.date, *, portal_ref: str = "", note: str = "",
                   today: dt.date | None = None) -> Submission:
    """`ctpat submit`: snapshot the saved profile and record the date as its last submission (one atomic save)."""
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.store import locked_save

    document = ProfileDocument.load(path)
    with locked_save(document):
        submission = record_submission(path, document.saved_text, document.profile, day, portal_ref=portal_ref,
                                       note=note, today=today)
        latest = document.profile.last_submitted
        if latest is None or day >= latest:
            document.set_header_date("last_submitted", day)
    return submission


def read_snapshot(submission: Submission, profile_path: Path) -> Profile:
    """The submitted profile, parsed, its evidence paths resolving against the live profile's folder."""
    from dataclasses import replace

    from ctpat_tui.profile.document import read_profile

    return replace(read_profile(submission.profile_file), path=profile_path)


__all__ = ["EvidenceHash", "History", "ProfileError", "Submission", "SubmissionError", "evidence_hashes",
           "history_problems", "load_history", "read_snapshot", "record_submission", "store_for", "submit_profile"]
