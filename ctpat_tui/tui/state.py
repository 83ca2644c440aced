"""The user's app state between sessions: recent profiles and the chosen theme, kept in the user state dir."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from ctpat_tui.private_files import make_folder
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.store import atomic_write_text

MAX_RECENT = 10
DEMO_PREFIX = "ctpat-demo-"
"""The name of the temporary folders `ctpat demo` copies the sample into (never listed as recent profiles)."""


def state_file() -> Path:
    """Where the state is kept (platformdirs user_state_dir("ctpat-tui")/state.json)."""
    return Path(platformdirs.user_state_dir("ctpat-tui")) / "state.json"


@dataclass(frozen=True)
class RecentProfile:
    """A profile opened before: where it is, whose it is, and when it was last opened."""

    path: str
    company: str = ""
    entity_type: str = ""
    opened: str = ""


@dataclass
class UserState:
    """Recent profiles (newest first) and the theme the user picked, if any."""

    recent: list[RecentProfile] = field(default_factory=list)
    theme: str = ""


def load_state(path: Path | None = None) -> UserState:
    """Read the state; a missing or damaged file gives an empty state rather than an error."""
    path = path or state_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UserState()
    if not isinstance(raw, dict):
        return UserState()
    recent = []
    for item in raw.get("recent", []):
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            recent.append(RecentProfile(item["path"], str(item.get("company", "")),
                                        str(item.get("entity_type", "")), str(item.get("opened", ""))))
    theme = raw.get("theme", "")
    return UserState(recent[:MAX_RECENT], theme if isinstance(theme, str) else "")


def is_temporary_copy(path: Path | str) -> bool:
    """True for a profile in a `ctpat demo` temporary folder: a throw-away copy, not the user's work."""
    resolved = Path(path).resolve()
    temp_root = Path(tempfile.gettempdir()).resolve()
    return any(folder.name.startswith(DEMO_PREFIX) and folder.parent == temp_root for folder in resolved.parents)


def worth_listing(item: RecentProfile) -> bool:
    """A recent entry the start screen should offer: its file still exists and it is not a demo copy."""
    return Path(item.path).is_file() and not is_temporary_copy(item.path)


def save_state(state: UserState, path: Path | None = None) -> None:
    """Write the state atomically; failures are ignored (the state is a convenience, never needed to work)."""
    path = path or state_file()
    data = {"recent": [r.__dict__ for r in state.recent[:MAX_RECENT]], "theme": state.theme}
    try:
        make_folder(path.parent)
        atomic_write_text(path, json.dumps(data, indent=2) + "\n", keep_backup=False, check_toml=False)
    except (OSError, ProfileError):
        pass


def remember_profile(path: Path, company: str, entity_type: str, state_path: Path | None = None) -> UserState:
    """Put `path` at the top of the recent list (a demo copy never enters it; gone files leave it) and save."""
    state = load_state(state_path)
    resolved = str(path.resolve())
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    others = [r for r in state.recent if r.path != resolved and worth_listing(r)]
    mine = [] if is_temporary_copy(resolved) else [RecentProfile(resolved, company, entity_type, now)]
    state.recent = [*mine, *others][:MAX_RECENT]
    save_state(state, state_path)
    return state


def remember_theme(theme: str, state_path: Path | None = None) -> None:
    """Keep the user's theme choice for the next session."""
    state = load_state(state_path)
    state.theme = theme
    save_state(state, state_path)
