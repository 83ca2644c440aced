"""Whole `ctpat check` results, kept so that checking a profile nothing has changed in prints the stored report
without loading the review at all (as ruff and mypy keep theirs).

An entry is filed under a digest of the command's words, the working folder, the environment the check reads
(HOME, TZ, XDG_*, CTPAT_*), the user's ids and groups, today's date, the Python running it, its module search path
and the copy of ctpat_tui it runs. It holds the exact
text the check printed on standard output, its exit code, and every outside fact the check read, each with the value
it had: the profile's bytes (digest) and stat, every evidence path (stat, and lstat for links), the folders the
privacy rule looks at, every .ctpat.toml that could decide sharing and the user's settings file, the owner and
group entries those use, the catalogue overlay, the bundled questionnaires, the ctpat_tui code and every other
non-standard module the check imported (stat of each file: size, mtime, ctime, inode, mode, owner). A stored report
is printed only when every fact reads the same again; any change (a byte of the profile, an evidence file touched,
removed or chmod-ed, an overlay imported, another day, a new version) runs the check again and replaces the entry.

Only a run that printed nothing on standard error and exited 0 or 1 is kept (for a folder of profiles, every file
and folder under it is a fact), and not when a fact changed while it ran (a ctime from its start on). Files are private
(0600, in a folder made by private_files), hold a digest of their content and their own name, and one that is
damaged, of another format, not a regular file (opened without waiting), too large, not the user's own, writable by
others or moved from another command's name (a folder shared with a group lets its members rename files) is ignored,
as is one whose facts cannot be read. At most MAX_FILES are kept (the least recently used go), each at most
MAX_BYTES. Keeping a result never changes what the check printed or its exit code.

Replaying imports only os, sys, marshal and _blake2 (and platformdirs when CTPAT_CACHE_DIR is not set).
"""

from __future__ import annotations

import marshal
import os
import stat
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from ctpat_tui.profile.model import Profile

FORMAT = b"ctpat-check-result 1\n"
FOLDER_NAME = "check-results"
MAX_FILES = 64
MAX_BYTES = 4 * 1024 * 1024
MAX_TREE_ENTRIES = 20_000  # a larger folder is walked by the check itself, but not kept as a fact
_TOO_LARGE = ("too large",)
RACY_NS = RACY_NS_DEFAULT = 1_000_000_000  # a fact changed less than this before the run may have changed in it
_ENV_NAMES = ("HOME", "TZ", "USER", "LOGNAME")
_ENV_PREFIXES = ("CTPAT_", "XDG_")
_DIGEST_HEX = 32


def _blake2b(data: bytes = b"") -> Any:
    try:
        from _blake2 import blake2b  # without hashlib's OpenSSL (about 3 ms at start)
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=_DIGEST_HEX // 2)


def cache_folder() -> str | None:
    """The folder of stored results, beside the other caches; None when caching is off (CTPAT_NO_CACHE)."""
    from ctpat_tui.cache_dir import cache_directory

    directory = cache_directory() if hasattr(os, "geteuid") else None  # owners and modes are POSIX's
    return None if directory is None else os.path.join(directory, FOLDER_NAME)


def _today() -> str:
    import time

    return time.strftime("%Y-%m-%d")  # what datetime.date.today() gives, without importing datetime


def entry_name(words: list[str]) -> str | None:
    """The file name of the entry for this command line, here and now; None when it cannot be told."""
    try:
        cwd = os.getcwd()
        groups = sorted(os.getgroups())
    except OSError:
        return None
    env = sorted((k, v) for k, v in os.environ.items() if k in _ENV_NAMES or k.startswith(_ENV_PREFIXES))
    code = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # which copy of ctpat_tui is running
    parts = (FORMAT, sys.version, sys.prefix, sys.base_prefix, sys.implementation.cache_tag, code, tuple(sys.path),
             tuple(words), cwd, tuple(env), os.geteuid(), os.getegid(), tuple(groups), _today())
    return _blake2b(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


# --- facts: each kind is read the same way when recorded and when replayed ---------------------------

_newest = [0]  # the newest ctime seen while recording (racy-write guard)


def _stat_value(info: os.stat_result) -> tuple[int, ...]:
    _newest[0] = max(_newest[0], info.st_ctime_ns, info.st_mtime_ns)
    return (info.st_mode, info.st_uid, info.st_gid, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino,
            info.st_dev, info.st_nlink)


def _stat(path: str, *, follow: bool = True) -> object:
    try:
        return _stat_value(os.stat(path, follow_symlinks=follow))
    except OSError as error:
        return ("error", error.errno)
    except ValueError:
        return ("invalid",)


def _lstat(path: str) -> object:
    return _stat(path, follow=False)


def _mode(path: str) -> object:
    """Type, permissions and owner only: what is read of a folder (its times change with every file put in it)."""
    try:
        info = os.stat(path)
    except OSError as error:
        return ("error", error.errno)
    except ValueError:
        return ("invalid",)
    return (info.st_mode, info.st_uid, info.st_gid)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)  # a pipe never waits


