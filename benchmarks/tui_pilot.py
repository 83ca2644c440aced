"""Criterion switch and keystroke latency of the TUI, driven with Pilot at 80x24: from the key to the frame it causes.

An event is timed from the moment its key is handed to the app. Every frame the app composes is rendered to the
text a terminal would receive (a headless app skips that step) and replayed onto a virtual 80x24 screen, so that
the three measures are exact:
- "frame": the first frame after which the screen (for a keystroke: the text box typed into) shows what it shows
  once the app is idle again (the user sees the final picture; later frames that change nothing there do not
  count, nor, for a keystroke, an autosave indicator or review finishing meanwhile elsewhere on the screen);
- "settled": the last frame the app composed before it was idle again;
- "press": the wall time of `await pilot.press(key)` (and any wait for the expected state), which includes Pilot's
  own idle detection (at least two 20 ms sleeps, the same for every app).
Pilot waits until the app is idle after each key, so each event's work is finished before the next key is sent.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from rich.segment import ControlType
from textual._cells import cell_len
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from benchmarks.minimal_app import MinimalApp, MinimalSwitchApp, Page, PaneFloorApp
from ctpat_tui.catalog import Catalog

SIZE = (80, 24)
TYPED = "Seals are verified against the bill of lading at the dock door by the shift lead. "
MEASURES = ("frame", "settled", "press")
Picture = dict[tuple[int, int], tuple[str, object]]


@dataclass
class Window:
    """One timed key: when it was sent, when Pilot returned, which frames came in between, and the part of the
    screen that shows its result (None: all of it)."""

    start: float
    returned: float
    first: int
    end: int
    region: Region | None = None

    def view(self, picture: Picture) -> Picture:
        """The cells of `picture` that show this key's result."""
        if self.region is None:
            return picture
        return {cell: value for cell, value in picture.items() if self.region.contains(*cell)}


@dataclass
class FrameClock:
    """Every frame the app composes, with its time, rendered to terminal text as a real driver does."""

    app: App[Any]
    frames: list[tuple[float, CompositorUpdate]] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)

    def install(self) -> None:
        """Wrap the app's display step."""
        app = self.app
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, CompositorUpdate) and not app._batch_count:
                renderable.render_segments(app.console)
                self.frames.append((time.perf_counter(), renderable))
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    async def press(self, pilot: Pilot[Any], key: str, done: Callable[[], object],
                    region: Callable[[], Region] | None = None) -> None:
        """Send `key`, wait until the app is idle and `done()` holds, and remember the window (and the screen
        region that shows the result, when only that counts)."""
        first = len(self.frames)
        start = time.perf_counter()
        await pilot.press(key)
        if not done():
            await wait_until(pilot, done, timeout=10.0)
        returned = time.perf_counter()
        if len(self.frames) == first:
            raise RuntimeError(f"benchmark: {key!r} produced no frame")
        self.windows.append(Window(start, returned, first, len(self.frames), region() if region else None))

    def all_latencies(self, skip: int = 0) -> dict[str, list[float]]:
        """Every measure for the timed keys after the first `skip` (warm-up) ones."""
        return {measure: self.latencies(measure)[skip:] for measure in MEASURES}

    def latencies(self, measure: str) -> list[float]:
        """Milliseconds per timed key for `measure` (one of MEASURES)."""
        if measure == "press":
            return [(w.returned - w.start) * 1000 for w in self.windows]
        if measure == "settled":
            return [(self.frames[w.end - 1][0] - w.start) * 1000 for w in self.windows]
        pictures = self._pictures()
        samples = []
        for window in self.windows:
            first = window.first
            while first < window.end - 1 and self.frames[first][0] < window.start:
                first += 1  # stamped before the key was sent, listed just after (the two threads raced)
            final = window.view(pictures[window.end - 1])
            index = window.end - 1
            while index > first and window.view(pictures[index - 1]) == final:
                index -= 1
            samples.append((self.frames[index][0] - window.start) * 1000)
        return samples

    def _pictures(self) -> list[Picture]:
        """The virtual screen after each frame (only the frames inside windows are kept)."""
        console = self.app.console
        wanted = {i for w in self.windows for i in range(max(w.first - 1, 0), w.end)}
        cells: Picture = {}
        pictures: list[Picture] = []
        for index, (_, update) in enumerate(self.frames):
            draw_update(console, update, cells)
            pictures.append(dict(cells) if index in wanted else {})
        return pictures


