"""Pick a theme that the user's terminal can show: the terminal's own 16 colors unless it clearly does more."""

from __future__ import annotations

import os
from collections.abc import Mapping

ANSI_THEME = "ansi-dark"
FULL_THEME = "textual-dark"
THEME_CHOICES: Mapping[str, str] = {
    ANSI_THEME: "terminal colors (16-color, SSH, Linux console)",
    "ansi-light": "terminal colors, light background",
    FULL_THEME: "full color (needs a 256-color or true-color terminal)",
    "textual-light": "full color, light background",
}


def poor_terminal(environ: Mapping[str, str] | None = None) -> bool:
    """True when the terminal probably cannot show more than 16 colors, or the user asked for no color."""
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env:
        return True
    if env.get("TERM", "") in ("linux", "dumb", "vt100", "vt220"):
        return True
    return not env.get("COLORTERM")


def default_theme(environ: Mapping[str, str] | None = None, saved: str = "") -> str:
    """TEXTUAL_THEME wins, then the user's saved choice, then ANSI on poor terminals, else full color."""
    env = os.environ if environ is None else environ
    chosen = env.get("TEXTUAL_THEME", "").split(",")[0].strip()
    if chosen:
        return chosen
    if saved:
        return saved
    return ANSI_THEME if poor_terminal(env) else FULL_THEME
