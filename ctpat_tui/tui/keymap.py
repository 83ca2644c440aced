"""The app's one key map, read from the bindings themselves: F1 on every screen and docs/keys.md are made from it.

`python -m ctpat_tui.tui.keymap [--check]` writes (or checks) docs/keys.md.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "keys.md"

KEY_NAMES = {"enter": "Enter", "escape": "Esc", "delete": "Del", "insert": "Ins", "plus": "+", "space": "Space",
             "left": "Left", "right": "Right", "up": "Up", "down": "Down", "tab": "Tab", "shift+tab": "shift+Tab",
             "slash": "/"}

# Keys that keep one meaning everywhere although their action has a different name on each screen.
SHARED_MEANINGS = {
    "enter": "opens or chooses what is highlighted",
    "escape": "goes back or cancels",
    "ctrl+s": "saves or confirms the form on screen",
    "ctrl+r": "opens the review screen, and closes it again",
    "f10": "opens the corrective-action plan, and closes it again",
    "f12": "opens the annual review, and closes it again",
    "left": "moves left in a list of choices",
    "right": "moves right, or into what is highlighted",
}

TEXT_BOX_KEYS: tuple[tuple[str, str], ...] = (
    ("ctrl+u, ctrl+k", "delete to the start or the end of the line"),
)


@dataclass(frozen=True)
class KeyRow:
    """One line of the key map: the keys (as typed), what they do, and the action they run."""

    keys: tuple[str, ...]
    text: str
    action: str


def key_label(key: str) -> str:
    """How a key is written for people: F1, ctrl+n, Enter, Del, Space."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def class_rows(owner: type[DOMNode]) -> list[KeyRow]:
    """The described bindings of a class and of the app's own classes it is made of (not Textual's)."""
    declared = [binding for cls in owner.__mro__ if cls.__module__.startswith("ctpat_tui.")
                for binding in cls.__dict__.get("BINDINGS", [])]
    rows = []
    for binding in declared:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = tuple(k.strip() for k in binding.key.split(","))
        rows.append(KeyRow(keys, binding.tooltip or binding.description, binding.action.removeprefix("app.")))
    return rows


def screen_parts(screen: type[DOMNode]) -> list[tuple[str, type[DOMNode]]]:
    """(heading, class) for everything whose keys work on `screen`: the screen, its lists, then the app."""
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.screens.main import MainScreen
    from ctpat_tui.tui.widgets.evidence_list import EvidenceList
    from ctpat_tui.tui.widgets.facility_statuses import FacilityStatuses
    from ctpat_tui.tui.widgets.findings import FindingsPanel
    from ctpat_tui.tui.widgets.navigator import Navigator

    parts: list[tuple[str, type[DOMNode]]] = [("On this screen", screen)]
    if issubclass(screen, MainScreen):
        parts += [("In the criteria list", Navigator), ("In the evidence list", EvidenceList),
                  ("In the findings list", FindingsPanel), ("In the facility statuses", FacilityStatuses)]
    return [*parts, ("Everywhere", CtpatApp)]


def all_screens() -> list[tuple[str, type[DOMNode]]]:
    """The app's screens, in the order a user meets them."""
    from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen
    from ctpat_tui.tui.screens.cycle_actions import ActionsScreen
    from ctpat_tui.tui.screens.feedback import FeedbackScreen
    from ctpat_tui.tui.screens.main import MainScreen
    from ctpat_tui.tui.screens.new_profile import NewProfileScreen
    from ctpat_tui.tui.screens.partners import PartnersScreen
    from ctpat_tui.tui.screens.review import ReviewScreen
    from ctpat_tui.tui.screens.start import StartScreen

    return [("Start screen", StartScreen), ("New profile", NewProfileScreen), ("Editing screen", MainScreen),
            ("Review screen", ReviewScreen), ("Partner register", PartnersScreen),
            ("Corrective actions", ActionsScreen), ("Annual review", AnnualReviewScreen),
            ("Reviewers' feedback", FeedbackScreen)]


