"""A criterion switch seen from outside, as a user sees it: the app runs in an 80x24 tmux pane, ctrl+n is sent
with `tmux send-keys`, and the pane is read (`capture-pane`) until it stops changing. Measured from the key to the
last change of the pane (the settled screen), for ctpat-tui and for the minimal app that updates a heading and a
text area (benchmarks/minimal_app.py --switch), alternately. Includes tmux's own polling of the pane, the same for
both apps."""

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


def _settle(socket: str, quiet: float, timeout: float = 30.0, unlike: str | None = None) -> tuple[str, float]:
    """Read the pane until it has not changed for `quiet` seconds (and, with `unlike`, differs from that picture
    first); (picture, time of its last change)."""
    last = _tmux(socket, "capture-pane", "-p", "-t", "bench")
    changed = time.perf_counter()
    deadline = changed + timeout
    while time.perf_counter() < deadline:
        now_picture = _tmux(socket, "capture-pane", "-p", "-t", "bench")
        now = time.perf_counter()
        if now_picture != last:
            last, changed = now_picture, now
        elif now - changed >= quiet and last != unlike:
            break
    return last, changed


def switch_times(command: list[str], env: dict[str, str], presses: int) -> list[float]:
    """Milliseconds from ctrl+n to the settled pane, per press, for `command` started in tmux."""
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
            picture, changed = _settle(socket, QUIET, unlike=before)
            if picture == before:
                raise RuntimeError("benchmark: ctrl+n changed nothing on the screen:\n" + picture)
            samples.append((changed - sent) * 1000)
        return samples[1:]
    finally:
        _tmux(socket, "kill-server")


def available() -> bool:
    """True when tmux is installed."""
    return shutil.which("tmux") is not None


def compare(sample: Path, env: dict[str, str], presses: int) -> tuple[list[float], list[float]]:
    """(ctpat-tui, minimal app) switch times, each app started once, measured in alternating blocks."""
    with tempfile.TemporaryDirectory(prefix="ctpat-bench-tmux-") as tmp:
        copy = Path(tmp) / "profile"
        shutil.copytree(sample.parent, copy)
        child_env = {**env, "XDG_STATE_HOME": str(Path(tmp) / "state")}
        ours = switch_times([sys.executable, "-m", "ctpat_tui", "edit", str(copy / sample.name)], child_env, presses)
        minimal = switch_times([sys.executable, "-m", "benchmarks.minimal_app", "--switch"], child_env, presses)
    return ours, minimal


if __name__ == "__main__":
    import statistics

    from ctpat_tui.resources import sample_profile_dir

    environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
                   "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    a, b = compare(sample_profile_dir() / "profile.toml", environment, 8)
    print(f"ctpat {statistics.median(a):.0f} ms, minimal {statistics.median(b):.0f} ms")
