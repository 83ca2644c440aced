"""The profile's data as the stdlib TOML reader gave it, kept in the cache folder for the editor's next start.

Reading the sample profile (143 KB) with tomllib takes about 15 ms of the editor's start; the same data read back
from JSON takes under 1 ms. An entry is served only for the very text it was made from: it is keyed by the
SHA-256 of the file's text (which the editor computes anyway, to notice changes made by someone else), the
cache format, the ctpat-tui and Python versions. An edited, touched or replaced file therefore never gets stale
data, and an entry that cannot be read, is damaged, is not ours or does not hold what it should is ignored
(the file is then read the usual way). One small JSON file per profile path, private like the other caches;
at most MAX_ENTRIES are kept (the oldest go first). CTPAT_NO_CACHE switches it off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start
if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
FOLDER_NAME = "profile-data"
MAX_ENTRIES = 8
_DATE_TYPES = {"date": dt.date, "datetime": dt.datetime, "time": dt.time}


def _folder() -> Path | None:
    from ctpat_tui.cache_dir import cache_directory

    directory = cache_directory() if hasattr(os, "geteuid") else None  # owners and modes are POSIX's
    return None if directory is None else Path(directory) / FOLDER_NAME


def _entry_file(folder: Path, path: Path) -> Path:
    from hashlib import sha256  # imported anyway by the editor (profile.store)

    return folder / (sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json")


def _key(digest: str) -> list[Any]:
    from ctpat_tui import __version__

    return [FORMAT, __version__, list(sys.version_info[:2]), digest]


def _encode(data: Any, where: list[Any], dates: list[list[Any]]) -> Any:
    """`data` as JSON can hold it: each date, datetime or time becomes its ISO text, its place noted in `dates`."""
    if isinstance(data, dict):
        return {key: _encode(value, [*where, key], dates) for key, value in data.items()}
    if isinstance(data, list):
        return [_encode(value, [*where, index], dates) for index, value in enumerate(data)]
    if isinstance(data, (dt.date, dt.time)):  # datetime is a date
        kind = "datetime" if isinstance(data, dt.datetime) else "date" if isinstance(data, dt.date) else "time"
        dates.append([where, kind])
        return data.isoformat()
    return data


def _decode(data: Any, dates: Any) -> Any:
    """The data `_encode` was given (raises on anything that does not fit: a damaged entry)."""
    for where, kind in dates:
        *parents, last = where
        holder = data
        for step in parents:
            holder = holder[step]
        holder[last] = _DATE_TYPES[kind].fromisoformat(holder[last])
    return data


def load(path: Path, digest: str) -> dict[str, Any] | None:
    """The data of `path` if its text (of SHA-256 `digest`) is exactly what an entry was made from, else None."""
    folder = _folder()
    if folder is None:
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(_entry_file(folder, path), flags)
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.geteuid() or info.st_mode & 0o022:  # written by someone else: not trusted
                return None
            entry = json.loads(handle.read())
        if entry["key"] != _key(digest) or not isinstance(entry["data"], dict):
            return None
        return _decode(entry["data"], entry["dates"])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def store(path: Path, digest: str, data: dict[str, Any]) -> None:
    """Keep `data` (tomllib's reading of the text of SHA-256 `digest`) for the next start on `path`; a cache that
    cannot be written is simply not kept, and data that would not come back the same is not stored."""
    folder = _folder()
    if folder is None:
        return
    with contextlib.suppress(OSError, ValueError, TypeError, RecursionError):
        dates: list[list[Any]] = []
        encoded = _encode(data, [], dates)
        text = json.dumps({"key": _key(digest), "dates": dates, "data": encoded}, allow_nan=False)
        if _decode(json.loads(text)["data"], dates) != data:
            return
        target = _entry_file(folder, path)
        _write_private(folder, target, text.encode("ascii"))
        _prune(folder, keep=target)


def _write_private(folder: Path, target: Path, data: bytes) -> None:
    """Write `target` whole, readable by this user only (0700 folder, 0600 file) whatever the sharing setting says:
    an entry is a copy of a profile's text, and an entry others could write is never read back anyway."""
    from ctpat_tui.private_files import make_folder, write_atomic

    make_folder(folder.parent)
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700)
    if folder.is_symlink() or os.stat(folder).st_uid != os.geteuid():
        raise OSError("the profile data cache folder is not this user's")
    os.chmod(folder, 0o700)  # a folder made by an earlier version under a shared setting becomes private
    write_atomic(target, data, private=True)


def store_text(path: Path, text: str) -> None:
    """Keep the data of profile `text` for the next start on `path` (read here with tomllib; skipped when the text
    is not valid TOML)."""
    import tomllib

    from ctpat_tui.profile.store import fingerprint

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return
    store(path, fingerprint(text), data)


def _prune(folder: Path, keep: Path) -> None:
    """At most MAX_ENTRIES entries: the least recently written go (and temp files a killed writer left)."""
    from ctpat_tui.private_files import remove_stale_temp_files

    remove_stale_temp_files(folder)
    entries = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".json") and entry.path != str(keep):
            with contextlib.suppress(OSError):
                entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    entries.sort(reverse=True)
    for _, stale in entries[MAX_ENTRIES - 1:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)
