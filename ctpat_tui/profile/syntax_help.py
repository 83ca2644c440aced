"""Plain-words explanations of TOML syntax errors in a hand-edited profile, for people who never heard of TOML."""

from __future__ import annotations

import re
from pathlib import Path

from ctpat_tui.profile.store import backup_path


def _line_text(text: str, line: int | None) -> str:
    lines = text.splitlines()
    return lines[line - 1] if line is not None and 0 < line <= len(lines) else ""


def _opened_long_string(text: str) -> int | None:
    """The line of a triple-quoted text that is never closed (None when every one is closed)."""
    opened: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        for _ in range(line.count('"""') + line.count("'''")):
            opened = number if opened is None else None
    return opened


def explain_syntax_error(raw: str, line: int | None, text: str) -> tuple[str, int | None]:
    """(what is probably wrong, in plain words; the line to point at) for a parser's message `raw`."""
    source_line = _line_text(text, line)
    opened = _opened_long_string(text) if "end of file" in raw.lower() else None
    if opened is not None:
        return (f'the long text that starts with """ on line {opened} is never closed: add """ after its '
                "last line", opened)
    if "Control characters" in raw or ("end of file" in raw.lower() and source_line.count('"') % 2):
        return (f"a closing quote (\") is probably missing at the end of line {line}: each value on one line must "
                "start and end with a quote", line)
    if "end of file" in raw.lower():
        return ("the file ends in the middle of a value: it may have been cut short; compare it with the "
                "backup", line)
    exists = re.search(r'Key "?(.+?)"? already exists', raw)
    if exists:
        return (f"'{exists.group(1)}' is written twice (the second time on line {line}): keep one of them", line)
    if "Unexpected character" in raw or "Invalid" in raw or "Empty key" in raw:
        return (f"line {line} is not written the way the file format expects: check its quotes, brackets "
                "[ ] and the = sign (details: " + raw.rstrip(".") + ")", line)
    return f"line {line} cannot be read: {raw}", line


def syntax_error_message(path: Path, raw: str, line: int | None, text: str) -> tuple[str, int | None]:
    """The full message for a profile that is not valid TOML: what is wrong and where the last good copy is."""
    explanation, where = explain_syntax_error(raw, line, text)
    backup = backup_path(path)
    if backup.is_file():
        keep = f"The version saved before the last change is in {backup}."
    else:
        keep = "There is no backup copy (.bak) yet, so fix the line in a text editor."
    return f"cannot be read (not valid TOML): {explanation}. {keep}", where
