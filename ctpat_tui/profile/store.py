"""Safe file handling for profiles: bounded reads, atomic saves with a .bak, a session lock, change detection."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctpat_tui.private_files import create_file, open_new, temp_file_beside
from ctpat_tui.profile.errors import ExternalChange, LockHeld, ProfileError

if TYPE_CHECKING:
    import subprocess

    from ctpat_tui.profile.document import ProfileDocument

MAX_PROFILE_BYTES = 32 * 1024 * 1024


def _host() -> str:
    """This machine's name, as the session lock records it (socket is imported only when a lock is used)."""
    import socket

    return socket.gethostname()


def read_profile_text(path: Path) -> str:
    """Read a profile file as text, refusing anything that is not a readable UTF-8 regular file."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ProfileError(name, f"is a link to {os.readlink(path)}, which does not exist") from None
        raise ProfileError(name, "no such file") from None
    except OSError as error:
        raise ProfileError(name, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ProfileError(name, "is a directory, not a profile file (give the path of the .toml file)")
    if not stat.S_ISREG(info.st_mode):
        raise ProfileError(name, "is not a regular file (device, pipe or socket)")
    if info.st_size > MAX_PROFILE_BYTES:
        raise ProfileError(name, f"is {info.st_size // (1024 * 1024)} MB, larger than the {MAX_PROFILE_BYTES // (1024 * 1024)} MB a profile may be")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProfileError(name, f"cannot read: {error.strerror or error}") from None
    if b"\x00" in data:
        raise ProfileError(name, "is a binary file, not a TOML profile")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProfileError(name, "is not UTF-8 text (save it as UTF-8 and try again)", line) from None


def fingerprint(text: str) -> str:
    """A short content hash used to notice changes made by someone else."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept."""
    return path.with_name(path.name + ".bak")


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path) -> None:
    """Make `<name>.bak` the current file on disk, atomically (hard link, or copy when linking fails)."""
    if not path.is_file():
        return
    bak = backup_path(path)
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        data = path.read_bytes()
        with open_new(staging, like=path) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(staging, bak)


# Run as `python -I -S -c TOML_CHECKER FILE`: exit 0 when FILE is valid TOML, 3 when not. It lowers its own CPU
# priority first: on a small machine the check must not take a core from the app drawing the user's keys.
TOML_CHECKER = """
import os, sys, tomllib
try:
    os.nice(10)
except OSError:
    pass
try:
    with open(sys.argv[1], "rb") as handle:
        tomllib.load(handle)
except (tomllib.TOMLDecodeError, UnicodeDecodeError):
    raise SystemExit(3)
"""
# The same check as a long-lived child: reads "<length>\n<path bytes>" requests on stdin and answers each with one
# line, 0 (valid TOML), 3 (not valid) or 9 (could not read it); leaves when stdin closes (its parent is gone). It
# runs at the lowest priority, so a check hardly slows the keys the user types meanwhile. Not Linux's idle class:
# on a shared server kept busy by others that class may never run, and the save would wait for nothing.
TOML_CHECK_SERVER = """
import os, sys, tomllib
try:
    os.nice(19)
except OSError:
    pass
requests, answers = sys.stdin.buffer, sys.stdout.buffer
while True:
    line = requests.readline()
    if not line:
        break
    path = requests.read(int(line))
    try:
        with open(path, "rb") as handle:
            tomllib.load(handle)
        answer = b"0\\n"
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        answer = b"3\\n"
    except OSError:
        answer = b"9\\n"
    answers.write(answer)
    answers.flush()
"""
CHECKER_TIMEOUT = 120.0
# The long-lived checker answers a sample-sized file in milliseconds; one that has not answered in this time is
# stuck or starved, so it is ended and the one-off child (or, failing that, this process) checks instead.
SERVER_CHECK_TIMEOUT = 10.0


