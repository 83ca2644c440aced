"""Turn a structured answer into the response text that goes into the portal (one function for every output)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ctpat_tui.catalog.model import Criterion
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


_TIME_LEADS = frozenset("""
    every each once twice thrice annually semiannually semi-annually biannually bi-annually at before after
    within on during whenever when upon per continuously always throughout until following prior immediately in
    as around between from no not regularly periodically routinely frequently occasionally constantly""".split())
_PERIOD_ADVERBS = frozenset("""
    hourly daily nightly weekly fortnightly biweekly bi-weekly monthly bimonthly bi-monthly quarterly yearly
    twice-yearly twice-monthly""".split())  # also adjectives: "quarterly meetings" is a noun phrase
_PHRASE_LINKS = frozenset("""
    in on at and or plus with from for during after before by through until except per when whenever unless if
    across between within""".split())
_MONTHS_AND_DAYS = frozenset("""
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday weekdays weekends""".split())
_TIME_NOUNS = ("day", "week", "month", "quarter", "year", "shift", "hour", "night", "morning", "evening", "minute",
               "business", "working", "calendar", "two", "three", "four", "six", "twelve", "other", "time",
               "fiscal", "spring", "summer", "autumn", "fall", "winter", "semester", "half", "weekday", "weekend",
               *_MONTHS_AND_DAYS)
_SUBJECTS = frozenset("we i they he she it our my their its this these those there".split())
_VERBS = frozenset("""
    is are was were will must shall can may should would could does do did has have had gets get goes go
    keeps runs happens takes owns leads approves notifies informs escalates decides receives calls tells sends
    alerts contacts raises opens stops investigates reviews signs checks verifies handles manages oversees
    coordinates maintains performs conducts updates tracks reports monitors blocks triggers follows uses requires
    ensures applies inspects completes attends waits stays closes carries makes needs briefs radios""".split())
_AMBIGUOUS_VERBS = frozenset("""
    reviews signs checks updates tracks reports alerts calls contacts raises opens stops runs leads keeps
    approves blocks triggers uses needs makes waits closes""".split())  # also plural nouns: verbs when an object follows
_BASE_VERBS = frozenset("""
    receive use follow notify inform escalate apply verify inspect complete attend wait stay decide send tell keep
    close ensure require carry do make take get go need lead report call stop check review sign record lock seal
    hold test log raise open run""".split())  # a verb after a plural subject: "guards check", "staff report"
_PLURAL_SUBJECTS = frozenset("we they staff people personnel employees guards drivers managers supervisors "
                             "inspectors users suppliers carriers partners visitors".split())
_OBJECT_STARTS = frozenset("the a an all each every them it him her our their any its this that these those "
                           "to new work".split())
_SUBORDINATORS = frozenset("when whenever if because once while unless".split())
_CLAUSE_PREPOSITIONS = frozenset("before after until".split())  # "after the seal is cut" starts a clause
_CLAUSE_SUBJECTS = frozenset("the a an it its they we any each every this that their our".split())
_IRREGULAR_PARTICIPLES = frozenset("""
    done held run kept made sent given taken seen written built set read met shown told found put paid known
    understood brought begun chosen driven drawn frozen hidden ridden shaken spoken stolen sworn worn""".split())
_NOT_PARTICIPLES = frozenset("need bed seed speed feed shed red hundred shred breed creed steed weed".split())
_ROLE_WORDS = frozenset("""
    manager managers director directors officer officers supervisor supervisors lead leads head heads
    coordinator coordinators team teams department committee administrator administrators admin specialist
    specialists analyst analysts engineer engineers guard guards clerk clerks chief vp president owner owners
    ceo cfo coo cio ciso cso cto poc controller controllers agent agents dispatcher dispatchers planner
    planners technician technicians staff personnel employee employees driver drivers desk function group
    unit board partner partners auditor auditors representative representatives contact assistant""".split())
_RECORD_PARTICIPLES = frozenset("kept stored filed retained held saved logged recorded archived scanned".split())
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def _word(token: str) -> str:
    return token.strip(".,;:!?()[]\"'").lower()


def _words(text: str) -> list[str]:
    return [w for w in (_word(t) for t in text.split()) if w]


def _is_participle(word: str) -> bool:
    if word in _IRREGULAR_PARTICIPLES:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PARTICIPLES


def _has_verb(words: list[str]) -> bool:
    """True when a finite verb follows the first word before any 'when', 'if' ... (a clause with a subject)."""
    for index, word in enumerate(words[1:], start=1):
        if word in _SUBORDINATORS or (word in _CLAUSE_PREPOSITIONS and index + 1 < len(words)
                                      and words[index + 1] in _CLAUSE_SUBJECTS):
            return False
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in _VERBS and (word not in _AMBIGUOUS_VERBS or following in _OBJECT_STARTS):
            return True
        previous = words[index - 1]
        plural = previous in _PLURAL_SUBJECTS or (previous.endswith("s") and not previous.endswith("ss"))
        if word in _BASE_VERBS and plural and (word not in _AMBIGUOUS_BASE or following in _OBJECT_STARTS):
            return True
    return False


_AMBIGUOUS_BASE = frozenset("report call stop check review sign record lock seal hold test log raise open "
                            "run".split())


def _is_clause(segment: str) -> bool:
    """A clause with its own subject: 'A: the unit is held', 'When X, the guard calls', or plain subject + verb."""
    words = _words(segment)
    if not words:
        return False
    if words[0] in _SUBJECTS and len(words) > 1 and not segment.split()[0].isupper():
        return True
    if words[0] in ("if", "when", "whenever", "where", "unless", "once", "should") and "," in segment:
        parts = segment.split(",")
        return any(_is_clause(",".join(parts[i:])) for i in range(1, len(parts)))
    if words[0] in _TIME_LEADS:
        return False
    _head, colon, rest = segment.partition(":")
    if colon and rest.strip() and _is_clause(rest):
        return True
    if _is_participle(words[0]):  # "Confirmed misuse goes to ...", not "Reviewed yearly"
        return any(w in _VERBS and w not in _AMBIGUOUS_VERBS for w in words[1:])
    return _has_verb(words)


def classify(text: str) -> str:
    """How a field is written: block, sentences, sentence, list, time, participle or noun (phrase)."""
    text = text.strip()
    if not text:
        return "empty"
    if "\n" in text:
        return "block"
    if len(_SENTENCE_SPLIT.split(text)) > 1:
        return "sentences"
    words = _words(text.split(";", 1)[0])
    if not words:
        return "noun"
    first = words[0]
    if _is_clause(text.split(";", 1)[0]):
        return "sentence"
    if ";" in text:
        return "list"
    if first in _TIME_LEADS or first in _MONTHS_AND_DAYS:
        return "time"
    if first in _PERIOD_ADVERBS and (len(words) == 1 or text.split()[0].endswith(",")
                                     or words[1] in _PHRASE_LINKS):
        return "time"
    if first[:1].isdigit() and len(words) > 1 and words[1] in ("times", "x", "time"):
        return "time"
    if _is_participle(first):
        return "participle"
    return "noun"


def _soften(text: str) -> str:
    """Lower-case the first letter when the text continues a sentence, unless it starts an acronym or a name."""
    text = text.strip()
    tokens = text.split()
    if not tokens:
        return text
    first = tokens[0].rstrip(",;:")
    if not (len(first) > 1 and first[0].isupper() and first[1:].islower() and first.replace("-", "").isalpha()):
        return text
    lowered = first.lower()
    if lowered in _MONTHS_AND_DAYS:
        return text
    common = lowered in _TIME_LEADS or lowered in _PERIOD_ADVERBS or _is_participle(lowered) or lowered in _SUBJECTS
    if len(tokens) > 1 and tokens[1][:1].isupper() and not common:
        return text  # "Entity List", "Maria Lopez": a name of two or more words
    return text[0].lower() + text[1:]


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
    soft = _soften(text)
    words = soft.split()
    first = _word(words[0])
    if first in _MONTHS_AND_DAYS:
        return f"{'on' if first.endswith(('day', 'days', 'ends')) else 'in'} {soft}"
    if len(words) > 1 and first in ("every", "each", "all"):
        second = _word(words[1])
        if not second.startswith(_TIME_NOUNS) and not second[:1].isdigit():
            return f"for {soft}"
    return soft


def _controls(text: str) -> str:
    kind = classify(text)
    if kind in ("block", "sentences", "sentence"):
        return text.strip() if kind == "block" else _sentence(text)
    if kind == "noun" and len(_words(text)) > 6:
        return _sentence(text)  # a long description without a verb still reads as the lead sentence
    return _labeled("Controls in place", text)


def _frequency(text: str) -> str:
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    if kind == "time":
        return _sentence(f"This is done {_time_phrase(text)}")
    if kind == "participle":
        return _sentence(f"This is {_soften(text)}")
    return _labeled("Frequency", text)


def _with_article(text: str) -> str:
    """An owner as it follows 'with': roles get 'the', names and departments stay as typed."""
    head = re.split(r"[,(]", text, maxsplit=1)[0]
    words = _words(head)
    if words and words[0] in ("the", "our", "each", "every", "a", "an", "all", "both", "their", "its"):
        return _soften(text)
    if any(w in _ROLE_WORDS for w in words) or not text[0].isupper():
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
    if kind == "participle" and _words(text)[0] in _RECORD_PARTICIPLES:
        return _sentence(f"Records are {_soften(text)}")
    return _labeled("Records kept", text)


def _escalation(text: str) -> str:
    kind = classify(text)
    if kind in ("sentences", "sentence"):
        return _sentence(text)
    if kind == "participle":
        return _sentence(f"When a problem is found, it is {_soften(text)}")
    return _labeled("Escalation", text)


_PROSE = {"controls": _controls, "frequency": _frequency, "owner": _owner, "records": _records,
          "escalation": _escalation}


def _value_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_text(v) for v in value)
    return str(value)


def _extra_facts(criterion: Criterion | None, answer: Answer) -> list[tuple[str, str]]:
    fields = criterion.fields if criterion is not None else ()
    facts = []
    for extra in fields:
        value = answer.extra.get(extra.name)
        if value not in (None, ""):
            facts.append((extra.label, _value_text(value).strip()))
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