def screen_sections(screen: type[DOMNode]) -> list[tuple[str, list[KeyRow]]]:
    """The key map of one screen by heading, each key listed once (where it first applies)."""
    seen: set[str] = set()
    sections = []
    for heading, owner in screen_parts(screen):
        rows = []
        for row in class_rows(owner):  # a key with a shared meaning is listed in each place it acts on
            keys = tuple(k for k in row.keys if k not in seen or k in SHARED_MEANINGS)
            seen.update(keys)
            if keys:
                rows.append(KeyRow(keys, row.text, row.action))
        if rows:
            sections.append((heading, rows))
    return sections


def format_rows(rows: Sequence[tuple[str, str]], width: int, indent: int = 2, key_width: int = 0) -> list[str]:
    """Key rows as aligned lines no wider than `width`, descriptions wrapped between words."""
    key_width = key_width or min(max(len(keys) for keys, _ in rows), 18) + 2
    lines = []
    for keys, text in rows:
        lead = " " * indent + keys.ljust(key_width)
        if len(lead) > indent + key_width:  # a long key list gets a line of its own
            lines.append(lead.rstrip())
            lead = " " * (indent + key_width)
        lines += textwrap.wrap(text, width, initial_indent=lead, subsequent_indent=" " * (indent + key_width),
                               break_long_words=False, break_on_hyphens=False)
    return lines


def help_keys_text(screen: type[DOMNode], width: int) -> str:
    """The keys part of F1 for `screen`, then the keys of text boxes."""
    sections = [(heading, [(", ".join(key_label(k) for k in row.keys), row.text) for row in rows])
                for heading, rows in screen_sections(screen)] + [("In a text box", list(TEXT_BOX_KEYS))]
    key_width = min(max(len(keys) for _, rows in sections for keys, _ in rows), 18) + 2
    lines: list[str] = []
    for heading, rows in sections:
        lines.append(heading)
        lines += format_rows(rows, width, key_width=key_width)
    return "\n".join(lines)


def conflicts() -> list[str]:
    """Keys that run different actions in different places (other than the few with one shared meaning)."""
    meanings: dict[str, dict[str, str]] = {}
    for screen_name, screen in all_screens():
        for heading, owner in screen_parts(screen):
            for row in class_rows(owner):
                for key in row.keys:
                    meanings.setdefault(key, {}).setdefault(row.action, f"{screen_name}: {heading.lower()}")
    return [f"{key}: " + "; ".join(f"{action} ({where})" for action, where in actions.items())
            for key, actions in sorted(meanings.items()) if len(actions) > 1 and key not in SHARED_MEANINGS]


def keys_markdown() -> str:
    """docs/keys.md: every screen's keys, generated from the bindings."""
    out = ["# Keys", "",
           "Generated from the app's key bindings by `python -m ctpat_tui.tui.keymap`; F1 in the app shows the same "
           "lines for the screen you are on. A key means the same thing on every screen; these keep one meaning "
           "although what they act on changes:", ""]
    out += [f"- **{key_label(key)}** {meaning}" for key, meaning in SHARED_MEANINGS.items()]
    for screen_name, screen in all_screens():
        out += ["", f"## {screen_name}"]
        for heading, rows in screen_sections(screen):
            out += ["", f"{heading}:", "", "| keys | what they do |", "| --- | --- |"]
            out += [f"| {', '.join(key_label(k) for k in row.keys)} | {row.text} |" for row in rows]
    out += ["", "## In a text box", "", "| keys | what they do |", "| --- | --- |"]
    out += [f"| {keys} | {text} |" for keys, text in TEXT_BOX_KEYS]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write docs/keys.md, or with --check exit 1 when it is out of date."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = keys_markdown()
    if "--check" in args:
        current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
        if current != text:
            print(f"{DOCS_PATH} is out of date: run `python -m ctpat_tui.tui.keymap`", file=sys.stderr)
            return 1
        return 0
    DOCS_PATH.write_text(text, encoding="utf-8")
    print(DOCS_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
