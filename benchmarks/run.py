"""Run every benchmark, print a table and write every figure to JSON.

Usage: python -m benchmarks.run [--runs N] [--only startup,tui,outside,review,portfolio,render,autosave,memory,imports]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import headless
from benchmarks.measure import Result, Stats
from benchmarks.synthetic import write_overlay, write_profile
from ctpat_tui.catalog import load_catalog
from ctpat_tui.resources import questionnaire_dir, sample_profile_dir

SECTIONS = ("startup", "tui", "outside", "review", "portfolio", "render", "autosave", "memory", "imports")
RESULTS_DIR = Path(__file__).parent / "results"


class Workspace:
    """Copies of the sample and a synthetic 150-criterion profile (with its catalogue overlay) in a temp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sample = root / "sample" / "profile.toml"
        shutil.copytree(sample_profile_dir(), self.sample.parent)
        self.overlay = write_overlay(root / "overlay")
        self.catalog = load_catalog(questionnaire_dir())
        self.big_catalog = load_catalog(questionnaire_dir(), self.overlay)
        self.big = write_profile(root / "big" / "profile.toml", self.big_catalog)


def _child_env(overlay: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_")}
    env.update({"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none", "COLUMNS": "80", "LINES": "24",
                "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    env.pop("NO_COLOR", None)
    # An installed copy runs from compiled bytecode: with PYTHONDONTWRITEBYTECODE set in the shell, every module
    # changed since its .pyc was last written was compiled again on every start (about 55 ms for the modules the editor imports).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if overlay is not None:
        env["CTPAT_CATALOG_OVERLAY"] = str(overlay)
    return env


def _probe(args: list[str], env: dict[str, str], out: Path) -> tuple[float, int]:
    """Start the probe in a pty; returns (ms to the first interactive frame, peak RSS in kB)."""
    from benchmarks.tty import run_in_pty

    out.unlink(missing_ok=True)
    started, code = run_in_pty([sys.executable, "-m", "benchmarks.startup_probe", *args], env)
    if code != 0 or not out.exists():
        raise RuntimeError(f"startup probe {args[0]} failed (exit {code})")
    data = json.loads(out.read_text())
    return (data["ready"] - started) * 1000, int(data["vmhwm_kb"])


def startup_and_memory(ws: Workspace, runs: int, wanted: set[str]) -> list[Result]:
    """Cold start of `ctpat edit` on the sample vs the minimal app; peak RSS on the largest profile."""
    out = ws.root / "probe.json"
    results = []
    if "startup" in wanted:
        from benchmarks.startup_probe import floor_pages_file

        pages = floor_pages_file(ws.sample, ws.root / "floor-pages.json")
        ours, minimal, floor = [], [], []
        for index in range(runs + 1):
            sample_copy = ws.root / f"start-{index}" / "profile.toml"
            shutil.copytree(ws.sample.parent, sample_copy.parent)
            ms_ours, _ = _probe(["ctpat", str(sample_copy), str(out)], _child_env(), out)
            ms_min, _ = _probe(["minimal", str(out)], _child_env(), out)
            ms_floor, _ = _probe(["floor", str(pages), str(out)], _child_env(), out)
            if index:  # the first round warms the file cache
                ours.append(ms_ours)
                minimal.append(ms_min)
                floor.append(ms_floor)
        results.append(Result("cold start to first frame (ctpat edit sample)", Stats.of(ours),
                              Stats.of(minimal), "minimal Textual app (list, input, footer)", "<= 1.2x (issue 14)",
                              goal_ratio=1.2))
        results.append(Result("cold start to first frame (ctpat edit sample), floor", Stats.of(ours),
                              Stats.of(floor), "the screen's visible parts, one stock widget each (PaneFloorApp)",
                              "distance from the floor"))
    if "memory" in wanted:
        ours_kb, minimal_kb = [], []
        for index in range(max(3, runs // 2)):
            big_copy = ws.root / f"mem-{index}" / "profile.toml"
            shutil.copytree(ws.big.parent, big_copy.parent)
            ours_kb.append(_probe(["ctpat", str(big_copy), str(out)], _child_env(ws.overlay), out)[1] / 1024)
            minimal_kb.append(_probe(["minimal", str(out)], _child_env(), out)[1] / 1024)
        results.append(Result("peak RSS of the app on the 150-criterion profile", Stats.of(ours_kb, "MB"),
                              Stats.of(minimal_kb, "MB"), "minimal Textual app",
                              note="informational; no goal set"))
    return results


def tui(ws: Workspace, runs: int) -> list[Result]:
    """Criterion switch and one keystroke via Pilot, against the minimal app's keystroke."""
    from benchmarks import tui_pilot

    presses = max(20, runs * 4)
    results = []
    minimal = Stats.of(tui_pilot.minimal_keystroke_times(presses=presses))
    floor = Stats.of(tui_pilot.minimal_switch_times(presses=presses))
    for label, path, catalog in (("sample", ws.sample, ws.catalog), ("150 criteria", ws.big, ws.big_catalog)):
        switch = Stats.of(tui_pilot.switch_times(path, catalog, presses=presses))
        results.append(Result(f"criterion switch in-process, {label}", switch, floor,
                              "Textual's floor: ctrl+n updating a list, a heading and a text area",
                              "<= 16 ms, else near the floor (<= 1.5x)", goal_ratio=1.5,
                              note=f"{switch.median - floor.median:+.1f} ms from the floor"))
        honest = Stats.of(tui_pilot.floor_switch_times(path, catalog, presses=presses))
        results.append(Result(f"criterion switch in-process vs the same visible parts, {label}", switch, honest,
                              "honest floor: the editing screen's visible parts, one widget each, same texts",
                              "the floor (<= 1.1x)", goal_ratio=1.1,
                              note=f"{switch.median - honest.median:+.1f} ms from it"))
        key = Stats.of(tui_pilot.keystroke_times(path, catalog, presses=presses))
        results.append(Result(f"keystroke in Controls, {label}", key, minimal, "keystroke in the minimal app",
                              "<= 1.1x (issue 14)", goal_ratio=1.1))
    unspelled = Stats.of(tui_pilot.spelling_keystroke_times(
        tui_pilot.without_spelling(ws.sample, ws.root / "spelling-off"), ws.catalog, presses=presses))
    spelled = Stats.of(tui_pilot.spelling_keystroke_times(ws.sample, ws.catalog, presses=presses))
    results.append(Result("keystroke in Controls with spelling on, live review between keys, sample", spelled,
                          unspelled, "the same keys with spelling = false", "<= 1.2x", goal_ratio=1.2))
    during = Stats.of(tui_pilot.autosave_typing_times(ws.big, ws.big_catalog, presses=presses))
    threaded = Stats.of(tui_pilot.minimal_thread_keystroke_times(presses=presses))
    results.append(Result("keystroke while an autosave is being written, 150 criteria", during, threaded,
                          "keystroke in the minimal app, sent from a thread the same way",
                          "<= 1.2x (typing not delayed)", goal_ratio=1.2,
                          note=f"{during.median / minimal.median:.2f}x the minimal app's Pilot keystroke"))
    return results


def format_table(results: list[Result]) -> str:
    """A plain-text table of the results."""
    rows = [("measurement", "median (min-max)", "baseline", "ratio", "goal", "met")]
    for r in results:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        met = {True: "yes", False: "NO", None: ""}[r.met]
        rows.append((r.name + (f"  [{r.note}]" if r.note else ""), str(r.subject),
                     str(r.baseline) if r.baseline else "", ratio, r.goal, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections and report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement (after a warm-up)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="where to write the figures (default benchmarks/results/)")
    args = parser.parse_args(argv)
    # Installed copies run from compiled bytecode (pip compiles it at install time); a shell that forbids writing
    # it would have every child process compile ctpat_tui from source and the start-up figures would measure that.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    runs = max(5, args.runs)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="ctpat-bench-") as tmp:
        # One user's catalogue cache (the shared one of this machine may hold the parses of many checkouts).
        os.environ["CTPAT_CACHE_DIR"] = str(Path(tmp) / "cache")
        ws = Workspace(Path(tmp))
        print(f"sample: {len(ws.catalog.applicable('importer'))} criteria; synthetic: "
              f"{len(ws.big_catalog.applicable('importer'))} criteria, {ws.big.stat().st_size // 1024} KB",
              file=sys.stderr)
        if wanted & {"startup", "memory"}:
            with headless.timed("startup/memory"):
                results += startup_and_memory(ws, runs, wanted)
        if "tui" in wanted:
            with headless.timed("tui"):
                results += tui(ws, runs)
        if "outside" in wanted:
            from benchmarks import outside

            if outside.available():
                with headless.timed("outside"):
                    ours, minimal, floor = outside.compare(ws.sample, _child_env(), max(8, runs * 2))
                    ours_stats, floor_stats = Stats.of(ours), Stats.of(floor)
                    results.append(Result("criterion switch seen from outside (tmux, key to settled pane), sample",
                                          ours_stats, Stats.of(minimal),
                                          "minimal app updating a heading and a text area", "keep at parity "
                                          "(<= 1.1x)", goal_ratio=1.1))
                    results.append(Result("criterion switch seen from outside (tmux), vs the same visible parts",
                                          ours_stats, floor_stats,
                                          "honest floor: the editing screen's visible parts, one widget each, "
                                          "same texts (PaneFloorApp)", "the floor (<= 1.1x)", goal_ratio=1.1,
                                          note=f"{ours_stats.median - floor_stats.median:+.1f} ms from it"))
        if "review" in wanted:
            with headless.timed("review"):
                results.append(headless.review(ws.catalog, ws.sample, "sample (93 criteria)", runs))
                results.append(headless.lint_field(ws.catalog, ws.sample, runs))
                results.append(headless.review(ws.big_catalog, ws.big, "150 criteria, long answers", runs))
        if "portfolio" in wanted:
            with headless.timed("portfolio"):
                results += headless.portfolio(ws.sample, runs)
        if "render" in wanted:
            with headless.timed("render"):
                results += headless.render(ws.catalog, ws.sample, "sample", runs)
                results += headless.render(ws.big_catalog, ws.big, "150 criteria", runs)
                results += headless.docx_vs_pandoc(ws.catalog, ws.sample, "sample", runs)
                results += headless.docx_vs_pandoc(ws.big_catalog, ws.big, "150 criteria", runs)
        if "autosave" in wanted:
            with headless.timed("autosave"):
                results.append(headless.autosave(ws.big, runs))
        if "imports" in wanted:
            with headless.timed("imports"):
                results += headless.import_cost(runs)
                results += headless.headless_commands(ws.sample, runs)
    print(format_table(results))
    record = {"when": dt.datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
              "machine": platform.machine(), "cpus": os.cpu_count(), "runs": runs,
              "results": [r.as_dict() for r in results]}
    target = args.json or RESULTS_DIR / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record, indent=2))
    print(f"\nfigures written to {target}")
    return 0 if all(r.met is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