def _bytes(path: str) -> object:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return ("error", error.errno)
    except ValueError:
        return ("invalid",)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ("not a file",)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return _blake2b(handle.read()).hexdigest()
    except OSError as error:
        return ("error", error.errno)
    finally:
        os.close(fd)


def _walk(path: str, out: list[object], seen: set[tuple[int, int]]) -> None:
    if len(out) > MAX_TREE_ENTRIES:
        return
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as error:
        out.append(("error", error.errno))
        return
    for entry in entries:
        name = entry.name
        if name == "__pycache__" or name.endswith(".pyc"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            out.append((name, ("error", error.errno)))
            continue
        is_folder = entry.is_dir(follow_symlinks=False)
        out.append((name, (info.st_mode, info.st_uid, info.st_gid) if is_folder else _stat_value(info)))
        if entry.is_symlink():
            target = _stat(entry.path)
            out.append((name, target))  # and what it points to (a linked profile file is read)
            # a linked folder is read through (overlay/criteria -> elsewhere): a file edited in it changes no stat
            # of the link or of the folder; each folder once (a link back up is a loop)
            if isinstance(target, tuple) and len(target) == 9 and stat.S_ISDIR(target[0]):
                is_folder = (target[7], target[6]) not in seen
                seen.add((target[7], target[6]))
        if is_folder:
            out.append((name, "{"))
            _walk(entry.path, out, seen)
            out.append((name, "}"))


def _tree(path: str) -> object:
    """Every file and folder under `path` (each link by itself and what it points to, a linked folder read through
    once; bytecode left out) by name and stat (folders by type, mode and owner), as a digest."""
    out: list[object] = [_mode(path)]
    if isinstance(out[0], tuple) and len(out[0]) == 3 and not isinstance(out[0][0], str):
        try:
            top = os.stat(path)
        except (OSError, ValueError):
            top = None
        _walk(path, out, {(top.st_dev, top.st_ino)} if top else set())
    if len(out) > MAX_TREE_ENTRIES:
        return _TOO_LARGE
    return _blake2b(repr(out).encode("utf-8", "surrogateescape")).hexdigest()


def _group(gid: int) -> object:
    try:
        import grp

        entry = grp.getgrgid(gid)
    except (ImportError, KeyError, OverflowError):
        return None
    return (entry.gr_name, tuple(entry.gr_mem))


def _user(uid: int) -> object:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError, OverflowError):
        return None


_FACTS: dict[str, Callable[[Any], object]] = {
    "stat": _stat, "lstat": _lstat, "mode": _mode, "bytes": _bytes, "tree": _tree, "group": _group, "user": _user,
}


# --- replay ---------------------------------------------------------------------------------------

def _read_entry(folder: str, name: str) -> dict[str, Any] | None:
    """The stored entry when the file is the user's own, not writable by others, whole and of this format."""
    path = os.path.join(folder, name)
    try:
        folder_info = os.stat(folder)
        fd = os.open(path, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        uid = os.getuid()
        if not stat.S_ISREG(info.st_mode) or info.st_uid != uid or folder_info.st_uid != uid or info.st_mode & 0o022 or folder_info.st_mode & 0o002 \
                or info.st_size > MAX_BYTES + 256:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 257)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, _, rest = data.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if head + b"\n" != FORMAT or digest.decode("ascii", "replace") != _blake2b(payload).hexdigest():
        return None
    try:
        entry = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("out"), str) or entry.get("code") not in (0, 1) \
            or not isinstance(entry.get("facts"), list) or entry.get("name") != name:
        return None  # (a file renamed from another command's name, by someone who may write in a shared folder)
    return entry


