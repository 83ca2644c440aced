"""Benchmarks that need no terminal: review, portfolio check, rendering, autosave writes, import cost."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from benchmarks.measure import Result, Stats, interleaved, repeat
from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.render import render_profile
from ctpat_tui.review import review_profile


def review(catalog: Catalog, path: Path, label: str, runs: int) -> Result:
    """`check` in-process (read + review) against only parsing the same file with tomllib."""

    def check() -> None:
        review_profile(catalog, read_profile(path))

    def parse_only() -> None:
        tomllib.loads(path.read_text(encoding="utf-8"))

    subject, baseline = interleaved(check, parse_only, runs=runs)
    return Result(f"check {label}", subject, baseline, "tomllib parse of the same file", "<= 2.0x", goal_ratio=2.0)


def lint_field(catalog: Catalog, path: Path, runs: int) -> Result:
    """`ctpat lint` of one field as typed: every detail field of the sample, each time with one more character
    (so no cached verdict is reused), all rules of `lint_text` (specificity signals, portal text, spelling)."""
    from ctpat_tui.catalog.model import DETAIL_FIELDS
    from ctpat_tui.review import lint_text

    profile = read_profile(path)
    texts = [(cid, name, answer.detail(name)) for cid, answer in profile.answers.items() for name in DETAIL_FIELDS
             if answer.detail(name).strip()]
    lint_text("warm up", "controls", criterion="7.23", entity=profile.entity_type, catalog=catalog)
    samples: list[float] = []
    per_field: dict[str, list[float]] = {}
    for run in range(max(1, runs)):
        for cid, name, text in texts:
            typed = f"{text} {'x' * (run + 1)}"
            start = time.perf_counter()
            lint_text(typed, name, criterion=cid, entity=profile.entity_type, catalog=catalog)
            elapsed = (time.perf_counter() - start) * 1000
            samples.append(elapsed)
            per_field.setdefault(name, []).append(elapsed)
    by_field = ", ".join(f"{name} {Stats.of(values).median:.2f}" for name, values in per_field.items())
    return Result(f"lint one field as typed, sample ({len(texts)} fields x {max(1, runs)})", Stats.of(samples),
                  goal="<= 5 ms median", goal_absolute=5.0, note=f"median ms per field: {by_field}")


def _portfolio(sample: Path, directory: Path, count: int) -> None:
    text = sample.read_text(encoding="utf-8")
    for index in range(count):
        varied = text.replace('company = "Acme Imports LLC"', f'company = "Acme Imports {index} LLC"', 1)
        (directory / f"client-{index:03d}.toml").write_text(varied, encoding="utf-8")


def forget_results() -> None:
    """Delete the stored `ctpat check` results of this benchmark's cache folder."""
    folder = os.environ.get("CTPAT_CACHE_DIR")
    if folder:
        shutil.rmtree(Path(folder) / "check-results", ignore_errors=True)


def portfolio(sample: Path, runs: int) -> list[Result]:
    """`ctpat check DIR` on 50, 100 and 200 profiles (whole command); per-profile cost from the slope."""
    results = []
    timings: dict[int, Stats] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (50, 100, 200):
            folder = Path(tmp) / f"p{count}"
            folder.mkdir()
            _portfolio(sample, folder, count)
            # evidence paths are relative to each profile; copy the folder the sample uses
            shutil.copytree(sample.parent / "evidence", folder / "evidence")
            command = [sys.executable, "-m", "ctpat_tui", "check", str(folder), "--json"]

            def check(c: list[str] = command) -> None:
                forget_results()  # the folder's stored result would be printed: time the check itself
                subprocess.run(c, capture_output=True)

            timings[count] = repeat(check, runs=max(3, runs // 2))
            results.append(Result(f"check DIR with {count} profiles", timings[count],
                                  note=f"{timings[count].median / count:.1f} ms per profile"))
    slope = (timings[200].median - timings[50].median) / 150
    per_100 = (timings[100].median - timings[50].median) / 50
    results.append(Result("portfolio: marginal cost per profile", Stats(slope, slope, slope, 1),
                          note=f"50->100: {per_100:.1f} ms/profile, 50->200: {slope:.1f} ms/profile "
                               "(equal slopes = linear growth)"))
    return results


def render(catalog: Catalog, path: Path, label: str, runs: int) -> list[Result]:
    """All formats and the docx step alone, in-process."""
    profile = read_profile(path)
    review_result = review_profile(catalog, profile)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for formats in (("md", "txt", "docx", "bundle"), ("docx",)):
            stats = repeat(lambda f=formats: render_profile(catalog, profile, out / "-".join(f), f,
                                                            review=review_result), runs=runs)
            results.append(Result(f"render {'+'.join(formats)} {label} (in-process)", stats))
    return results


def ensure_pandoc() -> str | None:
    """Path of pandoc, installing Debian's package when missing and allowed."""
    found = shutil.which("pandoc")
    if found:
        return found
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], capture_output=True, timeout=600, check=True)
    return shutil.which("pandoc")


