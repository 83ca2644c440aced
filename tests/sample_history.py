"""Rebuild the sample's submission on record (examples/acme-importer/profile.submissions/2026-03-10).

The snapshot is the sample as it stood at its March 2026 submission: the sample of today minus the corrective
actions, with two answers as they read then (4.9 before vendor sessions were time-limited, 9.2 before the Elgin
fence was approved). Run `python -m tests.sample_history` after editing the sample so `ctpat demo` shows just those.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from ctpat_tui.cycle.history import record_submission, store_for
from ctpat_tui.profile.document import ProfileDocument

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "acme-importer" / "profile.toml"
DAY = dt.date(2026, 3, 10)
THEN = (("vendor support (such as our SAP partner) uses time-limited sessions opened by IT",
         "vendor support (such as our SAP partner) connects through its own support tool"),
        ("the landlord approved a fence and gate around the dock apron in October 2026; installation is scheduled "
         "for Q1 2027 (PO 4500021877).", "a fence around the dock apron has been requested from the landlord."),
        ('[answers."9.2"]\nstatus = "partial"', '[answers."9.2"]\nstatus = "planned"'),
        ("last_submitted = 2026-03-10\n", "last_submitted = 2025-03-04\n"))


def earlier_text(text: str) -> str:
    """The sample's text as it was submitted in March 2026."""
    text = text.split("\n# Corrective-action plan:")[0].rstrip("\n") + "\n"
    for now, then in THEN:
        if now not in text:
            raise SystemExit(f"the sample no longer contains {now[:60]!r}: update THEN in {__file__}")
        text = text.replace(now, then)
    return text


def rebuild(path: Path = SAMPLE) -> Path:
    """Replace the sample's snapshot with one made from the current sample."""
    store = store_for(path)
    if store.exists():
        for root, _dirs, files in os.walk(store):
            for name in files:
                os.chmod(Path(root) / name, 0o600)
        shutil.rmtree(store)
    old = earlier_text(path.read_text(encoding="utf-8"))
    profile = ProfileDocument.parse(old, path).profile
    when = dt.datetime(2026, 3, 10, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
    submission = record_submission(path, old, profile, DAY, portal_ref="Annual profile update 2026",
                                   note="First annual review after certification", today=DAY, now=when)
    manifest = submission.folder / "submission.toml"
    os.chmod(manifest, 0o600)
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text("\n".join("recorded_by = \"mlopez\"" if line.startswith("recorded_by = ") else line
                                  for line in text.splitlines()) + "\n", encoding="utf-8")
    os.chmod(manifest, 0o400)
    return submission.folder


if __name__ == "__main__":
    print(rebuild())
