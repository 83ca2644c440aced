"""Where the user's local catalog overlay (imported official MSC tables) lives."""

from __future__ import annotations

import os
from pathlib import Path

OVERLAY_ENV = "CTPAT_CATALOG_OVERLAY"


def default_overlay_dir() -> Path:
    """The overlay directory in the user's config directory (or $CTPAT_CATALOG_OVERLAY)."""
    override = os.environ.get(OVERLAY_ENV)
    if override:
        return Path(override)
    from ctpat_tui.cache_dir import user_directory

    return Path(user_directory("config")) / "catalog-overlay"


def active_overlay_dir() -> Path | None:
    """The overlay directory if one exists and holds criteria, else None."""
    directory = default_overlay_dir()
    return directory if (directory / "criteria").is_dir() else None
