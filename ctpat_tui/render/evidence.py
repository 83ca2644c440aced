"""Evidence files: where each goes in the upload bundle, and whether the file is really there and unchanged."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ctpat_tui.catalog.model import Catalog, Criterion
from ctpat_tui.hashing import sha256_fd
from ctpat_tui.profile.model import Profile

STATUS_TEXT = {
    "ok": "ok",
    "no file": "no file named",
    "not checked": "not checked",
    "missing": "missing",
    "changed": "changed since referenced",
    "folder": "is a folder, not a file",
    "special": "not a regular file",
    "dangling": "broken link",
    "unreadable": "unreadable",
}


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence reference of one criterion, with its bundle placement and file check."""

    criterion: str
    criterion_title: str
    title: str
    ref: str
    date: str
    portal_section: str
    file: str
    folder: str
    bundled_name: str
    recorded_sha256: str
    status: str = "not checked"
    sha256: str = ""
    size: int = 0

    @property
    def bundled_path(self) -> str:
        """Where the file goes inside upload/ ('' when there is no file to bundle)."""
        return f"{self.folder}/{self.bundled_name}" if self.bundled_name else ""

    @property
    def upload_path(self) -> str:
        """The bundled path when the file can be (or was) bundled, '' when it is missing or not a file."""
        return self.bundled_path if self.status in ("ok", "changed", "not checked") else ""

    @property
    def status_text(self) -> str:
        """The status in words for manifests and documents."""
        return STATUS_TEXT.get(self.status, self.status)

    @property
    def is_problem(self) -> bool:
        """True when a named file cannot be bundled as referenced."""
        return self.status in ("missing", "changed", "folder", "special", "dangling", "unreadable")

    def problem(self) -> str:
        """A one-line description of the problem, for RenderResult.problems."""
        what = f"{self.criterion} evidence {self.ref or self.title or self.file!r}: {self.file}"
        if self.status == "changed":
            return f"{what} changed since it was referenced (sha256 {self.sha256[:12]}…, recorded {self.recorded_sha256[:12]}…)"
        return f"{what} {self.status_text}"


_DANGLING_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


def safe_name(text: str, limit: int = 48) -> str:
    """ASCII letters, digits, dots, dashes and underscores only, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-._")
    name = re.sub(r"-{2,}", "-", name)
    if len(name) > limit:
        cut = name[:limit]
        name = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2:] else cut
        words = name.split("-")
        while len(words) > 1 and words[-1].lower() in _DANGLING_WORDS:
            words.pop()
        name = "-".join(words)
    return name.strip("-._")


def _section_folder(catalog: Catalog, criterion: Criterion, stated: str) -> str:
    section = catalog.section(stated) or catalog.section(criterion.primary_section)
    if section is None:
        return "00 Portal section not set"
    return f"{section.order:02d} {safe_name(section.name, 60).replace('-', ' ')}"


def plan_evidence(catalog: Catalog, profile: Profile, clean: Callable[[object, str], str]) -> list[EvidenceItem]:
    """Every evidence reference of the applicable criteria, in portal order, with unique bundle names."""
    items: list[EvidenceItem] = []
    taken: set[str] = set()
    for criterion, _designation in catalog.applicable(profile.entity_type):
        answer = profile.answers.get(criterion.id)
        if answer is None:
            continue
        for index, evidence in enumerate(answer.evidence, 1):
            where = f"{criterion.id} evidence {index}"
            title = clean(evidence.title, f"{where} title")
            ref = clean(evidence.ref, f"{where} ref")
            file = clean(evidence.file, f"{where} file")
            folder = _section_folder(catalog, criterion, evidence.portal_section)
            bundled = ""
            if file.strip():
                suffix = safe_name(Path(file).suffix.lower(), 12)
                stem = safe_name(title) or safe_name(ref) or safe_name(Path(file).stem) or "document"
                base = f"{criterion.id}_{stem}"
                bundled = f"{base}.{suffix}" if suffix else base
                counter = 2
                while f"{folder}/{bundled}".lower() in taken:
                    bundled = f"{base}-{counter}.{suffix}" if suffix else f"{base}-{counter}"
                    counter += 1
                taken.add(f"{folder}/{bundled}".lower())
            items.append(EvidenceItem(
                criterion=criterion.id, criterion_title=criterion.title, title=title, ref=ref,
                date=evidence.date.isoformat() if evidence.date else "",
                portal_section=clean(evidence.portal_section, f"{where} portal section"), file=file,
                folder=folder, bundled_name=bundled, recorded_sha256=evidence.sha256.strip().lower(),
                status="not checked" if file.strip() else "no file",
            ))
    return items


def resolve(base_dir: Path, file: str) -> Path:
    """The evidence path as the user named it, relative paths taken from the profile's folder."""
    path = Path(os.path.expanduser(file))
    return path if path.is_absolute() else base_dir / path


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[tuple[str, int | None]]:
    """Open `path` for reading only if it is (a link to) a regular file; yields (status, fd or None)."""
    fd: int | None = None
    try:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            yield "missing", None
            return
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(path)
            except OSError:
                yield "dangling", None
                return
        if stat.S_ISDIR(info.st_mode):
            yield "folder", None
            return
        if not stat.S_ISREG(info.st_mode):
            yield "special", None
            return
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except OSError:
            yield "unreadable", None
            return
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            yield "special", None
            return
        yield "ok", fd
    finally:
        if fd is not None:
            os.close(fd)


def _verdict(item: EvidenceItem, sha256: str) -> str:
    return "changed" if item.recorded_sha256 and item.recorded_sha256 != sha256 else "ok"


def check_evidence(items: list[EvidenceItem], base_dir: Path) -> list[EvidenceItem]:
    """The items with each named file looked at: missing, not a regular file, changed, or ok (with its sha256)."""
    checked = []
    cache: dict[Path, tuple[str, str, int]] = {}
    for item in items:
        if not item.file.strip():
            checked.append(item)
            continue
        path = resolve(base_dir, item.file)
        if path not in cache:
            with open_regular(path) as (status, fd):
                if fd is None:
                    cache[path] = (status, "", 0)
                else:
                    try:
                        digest, size = sha256_fd(fd)
                        cache[path] = ("ok", digest, size)
                    except OSError:
                        cache[path] = ("unreadable", "", 0)
        status, digest, size = cache[path]
        if status == "ok":
            status = _verdict(item, digest)
        checked.append(replace(item, status=status, sha256=digest, size=size))
    return checked
