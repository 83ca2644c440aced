"""The upload bundle: every referenced evidence file copied into upload/NN Portal Section/, plus manifest.csv."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from ctpat_tui import private_files
from ctpat_tui.hashing import copy_and_hash
from ctpat_tui.render.errors import RenderError
from ctpat_tui.render.evidence import EvidenceItem, open_regular, resolve
from ctpat_tui.render.files import describe, replace_folder
from ctpat_tui.spreadsheet import csv_safe

MANIFEST_COLUMNS = ("criterion", "title", "ref", "date", "portal_section", "original_path", "bundled_name",
                    "sha256", "status")


@dataclass(frozen=True)
class BundleResult:
    """What the bundle step produced: the folder, the files in it, the checked items and the problems."""

    folder: Path
    files: list[Path]
    items: list[EvidenceItem]
    problems: list[str]


def manifest_csv(items: list[EvidenceItem]) -> bytes:
    """The manifest as UTF-8 CSV with a BOM (so spreadsheet programs read accents correctly)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for item in items:
        writer.writerow([csv_safe(v) for v in (item.criterion, item.title, item.ref, item.date, item.portal_section,
                                                  item.file, item.upload_path, item.sha256, item.status_text)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _copy(item: EvidenceItem, base_dir: Path, staging: Path) -> EvidenceItem:
    """Stream one evidence file into the staging folder, hashing as it goes."""
    with open_regular(resolve(base_dir, item.file)) as (status, fd):
        if fd is None:
            return replace(item, status=status, sha256="", size=0)
        target = staging / item.folder / item.bundled_name
        private_files.make_folder(target.parent)
        with private_files.open_new(target) as handle:
            digest, size = copy_and_hash(fd, handle.write)
            handle.flush()
            os.fsync(handle.fileno())
    verdict = "changed" if item.recorded_sha256 and item.recorded_sha256 != digest else "ok"
    return replace(item, status=verdict, sha256=digest, size=size)


def write_bundle(items: list[EvidenceItem], base_dir: Path, out_dir: Path) -> BundleResult:
    """Build upload/ in a staging folder and swap it in whole; missing files are listed, changed ones flagged."""
    folder = out_dir / "upload"
    try:
        staging = private_files.temp_folder(out_dir, ".upload.tmp-", like=folder)
    except OSError as error:
        raise RenderError(str(out_dir), f"cannot create the upload bundle: {describe(error)}") from None
    try:
        checked = [(_copy(item, base_dir, staging) if item.bundled_name else item) for item in items]
        private_files.write_atomic(staging / "manifest.csv", manifest_csv(checked))
        replace_folder(staging, folder)
    except OSError as error:
        raise RenderError(str(folder), f"cannot write the upload bundle: {describe(error)}") from None
    finally:
        with contextlib.suppress(OSError):
            if staging.exists():
                shutil.rmtree(staging)
    files = [folder / "manifest.csv"] + [folder / item.folder / item.bundled_name
                                         for item in checked if item.status in ("ok", "changed") and item.bundled_name]
    problems = [f"upload bundle: {item.problem()}" for item in checked if item.is_problem]
    return BundleResult(folder, files, checked, problems)
