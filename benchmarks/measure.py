"""Repeat a measurement, summarise it (median, min, max) and compare it with a baseline from the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Stats:
    """Summary of repeated timings, in milliseconds (or any unit the caller names)."""

    median: float
    min: float
    max: float
    runs: int
    unit: str = "ms"

    @classmethod
    def of(cls, samples: list[float], unit: str = "ms") -> Stats:
        """Summarise samples."""
        return cls(statistics.median(samples), min(samples), max(samples), len(samples), unit)

    def __str__(self) -> str:
        return f"{self.median:.1f} {self.unit} ({self.min:.1f}-{self.max:.1f})"


@dataclass(frozen=True)
class Result:
    """One benchmark line: the subject, its baseline, their ratio and the goal."""

    name: str
    subject: Stats
    baseline: Stats | None = None
    baseline_name: str = ""
    goal: str = ""
    goal_ratio: float | None = None
    goal_absolute: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """Subject median divided by baseline median."""
        if self.baseline is None or self.baseline.median == 0:
            return None
        return self.subject.median / self.baseline.median

    @property
    def met(self) -> bool | None:
        """Whether the goal is met (None when there is no goal)."""
        if self.goal_ratio is not None and self.ratio is not None:
            return self.ratio <= self.goal_ratio
        if self.goal_absolute is not None:
            return self.subject.median <= self.goal_absolute
        return None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready record with every figure."""
        return {"name": self.name, "subject": asdict(self.subject),
                "baseline": asdict(self.baseline) if self.baseline else None, "baseline_name": self.baseline_name,
                "ratio": self.ratio, "goal": self.goal, "met": self.met, "note": self.note}


def repeat(action: Callable[[], object], *, runs: int = 5, warmup: int = 1) -> Stats:
    """Time `action` `runs` times after `warmup` untimed runs."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return Stats.of(samples)


def interleaved(subject: Callable[[], object], baseline: Callable[[], object], *, runs: int = 5,
                warmup: int = 1) -> tuple[Stats, Stats]:
    """Time subject and baseline alternately so that machine load affects both alike."""
    for _ in range(warmup):
        subject()
        baseline()
    subject_samples, baseline_samples = [], []
    for _ in range(runs):
        for action, samples in ((subject, subject_samples), (baseline, baseline_samples)):
            start = time.perf_counter()
            action()
            samples.append((time.perf_counter() - start) * 1000)
    return Stats.of(subject_samples), Stats.of(baseline_samples)
