"""A criterion switch seen from outside, as a user sees it: the app runs in an 80x24 tmux pane, ctrl+n is sent
with `tmux send-keys`, and the pane is read (`capture-pane`) until it stops changing. Measured from the key to the
last change of the pane (the settled screen), for ctpat-tui, for the minimal app that updates a heading and a
text area (benchmarks/minimal_app.py --switch) and for the honest floor (benchmarks/minimal_app.py --floor: the
editing screen's visible parts, one stock widget each, refilled with the same texts for the same profile), one
after the other. Includes tmux's own polling of the pane, the same for every app.

`python -m benchmarks.outside --trace` also prints, per switch, when each change of the pane came and how many
lines it changed (what the settled time waits for)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

QUIET = 0.3


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=False,
                          timeout=20).stdout


def _settle(socket: str, quiet: float, timeout: float = 30.0, unlike: str | None = None,
            changes: list[tuple[float, str]] | None = None) -> tuple[str, float]:
    """Read the pane until it has not changed for `quiet` seconds (and, with `unlike`, differs from that picture
    first); (picture, time of its last change). Each change (time, picture) is added to `changes` when given."""
    last = _tmux(socket, "capture-pane", "-p", "-t", "bench")
    changed = time.perf_counter()
    deadline = changed + timeout
    while time.perf_counter() < deadline:
        now_picture = _tmux(socket, "capture-pane", "-p", "-t", "bench")
        now = time.perf_counter()
        if now_picture != last:
            last, changed = now_picture, now
            if changes is not None:
                changes.append((now, now_picture))
        elif now - changed >= quiet and last != unlike:
            break
    return last, changed


def switch_times(command: list[str], env: dict[str, str], presses: int,
                 trace: list[list[tuple[float, int]]] | None = None) -> list[float]:
    """Milliseconds from ctrl+n to the settled pane, per press, for `command` started in tmux. With `trace`, each
    press adds its list of (milliseconds after the key, lines changed) for every change of the pane."""
    socket = f"ctpat-bench-{uuid.uuid4().hex[:8]}"
    shell_command = " ".join(f"'{part}'" for part in command)
    try:
        subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "80",
                        "-y", "24", shell_command], env=env, check=True, timeout=20)
        deadline = time.perf_counter() + 60
        while _tmux(socket, "capture-pane", "-p", "-t", "bench").count("\n") < 20 or \
                len(_tmux(socket, "capture-pane", "-p", "-t", "bench").split()) < 20:
            if time.perf_counter() > deadline:
                raise RuntimeError("benchmark: the app did not start in tmux")
            time.sleep(0.1)
        _settle(socket, 2.0)
        samples = []
        for _ in range(presses + 1):
            before, _changed = _settle(socket, QUIET)
            sent = time.perf_counter()
            _tmux(socket, "send-keys", "-t", "bench", "C-n")
            changes: list[tuple[float, str]] = []
            picture, changed = _settle(socket, QUIET, unlike=before, changes=changes)
            if picture == before:
                raise RuntimeError("benchmark: ctrl+n changed nothing on the screen:\n" + picture)
            samples.append((changed - sent) * 1000)
            if trace is not None:
                steps, previous = [], before.splitlines()
                for when, shown in changes:
                    lines = shown.splitlines()
                    steps.append(((when - sent) * 1000, sum(a != b for a, b in zip(previous, lines))))
                    previous = lines
                trace.append(steps)
        if trace is not None:
            del trace[: len(trace) - presses]
        return samples[1:]
    finally:
        _tmux(socket, "kill-server")


def available() -> bool:
    """True when tmux is installed."""
    return shutil.which("tmux") is not None


def floor_command(sample: Path, directory: Path) -> list[str]:
    """The honest floor's command: PaneFloorApp with the pages of `sample`, in the theme ctpat-tui would choose
    here (the pages start at the criterion the editor opens at, so both show the same texts switch by switch)."""
    from benchmarks.startup_probe import floor_pages_file
    from ctpat_tui.tui.theme import default_theme

    pages = floor_pages_file(sample, directory / "floor-pages.json")
    return [sys.executable, "-m", "benchmarks.minimal_app", "--floor", str(pages), "--theme", default_theme()]


def compare(sample: Path, env: dict[str, str], presses: int,
            traces: dict[str, list[list[tuple[float, int]]]] | None = None,
            ) -> tuple[list[float], list[float], list[float]]:
    """(ctpat-tui, minimal app, honest floor) switch times, each app started once, one after the other (with
    `traces`, each app's changes of the pane per press under "ctpat", "minimal", "floor")."""
    traces = traces if traces is not None else {}
    with tempfile.TemporaryDirectory(prefix="ctpat-bench-tmux-") as tmp:
        copy = Path(tmp) / "profile"
        shutil.copytree(sample.parent, copy)
        child_env = {**env, "XDG_STATE_HOME": str(Path(tmp) / "state")}
        floor = floor_command(copy / sample.name, Path(tmp))
        ours = switch_times([sys.executable, "-m", "ctpat_tui", "edit", str(copy / sample.name)], child_env, presses,
                            traces.setdefault("ctpat", []))
        minimal = switch_times([sys.executable, "-m", "benchmarks.minimal_app", "--switch"], child_env, presses,
                               traces.setdefault("minimal", []))
        floor_times = switch_times(floor, child_env, presses, traces.setdefault("floor", []))
    return ours, minimal, floor_times


if __name__ == "__main__":
    import argparse
    import statistics

    from ctpat_tui.resources import sample_profile_dir

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=8)
    parser.add_argument("--trace", action="store_true", help="print every change of the pane after each key")
    arguments = parser.parse_args()
    environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
                   "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    found: dict[str, list[list[tuple[float, int]]]] = {}
    a, b, c = compare(sample_profile_dir() / "profile.toml", environment, arguments.presses, found)
    if arguments.trace:
        for name, presses in found.items():
            for steps in presses:
                print(f"{name:8}", "  ".join(f"{ms:5.1f} ms: {lines:2} lines" for ms, lines in steps))
    ours_ms, minimal_ms, floor_ms = (statistics.median(samples) for samples in (a, b, c))
    print(f"ctpat {ours_ms:.1f} ms, minimal {minimal_ms:.1f} ms ({ours_ms / minimal_ms:.2f}x), "
          f"floor {floor_ms:.1f} ms ({ours_ms / floor_ms:.2f}x)")