def draw_update(console: Any, update: object, cells: Picture) -> None:
    """Draw one frame the app sent (a compositor update) onto `cells`, as a terminal would."""
    x = y = 0
    for segment in update.__rich_console__(console, console.options):  # type: ignore[attr-defined]
        if segment.control:
            for code in segment.control:
                if code[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = code[1], code[2]  # type: ignore[misc]
        elif segment.text == "\n":
            x, y = 0, y + 1
        else:
            for char in segment.text:
                cells[(x, y)] = (char, segment.style)
                x += cell_len(char)


async def wait_until(pilot: Pilot[Any], predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Let the app run until `predicate()` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"benchmark: timed out waiting for {predicate}")
        await pilot.pause(0.02)


def freeze_cursors(app: App[Any]) -> None:
    """No blinking cursor: its 0.5 s timer would add frames that have nothing to do with the key."""
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


@contextmanager
def private_state() -> Iterator[None]:
    """Keep the app's recent-profile list and theme choice away from the user's own state folder."""
    saved = {name: os.environ.get(name) for name in ("XDG_STATE_HOME", "TEXTUAL_ANIMATIONS")}
    with tempfile.TemporaryDirectory(prefix="ctpat-bench-state-") as state:
        os.environ["XDG_STATE_HOME"] = state
        os.environ["TEXTUAL_ANIMATIONS"] = "none"
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def copy_profile(profile_path: Path, directory: Path) -> Path:
    """A private copy of the profile (and its evidence folder) that the benchmark may edit and save."""
    target = directory / profile_path.name
    shutil.copy2(profile_path, target)
    evidence = profile_path.parent / "evidence"
    if evidence.is_dir():
        shutil.copytree(evidence, directory / "evidence")
    return target


@asynccontextmanager
async def running_editor(profile_path: Path, catalog: Catalog) -> AsyncIterator[tuple[Pilot[Any], Any, FrameClock]]:
    """The real app on a copy of `profile_path`, settled (first criterion shown, full review in) with a frame clock."""
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.screens.main import MainScreen

    with private_state(), tempfile.TemporaryDirectory(prefix="ctpat-bench-") as tmp:
        app = CtpatApp(catalog, copy_profile(profile_path, Path(tmp)))
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.current is not None
                             and bool(app.screen.findings_by_id))
            await pilot.pause(0.3)
            freeze_cursors(app)
            clock = FrameClock(app)
            clock.install()
            yield pilot, app.screen, clock


def switch_times(profile_path: Path, catalog: Catalog, *, presses: int, measure: str = "frame",
                 start_in: str = "form", gap: float = 0.35) -> list[float]:
    """Per ctrl+n: key to the frame showing the next criterion (`start_in` "form": the cursor is in the Controls
    field, as after typing an answer; "list": in the navigator); `gap` seconds of quiet (untimed) between keys."""
    return asyncio.run(_switch_times(profile_path, catalog, presses, start_in, gap))[measure]


async def _switch_times(profile_path: Path, catalog: Catalog, presses: int, start_in: str,
                        gap: float) -> dict[str, list[float]]:
    from ctpat_tui.tui.widgets.criterion_pane import CriterionPane

    async with running_editor(profile_path, catalog) as (pilot, screen, clock):
        pane = screen.query_one(CriterionPane)
        for _ in range(presses + 1):
            order = screen.order()
            if screen.current == order[-1]:
                await screen.go_to(order[0])
            if start_in == "form":
                pane.focus_field("controls")
            else:
                screen.action_focus_navigator()
            freeze_cursors(pilot.app)
            await pilot.pause(gap)
            target = order[order.index(screen.current) + 1]
            await clock.press(pilot, "ctrl+n", partial(_shows, screen, pane, target))
        return clock.all_latencies(skip=1)


def _shows(screen: Any, pane: Any, criterion_id: str) -> bool:
    title = str(pane.query_one("#crit-title").render())
    return screen.current == criterion_id and title.startswith(f"{criterion_id} ")