def docx_vs_pandoc(catalog: Catalog, path: Path, label: str, runs: int) -> list[Result]:
    """Our docx step against pandoc turning the same profile.md into a .docx; also whole command against pandoc."""
    pandoc = ensure_pandoc()
    if pandoc is None:
        return []
    profile = read_profile(path)
    review_result = review_profile(catalog, profile)
    env = {**os.environ, "CTPAT_CATALOG_OVERLAY": str(catalog.overlay_dir or "/nonexistent")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        render_profile(catalog, profile, out, ("md",), review=review_result)
        theirs = [pandoc, str(out / "profile.md"), "-o", str(out / "pandoc.docx")]
        ours_step, pandoc_stats = interleaved(
            lambda: render_profile(catalog, profile, out / "ours", ("docx",), review=review_result),
            lambda: subprocess.run(theirs, check=True, capture_output=True), runs=runs)
        command = [sys.executable, "-m", "ctpat_tui", "render", str(path), "--out", str(out / "cmd"), "--format", "docx"]
        ours_command = repeat(lambda: subprocess.run(command, check=True, capture_output=True, env=env), runs=runs)
    return [
        Result(f"docx step, {label}", ours_step, pandoc_stats, "pandoc profile.md -o profile.docx",
               "< 1.0x (faster than pandoc)", goal_ratio=1.0),
        Result(f"whole `ctpat render --format docx`, {label}", ours_command, pandoc_stats, "pandoc (same)",
               note="includes interpreter start, imports, catalogue load and review; informational"),
    ]


def autosave(path: Path, runs: int) -> Result:
    """Serialise and atomically write the profile after a one-character edit (what one autosave does)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "profile.toml"
        shutil.copy(path, target)
        document = ProfileDocument.load(target)
        cid = next(iter(document.profile.answers))
        counter = iter(range(10_000))

        def save() -> None:
            document.set_answer_value(cid, "frequency", f"Every shipment {next(counter)}")
            document.save_text(document.dumps())

        stats = repeat(save, runs=runs)
    return Result("autosave of the 150-criterion profile (edit + dumps + atomic write)", stats)


def import_cost(runs: int) -> list[Result]:
    """What the headless CLI imports: total self time of ctpat_tui modules, and no Textual."""
    probe = ("import sys, io, contextlib\nfrom ctpat_tui.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()): main(['catalog', 'list'])\n"
             "print('textual' in sys.modules)")
    results = []
    command = [sys.executable, "-X", "importtime", "-c", probe]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    own = 0
    everything = 0
    for line in completed.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            everything = max(everything, int(match.group(2)))
            if match.group(4).strip().startswith("ctpat_tui"):
                own += int(match.group(1))
    textual_loaded = completed.stdout.strip().endswith("True")
    results.append(Result("headless CLI: self import time of ctpat_tui modules", Stats(own / 1000, own / 1000,
                                                                                       own / 1000, 1),
                          note=f"largest cumulative import {everything / 1000:.0f} ms; Textual imported: "
                               f"{'YES (bad)' if textual_loaded else 'no'}"))
    return results


def headless_commands(sample: Path, runs: int) -> list[Result]:
    """Cold wall time of `ctpat catalog list` and `ctpat check SAMPLE` (each a new process, as a user types them)
    against `python -c "import tomllib"`, interleaved.

    What is cached, honestly: every child finds compiled bytecode and the catalogue parse cache (both written by the
    untimed first round, as an installed copy has them after its first run). `check` is timed three times: on a
    profile checked before and unchanged since (the stored result of that check is printed: review/check_cache.py);
    on a profile whose texts were judged before but whose stored result is gone, as after editing one field or
    touching an evidence file (the result folder is deleted before every run; verdicts and spelling findings come
    from the text cache); and on a never-seen profile (a cache folder whose text cache and results are deleted
    before every run, so every text is judged and the dictionary loaded, from the compact copy kept there)."""
    try:
        from ctpat_tui.review.text_cache import FILE_NAME as judgements
    except ImportError:  # code from before the text cache (a "before" figure)
        judgements = "text-judgements.json"
    results_folder = "check-results"
    first_cache = Path(tempfile.mkdtemp(prefix="ctpat-first-check-"))
    texts_cache = Path(tempfile.mkdtemp(prefix="ctpat-texts-check-"))
    never_seen = {**os.environ, "CTPAT_CACHE_DIR": str(first_cache)}
    texts_only = {**os.environ, "CTPAT_CACHE_DIR": str(texts_cache)}
    commands = {
        "tomllib": ([sys.executable, "-c", "import tomllib"], None),
        "catalog list": ([sys.executable, "-m", "ctpat_tui", "catalog", "list"], None),
        "check": ([sys.executable, "-m", "ctpat_tui", "check", str(sample)], None),
        "check texts only": ([sys.executable, "-m", "ctpat_tui", "check", str(sample)], texts_only),
        "check never seen": ([sys.executable, "-m", "ctpat_tui", "check", str(sample)], never_seen),
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    time.sleep(1.2)  # a check does not keep its result for files changed in the last second (the sample was copied)
    try:
        for index in range(runs + 1):
            for name, (command, env) in commands.items():
                if env is never_seen:
                    (first_cache / judgements).unlink(missing_ok=True)
                if env is never_seen or (env is texts_only and index):
                    shutil.rmtree(Path(env["CTPAT_CACHE_DIR"]) / results_folder, ignore_errors=True)
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False, env=env)
                if index:  # the first round warms the file cache and writes bytecode and the caches
                    samples[name].append((time.perf_counter() - start) * 1000)
    finally:
        shutil.rmtree(first_cache, ignore_errors=True)
        shutil.rmtree(texts_cache, ignore_errors=True)
    baseline = Stats.of(samples["tomllib"])
    names = {
        "catalog list": "`ctpat catalog list` cold wall time (catalogue parse cached)",
        "check": "`ctpat check SAMPLE` cold wall time, profile checked before and unchanged (stored result printed)",
    }
    results = [Result(label, Stats.of(samples[name]), baseline, 'python -c "import tomllib"', "<= 2x", goal_ratio=2.0)
               for name, label in names.items()]
    results.append(Result("`ctpat check SAMPLE` cold wall time, texts judged before but no stored result (an edited "
                          "field, a touched evidence file)", Stats.of(samples["check texts only"]), baseline,
                          'python -c "import tomllib"', "informational (was the checked-before row until session 4)"))
    results.append(Result("`ctpat check SAMPLE` cold wall time, never-seen profile (every text judged, dictionary "
                          "loaded)", Stats.of(samples["check never seen"]), baseline, 'python -c "import tomllib"',
                          "informational (a first check)"))
    return results


def quiet() -> contextlib.AbstractContextManager[object]:
    """Swallow stdout of in-process commands."""
    return contextlib.redirect_stdout(io.StringIO())


def timed(label: str) -> contextlib.AbstractContextManager[None]:
    """Print how long a benchmark section took."""

    @contextlib.contextmanager
    def manager():  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        yield
        print(f"  ({label}: {time.perf_counter() - start:.1f} s)", file=sys.stderr)

    return manager()
