"""The sha256 of a file, read in blocks (flat memory for a file of any size): hashlib.file_digest does the reading
and hashes without holding the interpreter lock, so a large file hashed in a worker thread does not stall the UI."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

CHUNK = 1 << 20


def sha256_fd(fd: int) -> tuple[str, int]:
    """(sha256 hex, bytes read) of an open file from its current position; the descriptor stays open."""
    with open(fd, "rb", closefd=False) as handle:
        digest = hashlib.file_digest(handle, "sha256")
        return digest.hexdigest(), handle.tell()


def sha256_file(path: Path) -> str:
    """The sha256 (hex) of the file at `path`."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def copy_and_hash(fd: int, sink: Callable[[bytes], object]) -> tuple[str, int]:
    """Feed an open file to `sink` block by block and hash it in the same pass; (sha256 hex, size)."""
    digest = hashlib.sha256()
    size = 0
    while chunk := os.read(fd, CHUNK):
        digest.update(chunk)
        size += len(chunk)
        sink(chunk)
    return digest.hexdigest(), size