def keystroke_times(profile_path: Path, catalog: Catalog, *, presses: int, measure: str = "frame",
                    gap: float = 0.0) -> list[float]:
    """Per character typed at the end of the Controls field of the current criterion (live findings on). With no
    `gap` the live review waits for the pause after typing (as it does for a typist); with a gap above 0.3 s it
    runs, untimed, between keys."""
    return asyncio.run(_keystroke_times(profile_path, catalog, presses, gap))[measure]


async def _keystroke_times(profile_path: Path, catalog: Catalog, presses: int,
                           gap: float) -> dict[str, list[float]]:
    async with running_editor(profile_path, catalog) as (pilot, screen, clock):
        area = screen.query_one("#field-controls", TextArea)
        area.focus()
        await pilot.pause(0.3)
        await _type(pilot, clock, area, presses + 1, gap)
        return clock.all_latencies(skip=1)


async def _type(pilot: Pilot[Any], clock: FrameClock, box: Input | TextArea, count: int, gap: float,
                offset: int = 0) -> None:
    """Type `count` characters into `box`; each counts until the box (only) shows its final picture."""
    for index in range(offset, offset + count):
        key = TYPED[index % len(TYPED)]
        expected = _text(box) + key
        await clock.press(pilot, key if key != " " else "space", partial(_typed, box, expected),
                          region=lambda: box.region)
        if gap:
            await pilot.pause(gap)


MISSPELT = "Guards recieve the seal log and chek each trailor at the dock door. "
SPELLING_GAP = 0.31  # just over the live review's delay: each review (spelling included) overlaps the next keys


def spelling_keystroke_times(profile_path: Path, catalog: Catalog, *, presses: int,
                             measure: str = "frame") -> list[float]:
    """Per character of a sentence with misspellings typed into Controls, the keys spaced so the live review
    (with spelling, when the profile has it on: dictionary loaded, suggestions computed) runs in a thread while
    the next keys arrive."""
    return asyncio.run(_spelling_keystroke_times(profile_path, catalog, presses))[measure]


async def _spelling_keystroke_times(profile_path: Path, catalog: Catalog, presses: int) -> dict[str, list[float]]:
    from ctpat_tui.review import spelling

    async with running_editor(profile_path, catalog) as (pilot, screen, clock):
        if screen.session.profile.settings.spelling:
            await wait_until(pilot, spelling.is_loaded)
        area = screen.query_one("#field-controls", TextArea)
        area.focus()
        await pilot.pause(0.3)
        for index in range(presses + 1):
            key = MISSPELT[index % len(MISSPELT)]
            expected = _text(area) + key
            await clock.press(pilot, key if key != " " else "space", partial(_typed, area, expected),
                              region=lambda: area.region)
            await pilot.pause(SPELLING_GAP)
        return clock.all_latencies(skip=1)


