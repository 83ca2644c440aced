"""Where ctpat-tui keeps its caches: $CTPAT_CACHE_DIR, else the user's cache folder; none when CTPAT_NO_CACHE is set.

Imports only os and sys (platformdirs when the XDG rule below cannot answer): a replayed `ctpat check` reads it
first thing, and `ctpat catalog list` finds the catalogue overlay through `user_directory`.
"""

from __future__ import annotations

import os
import sys

APP_NAME = "ctpat-tui"
_XDG = {"config": ("XDG_CONFIG_HOME", "/.config"), "cache": ("XDG_CACHE_HOME", "/.cache")}


def user_directory(kind: str) -> str:
    """platformdirs' `user_config_dir("ctpat-tui")` (kind "config") or `user_cache_dir("ctpat-tui")` ("cache").

    On Linux the folder follows the XDG rule, which is applied here when its answer is plain: the XDG variable set to
    an absolute path, or unset (or blank) with an absolute HOME. Every platformdirs 4 gives the same answer then
    (tests/test_cache_dir.py compares), and importing platformdirs costs more (about 6 ms) than everything else a
    catalogue command imports. Any other case, or another system, asks platformdirs.
    """
    variable, default = _XDG[kind]
    android = hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ or "ANDROID_ROOT" in os.environ
    if sys.platform == "linux" and not android:
        value = os.environ.get(variable, "")
        home = os.environ.get("HOME", "")
        if value.startswith("/"):
            return os.path.join(value, APP_NAME)
        if not value.strip() and home.startswith("/"):
            return os.path.join(home.rstrip("/") + default, APP_NAME)  # os.path.expanduser("~/.config")
    import platformdirs

    return platformdirs.user_config_dir(APP_NAME) if kind == "config" else platformdirs.user_cache_dir(APP_NAME)


def cache_directory() -> str | None:
    """The cache folder's path (it may not exist yet); None when caching is switched off."""
    if os.environ.get("CTPAT_NO_CACHE"):
        return None
    return os.environ.get("CTPAT_CACHE_DIR") or user_directory("cache")
