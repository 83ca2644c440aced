"""Normalize user text once for every output and report the characters a Word file cannot hold."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls except tab and newline, lone surrogates and U+FFFE/U+FFFF; DEL is dropped too,
# matching what the profile editor strips when it saves (docxtpl also reads BEL and FF as paragraph/page breaks).
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


HEADER_FIELDS = ("company", "prepared_by", "version")


def normalise_newlines(text: str) -> str:
    """Turn Windows and old-Mac line endings into plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """The text with normalized line endings and without characters a .docx (XML 1.0) cannot hold."""
    return ILLEGAL_CHARACTERS.sub("", normalise_newlines(text))


def removed_characters(text: str) -> list[str]:
    """The illegal characters in `text` (after newline normalization), as U+XXXX codes in order of first use."""
    seen: dict[str, None] = {}
    for match in ILLEGAL_CHARACTERS.finditer(normalise_newlines(text)):
        seen.setdefault(f"U+{ord(match.group()):04X}", None)
    return list(seen)


class TextCleaner:
    """Cleans every user string on its way into a render and remembers where characters were removed."""

    def __init__(self) -> None:
        self._removed: dict[str, tuple[int, list[str]]] = {}

    def __call__(self, text: object, where: str) -> str:
        """Clean `text` (any value; None becomes '') and record removals under the label `where`."""
        if text is None:
            return ""
        value = text if isinstance(text, str) else str(text)
        cleaned = clean_text(value)
        dropped = len(normalise_newlines(value)) - len(cleaned)
        if dropped:
            count, codes = self._removed.get(where, (0, []))
            for code in removed_characters(value):
                if code not in codes:
                    codes.append(code)
            self._removed[where] = (count + dropped, codes)
        return cleaned

    def problems(self) -> list[str]:
        """One line per field where control characters were removed: profile header first, then in the order met."""
        lines = []
        header = [w for w in HEADER_FIELDS if w in self._removed]
        for where in header + [w for w in self._removed if w not in HEADER_FIELDS]:
            count, codes = self._removed[where]
            noun = "character" if count == 1 else "characters"
            lines.append(f"{where}: removed {count} control {noun} ({', '.join(codes)}) that a Word file cannot hold")
        return lines
