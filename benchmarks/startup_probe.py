"""Started in a pty by the benchmark: run an app until its first interactive frame, report when, then exit.

Usage: python -m benchmarks.startup_probe ctpat PROFILE OUT | minimal OUT
OUT receives JSON: {"ready": <time.time() at the first interactive frame>, "vmhwm_kb": <peak RSS after settling>}.
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
    def settled() -> None:
        out.write_text(json.dumps({"ready": ready, "vmhwm_kb": _peak_rss_kb()}))
        app.exit()

    app.set_timer(0.5, settled)


def run_ctpat(profile: Path, out: Path) -> None:
    """The real app on `profile`, started by the code `ctpat edit` runs (catalogue, the command-line check of the
    file, then the app); ready once the main screen has drawn."""
    from ctpat_tui.tui import launch
    from ctpat_tui.tui.heap import pause_gc

    pause_gc()  # as run_app does before it imports the app (here the imports come first, to subclass it)
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.screens.main import MainScreen

    import ctpat_tui.tui.app as app_module

    class ProbedApp(CtpatApp):
        CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")

        def on_ready(self) -> None:
            def check() -> None:
                if isinstance(self.screen, MainScreen) and self.screen.is_mounted:
                    timer.stop()
                    self.call_after_refresh(lambda: _report(self, out, time.time()))

            timer = self.set_interval(0.002, check)

    app_module.CtpatApp = ProbedApp  # type: ignore[misc]
    launch.run_app(profile.absolute())


def run_minimal(out: Path) -> None:
    """The minimal baseline app (a list, an input and a footer), started the same way."""
    from benchmarks.minimal_app import MinimalApp

    class ProbedMinimal(MinimalApp):
        def on_ready(self) -> None:
            self.call_after_refresh(lambda: _report(self, out, time.time()))

    ProbedMinimal().run(mouse=False)


if __name__ == "__main__":
    if sys.argv[1] == "ctpat":
        run_ctpat(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        run_minimal(Path(sys.argv[2]))
