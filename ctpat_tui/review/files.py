"""Look at an evidence file safely: regular files only, hashed in chunks, hashes cached by (path, mtime, size)."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections import OrderedDict
from pathlib import Path

from ctpat_tui.hashing import CHUNK, sha256_fd
from ctpat_tui.records import record

_CACHE_SIZE = 2048
_LOCK = threading.Lock()
_HASHES: OrderedDict[tuple[str, int, int, int, int], str] = OrderedDict()


@record
class FileCheck:
    """What we found at an evidence path: state is ok, missing, not_regular or unreadable."""

    state: str
    detail: str = ""
    stat_key: tuple[str, int, int, int, int] | None = None


def resolve(base_dir: Path, name: str) -> Path:
    """The evidence path as the user named it, relative to the profile's folder."""
    path = Path(name)
    try:
        path = path.expanduser()
    except RuntimeError:
        pass
    return path if path.is_absolute() else base_dir / path


def inspect(path: Path) -> FileCheck:
    """Check that `path` is a readable regular file, without opening anything else."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return FileCheck("missing", "is a broken link (its target does not exist)")
        return FileCheck("missing", "does not exist")
    except NotADirectoryError:
        return FileCheck("missing", "does not exist (a part of the path is a file, not a folder)")
    except PermissionError:
        return FileCheck("unreadable", "cannot be read (permission denied)")
    except ValueError:
        return FileCheck("unreadable", "is not a valid file name")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return FileCheck("unreadable", "is a link that points back to itself")
        return FileCheck("unreadable", f"cannot be read ({error.strerror or error})")
    if stat.S_ISDIR(info.st_mode):
        return FileCheck("not_regular", "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return FileCheck("not_regular", "is a device, pipe or socket, not a document")
    if not os.access(path, os.R_OK):
        return FileCheck("unreadable", "cannot be read (permission denied)")
    key = (str(path), info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev)
    return FileCheck("ok", "", key)


def sha256_of(path: Path, check: FileCheck) -> str | None:
    """The file's sha256 (hex), from the cache when the file is unchanged; None when it cannot be read."""
    key = check.stat_key
    if key is None:
        return None
    with _LOCK:
        cached = _HASHES.get(key)
        if cached is not None:
            _HASHES.move_to_end(key)
            return cached
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        value, _size = sha256_fd(handle)
    except OSError:
        return None
    finally:
        os.close(handle)
    with _LOCK:
        _HASHES[key] = value
        while len(_HASHES) > _CACHE_SIZE:
            _HASHES.popitem(last=False)
    return value


def normalise_sha256(value: str) -> str:
    """A recorded hash in lower-case hex, without a 'sha256:' prefix."""
    text = value.strip().lower()
    return text.split(":", 1)[1].strip() if text.startswith("sha256:") else text
