"""Cold start of `ctpat edit` on the sample, several checkouts compared start by start (the before/after method).

Usage: python -m benchmarks.startup_interleaved ROUNDS NAME=CHECKOUT [NAME=CHECKOUT ...] [minimal] [floor]

Each round starts every program once, in the listed order on odd rounds and reversed on even ones (an A/A run of
one checkout twice per round in a fixed order put the first of each round 10% above the second); the round before
the first is a warm-up (file cache, bytecode, each checkout's profile-data cache). Every checkout is started by
this checkout's probe (`startup_probe.py`, run by its path so that `ctpat_tui` comes from the checkout) with its
own cache folder and a fresh copy of the sample. Prints the median and minimum wall time to the first frame, the
median CPU time, ratios to the minimal app and the floor, and for the first two programs the differences paired
by round.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.run import _child_env
from benchmarks.startup_probe import floor_pages_file
from benchmarks.tty import run_in_pty

HERE = Path(__file__).resolve().parent
PROBE = HERE / "startup_probe.py"


def _start(args: list[str], root: Path, work: Path, cache: str) -> tuple[float, float]:
    out = work / "probe.json"
    out.unlink(missing_ok=True)
    env = _child_env()
    env.update({"PYTHONPATH": str(root), "CTPAT_CACHE_DIR": str(work / f"cache-{cache}")})
    # The probe's file run as __main__ by path from a neutral folder: nothing but the checkout on the path. (`-c`
    # puts the current folder first on sys.path: started from a checkout, every program imported that checkout's
    # ctpat_tui, whatever PYTHONPATH said; so the child starts in `work`.)
    code_line = ("import runpy, sys; sys.argv = sys.argv[1:]; "
                 "runpy.run_path(sys.argv[0], run_name='__main__')")
    started, code = run_in_pty([sys.executable, "-c", code_line, str(PROBE), *args, str(out)], env, cwd=str(work))
    if code != 0 or not out.exists():
        raise RuntimeError(f"startup probe {args[0]} on {root} failed (exit {code})")
    data = json.loads(out.read_text())
    return (data["ready"] - started) * 1000, data["cpu"] * 1000


def main(rounds: int, specs: list[str]) -> None:
    from ctpat_tui.resources import sample_profile_dir

    work = Path(tempfile.mkdtemp(prefix="ctpat-startup-"))
    os.chdir(work)  # no checkout's folder on the probe's path but the one given
    pages = floor_pages_file(sample_profile_dir() / "profile.toml", work / "floor-pages.json")
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for index in range(rounds + 1):
        for spec in specs if index % 2 else specs[::-1]:
            name, _, checkout = spec.partition("=")
            if name == "minimal":
                measured = _start(["minimal"], HERE.parent, work, name)
            elif name == "floor":
                measured = _start(["floor", str(pages)], HERE.parent, work, name)
            else:
                copy = work / f"sample-{name}"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(sample_profile_dir(), copy)
                measured = _start(["ctpat", str(copy / "profile.toml")], Path(checkout).resolve(), work, name)
            if index:
                wall.setdefault(name, []).append(measured[0])
                cpu.setdefault(name, []).append(measured[1])
    for name in wall:
        print(f"{name:12s} wall median {statistics.median(wall[name]):6.0f} ms (min {min(wall[name]):4.0f}), "
              f"CPU median {statistics.median(cpu[name]):6.0f} ms, {len(wall[name])} starts")
    for base in ("minimal", "floor"):
        if base in wall:
            ratios = {name: round(statistics.median(v) / statistics.median(wall[base]), 2) for name, v in wall.items()}
            print(f"against {base}: {ratios}")
    names = list(wall)
    if len(names) >= 2:
        first, second = names[0], names[1]
        for label, series in (("wall", wall), ("CPU", cpu)):
            diffs = [b - a for a, b in zip(series[first], series[second])]
            print(f"{second} - {first}, paired by round ({label}): median {statistics.median(diffs):+.0f} ms")
    print(f"load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
