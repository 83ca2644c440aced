"""Start the app from the command line: `ctpat`, `ctpat edit PATH` and `ctpat demo`."""

from __future__ import annotations

import sys
from pathlib import Path

from ctpat_tui.tui.heap import pause_gc, resume_gc


def run_app(path: Path | None, *, take_over: bool = False, read_only: bool = False, notice: str = "") -> int:
    """Run the app on `path` (None: the start screen); returns the exit code."""
    pause_gc()
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.tui.app import CtpatApp

    catalog = load_default_catalog()
    opened = None
    if path is not None:
        path = path.expanduser().absolute()
        if path.exists() or path.is_symlink():
            opened = ProfileDocument.open(path)  # a broken file (or link) is reported here, with its line
    app = CtpatApp(catalog, path, take_over=take_over, read_only=read_only, notice=notice, opened=opened)
    try:
        app.run(mouse=False)
    finally:
        resume_gc()
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    code = app.return_code or 0
    if app.closed_document is not None and code < 128:  # not after a hang-up or a kill: leave at once then
        app.closed_document.keep_saved_data()  # the next start reads this profile from the cache (~15 ms less)
    return code


def run_demo(directory: Path | None) -> int:
    """Copy the bundled sample profile to `directory` (or a new temp folder) and open the copy."""
    from ctpat_tui.tui.app import prepare_demo

    profile_path = prepare_demo(directory)
    code = run_app(profile_path, notice=f"Demo copy: {profile_path}. Change anything; the original is untouched.")
    print(f"Your demo copy is in {profile_path.parent}")
    return code
