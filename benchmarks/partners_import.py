"""How long a partner-list import takes as the register grows: read, plan, write into the document, save.

Run: .venv/bin/python -m benchmarks.partners_import [--sizes 500,2000]
For each size: a workbook of that many partners is imported into a copy of the sample profile, then imported again
(every row unchanged). Each step should grow about linearly with the number of partners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path


def _workbook(path: Path, count: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Country", "Role", "Risk", "Last screened", "Certification"])
    for n in range(count):
        sheet.append([f"Supplier {n:05d} Co.", "CN", "supplier", ("high", "medium", "low")[n % 3],
                      dt.datetime(2026, 1 + n % 12, 10), "none"])
    workbook.save(path)
    return path


def measure(count: int, folder: Path) -> dict[str, float]:
    """Seconds for each step of a first import of `count` partners and of importing the same file again."""
    from ctpat_tui.partners.plan import apply_plan, plan_partner_import
    from ctpat_tui.partners.sheet import read_partner_sheet
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.resources import sample_profile_dir

    profile = folder / f"profile-{count}.toml"
    shutil.copy(sample_profile_dir() / "profile.toml", profile)
    book = _workbook(folder / f"partners-{count}.xlsx", count)
    times: dict[str, float] = {}
    start = time.perf_counter()
    sheet = read_partner_sheet(book)
    times["read"] = time.perf_counter() - start
    document = ProfileDocument.load(profile)
    start = time.perf_counter()
    plan = plan_partner_import(document, sheet)
    times["plan"] = time.perf_counter() - start
    start = time.perf_counter()
    apply_plan(document, plan)
    times["apply"] = time.perf_counter() - start
    start = time.perf_counter()
    document.save()
    times["save"] = time.perf_counter() - start
    again = ProfileDocument.load(profile)
    start = time.perf_counter()
    replan = plan_partner_import(again, sheet)
    times["plan again"] = time.perf_counter() - start
    assert not replan.has_changes
    return times


def main() -> int:
    """Print one line per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,2000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in (int(s) for s in args.sizes.split(",")):
            times = measure(count, Path(folder))
            print(f"{count:6d} partners: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
