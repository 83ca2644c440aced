"""Files and folders the product creates are their owner's alone (0600 / 0700) unless the owner shares them.

Use these instead of open()/mkdir()/mkstemp() for anything the product writes:

- `make_folder(path)`: mkdir -p; each folder it creates is 0700 (2770 when shared with the group).
- `temp_folder(parent, prefix, like=None)`: mkdtemp with the same mode (or the mode of the folder it replaces).
- `open_new(path)` / `create_file(path)`: a new file (O_EXCL), 0600 (0660 shared), as a binary handle / raw fd.
- `temp_file_beside(path)`: mkstemp next to `path` with the mode and group `path` has now (a rewrite keeps what
  its owner gave it), or the private/shared mode for a new file; write, fsync, then os.replace onto `path`.
- `write_atomic(path, data)`: all of the above in one call (temp file, fsync, rename); raises OSError.

Sharing: `share = "group"` in a `.ctpat.toml` in the folder written to (or a folder above it), or in the user's
config.toml (platformdirs config dir of ctpat-tui), gives files 0660 and folders 2770 with the folder's group.
The process umask is never changed: modes are set on the new file itself before anything is written to it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import BinaryIO

SETTINGS_NAME = ".ctpat.toml"
PRIVATE, GROUP = "private", "group"
SHARE_VALUES = (PRIVATE, GROUP)
FILE_MODES = {PRIVATE: 0o600, GROUP: 0o660}
FOLDER_MODES = {PRIVATE: 0o700, GROUP: 0o2770}
_UMASK_LINE = re.compile(rb"^Umask:\s*([0-7]+)\s*$", re.MULTILINE)


def _umask_from_status() -> int | None:
    try:
        with open("/proc/self/status", "rb") as handle:
            match = _UMASK_LINE.search(handle.read())
    except OSError:
        return None
    return int(match.group(1), 8) if match else None


def _umask_at_import() -> int:
    """Read once at import, before the app starts any thread; only used where /proc is missing."""
    found = _umask_from_status()
    if found is not None:
        return found
    value = os.umask(0o077)
    os.umask(value)
    return value


_IMPORT_UMASK = _umask_at_import()


def current_umask() -> int:
    """The process umask, read without changing it (from /proc/self/status; else the value seen at import)."""
    found = _umask_from_status()
    return _IMPORT_UMASK if found is None else found


def user_settings_file() -> Path:
    """The user's own settings file: <platformdirs config dir of ctpat-tui>/config.toml."""
    from ctpat_tui.cache_dir import user_directory  # platformdirs' folder, without importing it where it can

    return Path(user_directory("config")) / "config.toml"


def _share_in(settings: Path) -> str | None:
    """The `share` value of one settings file, or None when it has none (or is not a file we trust)."""
    try:
        info = settings.stat()
        folder = settings.parent.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_mode & stat.S_IWOTH or folder.st_mode & stat.S_IWOTH:
        return None  # anyone could have written it (e.g. /tmp/.ctpat.toml): ignore it
    try:
        value = tomllib.loads(settings.read_text(encoding="utf-8")).get("share")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value.strip().lower() if isinstance(value, str) and value.strip().lower() in SHARE_VALUES else None


def settings_file_for(folder: Path) -> Path | None:
    """The settings file that decides sharing in `folder`: the nearest .ctpat.toml with `share`, else the user's."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if _share_in(candidate / SETTINGS_NAME) is not None:
            return candidate / SETTINGS_NAME
    user = user_settings_file()
    return user if _share_in(user) is not None else None


def sharing(folder: Path) -> str:
    """"group" when the settings that apply to `folder` say share = "group", else "private"."""
    settings = settings_file_for(folder)
    return (_share_in(settings) or PRIVATE) if settings is not None else PRIVATE


def _existing_parent(path: Path) -> Path:
    here = Path(os.path.abspath(path))
    for candidate in (here, *here.parents):
        if candidate.is_dir():
            return candidate
    return Path("/")


def _folder_gid(folder: Path) -> int | None:
    with contextlib.suppress(OSError):
        return folder.stat().st_gid
    return None


def _settle(target: int | Path, mode: int, gid: int | None) -> None:
    """Give the open file (fd) or new folder exactly `mode` and group `gid` (group first: chown may clear setgid)."""
    info = os.stat(target)
    if gid is not None and info.st_gid != gid:
        with contextlib.suppress(OSError):
            os.chown(target, -1, gid)
        info = os.stat(target)
        if info.st_gid != gid:
            mode &= ~0o2070  # not in that group: never hand our own group what was meant for another
    if stat.S_IMODE(info.st_mode) != mode:
        with contextlib.suppress(OSError):
            os.chmod(target, mode)


def _new_file_access(folder: Path) -> tuple[int, int | None]:
    share = sharing(folder)
    return FILE_MODES[share], (_folder_gid(folder) if share == GROUP else None)


def _access_like(path: Path, folder: Path) -> tuple[int, int | None]:
    """The mode and group a (re)written `path` gets: what it has now, or the settings' for a new file."""
    try:
        info = path.stat()
    except OSError:
        return _new_file_access(folder)
    if not stat.S_ISREG(info.st_mode):
        return _new_file_access(folder)
    return stat.S_IMODE(info.st_mode), info.st_gid