def _facts_hold(facts: list[Any]) -> bool:
    """True when every fact reads as stored; False at the first that does not, or that cannot be read at all."""
    try:
        for fact in facts:
            if not isinstance(fact, tuple) or len(fact) != 3 or not isinstance(fact[0], str):
                return False
            kind, argument, value = fact
            read = _FACTS.get(kind)
            if read is None or read(argument) != value:
                return False
    except Exception:  # an argument of the wrong type (a damaged entry, another writer): check again
        return False
    return True


def replay(words: list[str]) -> int | None:
    """Print the stored report of `ctpat check WORDS...` and return its exit code, when every fact it read is as it
    was; None (nothing printed) when there is no such entry."""
    folder = cache_folder()
    name = entry_name(words) if folder and sys.stdout is not None else None
    if folder is None or name is None:
        return None
    entry = _read_entry(folder, name)
    if entry is None or not _facts_hold(entry["facts"]):
        return None
    try:
        os.utime(os.path.join(folder, name))  # recently used: kept longest
    except OSError:
        pass
    sys.stdout.write(entry["out"])
    return int(entry["code"])


# --- recording ------------------------------------------------------------------------------------

class _Tee:
    """A stream that passes everything on and keeps a copy of what was written."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Recording:
    def __init__(self) -> None:
        self.profiles: list[Profile] = []
        self.paths: list[str] | None = None


_recording: list[_Recording] = []


def note_profile(profile: Profile) -> None:
    """The review calls this for each profile it reviews (what a stored result's facts are read from)."""
    if _recording:
        _recording[-1].profiles.append(profile)


def note_paths(paths: Iterable[str]) -> None:
    """`ctpat check` calls this with the paths it was given."""
    if _recording:
        _recording[-1].paths = [str(p) for p in paths]


def _module_files() -> list[str]:
    """Files of the modules loaded now that are neither the standard library's nor ctpat_tui's."""
    stdlib = os.path.dirname(os.__file__)
    ours = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = []
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not os.path.isabs(file):
            continue
        if file.startswith(ours + os.sep) or (file.startswith(stdlib + os.sep) and "-packages" not in file):
            continue
        files.append(file)
    return files


def _sharing_places(folder: str) -> list[str]:
    """Every settings file that could decide sharing in `folder`, and the folders holding them."""
    here = os.path.abspath(folder)
    places = []
    while True:
        places += [here, os.path.join(here, ".ctpat.toml")]
        parent = os.path.dirname(here)
        if parent == here:
            return places
        here = parent


def facts_for(paths: list[str], profiles: list[Profile]) -> list[tuple[str, object]]:
    """Every outside fact a check of `paths` (which gave `profiles`) read, as (kind, argument) pairs."""
    from importlib.util import find_spec

    from ctpat_tui.catalog.overlay import default_overlay_dir
    from ctpat_tui.private_files import user_settings_file
    from ctpat_tui import resources
    from ctpat_tui.review.files import resolve
    from ctpat_tui.review.privacy import OUTPUT_FOLDER

    facts: dict[tuple[str, object], None] = {}

    def add(kind: str, argument: object) -> None:
        facts.setdefault((kind, argument), None)

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    add("tree", package)
    add("tree", str(resources.questionnaire_dir()))
    add("stat", str(resources._CHECKOUT_DIR / "pyproject.toml"))  # which copy of the data is used (a checkout's)
    add("mode", str(resources._CHECKOUT_DIR / "questionnaires"))
    add("tree", str(default_overlay_dir()))
    spec = find_spec("spellchecker")
    if spec is not None and spec.origin:
        add("tree", os.path.dirname(spec.origin))
    for file in _module_files():
        add("stat", file)
    settings = str(user_settings_file())
    add("stat", settings)
    add("mode", os.path.dirname(settings))
    for path in paths:
        add("stat", path)
        add("lstat", path)
        if os.path.isdir(path):
            add("tree", path)  # which profiles a folder holds: every name and stat under it (more than is read)
    for profile in profiles:
        if profile.path is None:
            continue
        add("bytes", str(profile.path))
        add("stat", str(profile.path))
        add("lstat", str(profile.path))
        base = profile.base_dir
        folders = {str(base), str(base / OUTPUT_FOLDER)}
        for answer in profile.answers.values():
            for item in answer.evidence:
                for name in {item.file, item.file.strip()}:
                    if not name:
                        continue
                    try:
                        target = resolve(base, name)
                    except ValueError:
                        continue
                    add("stat", str(target))
                    add("lstat", str(target))
                    folders.add(str(target.parent))
        for folder in sorted(folders):
            for index, place in enumerate(_sharing_places(folder)):
                add("stat" if index % 2 else "mode", place)
    return list(facts)


def _with_owners(facts: list[tuple[str, object, object]]) -> list[tuple[str, object, object]]:
    """The facts plus the group and user entries the privacy rule reads for the user's own files."""
    euid = os.geteuid()
    extra: dict[tuple[str, int], None] = {}
    for kind, _argument, value in facts:
        if kind in ("stat", "lstat", "mode") and isinstance(value, tuple) and len(value) > 2 and value[1] == euid:
            extra.setdefault(("group", value[2]), None)
            extra.setdefault(("user", value[1]), None)
    return facts + [(kind, argument, _FACTS[kind](argument)) for kind, argument in extra]


def _store(folder: str, name: str, entry: dict[str, Any]) -> None:
    from pathlib import Path

    from ctpat_tui.private_files import make_folder, temp_file_beside

    payload = marshal.dumps(entry)
    if len(payload) > MAX_BYTES:
        return
    data = FORMAT + _blake2b(payload).hexdigest().encode("ascii") + b"\n" + payload
    try:
        make_folder(Path(folder))
        target = Path(folder) / name
        fd, temp = temp_file_beside(target)
        try:
            os.fchmod(fd, 0o600)  # private even where the owner shares the cache folder with a group
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
        _prune(folder)
    except OSError:
        return


def _prune(folder: str) -> None:
    """Keep the MAX_FILES most recently used entries (and no temp file a killed writer left)."""
    from ctpat_tui.private_files import remove_stale_temp_files

    remove_stale_temp_files(folder)
    entries = []
    for entry in os.scandir(folder):
        if len(entry.name) == _DIGEST_HEX and not entry.name.startswith("."):
            try:
                entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
            except OSError:
                continue
    entries.sort()
    for _mtime, path in entries[:-MAX_FILES] if len(entries) > MAX_FILES else []:
        try:
            os.unlink(path)
        except OSError:
            pass


def run_recorded(words: list[str], run: Callable[[], int]) -> int:
    """Run the check (`run`) and keep its result when it can be replayed faithfully."""
    import time

    folder = cache_folder()
    name = entry_name(words) if folder else None
    if folder is None or name is None or sys.stdout is None or sys.stderr is None:
        return run()  # (print writes nothing where there is no stream: not replayed either)
    started = time.time_ns()
    recording = _Recording()
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    _recording.append(recording)
    try:
        code = run()
    finally:
        _recording.remove(recording)
        if sys.stdout is out:
            sys.stdout = out._stream
        if sys.stderr is err:
            sys.stderr = err._stream
    if code not in (0, 1) or err.parts or recording.paths is None or entry_name(words) != name:
        return code
    try:
        _keep(folder, name, started, recording, code, "".join(out.parts))
    except KeyboardInterrupt:
        return 130  # (as the check itself answers ctrl+c; the report is out, nothing is kept)
    except Exception:  # a result that cannot be kept never changes what the check said
        pass
    return code


def _keep(folder: str, name: str, started: int, recording: _Recording, code: int, text: str) -> None:
    _newest[0] = 0
    facts = [(kind, argument, _FACTS[kind](argument)) for kind, argument in facts_for(recording.paths or [],
                                                                                     recording.profiles)]
    facts = _with_owners(facts)
    if _newest[0] >= started - RACY_NS or any(value == _TOO_LARGE for _kind, _argument, value in facts):
        return  # something changed just before or while the check ran: its report may not match the facts
    _store(folder, name, {"name": name, "out": text, "code": code, "facts": facts})
