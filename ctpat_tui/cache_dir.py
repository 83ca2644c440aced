"""Where ctpat-tui keeps its caches: $CTPAT_CACHE_DIR, else the user's cache folder; none when CTPAT_NO_CACHE is set.

Imports only os (platformdirs when the folder has to be looked up): a replayed `ctpat check` reads it first thing.
"""

from __future__ import annotations

import os


def cache_directory() -> str | None:
    """The cache folder's path (it may not exist yet); None when caching is switched off."""
    if os.environ.get("CTPAT_NO_CACHE"):
        return None
    directory = os.environ.get("CTPAT_CACHE_DIR")
    if not directory:
        from platformdirs import user_cache_dir

        directory = user_cache_dir("ctpat-tui")
    return directory