def create_file(path: Path, *, like: Path | None = None) -> int:
    """Create `path` (O_EXCL) private or group-shared by the settings, or with `like`'s mode and group; a raw fd."""
    folder = _existing_parent(path.parent)
    mode, gid = _access_like(like, folder) if like is not None else _new_file_access(folder)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode & 0o777)
    try:
        _settle(fd, mode, gid)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return fd


def open_new(path: Path, *, like: Path | None = None) -> BinaryIO:
    """Create `path` (fails when it exists) private or group-shared by the settings; an open binary handle."""
    return os.fdopen(create_file(path, like=like), "wb")


def temp_file_beside(path: Path, *, private: bool = False) -> tuple[int, str]:
    """mkstemp next to `path`, already holding the mode and group `path` has (or a new file's); (fd, name).
    `private`: 0600 and the user's own group whatever the sharing settings say (mkstemp's own mode)."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    if private:
        return fd, name
    try:
        mode, gid = _access_like(path, _existing_parent(directory))
        _settle(fd, mode, gid)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return fd, name


STALE_TEMP_SECONDS = 3600


def remove_stale_temp_files(folder: Path | str, *, older_than: float = STALE_TEMP_SECONDS, prefix: str = ".") -> int:
    """Delete the temp files `temp_file_beside` made in `folder` that a killed writer left behind (untouched for
    `older_than` seconds: a writer at work now keeps its own); how many went. Only this user's regular files, and
    only names starting with `prefix` (`.NAME.` for the temp files of the file NAME, in a folder others use too)."""
    import time

    limit = time.time() - older_than
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(prefix) and entry.name.startswith(".") and entry.name.endswith(".tmp")):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_mtime < limit:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> Path:
    """Replace `path` with `data` whole (temp file, fsync, rename), keeping an existing file's mode and group
    (`private`: 0600 whatever the sharing settings say, for caches holding a copy of a user's text)."""
    fd, tmp = temp_file_beside(path, private=private)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _new_folder_access(parent: Path) -> tuple[int, int | None]:
    share = sharing(parent)
    return FOLDER_MODES[share], (_folder_gid(parent) if share == GROUP else None)


def make_folder(path: Path) -> Path:
    """mkdir -p `path`: each folder created is 0700 (2770 with its parent's group when shared); others untouched."""
    path = Path(path)
    if path.is_dir():
        return path
    parent = path.parent
    if parent != path and not parent.is_dir():
        make_folder(parent)
    mode, gid = _new_folder_access(parent)
    try:
        os.mkdir(path, mode & 0o777)
    except FileExistsError:
        if path.is_dir():
            return path
        raise
    _settle(path, mode, gid)
    return path


def temp_folder(parent: Path, prefix: str, *, like: Path | None = None) -> Path:
    """mkdtemp in `parent` with the mode a new folder there gets, or the mode and group of the folder `like`."""
    try:
        info = like.stat() if like is not None else None
    except OSError:
        info = None
    gid: int | None
    if info is not None and stat.S_ISDIR(info.st_mode):
        mode, gid = stat.S_IMODE(info.st_mode), info.st_gid
    else:
        mode, gid = _new_folder_access(parent)
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    _settle(folder, mode, gid)
    return folder


def copy_tree(source: Path, target: Path) -> Path:
    """Copy the folder `source` into `target` (created or merged), every new folder and file private or shared."""
    make_folder(target)
    for root, dirs, files in os.walk(source):
        here = target / Path(root).relative_to(source)
        for name in sorted(dirs):
            make_folder(here / name)
        for name in sorted(files):
            write_atomic(here / name, (Path(root) / name).read_bytes())
    return target