def without_spelling(profile_path: Path, directory: Path) -> Path:
    """A copy of `profile_path` with `spelling = false` in its [settings] (the same profile, spelling off)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = copy_profile(profile_path, directory)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("[settings]\n", "[settings]\nspelling = false\n", 1), encoding="utf-8")
    return target


def _text(box: Input | TextArea) -> str:
    return box.text if isinstance(box, TextArea) else box.value


def _typed(box: Input | TextArea, expected: str) -> bool:
    return _text(box) == expected


def minimal_keystroke_times(*, presses: int, measure: str = "frame", gap: float = 0.0,
                            theme: str | None = None) -> list[float]:
    """The same keystrokes, measured the same way, in the minimal app (benchmarks/minimal_app.py)."""
    return asyncio.run(_minimal_keystroke_times(presses, gap, theme))[measure]


async def _minimal_keystroke_times(presses: int, gap: float, theme: str | None) -> dict[str, list[float]]:
    app = MinimalApp(theme=theme or _ctpat_theme())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        freeze_cursors(app)
        clock = FrameClock(app)
        clock.install()
        box = app.query_one(Input)
        await _type(pilot, clock, box, presses + 1, gap)
        return clock.all_latencies(skip=1)


def minimal_switch_times(*, presses: int, measure: str = "frame", gap: float = 0.35) -> list[float]:
    """Textual's floor for a criterion switch: ctrl+n in MinimalSwitchApp (list, heading, text area), measured the
    same way as the switch in ctpat-tui, with the focus in its Input."""
    return asyncio.run(_minimal_switch_times(presses, gap))[measure]


async def _minimal_switch_times(presses: int, gap: float) -> dict[str, list[float]]:
    app = MinimalSwitchApp(theme=_ctpat_theme())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        freeze_cursors(app)
        clock = FrameClock(app)
        clock.install()
        items = app.query_one("#items")
        heading = app.query_one("#heading")
        for _ in range(presses + 1):
            if (items.highlighted or 0) >= 90:  # type: ignore[attr-defined]
                items.highlighted = 0  # type: ignore[attr-defined]
            await pilot.pause(gap)
            wanted = f"Item {(items.highlighted or 0) + 2}"  # type: ignore[attr-defined]
            await clock.press(pilot, "ctrl+n", lambda w=wanted: str(heading.render()) == w)
        return clock.all_latencies(skip=1)


def floor_pages(profile_path: Path, catalog: Catalog) -> tuple[list[Page], list[tuple[str, str]]]:
    """The pages of the honest floor (PaneFloorApp): per criterion in the navigator's order, the texts the
    editing screen shows for it on the profile at `profile_path` (heading, prompt, answer fields, evidence,
    response preview, findings), and the status choices."""
    from ctpat_tui.compose import compose_response
    from ctpat_tui.profile.model import STATUS_LABELS, STATUSES
    from ctpat_tui.profile.parse import read_profile
    from ctpat_tui.review.engine import review_profile
    from ctpat_tui.tui import outline
    from ctpat_tui.tui.outline import portal_questions_label
    from ctpat_tui.tui.widgets.criterion_pane import INPUT_FIELDS, TEXTAREA_FIELDS
    from ctpat_tui.tui.widgets.findings import finding_prompt, summary

    profile = read_profile(profile_path)
    entity = profile.entity_type
    entity_name = catalog.entity(entity).name
    findings = outline.group_findings(review_profile(catalog, profile).findings)
    pages = []
    for cid in outline.ordered_ids(outline.build_groups(catalog, entity, "section")):
        criterion = catalog.criteria[cid]
        answer = profile.answer(cid)
        designation = catalog.designation(cid, entity)
        level = designation.label if designation else "does not apply"
        official = criterion.official_text_for(entity)
        prompt = criterion.prompt_for(entity)
        own = findings.get(cid, [])
        pages.append(Page(
            nav_label=f"{cid}  {criterion.title}",
            heading=f"{cid}  {criterion.title}\n{level} for {entity_name} · Portal: "
                    f"{portal_questions_label(criterion)} · F6 preview",
            prompt=f"{prompt}\nCBP wording (imported): {official}" if official else prompt,
            status=answer.status,
            areas=tuple(answer.detail(name) for name in TEXTAREA_FIELDS),
            inputs=tuple(answer.detail(name) for name in INPUT_FIELDS),
            evidence=tuple(item.ref or item.title for item in answer.evidence),
            preview=compose_response(criterion, answer, profile.settings.response_style).text or "(empty)",
            findings_title=f"Findings: {summary(own)}",
            findings=tuple(finding_prompt(finding).plain for finding in own)))
    return pages, [(STATUS_LABELS[status], status) for status in STATUSES]


def floor_switch_times(profile_path: Path, catalog: Catalog, *, presses: int, measure: str = "frame",
                       gap: float = 0.35) -> list[float]:
    """The honest floor of the criterion switch on this profile: ctrl+n in PaneFloorApp (the same visible parts
    as the editing screen, one widget each, the same texts), measured as the switch in ctpat-tui is."""
    pages, statuses = floor_pages(profile_path, catalog)
    return asyncio.run(_floor_switch_times(pages, statuses, presses, gap))[measure]


async def _floor_switch_times(pages: list[Page], statuses: list[tuple[str, str]], presses: int,
                              gap: float) -> dict[str, list[float]]:
    app = PaneFloorApp(pages, statuses, theme=_ctpat_theme())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        freeze_cursors(app)
        clock = FrameClock(app)
        clock.install()
        heading = app.query_one("#heading")
        for _ in range(presses + 1):
            if app.index >= len(pages) - 2:
                app.show(0)
            app.query_one("#area-0").focus()
            await pilot.pause(gap)
            wanted = pages[app.index + 1].heading
            await clock.press(pilot, "ctrl+n", lambda w=wanted: str(heading.render()) == w)
        return clock.all_latencies(skip=1)


def minimal_thread_keystroke_times(*, presses: int, measure: str = "frame") -> list[float]:
    """Keys sent to the minimal app's Input the way the autosave benchmark sends them: from another thread, as the
    terminal's input thread does (the fair baseline of the keystroke-during-autosave row)."""
    return asyncio.run(_minimal_thread_keystroke_times(presses))[measure]


