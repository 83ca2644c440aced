"""Take a reviewer's item into the profile only when the user chooses: accept a proposed text, keep a comment as a
review note, or reject it (nothing changes)."""

from __future__ import annotations

import re

from ctpat_tui.feedback.report import Item
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import ReviewNote

_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def next_version(version: str) -> str:
    """The version after `version`: its last number moves on ('0.3' -> '0.4', 'v2' -> 'v3'); '' stays ''."""
    match = _LAST_NUMBER.search(version)
    if match is None:
        return f"{version}.1" if version.strip() else version
    return version[:match.start()] + str(int(match.group(1)) + 1) + version[match.end():]


def accept(document: ProfileDocument, item: Item) -> bool:
    """Put the reviewer's proposed text into the field; False when the field already holds it."""
    if item.kind not in ("change", "edit") or not item.field:
        raise ValueError("only a proposed text can be accepted")
    before = document.revision
    document.set_answer_value(item.criterion, item.field, item.after)
    return document.revision != before


def keep_as_note(document: ProfileDocument, item: Item) -> ReviewNote:
    """Keep a comment (or a change's summary) as a review note on its criterion's answer."""
    text = item.text
    if item.anchored:
        text = f"{text} (on \u201c{item.anchored}\u201d)"
    note = ReviewNote(text=text, author=", ".join(item.authors), date=item.date[:10], source=item.draft)
    notes = document.profile.answer(item.criterion).review_notes
    if note not in notes:
        document.set_review_notes(item.criterion, (*notes, note))
    return note


def resolve_note(document: ProfileDocument, criterion: str, index: int) -> None:
    """Mark one review note resolved (it stays in the file, no longer shown as open)."""
    from dataclasses import replace

    notes = list(document.profile.answer(criterion).review_notes)
    notes[index] = replace(notes[index], resolved=True)
    document.set_review_notes(criterion, notes)


def move_version_on(document: ProfileDocument) -> str:
    """After feedback was taken in, the profile's version moves on (so the next draft says it is newer)."""
    version = next_version(document.profile.version)
    if version != document.profile.version:
        document.set_header("version", version)
    return version
