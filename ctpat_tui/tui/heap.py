"""Keeps Python's cyclic garbage collector off the objects that live as long as the editing screen.

A profile open for editing holds a few hundred thousand objects (the catalog, the round-trip document, the
review's caches, the widgets). Python's full collection walks every one of them whenever enough new objects have
survived; drawing frames creates many, so every few criterion switches or a few dozen keystrokes a full collection
held the interpreter for 90-130 ms, in the middle of a key. Once the screen has settled, its long-lived objects are
moved to the collector's permanent generation (`gc.freeze`): a full collection then walks only what was created
since, about a tenth. Objects still die as usual when nothing refers to them; only reference cycles among the
frozen objects wait, so leaving the screen hands them back (`gc.unfreeze`) to be collected normally.
"""

from __future__ import annotations

import gc


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
