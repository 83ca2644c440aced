"""Started in a pty by the benchmark: run an app until its first frame, report when, then exit.

The first frame is the first update of the app's screen (for ctpat-tui: the editing screen) written to the
terminal, stamped as soon as it is written, the same way for every app. (Until session 4 the stamp was taken
after the refresh following the one that noticed the screen had mounted, which for ctpat-tui fell one or two
frames after its first one and for the minimal app on its first one.)

Usage: python -m benchmarks.startup_probe ctpat PROFILE OUT | minimal OUT | floor PAGES OUT
OUT receives JSON: {"ready": <time.time() at the first frame>, "cpu": <CPU seconds of the process at the first frame>,
"vmhwm_kb": <peak RSS after settling>} (on a loaded machine the CPU time compares two builds more steadily).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _report(app, out: Path, ready: float) -> None:  # type: ignore[no-untyped-def]
    cpu = time.process_time()

    def settled() -> None:
        out.write_text(json.dumps({"ready": ready, "cpu": cpu, "vmhwm_kb": _peak_rss_kb()}))
        app.exit()

    app.set_timer(0.5, settled)


def _written(app, renderable) -> bool:  # type: ignore[no-untyped-def]
    """True when App._display has just written `renderable` to the terminal (not held back by a batch)."""
    return renderable is not None and not app._batch_count and app._running and app._driver is not None


def _probed(base, out: Path, screen_type: type = object):  # type: ignore[no-untyped-def]
    """`base` (an App class) reporting to OUT when the first update of a screen of `screen_type` is written."""

    class Probed(base):  # type: ignore[misc, valid-type]
        _stamped = False

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            super()._display(screen, renderable)
            if not self._stamped and _written(self, renderable) and isinstance(screen, screen_type):
                self._stamped = True
                _report(self, out, time.time())

    return Probed


def run_ctpat(profile: Path, out: Path) -> None:
    """The real app on `profile`, started by the code `ctpat edit` runs (catalogue, the command-line check of the
    file, then the app); ready once the main screen has drawn."""
    from ctpat_tui.tui import launch
    from ctpat_tui.tui.heap import pause_gc

    pause_gc()  # as run_app does before it imports the app (here the imports come first, to subclass it)
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.screens.main import MainScreen

    import ctpat_tui.tui.app as app_module

    class ProbedApp(_probed(CtpatApp, out, MainScreen)):  # type: ignore[misc]
        CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")

    app_module.CtpatApp = ProbedApp  # type: ignore[misc]
    launch.run_app(profile.absolute())


def run_minimal(out: Path) -> None:
    """The minimal baseline app (a list, an input and a footer), started the same way."""
    from benchmarks.minimal_app import MinimalApp

    _probed(MinimalApp, out)().run(mouse=False)


def run_floor(pages_json: Path, out: Path) -> None:
    """The honest floor of the editing screen's start: PaneFloorApp (every part the screen shows, one stock
    widget each, with the texts of the profile's first criterion to do, written to PAGES by `floor_pages_file`),
    started the same way. Reading that file stands in for reading the profile."""
    from benchmarks.minimal_app import Page, PaneFloorApp

    data = json.loads(pages_json.read_text())
    pages = [Page(**{key: tuple(value) if isinstance(value, list) else value for key, value in page.items()})
             for page in data["pages"]]
    statuses = [tuple(pair) for pair in data["statuses"]]

    _probed(PaneFloorApp, out)(pages, statuses).run(mouse=False)


def floor_pages_file(profile: Path, target: Path) -> Path:
    """Write the floor's pages for `profile` to `target` (JSON), the criterion the editor opens at first."""
    from dataclasses import asdict

    from benchmarks.tui_pilot import floor_pages
    from ctpat_tui.catalog.loader import load_default_catalog
    from ctpat_tui.profile.parse import read_profile
    from ctpat_tui.tui import outline

    catalog = load_default_catalog()
    pages, statuses = floor_pages(profile, catalog)
    data = read_profile(profile)
    states = outline.all_states(catalog, data, {})
    order = outline.ordered_ids(outline.build_groups(catalog, data.entity_type, "section"))
    start = next((index for index, cid in enumerate(order) if states[cid] != "complete"), 0)
    pages = pages[start:] + pages[:start]  # the floor shows its first page: the one the editor opens at
    target.write_text(json.dumps({"pages": [asdict(page) for page in pages], "statuses": statuses}))
    return target


if __name__ == "__main__":
    if sys.argv[1] == "ctpat":
        run_ctpat(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "floor":
        run_floor(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        run_minimal(Path(sys.argv[2]))
