"""Judgements of answer texts, kept so that a text is judged once: the specificity verdict of a field and its
spelling findings, by (kind, field, text).

In memory for the whole process (the app: a criterion revisited is not judged again), and for the command line also
on disk between runs (`open_disk()` / `save_disk()`), so a second `ctpat check` of a profile with three edited
fields judges those three fields and reads the rest.

An entry is only ever served for the same kind, field, text (and extra key, e.g. the profile's own spelling words)
and the same version: a digest of the code and data files the judgements come from (the review package, its data,
the bundled spelling words, pyspellchecker and its word list). The file is private to its owner, bounded to
MAX_ENTRIES (least recently used go first), and a file that is damaged, of another format or version, too large or
not the user's own is ignored (and replaced on the next save).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = "ctpat-text-judgements 1"
FILE_NAME = "text-judgements.json"
MAX_ENTRIES = 12_000
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT = 20_000  # longer texts (pasted documents, hostile input) are judged each time, not kept

_REVIEW_DIR = Path(__file__).resolve().parent

_lock = threading.Lock()
_entries: OrderedDict[str, Any] = OrderedDict()
_disk: dict[str, Any] = {"file": None, "dirty": False}
counts: dict[str, int] = {}  # "<kind> hit" / "<kind> miss": what this process judged and what it read


def _files_judged_by() -> list[tuple[str, Path]]:
    """The files a judgement depends on: our review code and data, the spelling words; pyspellchecker separately."""
    from ctpat_tui.resources import questionnaire_dir

    ours = sorted((p.relative_to(_REVIEW_DIR).as_posix(), p) for p in _REVIEW_DIR.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts
                  and (p.suffix == ".py" or "data" in p.relative_to(_REVIEW_DIR).parts))
    return [*ours, ("spelling_words.toml", questionnaire_dir() / "spelling_words.toml")]


def _spellchecker_signature() -> str:
    """pyspellchecker's code and word list, by name, size and modification time (its 7 MB are not read)."""
    from importlib.util import find_spec

    spec = find_spec("spellchecker")
    if spec is None or not spec.origin:
        return "no spellchecker"
    folder = Path(spec.origin).parent
    parts = []
    for path in sorted([*folder.glob("*.py"), folder / "resources" / "en.json.gz"]):
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join(parts)


@lru_cache(maxsize=1)
def version() -> str:
    """Digest of everything a cached judgement depends on; a change to any of it starts a new cache."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for label, path in _files_judged_by():
        digest.update(label.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(missing)")
        digest.update(b"\0")
    digest.update(_spellchecker_signature().encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _prefix(kind: str, field: str, extra: str) -> str:
    return f"{len(kind)}:{kind}{len(field)}:{field}{len(extra)}:{extra}"  # lengths first: no two keys read alike


def _key(kind: str, field: str, text: str, extra: str) -> str:
    prefix = _prefix(kind, field, extra)
    return hashlib.blake2b((prefix + text).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def cached(kind: str, field: str, text: str, compute: Callable[[], Any], extra: str = "") -> Any:
    """The stored judgement of (kind, field, text, extra), or `compute()` (a JSON value) stored and returned;
    `extra` is whatever else the judgement depends on, as text (e.g. the profile's own spelling words).

    Callers build their result from the returned JSON value in both cases, so a cached answer and a fresh one are
    the same object."""
    if len(text) > MAX_TEXT:
        return json.loads(json.dumps(compute()))
    key = _key(kind, field, text, extra)
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            counts[f"{kind} hit"] = counts.get(f"{kind} hit", 0) + 1
            return _entries[key]
    value = json.loads(json.dumps(compute()))  # exactly what a later process reads back from the file
    with _lock:
        counts[f"{kind} miss"] = counts.get(f"{kind} miss", 0) + 1
        _entries[key] = value
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
        _disk["dirty"] = True
    return value


def default_file() -> Path | None:
    """The cache file in the cache folder ($CTPAT_CACHE_DIR or the user cache folder); None when off."""
    from ctpat_tui.cache_dir import cache_directory

    directory = cache_directory()
    return None if directory is None else Path(directory) / FILE_NAME


def _read(file: Path) -> dict[str, Any]:
    """The entries of `file` when it is ours, whole and of this format and version; else nothing."""
    try:
        with open(file, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > MAX_FILE_BYTES or (hasattr(os, "getuid") and info.st_uid != os.getuid()) \
                    or info.st_mode & 0o002:
                return {}
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != version():
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and len(k) == 32}


def open_disk(file: Path | None = None) -> bool:
    """Read the judgements kept on disk into memory (the command line, before reviewing); True when some were."""
    file = file or default_file()
    if file is None:
        return False
    stored = _read(file)
    with _lock:
        _disk["file"] = file
        for key, value in stored.items():
            if key not in _entries:
                _entries[key] = value
                _entries.move_to_end(key, last=False)  # older than anything this process has used
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return bool(stored)


def save_disk() -> None:
    """Write the judgements to the file `open_disk` read (when anything new was judged); failures cost only time."""
    with _lock:
        file = _disk["file"]
        if file is None or not _disk["dirty"]:
            return
        payload = {"format": FORMAT, "version": version(), "entries": dict(_entries)}
        _disk["dirty"] = False
    try:
        from ctpat_tui.private_files import make_folder, remove_stale_temp_files, write_atomic

        make_folder(file.parent)
        write_atomic(file, json.dumps(payload, separators=(",", ":")).encode("utf-8"))
        remove_stale_temp_files(file.parent, prefix=f".{file.name}.")  # a large half-written copy a killed check
        # left beside it (only its own: the cache folder may be one the user named in CTPAT_CACHE_DIR)
    except (OSError, ValueError):
        return


def close_disk() -> None:
    """Stop keeping judgements on disk (memory stays)."""
    with _lock:
        _disk["file"] = None
        _disk["dirty"] = False


def clear() -> None:
    """Forget every judgement in memory (tests; a new process starts like this)."""
    with _lock:
        _entries.clear()
        counts.clear()
        _disk["dirty"] = False