class TomlCheckServer:
    """One child Python, started ahead of the saves that need it, that checks written files for valid TOML.

    Starting a Python for every autosave (fork, exec, start-up: 20-40 ms of CPU and a pause of the app's
    interpreter while it forks) happened while the user typed; this child is started once, after the editing
    screen's first frame, and each check is one request on a pipe that the saving thread waits on. Any trouble
    with it (it died, hangs, answers nonsense) ends it and the caller falls back to a one-off child."""

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._executable = ""

    @property
    def running(self) -> bool:
        """True once started (until stopped): saves then ask it first."""
        return self._child is not None

    def start(self) -> bool:
        """Start the child now unless it runs; False when it cannot run."""
        with self._lock:
            return self._running() is not None

    def check(self, written: str, timeout: float = SERVER_CHECK_TIMEOUT) -> int | None:
        """0 when the file `written` is valid TOML, 3 when not, None when the child could not tell."""
        import select

        with self._lock:
            child = self._running()
            if child is None or child.stdin is None or child.stdout is None:
                return None
            request = os.fsencode(written)
            try:
                child.stdin.write(b"%d\n" % len(request) + request)
                child.stdin.flush()
                ready, _, _ = select.select([child.stdout], [], [], timeout)
                answer = child.stdout.readline() if ready else b""
            except (OSError, ValueError):
                answer = b""
            if answer in (b"0\n", b"3\n"):
                return int(answer)
            self._stop()
            return None

    def stop(self) -> None:
        """End the child (it would also leave by itself once this process is gone)."""
        with self._lock:
            self._stop()

    def _running(self) -> subprocess.Popen[bytes] | None:
        import subprocess
        import sys

        child = self._child
        if child is not None and child.poll() is None and self._executable == sys.executable:
            return child
        self._stop()
        if not self._executable:
            import atexit

            atexit.register(self.stop)
        try:
            self._child = subprocess.Popen([sys.executable, "-I", "-S", "-c", TOML_CHECK_SERVER],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        self._executable = sys.executable
        return self._child

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        with contextlib.suppress(OSError, ValueError):
            if child.stdin is not None:
                child.stdin.close()
        with contextlib.suppress(OSError):
            child.kill()
        with contextlib.suppress(Exception):
            child.wait(timeout=5)
        with contextlib.suppress(OSError, ValueError):
            if child.stdout is not None:
                child.stdout.close()


TOML_CHECK_SERVER_PROCESS = TomlCheckServer()


def start_toml_checker() -> None:
    """Start the child that checks autosaves (call once the screen is drawn, before the user's first edit)."""
    TOML_CHECK_SERVER_PROCESS.start()


def _toml_error(text: str) -> str | None:
    """Why `text` is not valid TOML, or None when it is."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return str(error)
    return None


def _toml_error_in_child(written: str, text: str) -> str | None:
    """Why the file `written` (holding `text`) is not valid TOML, or None: parsed by a child Python so that the
    parse, pure Python and slow on a large profile, never holds this interpreter (the app goes on drawing and
    taking keys meanwhile). The long-lived checker answers when it runs; otherwise a one-off child answers by its
    exit status alone (no pipes: this thread only waits, and wakes once it is done). Only for a refused file, or
    when no child can run or it dies, is the text parsed here, for the reason."""
    import subprocess
    import sys

    status = TOML_CHECK_SERVER_PROCESS.check(written) if TOML_CHECK_SERVER_PROCESS.running else None
    if status is None:
        try:
            status = subprocess.run([sys.executable, "-I", "-S", "-c", TOML_CHECKER, written],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    timeout=CHECKER_TIMEOUT, check=False).returncode
        except (OSError, subprocess.SubprocessError, ValueError):
            return _toml_error(text)
    if status == 0:
        return None
    reason = _toml_error(text)
    if status == 3:
        return reason or "not valid TOML"
    return reason


def atomic_write_text(path: Path, text: str, *, keep_backup: bool = True, check_toml: bool = True,
                      check_in_child: bool = False) -> None:
    """Write `text` to `path` atomically (temp file, fsync, rename); the old file becomes `<name>.bak`. With
    `check_toml` text that is not valid TOML is refused (the file on disk is unchanged); `check_in_child` parses
    the written temp file in a child process before it replaces `path` (for saves made while the user types)."""
    name = str(path)
    if check_toml and not check_in_child:
        reason = _toml_error(text)
        if reason is not None:
            raise ProfileError(name, f"refusing to save text that is not valid TOML ({reason})")
    if _read_only_file(path):
        raise ProfileError(name, "cannot save: the file is read-only; the file on disk is unchanged")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = temp_file_beside(path)
    except OSError as error:
        raise ProfileError(name, f"cannot save: {_describe(error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if check_toml and check_in_child:
            reason = _toml_error_in_child(tmp_name, text)
            if reason is not None:
                raise ProfileError(name, f"refusing to save text that is not valid TOML ({reason})")
        if keep_backup:
            _keep_backup(path)
        os.replace(tmp_name, path)
        _fsync_dir(directory)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise ProfileError(name, f"cannot save: {_describe(error)}; the file on disk is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _read_only_file(path: Path) -> bool:
    """True when `path` exists and nobody may write it (chmod a-w), or this user may not (a rename would replace it)."""
    try:
        mode = path.stat().st_mode
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return False  # the write itself reports the read-only file system
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not stat.S_IMODE(mode) & 0o222 or not os.access(path, os.W_OK))


def _describe(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (read-only file or folder?)"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)


@dataclass(frozen=True)
class DiskState:
    """What the file looked like when this session last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str


def disk_state(path: Path, text: str) -> DiskState:
    """Record the on-disk state of `path` whose content is `text`."""
    info = path.stat()
    return DiskState(info.st_mtime_ns, info.st_size, fingerprint(text))


def check_unchanged(path: Path, known: DiskState | None) -> None:
    """Raise ExternalChange when `path` no longer holds what this session last read or wrote."""
    if known is None:
        return
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_mtime_ns == known.mtime_ns and info.st_size == known.size:
        return
    try:
        current = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ExternalChange(str(path)) from None
    if fingerprint(current) != known.digest:
        raise ExternalChange(str(path))


def clear_stale_temp_files(path: Path) -> None:
    """Remove temporary files a killed save of `path` left behind (only the lock holder may call this)."""
    for leftover in path.parent.glob(f".{path.name}.*tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


# --- session lock -------------------------------------------------------------------------------

def lock_path(path: Path) -> Path:
    """The lock file that marks `path` as open in a session."""
    return path.with_name(f".{path.name}.lock")


def _process_start(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _alive(pid: int, start: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not start or _process_start(pid) in ("", start)


class ProfileLock:
    """An advisory lock file next to the profile naming the session (host, pid, user, since) that holds it."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.profile_path = path
        self.held = False

    def _record(self) -> dict[str, object]:
        pid = os.getpid()
        try:
            import getpass

            user = getpass.getuser()
        except (KeyError, OSError):
            user = ""
        return {"host": _host(), "pid": pid, "user": user, "start": _process_start(pid),
                "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}

    def holder(self) -> dict[str, object] | None:
        """The lock's current record, or None when nobody (alive) holds it."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {"host": "?", "pid": 0, "user": "?", "since": "?", "unreadable": True}
        return record if isinstance(record, dict) else None

    def is_stale(self, record: dict[str, object]) -> bool:
        """True when the record belongs to a process on this host that no longer runs."""
        if record.get("host") != _host():
            return False
        pid = record.get("pid")
        return not isinstance(pid, int) or pid <= 0 or not _alive(pid, str(record.get("start", "")))

    def acquire(self, *, take_over: bool = False) -> None:
        """Take the lock; raise LockHeld when a live session holds it (unless `take_over`)."""
        record = self._record()
        for _attempt in range(3):
            try:
                fd = create_file(self.path)
            except FileExistsError:
                current = self.holder()
                if current is None:
                    continue
                if take_over or self.is_stale(current) or current.get("pid") == os.getpid():
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                pid = current.get("pid", 0)
                raise LockHeld(str(self.profile_path), str(current.get("host", "?")), pid if isinstance(pid, int) else 0,
                               str(current.get("user", "")), str(current.get("since", "?"))) from None
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    return
                raise
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
            self.held = True
            clear_stale_temp_files(self.profile_path)
            return
        raise ProfileError(str(self.profile_path), "could not take the session lock (it keeps changing)")

    def release(self) -> None:
        """Remove the lock if this session holds it."""
        if not self.held:
            return
        current = self.holder()
        if current and current.get("pid") == os.getpid() and current.get("host") == _host():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False


@contextlib.contextmanager
def locked_save(document: ProfileDocument) -> Iterator[ProfileDocument]:
    """Hold the profile's session lock (LockHeld if a live session has it) while the block changes `document`, save
    it when the block ends without an error, and release the lock in every case."""
    lock = ProfileLock(document.path)
    lock.acquire()
    try:
        yield document
        document.save()
    finally:
        lock.release()