async def _minimal_thread_keystroke_times(presses: int) -> dict[str, list[float]]:
    from textual import events

    app = MinimalApp(theme=_ctpat_theme())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        freeze_cursors(app)
        clock = FrameClock(app)
        clock.install()
        box = app.query_one(Input)
        driver = app._driver
        assert driver is not None
        for index in range(presses + 1):
            key = "abcdefghijklmnopqrstuvwxyz"[index % 26]
            sent: list[tuple[float, int]] = []

            def typist(key: str = key, sent: list[tuple[float, int]] = sent) -> None:
                time.sleep(0.05)
                sent.append((time.perf_counter(), len(clock.frames)))
                driver.process_message(events.Key(key, key))

            expected = box.value + key
            thread = threading.Thread(target=typist)
            thread.start()
            await wait_until(pilot, partial(_typed, box, expected))
            await pilot.pause()
            thread.join()
            start, first = sent[0]
            if await _frame_after(pilot, clock, start):
                clock.windows.append(Window(start, time.perf_counter(), first, len(clock.frames), box.region))
            await pilot.pause(0.2)
        return clock.all_latencies(skip=1)


async def _frame_after(pilot: Pilot[Any], clock: FrameClock, start: float) -> bool:
    """Wait for a frame stamped after a key sent from a thread at `start`; False when none came (the key is then
    left untimed: a frame stamped while the key was sent can be listed after it, and a window with only that
    frame gave a negative latency)."""
    try:
        await wait_until(pilot, lambda: bool(clock.frames) and clock.frames[-1][0] >= start, timeout=2.0)
    except TimeoutError:
        return False
    return True


def _ctpat_theme() -> str:
    """The theme ctpat-tui would choose in this terminal (so both apps draw with the same colours)."""
    from ctpat_tui.tui.theme import default_theme

    return default_theme()


def autosave_typing_times(profile_path: Path, catalog: Catalog, *, presses: int, write_delay: float = 1.0,
                          measure: str = "frame", phase: str = "write") -> list[float]:
    """Keys typed into the Controls field during an autosave, each sent the way the terminal input thread sends
    keys, at the moment the autosave reaches `phase`: "write" (the worker thread starts checking and writing the
    file; it then sleeps `write_delay` seconds more so that it is certainly still running when the key has been
    handled) or "serialise" (the UI thread starts turning the profile into text for the worker)."""
    return asyncio.run(_autosave_typing_times(profile_path, catalog, presses, phase, write_delay))[measure]


class AutosaveProbe:
    """Marks the start of one autosave phase (from whichever thread runs it) and counts writes still running."""

    def __init__(self, session: Any, phase: str, write_delay: float) -> None:
        self.session = session
        self.started = threading.Event()
        self.writing = 0
        self.snapshot, self.write = session.snapshot, session.write
        self.phase, self.write_delay = phase, write_delay
        session.snapshot, session.write = self._snapshot, self._write

    def _snapshot(self) -> tuple[int, str]:
        if self.phase == "serialise":
            self.started.set()
        return self.snapshot()  # type: ignore[no-any-return]

    def _write(self, revision: int, text: str, **options: bool) -> bool:
        if threading.current_thread() is threading.main_thread():
            return self.write(revision, text, **options)  # type: ignore[no-any-return]
        self.writing += 1
        try:
            if self.phase == "write":
                self.started.set()
            wrote = self.write(revision, text, **options)
            time.sleep(self.write_delay if self.phase == "write" else 0)
            return wrote  # type: ignore[no-any-return]
        finally:
            self.writing -= 1

    def restore(self) -> None:
        """Put the session's own methods back."""
        self.session.snapshot, self.session.write = self.snapshot, self.write


