"""Turn a structured answer into the response text that goes into the portal (one function for every output)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ctpat_tui.catalog.model import Criterion
from ctpat_tui.phrases import (
    MONTHS_AND_DAYS,
    RECORD_PARTICIPLES,
    ROLE_WORDS,
    TIME_NOUNS,
    classify,
    soften,
    word_of,
    words_of,
)
from ctpat_tui.profile.model import RESPONSE_STYLES, Answer

__all__ = ["RESPONSE_STYLES", "ComposedResponse", "classify", "compose_response"]
DEFAULT_STYLE = RESPONSE_STYLES[0]
LINE_LABELS = (("controls", "What"), ("frequency", "How often"), ("owner", "Who"), ("records", "Records"),
               ("escalation", "Escalation"))


@dataclass(frozen=True)
class ComposedResponse:
    """The response text and where it came from: the user's own narrative or the composed detail fields."""

    text: str
    source: str  # "narrative" | "composed" | "not_applicable" | "empty"

    @property
    def length(self) -> int:
        """Characters in the response as it will be pasted."""
        return len(self.text)


def _sentence(text: str) -> str:
    """`text` as a finished sentence: a final full stop when it lacks one, a capital first letter."""
    text = text.strip()
    if not text:
        return ""
    if text[-1] not in ".!?":
        text = text.rstrip(",;: ") + "."
    return text[0].upper() + text[1:] if text[0].isalpha() else text


def _labeled(label: str, text: str) -> str:
    """'Label: text.' with the text as typed (a list or several lines go below the label)."""
    text = text.strip()
    if "\n" in text:
        return f"{label}:\n{text}"
    return _sentence(f"{label}: {text}")


def _time_phrase(text: str) -> str:
    """A time phrase made to follow 'done': 'every load' becomes 'for every load', 'January' 'in January'."""
    soft = soften(text)
    words = soft.split()
    first = word_of(words[0])
    if first in MONTHS_AND_DAYS:
        return f"{'on' if first.endswith(('day', 'days', 'ends')) else 'in'} {soft}"
    if len(words) > 1 and first in ("every", "each", "all"):
        second = word_of(words[1])
        if not second.startswith(TIME_NOUNS) and not second[:1].isdigit():
            return f"for {soft}"
    return soft


def _controls(text: str) -> str:
    kind = classify(text)
    if kind in ("block", "sentences", "sentence"):
        return text.strip() if kind == "block" else _sentence(text)
    if kind == "noun" and len(words_of(text)) > 6:
        return _sentence(text)  # a long description without a verb still reads as the lead sentence
    return _labeled("Controls in place", text)


def _frequency(text: str) -> str:
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    if kind == "time":
        return _sentence(f"This is done {_time_phrase(text)}")
    if kind == "participle":
        return _sentence(f"This is {soften(text)}")
    return _labeled("Frequency", text)


def _with_article(text: str) -> str:
    """An owner as it follows 'with': roles get 'the', names and departments stay as typed."""
    head = re.split(r"[,(]", text, maxsplit=1)[0]
    words = words_of(head)
    if words and words[0] in ("the", "our", "each", "every", "a", "an", "all", "both", "their", "its"):
        return soften(text)
    if any(w in ROLE_WORDS for w in words) or not text[0].isupper():
        return f"the {text}"
    return text


def _owner(text: str) -> str:
    text = text.strip().rstrip(".")
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    parts = [p.strip() for p in text.split(";")]
    if kind == "list" and all(p[:1].isupper() and classify(p) == "noun" for p in parts):
        owners = [_with_article(p) for p in parts]
        joined = ", with ".join(owners[:-1]) + " and with " + owners[-1]
        return _sentence(f"Responsibility rests with {joined}")
    if kind != "noun":
        return _labeled("Owner", text)
    return _sentence(f"Responsibility rests with {_with_article(text)}")


def _records(text: str) -> str:
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    if kind == "participle" and words_of(text)[0] in RECORD_PARTICIPLES:
        return _sentence(f"Records are {soften(text)}")
    return _labeled("Records kept", text)


def _escalation(text: str) -> str:
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    if kind == "participle":
        return _sentence(f"When a problem is found, it is {soften(text)}")
    return _labeled("Escalation", text)


_PROSE = {"controls": _controls, "frequency": _frequency, "owner": _owner, "records": _records,
          "escalation": _escalation}


def value_text(value: object) -> str:
    """An extra field's value as text: dates in ISO form, yes/no, whole numbers without '.0', lists joined."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    return str(value)


def _extra_facts(criterion: Criterion | None, answer: Answer) -> list[tuple[str, str]]:
    fields = criterion.fields if criterion is not None else ()
    facts = []
    for extra in fields:
        value = answer.extra.get(extra.name)
        if value not in (None, ""):
            facts.append((extra.label, value_text(value).strip()))
    return facts


def _compose_prose(criterion: Criterion | None, answer: Answer) -> str:
    paragraphs: list[str] = []
    sentences: list[str] = []
    for name, _label in LINE_LABELS:
        text = answer.detail(name).strip()
        if not text:
            continue
        piece = _PROSE[name](text)
        if "\n" in piece:  # lists, quotes or several paragraphs stand on their own
            if sentences:
                paragraphs.append(" ".join(sentences))
                sentences = []
            paragraphs.append(piece)
        else:
            sentences.append(piece)
    sentences += [_labeled(label, value) for label, value in _extra_facts(criterion, answer)
                  if "\n" not in value]
    if sentences:
        paragraphs.append(" ".join(sentences))
    paragraphs += [_labeled(label, value) for label, value in _extra_facts(criterion, answer)
                   if "\n" in value]
    return "\n\n".join(paragraphs)


def _compose_lines(criterion: Criterion | None, answer: Answer) -> str:
    lines = []
    for name, label in LINE_LABELS:
        text = answer.detail(name).strip()
        if text:
            lines.append(f"{label}:\n{text}" if "\n" in text else f"{label}: {text}")
    lines += [f"{label}:\n{value}" if "\n" in value else f"{label}: {value}"
              for label, value in _extra_facts(criterion, answer)]
    return "\n\n".join(lines)


def compose_response(criterion: Criterion | None, answer: Answer, style: str = DEFAULT_STYLE) -> ComposedResponse:
    """Compose the portal response for `answer` in `style` (prose or labeled); the user's own narrative wins."""
    if answer.status == "not_applicable":
        reason = answer.na_reason.strip()
        text = f"Not applicable. {_sentence(reason)}" if reason else "Not applicable."
        return ComposedResponse(text, "not_applicable")
    if answer.narrative.strip():
        return ComposedResponse(answer.narrative.strip(), "narrative")
    text = _compose_lines(criterion, answer) if style == "labeled" else _compose_prose(criterion, answer)
    return ComposedResponse(text, "composed" if text else "empty")
