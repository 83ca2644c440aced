"""Keeps Python's cyclic garbage collector off the objects that live as long as the editing screen.

A profile open for editing holds a few hundred thousand objects (the catalog, the round-trip document, the
review's caches, the widgets). Python's full collection walks every one of them whenever enough new objects have
survived; drawing frames creates many, so every few criterion switches or a few dozen keystrokes a full collection
held the interpreter for 90-130 ms, in the middle of a key. Once the screen has settled, its long-lived objects are
moved to the collector's permanent generation (`gc.freeze`): a full collection then walks only what was created
since, about a tenth. Objects still die as usual when nothing refers to them; only reference cycles among the
frozen objects wait, so leaving the screen hands them back (`gc.unfreeze`) to be collected normally.

The start works the same way: `pause_gc` before the app is built, `resume_gc` (freeze, then collect again) once its
first screen has settled.
"""

from __future__ import annotations

import gc

START_GC_PAUSE_LIMIT = 2.0
"""Seconds after the app has mounted by which the garbage collector runs again whatever happens (see pause_gc)."""


def pause_gc() -> None:
    """No garbage collection while the app starts: what start-up allocates (modules, the catalog, the profile,
    the widgets) lives as long as the app, so the 100-200 collections it triggered walked live objects only
    (50-90 ms of the start). `resume_gc` moves all of it out of the collector's way for good."""
    gc.disable()


def resume_gc() -> None:
    """After the start: freeze what the start allocated (no collection runs) and collect normally from now on.
    A no-op when the collector was not paused (tests build the app directly)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class HeapSettler:
    """Freezes the heap when the owner has settled (again after big loads) and releases it when the owner goes."""

    def __init__(self) -> None:
        self.frozen = 0

    def settle(self) -> None:
        """Move every object tracked now out of the collector's reach (cheap: no collection runs)."""
        gc.freeze()
        self.frozen = gc.get_freeze_count()

    def release(self) -> None:
        """Hand the frozen objects back to the collector (the screen is going away)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = 0