async def _autosave_typing_times(profile_path: Path, catalog: Catalog, presses: int, phase: str,
                                 write_delay: float) -> dict[str, list[float]]:
    from textual import events

    async with running_editor(profile_path, catalog) as (pilot, screen, clock):
        probe = AutosaveProbe(screen.session, phase, write_delay)
        screen.autosaver.delay = 0.05
        area = screen.query_one("#field-controls", TextArea)
        area.focus()
        await pilot.pause(0.3)
        driver = pilot.app._driver
        assert driver is not None
        overlapped: list[bool] = []
        for index in range(presses):
            key = "abcdefghijklmnopqrstuvwxyz"[index % 26]
            sent: list[tuple[float, int]] = []

            def typist(key: str = key, sent: list[tuple[float, int]] = sent) -> None:
                if probe.started.wait(10):
                    sent.append((time.perf_counter(), len(clock.frames)))
                    driver.process_message(events.Key(key, key))

            probe.started.clear()
            thread = threading.Thread(target=typist)
            thread.start()
            expected = _text(area) + "x" + key
            await pilot.press("x")  # an edit: its autosave starts 50 ms later, and the typist strikes then
            await wait_until(pilot, partial(_typed, area, expected))
            await pilot.pause()
            writing_after = probe.writing > 0
            thread.join()
            start, first = sent[0]
            if await _frame_after(pilot, clock, start):
                clock.windows.append(Window(start, time.perf_counter(), first, len(clock.frames), area.region))
            overlapped.append(writing_after or phase == "serialise")
            await wait_until(pilot, lambda: probe.writing == 0 and not screen.autosaver.pending)
            await pilot.pause(0.2)
        probe.restore()
        if not all(overlapped):
            raise RuntimeError("benchmark: a write ended before its key was handled; raise write_delay")
        return clock.all_latencies()


def summary(samples: list[float]) -> str:
    """'median ms (min-max, n)'."""
    return f"{statistics.median(samples):6.1f} ms ({min(samples):.1f}-{max(samples):.1f}, n={len(samples)})"


def main() -> None:
    """Print every figure for the sample and the synthetic 150-criterion profile (`python -m benchmarks.tui_pilot`)."""
    import argparse

    from benchmarks.synthetic import write_overlay, write_profile
    from ctpat_tui.catalog import load_catalog
    from ctpat_tui.resources import questionnaire_dir, sample_profile_dir

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--only", choices=("switch", "keystroke", "autosave", "minimal"), action="append")
    parser.add_argument("--profile", choices=("sample", "synthetic"), default=None)
    args = parser.parse_args()
    only = set(args.only or ("switch", "keystroke", "autosave", "minimal"))
    presses = args.presses

    def show(label: str, figures: dict[str, list[float]]) -> None:
        for measure in MEASURES:
            print(f"{label:34} [{measure:7}] {summary(figures[measure])}", flush=True)

    with tempfile.TemporaryDirectory(prefix="ctpat-bench-synth-") as tmp:
        overlay = write_overlay(Path(tmp) / "overlay")
        synthetic_catalog = load_catalog(questionnaire_dir(), overlay)
        synthetic = write_profile(Path(tmp) / "synthetic.toml", synthetic_catalog)
        profiles = {"sample": (sample_profile_dir() / "profile.toml", load_catalog(questionnaire_dir())),
                    "synthetic": (synthetic, synthetic_catalog)}
        for label, (path, catalog) in profiles.items():
            if args.profile and label != args.profile:
                continue
            if "switch" in only:
                for start_in in ("form", "list"):
                    show(f"{label} switch from {start_in}", asyncio.run(_switch_times(path, catalog, presses,
                                                                                     start_in, 0.35)))
            if "keystroke" in only:
                show(f"{label} keystroke", asyncio.run(_keystroke_times(path, catalog, presses, 0.0)))
                show(f"{label} keystroke, review between keys",
                     asyncio.run(_keystroke_times(path, catalog, presses // 2, 0.4)))
            if "autosave" in only:
                for phase in ("write", "serialise"):
                    show(f"{label} keystroke at autosave {phase}",
                         asyncio.run(_autosave_typing_times(path, catalog, presses // 2, phase, 1.0)))
    if "minimal" in only or "keystroke" in only:
        show("minimal app keystroke", asyncio.run(_minimal_keystroke_times(presses, 0.0, None)))


if __name__ == "__main__":
    main()
