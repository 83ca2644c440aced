"""How a detail field is written (noun phrase, time phrase, sentence, list ...), read from its words alone."""

from __future__ import annotations

import re

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
MONTHS_AND_DAYS = frozenset("""
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday weekdays weekends""".split())
TIME_NOUNS = ("day", "week", "month", "quarter", "year", "shift", "hour", "night", "morning", "evening", "minute",
               "business", "working", "calendar", "two", "three", "four", "six", "twelve", "other", "time",
               "fiscal", "spring", "summer", "autumn", "fall", "winter", "semester", "half", "weekday", "weekend",
               *MONTHS_AND_DAYS)
_SUBJECTS = frozenset("we i they he she it our my their its this these those there".split())
_VERBS = frozenset("""
    is are was were will must shall can may should would could does do did has have had gets get goes go
    keeps runs happens takes owns leads approves notifies informs escalates decides receives calls tells sends
    alerts contacts raises opens stops investigates reviews signs checks verifies handles manages oversees
    coordinates maintains performs conducts updates tracks reports monitors blocks triggers follows uses requires
    ensures applies inspects completes attends waits stays closes carries makes needs briefs radios""".split())
_AMBIGUOUS_VERBS = frozenset("""  # also plural nouns: verbs only when an object follows
    reviews signs checks updates tracks reports alerts calls contacts raises opens stops runs leads keeps
    approves blocks triggers uses needs makes waits closes""".split())
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
ROLE_WORDS = frozenset("""
    manager managers director directors officer officers supervisor supervisors lead leads head heads
    coordinator coordinators team teams department committee administrator administrators admin specialist
    specialists analyst analysts engineer engineers guard guards clerk clerks chief vp president owner owners
    ceo cfo coo cio ciso cso cto poc controller controllers agent agents dispatcher dispatchers planner
    planners technician technicians staff personnel employee employees driver drivers desk function group
    unit board partner partners auditor auditors representative representatives contact assistant""".split())
RECORD_PARTICIPLES = frozenset("kept stored filed retained held saved logged recorded archived scanned".split())
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def word_of(token: str) -> str:
    """One token as a bare lower-case word."""
    return token.strip(".,;:!?()[]\"'").lower()


def words_of(text: str) -> list[str]:
    """The words of `text`, lower case, without surrounding punctuation."""
    return [w for w in (word_of(t) for t in text.split()) if w]


def is_participle(word: str) -> bool:
    """True for 'reviewed', 'kept', 'Re-signed' (not 'need' or 'speed')."""
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
    words = words_of(segment)
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
    if is_participle(words[0]):  # "Confirmed misuse goes to ...", not "Reviewed yearly"
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
    words = words_of(text.split(";", 1)[0])
    if not words:
        return "noun"
    first = words[0]
    if _is_clause(text.split(";", 1)[0]):
        return "sentence"
    if ";" in text:
        return "list"
    if first in _TIME_LEADS or first in MONTHS_AND_DAYS:
        return "time"
    if first in _PERIOD_ADVERBS and (len(words) == 1 or text.split()[0].endswith(",")
                                     or words[1] in _PHRASE_LINKS):
        return "time"
    if first[:1].isdigit() and len(words) > 1 and words[1] in ("times", "x", "time"):
        return "time"
    if is_participle(first):
        return "participle"
    return "noun"


def soften(text: str) -> str:
    """Lower-case the first letter when the text continues a sentence, unless it starts an acronym or a name."""
    text = text.strip()
    tokens = text.split()
    if not tokens:
        return text
    first = tokens[0].rstrip(",;:")
    if not (len(first) > 1 and first[0].isupper() and first[1:].islower() and first.replace("-", "").isalpha()):
        return text
    lowered = first.lower()
    if lowered in MONTHS_AND_DAYS:
        return text
    common = lowered in _TIME_LEADS or lowered in _PERIOD_ADVERBS or is_participle(lowered) or lowered in _SUBJECTS
    if len(tokens) > 1 and tokens[1][:1].isupper() and not common:
        return text  # "Entity List", "Maria Lopez": a name of two or more words
    return text[0].lower() + text[1:]
