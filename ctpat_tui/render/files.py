"""Write output files atomically: a temp file in the same folder, fsync, rename; never a half-written file."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from ctpat_tui import private_files
from ctpat_tui.render.errors import RenderError


def describe(error: OSError) -> str:
    """A short reason for an OS error."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)


def ensure_folder(folder: Path) -> Path:
    """Create the output folder (and its parents) when missing; refuse a path that is not a folder."""
    if folder.exists() and not folder.is_dir():
        raise RenderError(str(folder), "is not a folder (give --out a folder path)")
    try:
        private_files.make_folder(folder)
    except OSError as error:
        raise RenderError(str(folder), f"cannot create the output folder: {describe(error)}") from None
    return folder


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temp file and a rename; on failure the old file (if any) is untouched."""
    try:
        return private_files.write_atomic(path, data)
    except OSError as error:
        raise RenderError(str(path), f"cannot write: {describe(error)}; any earlier file is unchanged") from None


def replace_folder(staging: Path, target: Path) -> None:
    """Put the finished `staging` folder in place of `target` (the old one is removed only afterwards)."""
    old = None
    if target.exists() or target.is_symlink():
        if target.is_symlink() or not target.is_dir():
            raise RenderError(str(target), "exists and is not a folder; move it away first")
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
        os.replace(target, old / target.name)
    try:
        os.replace(staging, target)
    except OSError as error:
        if old is not None:
            os.replace(old / target.name, target)
        raise RenderError(str(target), f"cannot write: {describe(error)}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
