"""Find the line of a table or key in TOML text, so errors about values can point at them."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def split_key(dotted: str) -> tuple[str, ...]:
    """Split a TOML dotted key into its parts, honouring quotes."""
    parts: list[str] = []
    current = ""
    quote = ""
    for char in dotted:
        if quote:
            if char == quote:
                quote = ""
            else:
                current += char
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return tuple(parts)


def locate(text: str, table: tuple[str, ...], key: str | None = None, index: int = 0) -> int | None:
    """1-based line of `key` inside `table` (the `index`-th occurrence of an array table), or of the header."""
    current: tuple[str, ...] = ()
    occurrence = -1
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith(("#",)):
            current = split_key(header.group(2))
            if current == table:
                occurrence += 1
                if occurrence == index:
                    header_line = number
                    if key is None:
                        return number
            continue
        if key is not None and current == table and occurrence == index:
            match = _KEY.match(line)
            if match and match.group(1).strip("\"'") == key:
                return number
        if key is not None and not table and not current:
            match = _KEY.match(line)
            if match and match.group(1).strip("\"'") == key:
                return number
    return header_line
