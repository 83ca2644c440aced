"""Turn a structured answer into the response text that goes into the portal (one function for every output)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ctpat_tui.catalog.model import Criterion
from ctpat_tui.profile.model import Answer


@dataclass(frozen=True)
class ComposedResponse:
    """The response text and where it came from: the user's own narrative or the composed detail fields."""

    text: str
    source: str  # "narrative" | "composed" | "not_applicable" | "empty"

    @property
    def length(self) -> int:
        """Characters in the response as it will be pasted."""
        return len(self.text)


def _soften(text: str) -> str:
    """Lower-case the first letter when the text continues a sentence, unless it starts an acronym or name."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        first_word = text.split(" ", 1)[0]
        if first_word.isalpha():
            return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text[-1] not in ".!?":
        text = text.rstrip(",;:") + "."
    return text[0].upper() + text[1:] if text[0].isalpha() else text


_TIME_UNITS = ("day", "week", "month", "quarter", "year", "shift", "hour", "night", "morning", "evening",
               "business", "working", "calendar", "two", "three", "six", "twelve", "other", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekday", "weekend",
               "fiscal", "spring", "summer", "autumn", "fall", "winter", "semester", "half")


def _frequency_sentence(frequency: str) -> str:
    soft = _soften(frequency)
    words = soft.split()
    if len(words) > 1 and words[0] in ("every", "each", "all") \
            and not words[1].rstrip(",;").lower().startswith(_TIME_UNITS) \
            and not words[1][:1].isdigit():
        return _sentence(f"This is done for {soft}")
    return _sentence(f"This is done {soft}")


def _owner_sentence(owner: str) -> str:
    owner = owner.strip().rstrip(".")
    if not owner:
        return ""
    lowered = owner.lower()
    if lowered.startswith(("the ", "our ", "each ", "every ", "a ", "an ")) or not owner[0].isupper():
        return _sentence(f"Responsibility rests with {_soften(owner)}")
    return _sentence(f"Responsibility rests with the {owner}")


def _value_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def compose_response(criterion: Criterion | None, answer: Answer) -> ComposedResponse:
    """Compose the portal response for `answer`; the user's own narrative wins when present."""
    if answer.status == "not_applicable":
        reason = answer.na_reason.strip()
        text = f"Not applicable. {_sentence(reason)}" if reason else "Not applicable."
        return ComposedResponse(text, "not_applicable")
    if answer.narrative.strip():
        return ComposedResponse(answer.narrative.strip(), "narrative")
    paragraphs: list[str] = []
    controls = answer.controls.strip()
    sentences: list[str] = []
    if "\n" in controls:
        paragraphs.append(controls)  # lists, quotes or several paragraphs stand on their own
    else:
        sentences.append(_sentence(controls))
    if answer.frequency.strip():
        sentences.append(_frequency_sentence(answer.frequency))
    sentences.append(_owner_sentence(answer.owner))
    if answer.records.strip():
        sentences.append(_sentence(f"Records kept: {_soften(answer.records)}"))
    if answer.escalation.strip():
        sentences.append(_sentence(f"When a problem is found, {_soften(answer.escalation)}"))
    fields = criterion.fields if criterion is not None else ()
    for extra in fields:
        value = answer.extra.get(extra.name)
        if value not in (None, ""):
            sentences.append(_sentence(f"{extra.label}: {_value_text(value)}"))
    body = " ".join(s for s in sentences if s)
    if body:
        paragraphs.append(body)
    text = "\n\n".join(paragraphs)
    return ComposedResponse(text, "composed" if text else "empty")
