"""A small on-disk cache of parsed questionnaire files, so commands and the app start without re-parsing TOML."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from ctpat_tui.cache_dir import cache_directory

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every start
if TYPE_CHECKING:
    from typing import Any

CACHE_VERSION = 1


LEGACY_FILE_NAME = "catalog-parse-cache.json"  # one file for every catalogue ever loaded (before session 5)


def default_cache_file(source: Path) -> Path | None:
    """Where the cache of the catalogue in folder `source` lives ($CTPAT_CACHE_DIR or the user cache folder), one
    file per catalogue folder so that a start reads only its own entries; None when caching is switched off."""
    directory = cache_directory()
    if directory is None:
        return None
    import zlib  # built in, cheap: the name only has to tell catalogue folders apart; entries are keyed by path

    return Path(directory) / f"catalog-parse-cache-{zlib.crc32(str(Path(source).absolute()).encode()):08x}.json"


def _signature(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size, info.st_ino]


class ParseCache:
    """Parsed TOML data keyed by file path, valid while the file's mtime, size and inode are unchanged."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        if file is None:
            return
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
                self.entries = data.get("files", {})

    def get(self, path: Path) -> dict[str, Any] | None:
        """The cached parse of `path`, if it is still current."""
        entry = self.entries.get(str(path.absolute()))
        if entry is None or entry.get("signature") != _signature(path):
            return None
        data = entry.get("data")
        return data if isinstance(data, dict) else None

    def put(self, path: Path, data: dict[str, Any]) -> None:
        """Remember the parse of `path` (skipped when the data is not plain JSON, e.g. holds dates)."""
        signature = _signature(path)
        if self.file is None or signature is None:
            return
        try:
            json.dumps(data)
        except (TypeError, ValueError):
            return
        self.entries[str(path.absolute())] = {"signature": signature, "data": data}
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is simply not kept."""
        if self.file is None or not self.changed:
            return
        from ctpat_tui.private_files import make_folder, write_atomic

        kept = {name: entry for name, entry in self.entries.items() if os.path.exists(name)}  # gone: forgotten
        with contextlib.suppress(OSError):
            make_folder(self.file.parent)
            write_atomic(self.file, json.dumps({"version": CACHE_VERSION, "files": kept}).encode("utf-8"))
        if self.file.name != LEGACY_FILE_NAME:  # the one shared file of earlier versions is read no more
            with contextlib.suppress(OSError):
                (self.file.parent / LEGACY_FILE_NAME).unlink()
