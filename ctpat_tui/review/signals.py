"""Does a detail field answer its own question?  General signals, not a list of accepted answers.

Each field asks one question: how often (frequency), who (owner), which record and where (records), who is told,
how fast and what is done (escalation), and by what mechanism (controls). `judge(text, field)` reads the text
once into tokens (abbreviations and common Spanish words expanded, capitals and codes kept), collects signals
that answer the question (a role head noun, a named unit, a bounded interval, a record noun with a place, a time
limit, a code or a system name, a device, a check with its steps) and signals that leave it open (a hedge that
reopens an interval, a collective or a pseudo-role, a generic record statement, a claim, a bare percentage, a
standard cited instead of a mechanism), and returns a Verdict: vague or not, the question left open, and every
signal that decided, for `ctpat lint --explain`.

Word rarity comes from a small file derived from the `wordfreq` library at development time
(tools/build_common_words.py); it is read on the first judgement, never at import.

A learned second opinion (a logistic regression per field over the same signals plus generic ones, weights in
data/specificity_model.txt written by tools/train_specificity.py) may flag what the hand-set rules passed, where it
is confident on signals it can name; it never clears a flag the rules raised. Its score and the signals that weigh
most are part of the verdict's signals, so `ctpat lint --explain` shows them. Why this combination: on the corpus
parts scored while still unseen, the model alone caught more vague answers than the rules (E: 92.0% against 88.8%,
F: 98% against 95%), but on the older test set, which it never trained on, it flagged 8 of 41 specific answers
(terse ones such as 'Every outbound load'), where the rules flagged none; letting the model clear the rules' flags
never removed a false flag in any measurement and lost true ones (E: 88.0% against 88.8%).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ctpat_tui.records import record
from ctpat_tui.review import lexicon as lx


class _Lazy:
    """A regular expression compiled on its first use, not at import: the big alternations below cost tens of
    milliseconds to compile, and importing the review (the app, `ctpat --help`) must stay cheap."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.search(text, *args)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(text)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.match(text, *args)

    def sub(self, repl: str, text: str) -> str:
        return self.pattern.sub(repl, text)

# --- reading the text ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f#][0-9A-Za-z\u00c0-\u024f#'’&/+._-]*")
_CAPS_NOT_ABBREVIATED = frozenset({"hr", "h", "mon", "sat", "sun", "min", "rm", "n", "u", "r", "ea", "sec", "wed",
                                   "cam", "doc", "rep", "lt"})
_ASCII = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ’àâäçèêëîïôöûùÿãõÀÂÄÇÈÊËÎÏÔÖÛÙŸÃÕ",
                       "aeiouunAEIOUUN'aaaceeeiioouuyaoAAACEEEIIOOUUYAO")


class Token(NamedTuple):
    """One word of the text: as written, in lower case with its abbreviation expanded, and where it stands."""

    raw: str
    norm: tuple[str, ...]
    clause: int
    sentence_start: bool
    abbreviated: bool
    capitalised: bool


@record
class Parsed:
    """The text read once: tokens, the normalised lower-case text and its clauses."""

    text: str
    tokens: tuple[Token, ...]
    norm: str
    clauses: tuple[str, ...]


_CLAUSE_BREAK = re.compile(r"[;:()\[\]\n]|,\s|\.\s|\s[-–—>+]+\s|->|\s&\s")
_SENTENCE_BREAK = re.compile(r"[.!?:;\n]\s*$")


@lru_cache(maxsize=16384)
def _words_of(raw_all: str) -> tuple[tuple[str, tuple[str, ...], bool] | None, ...]:
    """The words of one raw token: (as written, normalised, abbreviated), or None for a '/' between two words.
    'Safety/HSE' gives two words; 'w/in', '24/7' and '12/24/36' stay whole."""
    parts = [raw_all]
    if "/" in raw_all and raw_all.lower().rstrip(".") not in lx.ABBREVIATIONS:
        split = [p for p in re.split(r"(/)", raw_all) if p]
        if sum(any(c.isalpha() for c in p) for p in split if p != "/") >= 2:
            parts = split
    words: list[tuple[str, tuple[str, ...], bool] | None] = []
    for at, raw in enumerate(parts):
        if raw == "/":
            # '1 hr/camera', '2x/shift': after a unit the slash reads 'per', inside the clause
            left = parts[at - 1].lower().rstrip(".") if at else ""
            words.append(("/", ("per",), False) if left in _PER_UNITS or left[:1].isdigit() else None)
            continue
        stripped = raw.rstrip("._-")
        if not stripped:
            continue
        key = stripped.lower().translate(_ASCII)
        expansion = lx.ABBREVIATIONS.get(key + ".") if raw.endswith(".") else None
        expansion = expansion or lx.ABBREVIATIONS.get(key)
        if stripped.isupper() and key in _CAPS_NOT_ABBREVIATED:
            expansion = None
        norm = tuple(expansion.split()) if expansion else (key,)
        glued = _GLUED_UNIT.fullmatch(key) if not expansion else None
        if glued and glued.group(2) == "d" and len(glued.group(1)) < 2:
            glued = None  # '3d', '2D': a dimension or a code; '90d', '30d' are days
        if glued:  # '48h', '2wks', '30min', '24hrs': a number and its unit written as one word
            unit = "days" if glued.group(2) == "d" else lx.ABBREVIATIONS.get(glued.group(2), glued.group(2))
            norm = (glued.group(1), *unit.split())
        # a full stop after an acronym ends the sentence ('kept in the office CFS.'); after a short word it may
        # abbreviate it ('Compl.')
        shortened = raw.endswith(".") and len(stripped) <= 6 and not (stripped.isupper() and len(stripped) >= 2
                                                                       and stripped.isalpha())
        words.append((stripped, norm, shortened or bool(expansion)))
    return tuple(words)


_GLUED_UNIT = re.compile(r"(\d+(?:\.\d+)?)(h|hr|hrs|hour|hours|min|mins|minutes|wk|wks|week|weeks|mo|mos|month|months|"
                         r"yr|yrs|year|years|day|days|bd|bds|d)")
_PER_UNITS = frozenset("hr hrs h min mins minute minutes hour hours day days wk wks week weeks shift shifts trip trips "
                       "load loads month months mo yr yrs year years x times".split())


def _sentence_word(raw: str) -> bool:
    """'hire.' ends a sentence; 'Supv.', 'Sr.', 'Mr.' are abbreviations."""
    word = raw.rstrip(".").lower()
    return word.isalpha() and word not in lx.ABBREVIATIONS and word not in lx.HONORIFICS and zipf(word) >= 3.5


_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
_NUMBER_TWICE = _Lazy(rf"\b({_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*)\s*\((\d+)\)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse(text: str) -> Parsed:
    """Read `text` into tokens with expanded abbreviations and clause numbers."""
    text = _NUMBER_TWICE.sub(r"\2", text)  # 'seven (7) days' is one number, not a clause break
    tokens: list[Token] = []
    clause = 0
    position = 0
    previous_end = ""
    for match in _TOKEN.finditer(text):
        start = match.start()
        between = text[position:start]
        sentence_start = not tokens or previous_end == "."
        if between != " " and tokens:
            if _CLAUSE_BREAK.search(between):
                clause += 1
            sentence_start = sentence_start or bool(_SENTENCE_BREAK.search(between))
        raw_all = match.group()
        for word in _words_of(raw_all):
            if word is None:
                clause += 1
                continue
            raw, norm, abbreviated = word
            tokens.append(Token(raw, norm, clause, sentence_start, abbreviated, raw[:1].isupper()))
            sentence_start = False
        previous_end = raw_all[-1:]
        if previous_end == "." and (len(raw_all) > 5 and len(raw_all.rstrip(".")) > 4 or _sentence_word(raw_all)):
            clause += 1
        position = match.end()
    norm = " ".join(w for t in tokens for w in t.norm)
    clauses: dict[int, list[str]] = {}
    for t in tokens:
        clauses.setdefault(t.clause, []).extend(t.norm)
    return Parsed(text, tuple(tokens), norm, tuple(" ".join(c) for c in clauses.values()))


def _per_text(fn: Callable[[Parsed], list[Any]]) -> Callable[[Parsed], list[Any]]:
    """Remember `fn(parsed)` for the last few texts: the hand-set verdict and the model both ask for the roles,
    names and units of the same text."""
    memo: dict[str, list[Any]] = {}

    def wrapper(parsed: Parsed) -> list[Any]:
        found = memo.get(parsed.text)
        if found is None:
            if len(memo) >= 256:
                memo.clear()
            found = memo[parsed.text] = fn(parsed)
        return list(found)

    wrapper.__doc__ = fn.__doc__
    return wrapper


# --- word rarity --------------------------------------------------------------------------------------------------

_RARITY: dict[str, float] = {}


def _load_rarity() -> dict[str, float]:
    if not _RARITY:
        path = Path(__file__).resolve().parent / "data" / "common_words.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            band, _, words = line.partition(" ")
            value = 4.0 if band == "es" else float(band)
            for word in words.split():
                _RARITY.setdefault(word, value)
    return _RARITY


def zipf(word: str) -> float:
    """How common `word` is (Zipf scale: 7 = 'the', 3 = rare, 0 = not in the list: a name, a code, jargon).
    A compound of common words ('non-conformities', 'follow-up') is as common as its rarest part."""
    key = word.lower().translate(_ASCII)
    found = _load_rarity().get(key, 0.0)
    if not found and "-" in key.strip("-"):
        parts = [_RARITY.get(p, 0.0) or _RARITY.get(p[:-1], 0.0) * p.endswith("s")
                 or _RARITY.get(p[:-3] + "y", 0.0) * p.endswith("ies") for p in key.strip("-").split("-")]
        if all(p.isalpha() for p in key.strip("-").split("-")):
            found = min(parts)
    return found


# --- patterns over the normalised text ----------------------------------------------------------------------------


def _rx(*parts: str) -> _Lazy:
    return _Lazy(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


# a unit, maybe counted in business time: '4 business hrs', '1 bus. day', '2 working hours', '3 biz days'
_UNIT = r"(?:(?:business|working|work|calendar|clock|office|consecutive|full)\s+(?=(?:minutes?|hours?|days?|weeks?)\b))?" \
        r"(?:minutes?|hours?|days?|nights?|shifts?|weeks?|months?|quarters?|years?|business days?|working days?|" \
        r"calendar days?|weekdays?|watch(?:es)?|voyages?|trips?|crossings?|semesters?)"
# a number or a short range of them ('2-4', '24/7', '1/2 to 3'); the links are bounded: an unbounded chain made
# a long run of '1/ 1/ 1/' take seconds to search
_NUM = r"(?:\d+(?:\.\d+)?(?:\s*(?:/|-|to|or)\s*\d+){0,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|" \
       r"twenty-four|thirty|forty-eight|sixty|ninety|a few|several|a couple of)"
_DAYNAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)s?"
_MONTH = "(?:" + "|".join(lx.MONTHS) + ")"

PERIOD = _rx(
    r"hourly|daily|nightly|weekly|fortnightly|bi-?weekly|monthly|bi-?monthly|quarterly|annually|annual|yearly|"
    r"semi-?annual(?:ly)?|bi-?annual(?:ly)?|24/7|24x7|24 7|24 hours a day|round the clock|around the clock",
    rf"(?:every|each|per|a|an|once a|twice a|once per|twice per|once every|times a|times per|times each|"
    rf"at least once a|at least once every|at least once per|x a|x per|x each|x every)\s+(?:other\s+|single\s+|"
    rf"calendar\s+|contract\s+|fiscal\s+|school\s+|working\s+|business\s+)?(?:{_NUM}\s+)?(?:{_UNIT}|{_DAYNAME}|"
    rf"{_MONTH}|morning|evening|night|season|change of (?:shift|watch))",
    rf"(?:in|each|every|by|on|during)\s+(?:the\s+)?(?:first\s+|last\s+|second\s+)?(?:week\s+of\s+)?{_MONTH}",
    rf"{_MONTH}\s+(?:and|&)\s+{_MONTH}", rf"(?:first|last|1st|2nd|3rd|4th)\s+{_DAYNAME}",
    rf"{_DAYNAME}(?:\s*(?:,|and|&|/)?\s*{_DAYNAME})+",  # 'Mon/Wed/Fri': a weekly schedule
    # a count per unit with a slash, an ordinal interval, the working days: '2/yr', '1/mo', 'every 2nd wk', 'weekdays'
    r"\d+\s*x?\s*/\s*(?:yr|year|mo|month|wk|week|day|d|shift|qtr|quarter|trip|load|voyage|crossing)s?",
    rf"every\s+(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth)\s+(?:{_UNIT}|{_DAYNAME})",
    rf"(?:on\s+)?(?:weekdays|weeknights|every weekday|every weeknight)|{_DAYNAME}\s*(?:-|to|thru|through)\s*{_DAYNAME}",
    rf"(?:{_NUM})\s*(?:x|times)\s*(?:a|per|each|every|/)\s*(?:{_UNIT}|{_DAYNAME})",
    # a sampling rate bounds a repeated check: '1 in 10 containers', 'one out of every five loads'
    rf"{_NUM}\s+(?:in|out of)\s+(?:every\s+)?{_NUM}\s+[a-z]+",
    r"once", rf"(?:twice|thrice|three times|four times)\s+(?:(?:a|an|per|each|every)\s+)?(?:{_UNIT}|{_DAYNAME})",
    rf"{_NUM}-(?:{_UNIT})\s+(?:cycle|interval|rotation)",
    rf"every\s+{_NUM}(?:\s*-\s*|\s+)(?:{_UNIT})", rf"first\s+quarter|each\s+quarter|q[1-4]",
    rf"within\s+{_NUM}\s+(?:calendar\s+|consecutive\s+|rolling\s+)?{_UNIT}", rf"{_NUM}\s+{_UNIT}\s+(?:before|after|from|of)\b",
    r"q\d+\s*(?:min|mins|m|h|hr|hrs|hours?|d|days?|wk|wks|w|mo)",
    # clock times name the moments of every day: '0600/1400/2200', '06:00 and 18:00', '6am and 6pm'
    r"[0-2]\d[0-5]\d(?:\s*(?:/|,|and|&)\s*[0-2]\d[0-5]\d)+", r"(?:at\s+)?\d{1,2}\s*(?:am|pm)",
    r"at\s+[0-2]?\d [0-5]\d", r"[0-2]?\d [0-5]\d(?:\s+(?:and|or)?\s*[0-2]?\d [0-5]\d)+",  # '06:00' reads '06 00'

    # Spanish: 'todos los dias' (norm 'all the days'), 'a diario', 'por turno', 'dos veces por semana'
    rf"(?:all|todas)\s+(?:los|las|the)\s+(?:{_UNIT}|{_DAYNAME}|mananas|noches|tardes|lunes|martes|miercoles|"
    rf"jueves|viernes|sabados|domingos)", rf"a diario|(?:al|por|a la|a the)\s+(?:{_UNIT}|trip|embarque|carga|viaje)",
    rf"(?:una|dos|tres)\s+(?:vez|veces)\s+(?:al|a la|por)\s+\w+",
)
_TRIGGER_EVENT = _rx(
    r"(?:before|after|prior to|upon|following|at|on|during|right after|just before|again at|on the day of)\s+"
    r"(?:the\s+|each\s+|every\s+|any\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+|our\s+|first\s+|final\s+|last\s+)?"
    r"(?!without\b|us\b|them\b|it\b|me\b|you\b|him\b|request\b|demand\b|occasion\b|times?\b|basis\b|intervals?\b|need\b|discretion\b|the discretion\b|random\b|"
    r"some\b|least\b|most\b|all\b|appropriate\b|suitable\b|regular\b|a regular\b|an ongoing\b|ongoing\b|"
    r"various\b|times\b|which\b|that\b|this\b|case\b|management\b|risk\b|the level\b|such\b|continuous\b|"
    r"constant\b|permanent\b|continual\b|rolling\b|cadence\b|schedule\b|frequency\b|cycle\b|rhythm\b|"
    r"timetable\b|calendar\b|plan\b|sensible\b|reasonable\b|key\b|certain\b|critical\b|important\b|"
    r"operational\b|peak\b|busy\b|quiet\b|informal\b|convenient\b|opportune\b|set\b|defined\b|"
    r"predetermined\b|fixed\b|planned\b|agreed\b|as-\w+\b|an as-\w+\b|intervals?\b)[a-z][\w-]+",
    r"(?:every|each|per|for each|for every|on each|on every|at each|at every|at any|with each|with every|any time|"
    r"anytime|whenever)\s+(?!time\b|so\b|now\b|once\b|case\b|situation\b|opportunity\b|level\b|tier\b|process\b|"
    r"department\b|area\b|one\b|aspect\b|stage\b|step\b|function\b|need\b|occasion\b|few\b|several\b|"
    r"couple\b|so\b|some\b|many\b|number\b|cierto\b|tanto\b|que\b|certain\b"
    # 'per CTPAT', 'per our policy', 'per ISO 27001': a rule cited, not an event that fires the activity
    r"|(?<=per )(?:" + "|".join(sorted(lx.STANDARDS | lx.RULE_WORDS)) + r")\b)[a-z][\w-]+",
    r"when(?:ever)?\s+(?:a|an|the|any|someone|somebody|staff|we|it|there|new|changes?|procedures?|he|she|they|"
    r"drivers?|guards?|trucks?|trailers?|containers?|seals?|alarms?|cargo|loads?|shipments?|employees?|"
    r"visitors?|partners?|suppliers?|carriers?)\b(?!\s+(?:needed|necessary|required|appropriate|warranted|"
    r"deemed|possible))",
    r"(?:every|each|any) time\s+(?!(?:it is\s+|it's\s+)?(?:needed|necessary|required|appropriate|possible)\b)"
    r"(?:a|an|the|any|we|they|someone|our|new|drivers?|trucks?|trailers?|containers?|loads?|seals?)\s+[a-z]+",
    r"on hire|at hire|at hiring|on hiring|at onboarding|on onboarding|on assignment|on arrival|on receipt|"
    r"on departure|on entry|on exit|on completion|on termination|on promotion|on transfer|on change|at check-in|"
    r"same day|same shift|before sealing|before loading|before release",
    # shorthand for 'after any incident': 'full review any incident'
    r"any\s+(?:incidents?|alarms?|breach(?:es)?|alerts?|accidents?|discrepanc(?:y|ies)|anomal(?:y|ies)|tamper\w*|"
    r"thefts?|loss(?:es)?|intrusions?|seal breaks?|broken seals?)",
    r"(?:pre|post)-?(?:hire|hiring|employment|load|loading|departure|shipment|boarding|arrival|stuffing|sailing|trip|"
    r"shift|incident|accident|audit|termination|crossing)",
    r"(?:shift|watch|crew)\s+(?:changes?|turns?|turnovers?|handovers?|swaps?)",
    # Spanish events: 'cada que llega un trailer', 'cuando sale la unidad', 'al cargar'
    r"(?:each que|when|to the|al)\s+(?:se\s+)?(?:llegan?|salen?|entran?|cargan?|cruzan?|ingresan?|sellan?|"
    r"reciben?|descargan?|llegar|salir|entrar|cargar|cruzar|ingresar|sellar|recibir|descargar)\b",
)
FREQUENCY_HEDGE = _rx(
    r"regularly|regular basis|regular intervals|regular reviews?|periodic(?:ally|al)?|as needed|as required|"
    r"as necessary|as appropriate|as applicable|as warranted|as deemed\s+\w+|if needed|if necessary|if required|"
    r"if warranted|when(?:ever)?\s+(?:needed|necessary|required|appropriate|warranted|possible|deemed\s+\w+|"
    r"applicable|it makes sense|convenient|time permits|feasible|practicable|relevant)",
    r"ongoing|on-going|on an ongoing basis|over time|from time to time|time to time|now and then|every now and|"
    r"once in a while|every so often|now and again|as circumstances|(?:circumstances|conditions|"
    r"the situation)\s+(?:so\s+)?(?:dictate|require|warrant|"
    r"permit|allow)|as (?:the\s+)?(?:\w+\s+)?(?:requires?|dictates?|warrants?|permits?|allows?|demands?|sees fit)|"
    r"(?:business|operational)\s+(?:needs?|requirements|considerations)|discretion|case[- ]by[- ]case|ad[- ]hoc|"
    r"routine(?:ly)?|frequently|often|occasionally|sometimes|sporadic(?:ally)?|timely|as scheduled|"
    r"per (?:the\s+)?schedule|according to (?:the\s+)?(?:schedule|plan|calendar)|as planned|throughout the year|"
    r"(?:at|in)\s+(?:\w+\s+)?intervals|at a frequency|frequency (?:determined|set|defined|agreed)|"
    r"cyclical|cyclic|recurring|repeatedly|several times|multiple times|a few times|numerous times|many times|"
    r"various times|on demand|upon request|on request|as requested|rolling basis|as often as|as and when|"
    r"where (?:needed|necessary|possible|appropriate)|in due course|depending on|depends on|dependent on|"
    r"varies|vary|variable|flexible|usually|typically|generally|normally|mostly|or so|roughly|approximately|"
    r"more or less|about every|around every|in the light of|in light of|risk-based|based on risk|"
    r"(?:is|are)\s+(?:revisited|refreshed|repeated|updated|renewed)\s+(?:as|when|if)",
    r"when (?:we|they|i) (?:hear|think|feel|notice|get|have) (?:time|something|anything|concerns)",
    r"(?:has|have|gets?|finds?|got)\s+(?:the\s+|a\s+|some\s+)?(?:time(?!\s+(?:sheets?|cards?|logs?|clock|stamps?|"
    r"limits?|records?|slips?)\b)|chance|opportunity|a moment)|when (?:free|idle)",
    r"(?:on|upon|at)\s+(?:the\s+)?(?:(?:management|manager|management's|manager's|our|their|internal|"
    r"any)\s+)?(?:request|discretion|demand)|when(?:ever)?\s+(?:\w+\s+){1,3}?(?:allows?|permits?|lets?)|over the course of",
    r"at (?:the\s+)?(?:appropriate|suitable|sensible|reasonable|relevant) (?:times?|moments?|points?)",
    r"in line with|in accordance with|as defined|as set out|as per|per (?:our|the) (?:policy|procedure|plan)",
    r"(?:on an? |at )regular\b|regular(?:\s+and\s+\w+)?\s+(?:basis|intervals?|checks?|reviews?|inspections?|"
    r"audits?|patrols?|refreshers?|updates?|rounds|visits?|walks?|monitoring|training|testing)|systematic(?:ally)?|"
    r"with frequency|frequent|(?:on|at|for|in|with)\s+(?:most|some|many|certain|selected|several)\s+[a-z]+|"
    # a share of the units left open: 'sup on dock most loads', 'many trailers'
    r"(?<!at )(?<!the )(?:most|many)\s+(?!of\b)[a-z]+s\b|"
    # Spanish 'cuando es necesario', 'si se considera conveniente'
    r"(?:cuando|si)\s+(?:es|sea|resulte|se vea|se considera|se considere)\s+(?:necesario|conveniente|requerido|"
    r"preciso|oportuno|pertinente)|"
    r"most of the time",
    r"in proportion to|proportional(?:ly)?|proportionate(?:ly)?|commensurate|scaled to|driven by (?:risk|volume|change|"
    r"need|demand|workload|business)|"
    r"deems?|deemed|sees? fit|thinks? (?:fit|best|necessary)|(?:finds?|found)\s+(?:it\s+)?(?:useful|necessary|needed|"
    r"appropriate|worthwhile|helpful|prudent|sensible|advisable|wise)|considers? (?:it\s+)?(?:necessary|prudent|appropriate)|"
    r"a lot(?= esp| especially| more| at| on| in|$)|plenty|whenever possible",
    r"as\s+(?:the\s+|our\s+|their\s+|its\s+)?(?!shifts?\b|watch\b|crews?\b)(?:\w+\s+){0,2}?(?:evolves?|changes?|"
    r"develops?|grows?|matures?)\b|subject to|(?:staffing|time|budget|resources|workload)\s+(?:permitting|allowing)",
    # a period only a judgement marks out: 'during high-risk periods', 'a frequency calibrated to each lane'
    r"(?:during|in|at|on)\s+(?:the\s+|our\s+|any\s+)?(?:down ?time|idle time|slack time|spare time|free time|lulls?|"
    r"quiet (?:periods?|times?|spells?)|gaps?)\b|"
    r"(?:high|higher|elevated|heightened|increased|greater)[- ]risk\s+(?:periods?|times?|seasons?|situations?|"
    r"moments?|days?|weeks?|months?|windows?)|risk[- ](?:adjusted|weighted|driven|tiered|informed|calibrated)|"
    r"(?:calibrated|tailored|adjusted|adapted)\s+to|"
    # a memory or a visit fires it: 'whenever HR remembers', 'when maintenance visits'
    r"when(?:ever)?\s+(?!it\s|they\s|each\s|every\s)(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,4}?(?:remembers?|recalls?|visits?|comes? to visit|"
    r"stops? by|drops? (?:by|in)|"
    # a visit, not an arrival of cargo: 'when the truck comes in' is a trigger
    r"(?<!truck )(?<!trailer )(?<!container )(?<!shipment )(?<!load )(?<!delivery )(?<!vessel )(?<!driver )"
    r"(?<!train )(?<!pallet )(?<!box )(?<!unit )comes? (?:by|round|around|in)|swings? by|is in town|gets? (?:a\s+)?(?:chance|minute|moment))\b|"
    r"when (?:we|they|i|someone|somebody) (?:get (?:round|around) to|can|remember|find (?:the\s+)?time|feel like|"
    r"are free|have a (?:minute|moment))",
    # Portuguese and French: 'conforme a necessidade', 'selon les besoins', 'de temps en temps', 'sob demanda'
    r"conforme (?:a\s+)?(?:necessidade|demanda|preciso)|(?:selon|as per) (?:les\s+)?(?:besoins|needs)|si necessaire|"
    r"au besoin|en cas de besoin|de temps (?:en|a) temps|de tempos em tempos|sob demanda|se necessario|"
    r"se (?:puede|pueda|necesite|requiera)|sea (?:posible|necesario)|haga falta|de vez en cuando|a veces|a times|"
    r"mas (?:o|or) (?:menos|less)|aprox(?:imadamente)?|como (?:cada|each)",
    r"blue moon|maybe|perhaps|probably|possibly|give or take|more or less|if (?:we|i|they) can|"
    # an approximation of the bound: 'pretty much daily', 'kinda weekly'
    r"pretty much|kinda|sorta|(?:kind|sort) of (?=every|each|daily|weekly|monthly|nightly)|"
    # 'almost always before loading', 'casi siempre', 'seguido' (Spanish 'often'), 'no set schedule'
    r"(?:almost|nearly|practically|mostly|casi|generalmente)\s+(?:always|siempre|every|each|todos|todas|cada)|"
    r"seguido|a menudo|con frecuencia|frecuentemente|no (?:set|fixed|firm|defined|formal|regular)\s+"
    r"(?:schedule|sched|interval|frequency|day|days|time|times|cadence|plan)|"
    r"(?:cuando|si|when|if)\s+(?:\w+\s+){0,3}?(?:consider[ae]?|crea|cree|piense?|vea|decida|decide|juzgue)\b|"
    r"(?:get|gets|got)\s+(?:round\s+|around\s+)?to\s+(?:it|them|em|'em)\b|"
    r"(?:seems?|feels?|looks?)\s+(?:needed|necessary|required|right|appropriate|useful)|"
    r"where (?:feasible|practicable|practical|relevant|applicable|warranted)|"
    r"whenever\s+(?:\w+\s+){0,3}?(?:requests?|asks?|wants?|decides?|chooses?|wishes)",
    # an interval borrowed from another cycle that is not stated: 'in step with the planning cycle'
    # availability and capacity: 'whenever staff are available', 'when HR gets to it', 'if volumes permit'
    r"(?:is|are|be|becomes?)\s+(?:available|free|idle)|when available|"
    # someone's visit fires it: 'when the auditor is in town', 'whenever the regional manager comes by'
    r"when(?:ever)?\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:is|are|comes?|drops?|swings?|gets?)\s+"
    r"(?:in town|around|over|by|on site|onsite|in the area|visiting|here)\b|gets? (?:round |around )?to it|"
    r"(?:volumes?|capacity|bandwidth|resources|staffing|workload|manpower|time|"
    r"schedules?)\s+(?:permits?|allows?|allowing|permitting)|"
    r"as capacity|capacity permitting|(?:spare|extra|free)\s+(?:hands|people|staff|capacity|time|crew|bodies)|"
    r"(?:quiet|slow|slack)\s+(?:days?|periods?|spells?|times?|weeks?|months?|seasons?)|short[- ]staffed|"
    r"(?:less|more)\s+(?:often|frequently|in|during|when|at)\b|(?:more|sooner|extra)\s+(?:often\s+|frequently\s+)?"
    r"(?:if|where|should)\b|"
    # a judgement fires the trigger: 'when the supervisor thinks it is time', 'whenever a driver feels'
    r"(?:when|whenever|if|once)\s+(?:\w+\s+){0,3}?(?:thinks?|feels?|believes?|reckons?|senses?|judges?|"
    r"suspects?|decides?|considers?|determines?|suggests?|dictates?|calls? for)\b",
    # counts left open: 'every few months', 'cada cierto tiempo', 'every so many weeks'
    r"(?:every|each|once every|once in)\s+(?:few|several|couple(?:\s+of)?|so many|some|many|number of|"
    r"cierto|tanto)\b|cada que se|se (?:ocupe|ocupa|necesita|requiere)|"
    # a basis or a plan instead of an interval: 'on an as-required basis', 'informally', 'per the calendar'
    r"as-(?:required|needed|necessary|appropriate|warranted)|informal(?:ly)?|unscheduled|"
    r"(?:per|on|by|following)\s+(?:the|our)\s+(?:calendar|schedule|plan|programme|program|cadence|rota)\b|"
    r"(?:at|on)\s+(?:a|an)\s+(?:\w+\s+)?(?:cadence|rhythm|pace|tempo)\b|"
    r"based (?:on|upon)\s+(?:\w+\s+)?(?:needs?|demands?|volumes?|workload|risk|requirements|conditions|"
    r"circumstances|judge?ments?|experience|availability)|"
    # a condition that only knowledge or a judgement fulfils: 'where notified', 'when a new threat emerges'
    r"(?:where|if|when|once|as)\s+(?:notified|informed|known|told|aware|advised|flagged)|"
    r"(?:threats?|risks?|issues?|needs?|concerns?|problems?|circumstances|situations?|reasons?)\s+(?:emerges?|"
    r"arises?|appears?|comes? up|crops? up|develops?|surfaces?|materiali[sz]es?)|"
    r"when(?:ever)?\s+there(?:'s| is| are| was)\s+(?:a\s+|an\s+|some\s+|enough\s+)?(?:reason|need|budget|time|money|"
    r"capacity|cause|call|concern|demand|opportunity|chance|spare|gap|window|slot|lull|break|moment|minute|opening|"
    r"slack|room)|"
    r"unless\s+(?:\w+\s+){0,4}?(?:busy|short|otherwise|circumstances|operational|workload|too|swamped|slammed)|"
    r"(?:lower|reduced|higher|increased|lesser|varying|different|lighter|heavier)\s+(?:frequency|frequencies|rate|"
    r"cadence|intervals?|tempo)|"
    r"as\s+\w+ly\s+(?:required|needed|necessary|appropriate|warranted|justified)|"
    r"(?:based (?:on|upon)|according to|depending on|in line with)\s+(?:the\s+|its\s+|their\s+|our\s+|each\s+|"
    r"every\s+)?(?:[\w']+\s+){0,2}?"
    r"(?:criticality|priority|priorities|severity|importance|exposure|sensitivity|profile|rating|level|score|tier|"
    r"classification)|"
    r"in (?:step|tandem|sync|lockstep) with|(?:tied|linked|pegged|keyed|synchroni[sz]ed|aligned)\s+(?:to|with)\s+"
    r"(?:the\s+|our\s+|its\s+|their\s+)?(?:\w+\s+){0,3}?(?:cycles?|calendar|rhythm|cadence|planning|plan|process)",
    # a trigger only a judgement can fire: 'whenever the landscape shifts meaningfully', 'on a material change'
    r"(?:shifts?|changes?|moves?|evolves?|increases?|rises?|grows?|worsens?)\s+(?:meaningfully|significantly|"
    r"materially|substantially|notably|considerably|appreciably|enough)",
    r"(?:meaningful|material|substantial|notable|considerable|appreciable)\s+(?:changes?|shifts?|increases?)",
    # an appearance: 'whenever it looks like it needs it', 'when it seems dirty'
    r"(?:looks?|seems?|feels?)\s+like|(?:needs?|requires?)\s+it\b|(?:looks?|seems?)\s+(?:dirty|off|wrong|bad|low)",
    # an opportunity fires it: 'every time we can', 'whenever traffic allows', 'when the crew gets a chance'
    r"(?:when(?:ever)?|every time|each time|any ?time)\s+(?:\w+\s+){0,3}?(?:can|could|allows?|permits?|"
    r"(?:gets?|has|have) (?:a\s+)?(?:chance|minute|moment|time))\b",
    # a state someone has to notice, with no measured threshold: 'when it gets dirty', 'whenever we run low'
    r"(?:when(?:ever)?|once|if|as soon as)\s+(?:\w+\s+){0,3}?(?:gets?|get|becomes?|runs?|run|is|are|looks?|goes?|"
    r"starts?)\s+(?:a bit\s+|too\s+|very\s+|really\s+|kind of\s+)?(?:dirty|messy|untidy|cluttered|low|short|"
    r"worn|old|stale|outdated|out of date|quiet|slow|tight|thin)\b|"
    r"(?:looks?|seems?|gets?|runs?|getting|running)\s+(?:a bit\s+|kind of\s+|pretty\s+)?(?:empty|bare)\b",
    # any condition 'permitting': 'weather permitting', 'traffic allowing'
    r"[a-z]+\s+(?:permitting|allowing)\b",
    # an opportunity fires it, whatever allows it: 'as the voyage plan allows', 'as port calls permit', 'when the
    # schedule lets us', 'as opportunities arise', 'opportunistically'
    r"as\s+(?:the\s+|our\s+|their\s+|its\s+|a\s+)?(?:[\w'/-]+\s+){0,3}?(?:allows?|permits?|affords?|lets?\s+(?:us|them|him|her)|"
    r"makes?\s+(?:it\s+)?possible)\b|opportunistic(?:ally)?|"
    r"(?:cuando|si|seg[uú]n|conforme)\s+(?:(?:el|la|los|las|nos|se)\s+)?(?:\w+\s+){0,3}?(?:lo\s+|nos\s+)?(?:permit[ae]n?|"
    r"dej[ae]n?|alcance|d[eé] chance)\b|"
    r"(?:as|when(?:ever)?|if|where)\s+(?:the\s+|an?\s+)?(?:opportunit(?:y|ies)|occasions?|chances?|openings?|windows?)\s+"
    r"(?:arises?|presents?|allows?|permits?|comes?|appears?|exists?|opens?)",
    # a claim word in the place of the bound: 'with appropriate frequency', 'at a suitable cadence', 'on a
    # risk-appropriate schedule', 'at intervals informed by threat intelligence', 'as often as the risk warrants'
    r"(?:with|at|on|in|to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:appropriate|suitable|sufficient|adequate|reasonable|"
    r"sensible|proper|optimal|optimum|prudent|necessary|requisite|relevant|commensurate|right|due|good|high|higher|"
    r"heightened|elevated|increased|enhanced|defined|set|agreed|determined|established|effective|risk-[\w-]+)\s+"
    r"(?:frequency|frequencies|cadence|regularity|periodicity|intervals?|rhythm|tempo|schedule|timing|pace)\b"
    # 'at the agreed interval of 30 days', 'at a set frequency: every 4 hours' state it
    r"(?!\s*(?:of|:|\(|-)?\s*(?:every\s+|once\s+|one\s+)?(?:\d|daily|weekly|monthly|quarterly|annually|yearly|"
    r"nightly|hourly|biweekly|fortnightly))|"
    r"(?:frequency|frequencies|cadence|intervals?|schedule|timing|rhythm|regularity)\s+(?:(?:is|are|that is|that are|"
    r"which is|which are)\s+)?(?:\w+\s+)?(?:informed|guided|shaped|dictated|steered|driven|determined|set|adjusted|"
    r"calibrated|tailored|decided|chosen)\s+(?:by|through|with|on)\b|"
    r"(?:informed|guided|shaped|dictated|steered)\s+by\s+(?:[\w/-]+\s+){0,3}?(?:intelligence|intel|risk|threats?|trends?|"
    r"assessments?|analysis|judge?ments?|experience|needs?|conditions|circumstances|findings|insights?|data)\b|"
    r"(?:as|so)\s+(?:often|frequently|regularly)\s+as\b",
    # a second time with no interval: 'and then again later on', 'again down the road', 'at some point after'
    r"(?:again|then|and)\s+(?:\w+\s+)?(?:later(?:\s+on)?|down the (?:road|line|track)|at some (?:point|stage)|"
    r"sometime|some time|eventually|in the future)(?!\s+(?:than|that|of|in)\b)|later on(?=\s*$)|"
    r"(?:at some|at a later)\s+(?:point|stage|date|time)|"
    r"(?:otra vez|de nuevo|y)\s+(?:mas adelante|despues|luego)(?!\s+(?:de|del|of|que)\b)|"
    # availability fires it: 'others as crew avail', 'as staff are available', 'subject to availability'
    r"(?:as|when(?:ever)?|if|while|once)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:is\s+|are\s+)?"
    r"(?:available|free|around)\b|(?:subject to|depending on|dependent on|based on|per)\s+(?:\w+\s+)?availability|"
    r"availability permitting|seg[uú]n disponibilidad|(?:as per|when|si|cuando)\s+(?:there is|haya)\s+"
    r"(?:tiempo|gente|personal|time|people|staff)|"
    # a share of the cases, not all of them: 'for the overwhelming majority of loads', 'nearly all trailers', '95%+
    # coverage': the rest have no interval
    r"(?:the\s+)?(?:overwhelming\s+|vast\s+|great\s+|large\s+)?majority\s+of|the bulk of|"
    r"(?:nearly|almost|virtually|practically|just about)\s+(?:all|every|each)\b|la mayor[ií]a de|casi todos|"
    r"\d+(?:\.\d+)?\s*%\s*\+|\d+(?:\.\d+)?\s*%\s*(?:or (?:more|better|above)\s+)?coverage|coverage of\s+\d+|"
    r"most\s+(?:of\s+)?(?:the|our|their)\s+\w+|"
    # a frequency word made casual: 'pretty regular', 'real regular', 'fairly often', 'quite frequent'
    r"(?:pretty|real|really|fairly|quite|very|reasonably|rather|super|relatively)\s+(?:regular|regularly|reg|often|"
    r"frequent|frequently|steady|steadily|consistent|consistently|routinely)|regular(?=\s*$)|"
    # a change no one names: 'whenever things change', 'when something comes up'
    r"(?:when(?:ever)?|if|as|or|and)\s+(?:things|stuff|something|anything|circumstances|matters)\s+(?:\w+\s+)?"
    r"(?:change|changes|happen|happens|comes? up|shift|shifts|move|evolve)\b",
    # a rule of thumb hedges the bound: 'as a rule', 'in most cases', 'for the most part'
    r"as a (?:general )?rule|in general|in principle|by and large|for the most part|more often than not|"
    r"in most (?:cases|instances)|where we can|whenever we can",
    r"(?:at|on)\s+(?:the\s+)?(?:first|earliest|next)\s+(?:available\s+|possible\s+|convenient\s+)?(?:opportunity|"
    r"chance|occasion|convenience)|at (?:\w+'s\s+|\w+s'\s+|their\s+|our\s+|his\s+|her\s+|the\s+)?convenience",
    # a need or an opportunity as the trigger, however it is worded: 'whenever operationally feasible', 'each time
    # that is necessary', 'any time it's needed', 'whenever the sup gets a min', 'when the guard has a spare minute'
    r"(?:when(?:ever)?|every time|each time|any ?time|if|where(?:ver)?|as|cada vez que)\s+(?:(?:it|that|this|they|"
    r"one|we)\s+(?:is|are|'s|seems?|becomes?|gets?|was|were)\s+|it's\s+|(?:es|sea|se vea|resulte)\s+)?"
    r"(?:\w+ly\s+)?(?:needed|necessary|required|feasible|possible|practicable|practical|convenient|warranted|"
    r"appropriate|opportune|justified|advisable|called for|necesario|posible|conveniente|requerido)",
    r"(?:when(?:ever)?|if|as|once|every time|each time|any ?time)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:has|have|gets?|got|finds?|found)\s+(?:a\s+|an\s+|some\s+|the\s+)?(?:spare\s+|free\s+|quiet\s+|slow\s+|"
    r"few\s+)?(?:minutes?|mins?|moments?|chance|sec|secs|seconds?|break|breather|gap|window|slot|opening|"
    r"time(?!\s+(?:limit|stamp)))(?![\w-])",
)
_PLACING_HEDGES = frozenset("usually normally typically generally mostly".split())
_LIST_MARK = _Lazy(r":\s|\s[-–—]\s|\n")
_CITING_HEDGES = frozenset({"as per", "in line with", "in accordance with", "as defined", "as set out"})
_OWN_CODE_NEXT = _Lazy(r"\s+(?:the\s+|our\s+)?(?:[a-z]+\s+){0,2}?(?:[a-z]{2,}[- ]?|[a-z]-)\d[\w.-]*(?![\w-])",
                       re.IGNORECASE)
_NEED_HEDGES = frozenset({"as needed", "as required", "as necessary", "if needed", "if necessary", "if required",
                          "when needed", "when necessary", "when required", "whenever needed", "whenever necessary"})
_PLACED = _Lazy(rf"\s*,?\s*(?:(?:in|on|at|during|around|by|before|towards?|early in|late in)\s+)?(?:the\s+)?"
                rf"(?:(?:first|last|second|third|1st|2nd|3rd|4th|early|late|end of|start of|beginning of|middle of)\s+)*"
                rf"(?:(?:week|month|half|days?|weekend)\s+of\s+(?:the\s+)?)?(?:{_MONTH}|q[1-4]|{_DAYNAME}|spring|summer|"
                rf"autumn|fall|winter|quarter|year|month|week|morning|afternoon|evening|night shift|day shift)(?![\w-])")
_HEADING = _Lazy(r"^\s*[\w /&-]{1,30}:\s")
# a range with no rule for choosing within it: 'every 2-4 weeks', 'every one to three months'
_RANGED = _rx(rf"(?:every|each|once every|within)\s+(?:\d+\s*(?:-|to|or)\s*\d+|{_NUMBER_WORD}\s+(?:to|or)\s+"
              rf"{_NUMBER_WORD})\s*-?\s*{_UNIT}",
              rf"(?:every|each|once every|once a|a|an)\s+(?:other\s+)?{_UNIT}\s+or\s+(?:two|three|so)")  # 'every year or two'
_REPEATED = _rx(
    r"refreshers?|refresher training|re-?training|follow-?ups?|re-?checks?|spot[- ]checks?|re-?screening|"
    r"re-?verification|re-?validation|re-?assessments?|re-?certification|re-?inspections?|updates?|reminders?|"
    r"drills?|exercises?|audits?|reviews?|tests?|patrols?|inspections?|walk-?throughs?|sweeps?|rounds|checks|"
    r"searches|scans|counts|trainings?|reinvestigations?|renewals?|reconciliations?",
)
_SECOND_LEVEL = _Lazy(r"(?<![\w-])(?:deeper|additional|extra|further|more|fuller|full|detailed|enhanced|random|"
                      r"surprise|unannounced|secondary|second-level|in-depth|thorough)\s+(?:[\w-]+\s+)?$")
_OPEN_REPEAT = _rx(r"thereafter|subsequently|afterwards|after that|from then on|in between|in-between|"
                   r"re-?performed|reinforced|reinforcement|refreshed|revisited|renewed|repeated")
_SECOND_CYCLE = _rx(r"refreshers?|refresher training|re-?\w+|follow-?ups?|spot[- ]checks?|updates?|reminders?|"
                    r"renewals?|reinvestigations?")
_ADDED = _Lazy(r"\s*(?:plus|also|and also|as well as|in addition|additionally|with|along with|besides|then|and)\b")
_RESOLVED_HEDGE = _rx(r"depending on|depends on|dependent on|based on|varies|vary|according to")
_NEUTRAL_CONTINUOUS = _rx(r"continuous(?:ly)?|constant(?:ly)?|continual(?:ly)?|without interruption|at all times|"
                          r"all the time|always|real[- ]time|live")

TIME_LIMIT = _rx(
    rf"(?:within|in|inside|inside of|under|no later than|not later than|before|max(?:imum)?|<|up to|"
    rf"(?:in\s+)?less (?:than|of))\s+(?:the\s+)?"
    rf"(?:first\s+|next\s+)?{_NUM}?\s*-?\s*{_UNIT}",
    rf"{_NUM}\s*-?\s*{_UNIT}\s+(?:max(?:imum)?|limit|deadline|sla)",
    r"(?:within|inside|no later than)\s+(?:half\s+)?(?:an?|one)\s+(?:half\s+)?(?:hour|day|shift|"
    r"business day|working day|week|watch)\b|in (?:half an|an|one) hour",
    # immediacy said in other words is a limit too: 'I call the sheriff right then, no waiting'
    r"right then|right there|then and there|there and then|right now|no waiting|without waiting|straight off|"
    # Spanish immediacy as normalised: 'al momento', 'de inmediato', 'en el acto', 'enseguida', 'luego luego'
    r"(?:to the|al|a the) (?:momento|instante)|(?:of|de) inmediato|(?:in|en) (?:the|el) acto|enseguida|en seguida|"
    r"luego luego|(?:in|en) ese (?:momento|instante)|ya mismo|sin esperar|"
    # 'dentro de 1 dia habil', 'en 2 dias habiles', 'en una hora', 'mismo turno', 'el mismo dia'
    rf"(?:within|in)\s+(?:of\s+)?(?:{_NUM}|una|un|dos|tres|cuatro)\s+{_UNIT}(?:\s+habil(?:es)?)?|"
    r"(?:the\s+)?mismo (?:shift|day|turno|dia)|day (?:meme|same)|mesmo (?:dia|day|turno|shift)|"
    # Portuguese 'em ate 10 min' (within 10 minutes)
    rf"(?:em\s+)?ate\s+{_NUM}\s*-?\s*{_UNIT}|"
    r"(?:at\s+)?that (?:very\s+)?(?:minute|moment|instant)|at the (?:very\s+)?(?:moment|instant)|"
    r"immediately|at once|right away|straight away|on the spot|forthwith|instantly|same[- ](?:business\s+)?"
    r"(?:day|shift|night|morning|afternoon|hour|watch)|that same (?:day|shift)|next (?:business|working) day|"
    r"by (?:the\s+)?(?:end of|close of|next)\s+(?:the\s+)?(?:shift|day|business|watch|morning|week)",
    r"by (?:the\s+)?next (?:morning|day|shift|business day|working day)|before (?:the\s+)?(?:end of|next)\s+"
    r"(?:the\s+)?(?:shift|day|watch)",
    r"before (?:the\s+)?(?:truck|trailer|load|shipment|container|vessel|flight|aircraft|car|train|unit|piece|cargo|"
    r"driver|tractor|railcar|departure|release|loading|sealing|dispatch|crossing|sailing|it)\b",
    r"before (?:it|they) (?:leaves?|departs?|ships?|sails?|crosses?|moves?)",
    r"prior to (?:departure|release|loading|sailing|dispatch|crossing)",
    r"before (?:the|a|an|any|it|its|their|each|every)\s+[a-z][\w-]+", rf"after\s+{_NUM}\s+{_UNIT}",
    r"at the (?:next|monthly|weekly|daily|quarterly|morning|shift|same)\s+(?:\w+\s+)?(?:review|meeting|briefing|"
    r"huddle|call|handover)",
    rf"{_NUM}\s*-?\s*(?:min|mins|minutes|h|hr|hrs|hours)\b", r"\d+(?:m|h|d)\b",
    r"(?:before|by|prior to|ahead of)\s+(?:the\s+)?(?:\w+\s+)?(?:cut-?off|cut off|cutoff)",
    rf"{_NUM}\s+{_UNIT}\s+(?:later|after|overdue|late|past)", rf"(?:overdue|late)\s+by\s+{_NUM}\s+{_UNIT}",
    rf"(?:by|before|no later than)\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}",
    rf"no more than\s+{_NUM}\s+{_UNIT}", rf"(?:gets?|has|have|given|allowed)\s+{_NUM}\s+{_UNIT}",
    rf"with\s+{_NUM}\s+{_UNIT}\s+to\b",
    # a limit written as a label: 'Limit: 1 hr', 'SLA 4 h', 'plazo: 2 dias'
    rf"(?:limit|deadline|sla|time limit|time frame|timeframe|max(?:imum)?|plazo|tiempo)\s+(?:of\s+)?{_NUM}\s*-?\s*{_UNIT}", r"(?:the|that)\s+same\s+(?:week|business week|working week)",
    rf"{_NUM}-(?:minute|hour|day|business-day|working-day|week|month)\s+(?:\w+\s+)?(?:target|limit|deadline|"
    rf"due date|due|window|sla|fix|turnaround|response|rule|clock)",
)
VAGUE_TIME = _rx(
    r"promptly|prompt|asap|as soon as (?:possible|practicable|practical|feasible|reasonably)|quickly|swiftly|"
    r"timely|in a timely (?:manner|fashion)|without (?:undue\s+)?delay|expeditiously|urgently|with urgency|"
    r"appropriate urgency|at the earliest|in due course|when possible|soon|shortly",
)
ACTION = _rx(
    r"stops?|stopped|halts?|holds?|held|calls?|called|phones?|phoned|radios?|radioed|texts?|texted|e-?mails?|"
    r"e-?mailed|notif(?:y|ies|ied)|inform(?:s|ed)?|reports?|reported|alerts?|alerted|pages?|paged|contacts?|"
    r"contacted|escalates?|escalated|quarantines?|quarantined|isolates?|isolated|refuses?|refused|rejects?|"
    r"rejected|denies|denied|deny|suspends?|suspended|disables?|disabled|locks?|locked|reseals?|resealed|"
    r"inspects?|inspected|photographs?|photographed|opens?|opened|files?|filed|logs?|logged|records?|recorded|"
    r"fix(?:es|ed)?|repairs?|repaired|replaces?|replaced|retrains?|retrained|investigates?|investigated|"
    r"investigation|removes?|removed|revokes?|revoked|blocks?|blocked|pulls?|pulled|parks?|parked|detains?|"
    r"detained|secures?|secured|sends?|sent|forwards?|forwarded|submits?|submitted|raises?|raised|flags?|"
    r"flagged|tags?|tagged|segregates?|segregated|recalls?|recalled|cancels?|cancelled|returns?|returned|"
    r"retakes?|schedules?|scheduled|re-?inspects?|dispatch(?:es|ed)?|restores?|restored|decides?|decided|"
    r"passes?|passed|tells?|told|warns?|warned|checks?|checked|verif(?:y|ies|ied)|corrects?|corrected|"
    r"documents?|documented|reviews?|reviewed|moves?|moved|keeps?|kept|seals?|sealed|re-?keys?|re-?keyed|"
    r"wipes?|wiped|resets?|freez(?:es|e)|froze|frozen|refers?|referred|issue[sd]?\s+(?:a|an|the)|terminates?|terminated|closes?|closed|ends?|ended|reach(?:es|ed)?|goes|go|brings?|writes?|wrote|"
    r"counts?|counted|compares?|compared|confirms?|confirmed|triggers?|triggered|convenes?|convened|"
    r"assigns?|assigned|updates?|updated|notice|warning|call|e-?mail|ticket|report",
)
# Spanish and Portuguese actions by their stems ('bloquea', 'bloqueia', 'se retira', 'comunica', 'detienen',
# 'presenta el caso', 'levanta reporte'), and a hold said as a refusal to move ('no cruza', 'does not leave').
_ROMANCE_ACTION = _rx(
    r"(?:bloque|detien|deten|retir|retien|reten|ret[eé]m|avis|comunic|notific|report|llam|present|suspend|revis|"
    r"cierr|fech|inform|escal|inspeccion|rechaz|resell|reemplaz|sustitu|cambi|levant|document|registr|corrig|"
    r"investig|aisl|separ|frena|imp(?:id|ed)|nieg|cancel|desactiv|revoc|envi|mand|entreg|resguard|asegur)"
    r"(?:a|an|e|en|o|amos|ar|er|ir|ado|ada|ados|adas|ido|ida|ia|iam|ou|am|em|ando|iendo|ará|á|ra|eia|ei)(?:se|lo|la)?",
)
_HOLD = _rx(
    r"no\s+(?:se\s+)?(?:cruza|sale|pasa|avanza|mueve|carga|libera|despacha|entra|sigue|circula)\w*|"
    # holding something until someone acts: 'no start date until the Director signs off', 'badge withheld pending
    # clearance', 'load put on hold'
    r"(?:no|not|never|nothing|nobody|none)\s+(?:[\w-]+\s+){0,4}?until|(?:put|placed|kept|stays?|remains?)\s+"
    r"(?:[\w-]+\s+){0,2}?on hold|on hold|withh(?:o|e)ld(?:s|ing)?|withhold(?:s|ing)?|"
    r"(?:stays?|stayed|remains?|remained|kept|waits?|sits?|parked|held)\s+(?:[\w-]+\s+){0,5}?until|"
    # Spanish/Portuguese 'para la unidad' (stops the unit), 'liga para a Central' (calls)
    r"(?:para|paran|parou)\s+(?:o|a|os|as|el|la|los|las)\s+(?:caminh\w+|camion\w*|unidad\w*|carga|caja|trailer|"
    r"remolque|embarque|ve[ií]culo|tractor|contenedor|container|cami[oó]n)|liga(?:r|m)?\s+(?:para|a)\b|"
    r"(?:does not|doesn't|do not|don't|will not|won't|cannot|can't|may not|is not allowed to|not allowed to|"
    r"never)\s+(?:leave|leaves|cross|crosses|move|moves|depart|departs|ship|ships|sail|sails|load|roll|go|enter|"
    r"dispatch|release)",
)
# Verbs that only pass a message on; an escalation said with these alone in the passive ('breaches shall be
# reported to the GM within 4 hours') or with a notice as the subject ('tamper alerts page the NOC analyst') names
# nobody who holds, fixes or corrects anything.
_NOTIFY_WORDS = (r"report|reports|reported|notif(?:y|ies|ied)|inform(?:s|ed)?|tells?|told|calls?|called|pages?|paged|"
                 r"alerts?|alerted|e-?mails?|e-?mailed|escalates?|escalated|texts?|texted|radios?|radioed|phones?|"
                 r"phoned|contacts?|contacted|sends?|sent|forwards?|forwarded|raises?|raised|flags?|flagged|passes|"
                 r"passed|notice|warning|ticket|call|e-?mail|goes|go|reach(?:es|ed)?|brings?|"
                 r"avis\w*|comunic\w*|notific\w*|report\w*|llam\w*")
_NOTIFY = _Lazy(_NOTIFY_WORDS)
_NOTIFY_IN = _rx(_NOTIFY_WORDS)
_PASSIVE_NOTICE = _Lazy(r"(?:(?:is|are|be|been|being|gets?|got|get)\s+(?:\w+ly\s+)?(?:" + _NOTIFY_WORDS + r")|"
                        r"^(?:\w+ly\s+)?(?:[a-z-]+ed|sent|told))$")  # 'Reported to the GM within 1 day': a passive
_NOTICE_SUBJECT = _Lazy(r"(?:[\w-]+\s+){0,3}?(?:alerts?|alarms?|notifications?|tickets?|e-?mails?|messages?|"
                        r"warnings?|notices?|pings?)\s+(?:from\s+(?:[\w-]+\s+){1,4}?)?(?:" + _NOTIFY_WORDS + r")\b")
_ACTIVE_AFTER_ROLE = frozenset(
    """stays stay waits wait stops stop holds hold reports report calls call tells tell notifies notify informs inform
    radios radio texts text checks check inspects inspect finds find sees see pulls pull locks lock secures
    secure rejects reject refuses refuse keeps keep parks park escalates escalate sends send""".split()
)
# An alert, a notice or a ticket that 'goes' or 'is sent' somewhere: the message moves, nobody acts on it.
_NOTICE_TRAVELS = frozenset("go goes sent forwarded routed alert alerts notice warning email e-mail ticket".split())
# An action that says nothing about what is done: 'takes appropriate action', 'handles it', 'follows up',
# 'addresses it', 'decides next steps', 'toma las medidas necesarias'. It answers no part of 'what is done'.
_VAGUE_ACTION = _rx(
    r"(?:takes?|took|taking|initiates?|initiated|implements?|implemented|applies|applied|apply|puts? in place)\s+"
    r"(?:the\s+|any\s+|all\s+|such\s+)?(?:(?:appropriate|necessary|corrective|suitable|required|relevant|proper|"
    r"needed|adequate|further|remedial|reasonable|timely|immediate|prompt|applicable)\s+)*(?:actions?|steps|measures|"
    r"response|remediation)",
    r"(?:corrective|appropriate|necessary|remedial|suitable)\s+(?:actions?|steps|measures)\s+(?:(?:is|are|will be|"
    r"shall be|gets?)\s+)?(?:taken|implemented|applied|initiated)",
    r"handles?|handled|handling|deals?\s+with|dealt\s+with|acts?\s+(?:on|upon)|addresse?s?|addressed|"
    r"looks?\s+into|looked\s+into|follows?[- ]up|followed[- ]up|follow-?up|sorts?\s+(?:it\s+|them\s+)?out|"
    r"sorted\s+out|takes?\s+care\s+of|took\s+care\s+of|manages?|managed|resolves?|resolved|remediates?|"
    r"remediated|works?\s+(?:it|on it|through it)|decides?\s+(?:on\s+)?(?:the\s+)?(?:next\s+steps?|what\s+to\s+do|"
    r"how\s+to\s+(?:proceed|respond)|the\s+response|further\s+action)|(?:does|do|did)\s+what(?:ever)?\s+is\s+"
    r"(?:needed|necessary|required|appropriate)|whatever\s+is\s+(?:needed|necessary|required)",
    r"toma(?:n|r)?\s+(?:las\s+)?(?:medidas|acciones)|(?:se\s+)?atiende(?:n)?|(?:se\s+)?resuelve(?:n)?|"
    r"da(?:n)?\s+seguimiento|dar\s+seguimiento|lo\s+que\s+(?:sea\s+)?necesario",
    # asking for a decision instead of acting: 'contacts the supervisor for further guidance', 'waits for instructions'
    # the next steps left to a later agreement: 'further steps are then agreed as appropriate', 'next steps are decided
    # case by case', 'action is determined accordingly'
    r"(?:further|next|follow-?on|subsequent|any other|other)\s+(?:steps|actions?|measures)\s+(?:(?:are|is|will be|get|"
    r"gets|shall be)\s+)?(?:then\s+)?(?:agreed|decided|determined|defined|discussed|considered|evaluated|assessed|"
    r"taken)(?!\s+(?:within|under|per|in\s+\d|by\s+(?!(?:them|him|her|us|it|management|the team)\b))\b)|"
    r"(?:action|response|resolution)\s+(?:is|are|will be)\s+(?:then\s+)?(?:agreed|decided|determined|taken)\s+"
    r"(?:as appropriate|accordingly|case by case|on a case-by-case basis|as needed|as required)|"
    r"(?:for|awaits?|awaiting|waits?\s+for|waiting\s+for|pending)\s+(?:further\s+)?(?:guidance|instructions?|"
    r"direction|directions|advice|orders|a decision)|(?:espera|esperan|esperar)\s+(?:instrucciones|indicaciones)",
)
_NAMED_HANDLING = _Lazy(r"\s+(?:as\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:incident|case|breach|emergency|"
                       r"non-?conformit(?:y|ies)|nonconformance|security event)s?\b|(?:under|per|via|through|using|"
                       r"in|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[a-z]*-?[a-z]+-?\d[\w-]*)")
_EXTERNAL = _rx(
    r"cbp|scss|supply chain security specialist|police|fbi|dhs|hsi|tsa|customs|coast guard|sheriff|"
    r"law enforcement|insurer|insurance company|customer|client|importer|exporter|shipper|consignee|carrier|"
    r"broker|forwarder|supplier|vendor|owner|landlord|port authority|harbou?r master|cbp contact|"
    r"sat|aduana|guardia nacional|ctpat contact|port|terminal|airline|railroad|911|emergency services",
)

# --- roles and units ----------------------------------------------------------------------------------------------


_COMPOUND_HEADS = ("master", "keeper", "chief", "captain", "boss", "warden", "marshal", "foreman", "clerk", "guard")


def _role_head(word: str) -> bool:
    if word in lx.ROLE_HEADS:
        return True
    if word in lx.NOT_PERSON or len(word) < 5:
        return False
    if word.endswith(("man", "men")) and word not in lx.NOT_PERSON and zipf(word) < 4.2:
        return True
    if len(word) >= 9 and zipf(word) < 3.5 and any(word.endswith(h) and len(word) - len(h) >= 3
                                                   for h in _COMPOUND_HEADS):
        return True  # a trade compound: 'trainmaster', 'crewchief', 'shipkeeper'
    if word.endswith(("er", "or", "ist", "ian", "eer")) and 0 < zipf(word) < 3.8:
        return True
    return False


@record
class Role:
    """A role the text names, with the vague modifier that opens it."""

    text: str
    vague: str  # the vague modifier that opens it ('' when it is a role)


_APPOINTED = frozenset("designated nominated appointed".split())
_APPOINTED_TITLE = _Lazy(r"(?<![\w-])(?i:designated|nominated|appointed)\s+([A-Z][\w/&-]*)")
_ABSTRACT_APPOINTEES = frozenset("resources functions stakeholders parties bodies entities capabilities owners "
                                 "custodians actors staff personnel team teams people persons individuals".split())


@_per_text
def _roles(parsed: Parsed) -> list[Role]:
    """Role head nouns in the text, each with the words that qualify it and any vague modifier."""
    found: list[Role] = []
    flat: list[tuple[str, int, bool]] = []  # (word, clause, from capitalised token)
    raws: list[int] = []  # the token each word comes from
    for index, t in enumerate(parsed.tokens):
        for w in t.norm:
            flat.append((w, t.clause, t.capitalised))
            raws.append(index)
    for i, (word, clause, capital) in enumerate(flat):
        plural = word.endswith("s") and word[:-1] in lx.ROLE_HEADS
        head = word[:-1] if plural else word
        if head in lx.ROLE_ACRONYMS:
            found.append(Role(word, ""))
            continue
        if not _role_head(head) or head in lx.PSEUDO_ROLES:
            continue
        if head in ("lead", "leads", "head", "heads", "master", "chief", "mate", "pilot", "chair", "owner",
                    "guard", "driver", "agent", "operator", "partner") and i + 1 < len(flat) \
                and flat[i + 1][0] in ("the", "a", "an", "our", "their", "to", "by", "on", "of", "for", "in", "up"):
            titled = head in ("head", "chief", "chair", "master", "lead", "mate", "captain", "pilot")
            if (not titled or flat[i + 1][0] in ("the", "a", "an", "our", "their", "to", "up")) \
                    and not (flat[i + 1][0] == "of" and head != "owner"):
                if not (head == "head" and flat[i + 1][0] == "of"):
                    continue  # a verb: 'leads the shift', 'heads to', 'owner of each process'
        if i + 1 < len(flat) and flat[i + 1][1] == clause and (flat[i + 1][0] in lx.ROLE_AS_MODIFIER or (
                flat[i + 1][0] in lx.ROLE_HEADS and head not in ("lead", "head"))):
            continue  # 'guard force', 'driver licences': the role word modifies another noun
        before = [w for w, c, _ in flat[max(0, i - 4):i] if c == clause]
        after = [w for w, c, _ in flat[i + 1:i + 4] if c == clause]
        # 'the designated Security Officer', 'nominated DPA': a title given by appointment, written as a title
        vague = next((w for w in before + after[:1] if w in lx.VAGUE_ROLE_MODIFIERS
                      and not (capital and after[1:2] and after[1] in ("under", "pursuant"))
                      and not (capital and w in _APPOINTED)), "")
        earlier = [w for w, c, _ in flat[:i] if c == clause]
        if any(w in ("whoever", "whoevers", "whomever", "whichever") for w in earlier) or any(
                a == "the" and b in ("q", "que") for a, b in zip(earlier, earlier[1:])):
            vague = "whoever"
        if not vague and (plural or before[-1:] == ["all"]) and (before[-1:] in (["all"], ["every"], ["any"])
                                                             or (before and before[-1] in ("and",))):
            vague = before[-1] if before else "all"
        qualified = bool(before) and before[-1] not in lx.STOPWORDS and before[-1] not in lx.VAGUE_ROLE_MODIFIERS
        qualified = qualified or (len(after) >= 2 and after[0] in ("of", "for", "de", "del", "on")
                                  and after[1] not in lx.STOPWORDS)
        # a Spanish role qualified after its head: 'avisa a sup patio', 'jefe turno', 'encargado almacen'
        qualified = qualified or (bool(after) and (after[0] in lx.SPANISH_AREAS or (
            raws[i] > 0 and parsed.tokens[raws[i] - 1].raw.lower() in ("a", "al", "el", "la", "del", "con", "por")
            and after[0] not in lx.STOPWORDS and not ACTION.fullmatch(after[0]) and not TIME_LIMIT.fullmatch(after[0])
            and not VAGUE_TIME.fullmatch(after[0]) and zipf(after[0]) < 4.5)))
        qualified = qualified or ((capital or head not in lx.ROLE_NEEDS_QUALIFIER) and not plural)
        qualified = qualified or bool(before) and (before[-1] in ("their", "his", "her", "my", "your")
                                                   or before[-1].endswith(("'s", "’s")))
        if plural and not qualified or plural and before and before[-1] in lx.GENERIC_UNIT_WORDS:
            vague = vague or "a group"
        if not qualified and not vague:
            vague = f"which {head}"
        first = raws[i - 1] if qualified and before and before[-1] not in lx.STOPWORDS and raws[i - 1] != raws[i] \
            and not ACTION.fullmatch(before[-1]) else raws[i]
        found.append(Role(" ".join(dict.fromkeys(t.raw for t in parsed.tokens[first:raws[i] + 1])), vague))
    return found


_THING_WORDS = lx.DEVICES | lx.DOCUMENTS | lx.RECORD_TYPES


@_per_text
def _named_units(parsed: Parsed) -> list[str]:
    """Runs of capitalised words that name a unit or a system ('Loss Prevention', 'Safety/HSE', 'Claims & Damage')."""
    units: list[str] = []
    run: list[Token] = []

    def close() -> None:
        if run:
            words = [w for t in run for w in t.norm]
            own = [t for t in run if not set(t.norm) <= lx.GENERIC_UNIT_WORDS | _THING_WORDS]
            if run[0].raw.lower().rstrip(".") in lx.HONORIFICS:
                pass  # 'Don Chuy', 'Mr Patel': a person, who needs a role to own anything
            elif own and not (len(run) == 1 and run[0].sentence_start and zipf(run[0].raw) > 0
                            and not run[0].raw.isupper()):
                units.append(" ".join(t.raw for t in run))
            elif len([t for t in run if t.raw.isupper() or t.raw[:1].isupper()]) >= 2 and "/" in parsed.text \
                    and own:
                units.append(" ".join(words))
        run.clear()

    for t in parsed.tokens:
        if (t.capitalised or t.raw.isupper()) and t.raw.lower() not in lx.STOPWORDS and not t.raw[:1].isdigit() \
                and t.raw.lower() not in _PLACEHOLDER_WORDS:
            if run and t.clause != run[-1].clause and "/" not in parsed.text:
                close()
            run.append(t)
        else:
            close()
    close()
    return units


@lru_cache(maxsize=8192)
def _is_code(raw: str) -> bool:
    """'SOP-SEC-07', 'SQ-01', 'TI-17', 'PSQ-3', 'GL-01', 'M365': letters with digits, or capitals joined by '-'."""
    letters = sum(c.isalpha() for c in raw)
    digits = sum(c.isdigit() for c in raw)
    if raw.lower() in lx.PHONE_SHORTHAND:
        return False  # 'b4', 'l8r': phone shorthand for a word
    if letters and digits:
        if raw[:1].isdigit() and raw.split("-")[-1].islower():
            return False  # '10-question', '17-pt', '8-foot': a measure, not a code
        return not re.fullmatch(r"\d+(?:st|nd|rd|th|s|x|h|hr|hrs|min|mins|am|pm|pt|ft|yr|yrs|k|m|mo|wk|d)", raw.lower())
    return "-" in raw and raw.replace("-", "").isupper() and letters >= 3


@_per_text
def _names(parsed: Parsed) -> list[str]:
    """System, product, place and document names: codes, CamelCase, rare capitalised words, non-generic acronyms."""
    return [t.raw for t in parsed.tokens if _is_name(t.raw, t.norm, t.sentence_start, t.abbreviated)]


_NOT_NAME_WORDS = lx.GENERIC_UNIT_WORDS | lx.GENERIC_QUALIFIERS


_PLACEHOLDER_WORDS = frozenset("tbd tbc tba n/a xxx todo".split())  # a gap, not a name


@lru_cache(maxsize=16384)
def _is_name(raw: str, norm: tuple[str, ...], sentence_start: bool, abbreviated: bool) -> bool:
    low = raw.lower()
    if low.endswith(("'s", "’s")) and len(low) > 3 and zipf(low[:-2]) >= 4.5:
        return False  # 'the Company's': the possessive of a common word names nothing
    if low in lx.GENERIC_ACRONYMS or low in lx.STANDARDS or low in lx.STOPWORDS or low in _PLACEHOLDER_WORDS:
        return False
    if _is_code(raw):
        return True
    if raw.isupper() and sum(c.isalpha() for c in raw) >= 2 and not abbreviated:
        return True
    if any(c.isupper() for c in raw[1:]) and any(c.islower() for c in raw):
        return True
    if not raw[:1].isupper() or abbreviated or sentence_start or len(raw) <= 2:
        return False
    if zipf(raw) < 3.6 and not set(norm) & lx.GENERIC_UNIT_WORDS:
        return True
    return not set(norm) & _NOT_NAME_WORDS and zipf(raw) < 4.5


# --- verdicts -----------------------------------------------------------------------------------------------------


@record
class Verdict:
    """The judgement of one field: vague or not, the question left open, and the signals that decided."""

    field: str
    vague: bool
    problem: str
    signals: tuple[str, ...]


def _found(pattern: _Lazy, text: str) -> list[str]:
    return [m.group() for m in pattern.finditer(text)]


_SOURCE: list[str] = [""]


def _as_written(phrase: str) -> str:
    """`phrase` as the user wrote it, when it appears in the text being judged (else the normalised form)."""
    source = _SOURCE[0]
    at = source.lower().find(phrase.lower())
    return source[at:at + len(phrase)] if at >= 0 else phrase


def _quote(items: list[str]) -> str:
    shown = [f"'{_as_written(i)}'" for i in dict.fromkeys(items) if i]
    return ", ".join(shown)[:200]


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """`text` in lower case without accents, as written (no abbreviation expanded)."""
    return " ".join(text.lower().translate(_ASCII).split())


# days of the week by their letters, a weekly schedule: 'M/W/F', 'Tu/Th', 'M-F', 'L-V' (lunes a viernes)
_DAY_LETTERS = _Lazy(r"(?<![\w/-])(?:(?:m|tu|t|w|th|r|f|sa|su)(?:\s*/\s*(?:m|tu|t|w|th|r|f|sa|su)){1,6}|m\s*-\s*f|"
                     r"l\s*-\s*v|l\s*a\s*v|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mie|jue|vie|sab|dom)"
                     r"\s*(?:-|–|to|thru|through|a)\s*(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mie|jue|vie|sab|"
                     r"dom))(?![\w/-])")


def _closed_hedges(text: str) -> set[str]:
    """Need hedges followed at once by the trigger that says when: 'as needed after any alarm'."""
    closed = {m.group() for m in FREQUENCY_HEDGE.finditer(text) if m.group() in _NEED_HEDGES
              and (_TRIGGER_EVENT.match(text, m.end() + 1) or PERIOD.match(text, m.end() + 1))}
    # 'as per SOP-7: every shift change': one's own numbered procedure cited beside the bound it sets
    return closed | {m.group() for m in FREQUENCY_HEDGE.finditer(text) if m.group().lower() in _CITING_HEDGES
                     and _OWN_CODE_NEXT.match(text, m.end())}


def _frequency(parsed: Parsed) -> Verdict:
    text = parsed.norm
    bounds = _found(PERIOD, text) + _found(_TRIGGER_EVENT, text) + _found(_DAY_LETTERS, _plain(parsed.text))
    # hedges are read in the words as written too: 'de vez en cuando' reads 'of time in when' once expanded
    hedges = list(dict.fromkeys(_found(FREQUENCY_HEDGE, text) + _found(FREQUENCY_HEDGE, _plain(parsed.text))))
    hedges += _found(_RANGED, text)
    for m in _RESOLVED_HEDGE.finditer(text):
        # 'every 3-6 months depending on tier: high-risk every 3 months, all others every 6': each case bounded
        if len(_found(PERIOD, text[m.end():])) + len(re.findall(r"\bevery \d+\b", text[m.end():])) >= 2:
            hedges = [h for h in hedges if not h.startswith(m.group()) and not _RANGED.fullmatch(h)]
    # 'extra checks as needed after any alarm', 'as required before each loading': the trigger that follows says when
    # it is needed
    closed = _closed_hedges(text)
    hedges = [h for h in hedges if h not in closed or text.count(h) > 1]
    if bounds:
        # 'annually, normally in Q1', 'every 12 months, usually in January': the hedge places the bounded activity
        # within its period; the interval itself stays closed
        placed = {m.group() for m in FREQUENCY_HEDGE.finditer(text)
                  if m.group() in _PLACING_HEDGES and _PLACED.match(text, m.end())}
        hedges = [h for h in hedges if h not in placed]
    for clause in parsed.clauses:
        for m in _OPEN_REPEAT.finditer(clause):
            # 'refreshed thereafter', 'reinforced through toolbox talks': a repeat with no interval in its own clause
            # ('risk assessment annually; the list is refreshed continually': the annual bound is the other activity's)
            after = clause[m.end():m.end() + 30]
            if not PERIOD.search(clause) and not _TRIGGER_EVENT.search(after):
                hedges.append(m.group())
    signals = []
    if bounds:
        signals.append(f"+ bounded interval or trigger: {_quote(bounds)}")
    if hedges:
        signals.append(f"- hedge that reopens the interval: {_quote(hedges)}")
    open_activities = []
    bounded_activities = 0
    # 'CCTV review: 2 random hrs/shift ...': a heading names the activity the rest of the answer schedules
    headed = bool(_HEADING.match(parsed.text)) and len(parsed.clauses) > 1
    clauses = parsed.clauses[1:] if headed else parsed.clauses
    listed = bool(_LIST_MARK.search(parsed.text))  # written as labels: 'weekly: ...', '... - monthly', one per line
    for at, clause in enumerate(clauses):
        activity = _REPEATED.search(clause)
        # '- weekly: seal inventory', 'gate log review - daily': a bound alone in the clause next to it labels it
        labelled = listed and not _ADDED.match(clause) and any(
            0 <= n < len(clauses) and len(clauses[n].split()) <= 3 and not _REPEATED.search(clauses[n])
            and (PERIOD.search(clauses[n]) or _TRIGGER_EVENT.search(clauses[n])) for n in (at - 1, at + 1))
        if activity and (PERIOD.search(clause) or _TRIGGER_EVENT.search(clause) or labelled):
            bounded_activities += 1
        elif activity and (_SECOND_CYCLE.search(activity.group()) or _ADDED.match(clause)
                           or _SECOND_LEVEL.search(clause[:activity.start()])):
            # 'plus spot checks', 'refreshers', 'deeper inspections': an activity of its own
            open_activities.append(activity.group())
        elif activity:
            open_activities.append(activity.group())
            bounded_activities -= 1  # the sole activity takes the bounds stated around it, unless another has its own
    if bounded_activities < 0 and not any(_SECOND_CYCLE.search(a) for a in open_activities) \
            and not any(_ADDED.match(c) for c in parsed.clauses if _REPEATED.search(c)) \
            and len(open_activities) == 1:
        open_activities = []  # 'monthly, first Tuesday, my brother counts the seals': the count is monthly
    if open_activities and bounds:
        signals.append(f"- repeated activity without its own interval: {_quote(open_activities)}")
    continuous = _found(_NEUTRAL_CONTINUOUS, text)
    if continuous:
        signals.append(f"  'continuous' is not an interval: {_quote(continuous)}")
    if hedges:
        problem = f"{_quote(hedges[:1])} leaves the interval open"
    elif not bounds:
        problem = "names no interval (e.g. 'every 90 days') or trigger (e.g. 'before each loading')"
    elif open_activities and len(parsed.clauses) > 1:
        problem = f"the {open_activities[0]} interval is open"
    else:
        return Verdict("frequency", False, "", tuple(signals))
    return Verdict("frequency", True, problem, tuple(signals))


# the writer introducing themself before the answer: 'Ramp Agent Lead writing:', 'Carman here.', 'Jefe de patio aqui:'
_INTRO = _Lazy(r"^\s*([^.:;,]{1,50}?)\s+(?:here|writing|speaking|reporting|aqu[ií]|hablando|escribiendo)\s*"
               r"(?:[.:;,-]|$)", re.IGNORECASE)


def _intro(parsed: Parsed) -> str:
    """The words of a self-introduction at the start of the answer ('' when there is none)."""
    m = _INTRO.match(parsed.text)
    return m.group(1).lower() if m else ""


_PEOPLE_UNIT = _Lazy(r"(?<![\w-])People\s+(?:&|and)\s+Culture|People\s+(?:Ops|Operations|Team|Services|Partners?)(?![\w-])")
_SPANISH_STAFF = _Lazy(r"(?:(?<![\w-])(?:el|al|del|todo el|nuestro)\s+|^\s*)personal(?![\w-])", re.IGNORECASE)


_SYSTEM_ACTS = _rx(r"(?:routes?|assigns?|handles?|dispatches?|schedules?|allocates?|generates?|automates?|"
                   r"auto-?(?:assigns?|routes?|assigned|routed|generated|scheduled))\s+(?:it|them|this|that|tasks?|"
                   r"tickets?|jobs?|work|everything|all|the\s+\w+)|auto-?(?:assigned|routed|generated|scheduled)")


def _owner(parsed: Parsed) -> Verdict:
    intro = _intro(parsed)
    # read as written too: 'entre todos los del turno' is normalised word by word into English
    markers = list(dict.fromkeys(_found(_VAGUE_OWNER, parsed.norm) + _found(_VAGUE_OWNER, _plain(parsed.text))))
    titled = {m.group(1).lower() for m in _APPOINTED_TITLE.finditer(parsed.text)} - _ABSTRACT_APPOINTEES
    # 'C/O (designated SSO)', 'the designated Security Officer': a title, written as one, held by appointment
    markers = [m for m in markers if not (len(m.split()) == 2 and m.split()[0].lower() in _APPOINTED
                                          and m.split()[1].lower() in titled)]
    if _PEOPLE_UNIT.search(parsed.text):  # 'People & Culture (Ana Reyes, HRBP)': the name of an HR unit
        markers = [m for m in markers if m.lower() != "people"]
    roles, units = _roles(parsed), _named_units(parsed)
    units = [u for u in units if not set(u.lower().split()) <= lx.SYSTEM_ACRONYMS]  # 'the WMS': a system, no owner
    if units and _SYSTEM_ACTS.search(parsed.norm):
        # 'ServiceNow routes it', 'Samsara handles it': a product name (one rare or CamelCase word) doing the work
        systems = [u for u in units if " " not in u and not u.isupper() and (any(c.isupper() for c in u[1:])
                                                                             or zipf(u) == 0)]
        if systems:
            markers = markers + [f"{s} (a system)" for s in systems]
            units = [u for u in units if u not in systems]
    after = [r for r in roles if not intro or r.text.lower() not in intro]
    if intro and (markers or after):
        # the writer's own title in an introduction is not the answer when the answer names another owner after it
        # ('Ramp Agent Lead writing: ... on the whole ramp crew'); alone it is ('Security Coordinator here, I own it')
        roles = after
        units = [u for u in units if u.lower() not in intro]
    inside = [r for r in roles if not r.vague and any(r.text.lower() in m or m.split()[0] == r.text.lower().split()[-1]
                                                     for m in markers)]  # 'leader of the relevant area'
    # 'el personal encargado de cada turno': the staff in charge, a collective however it is qualified
    inside += [r for r in roles if not r.vague and r not in inside and r.text.lower().split()[0] == "personal"
               and _SPANISH_STAFF.search(parsed.text)]

    clean = [r.text for r in roles if not r.vague and r not in inside]
    if markers and clean and all(c.lower().endswith("s") and c.lower()[:-1].split()[-1] in lx.ROLE_HEADS
                                 for c in clean):
        # 'Line managers together with the wider people team': a plural role beside a collective is a group
        inside += [r for r in roles if r.text in clean]
        clean = []
    opened = [f"{r.text} ({r.vague or 'a pseudo-role'})" for r in roles if r.vague or r in inside]
    signals = []
    if clean:
        signals.append(f"+ role or title: {_quote(clean)}")
    if units:
        signals.append(f"+ named unit: {_quote(units)}")
    if opened:
        signals.append(f"- role left open: {_quote(opened)}")
    if markers:
        signals.append(f"- collective or pseudo-role: {_quote(markers)}")
    delegated = _found(_DELEGATED, parsed.norm)
    if delegated:
        signals.append(f"- someone picked by another role, not the owner: {_quote(delegated)}")
    if (clean or (units and not markers)) and not delegated:
        return Verdict("owner", False, "", tuple(signals))
    if delegated:
        problem = f"{_quote(delegated[:1])} leaves open who owns it: name that role"
    elif markers:
        problem = f"{_quote(markers[:1])} is not a role: name the title or unit that owns it"
    elif opened:
        problem = f"{_quote([opened[0]])} leaves open which role owns it"
    else:
        problem = "names no role, title or named unit"
    return Verdict("owner", True, problem, tuple(signals))


_SELF_NAMED_RECORDS = frozenset("invoice manifest bol bl awb cmr pedimento footage logbook ledger roster "
                                "lading waybill airwaybill".split())  # 'bill of lading'
# a fiscal or calendar period written like a code names no record: 'achieved in FY25', 'Q3-2024'
_PERIOD_CODE = _Lazy(r"(?:fy|cy|h[12]|q[1-4])[-'/ ]?\d{2,4}", re.IGNORECASE)
_KEEP_VERBS = frozenset("keep keeps kept store stores stored save saves saved retain retains retained hold holds held "
                        "file files filed archive archives archived maintain maintains maintained have has".split())
_OPEN_REFERENCE = frozenset("what whatever which anything everything something whichever relevance note".split())
_TOPIC_QUALIFIERS = frozenset("security ctpat c-tpat company internal paper electronic".split())


_BARE_PLURAL_RECORDS = frozenset("logs reports files forms sheets entries".split())
_RULE_NOUNS = frozenset("requirements requirement expectations rules law laws regulations regulation standards standard "
                        "guidelines obligations criteria act".split())
_GENERIC_STORE_WORDS = frozenset("tooling tools environment environments solution solutions landscape estate stack "
                                 "ecosystem infrastructure".split())


def _records(parsed: Parsed) -> Verdict:
    text = parsed.norm
    words = [w for t in parsed.tokens for w in t.norm]
    named_records = []
    kinds = []  # 'CTPAT binder', 'security logs': a kind of record, named once a place or a retention period is given
    for i, w in enumerate(words):
        base = w[:-1] if w.endswith("s") and w[:-1] in lx.RECORD_TYPES | lx.GENERIC_RECORDS else w
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in lx.RECORD_ABSTRACTS or w in lx.BROAD_RECORDS:
            continue  # 'record strategy', 'records policy', 'export artefacts': not a record anyone could ask for
        if i and words[i - 1] in ("retention", "classification"):
            continue  # 'per the retention matrix', 'the classification register': the rule for records, not one kept
        if base in lx.RECORD_TYPES and following == "of" and i + 2 < len(words) \
                and words[i + 2] not in lx.GENERIC_QUALIFIERS | lx.GENERIC_RECORDS:
            named_records.append(" ".join(words[i:i + 3]))
        elif base in lx.RECORD_TYPES and i + 3 < len(words) and following == "of" and words[i + 2] == "the" \
                and words[i + 3] not in lx.GENERIC_QUALIFIERS | lx.GENERIC_RECORDS:
            named_records.append(" ".join(words[i:i + 4]))
        elif base in lx.RECORD_TYPES and i and words[i - 1] in _TOPIC_QUALIFIERS:
            kinds.append(f"{words[i - 1]} {w}")
        elif base in _SELF_NAMED_RECORDS:
            named_records.append(w)  # 'with invoice', 'the manifest': a trade document names itself
        elif base in lx.RECORD_TYPES and w in _BARE_PLURAL_RECORDS and (not i or words[i - 1] in ("the", "all", "our")):
            continue  # 'Logs are retained in the SIEM': which logs? ('seal logs', 'the gate logs' name them)
        elif base in lx.RECORD_TYPES:
            previous = words[i - 1] if i else ""
            if previous not in lx.GENERIC_QUALIFIERS or previous in ("the",) and i > 1 \
                    and words[i - 2] not in lx.GENERIC_QUALIFIERS:
                named_records.append(w)
        elif base in lx.GENERIC_RECORDS and i + 2 < len(words) and words[i + 1] == "of" \
                and words[i + 2] not in lx.GENERIC_QUALIFIERS and words[i + 2] not in lx.GENERIC_RECORDS \
                and words[i + 2] not in _OPEN_REFERENCE:  # 'copies of what matters' names nothing
            named_records.append(" ".join(words[i:i + 3]))
        elif base in lx.GENERIC_RECORDS and i:
            previous = words[i - 1]
            if previous not in lx.GENERIC_QUALIFIERS and previous not in lx.STOPWORDS and not previous.endswith("ly") \
                    and previous not in _KEEP_VERBS:  # 'we keep copies': a verb, not a kind of record
                named_records.append(f"{previous} {w}")
    codes = [t.raw for t in parsed.tokens if _is_code(t.raw) and not _PERIOD_CODE.fullmatch(t.raw)]
    cited = {w for m in _CITATION.finditer(_plain(parsed.text)) for w in m.group().split()}
    tokens = parsed.tokens
    # a law, a standard or a cipher named where the place should be: 'in compliance with Mexican labor law (LFT)
    # requirements', 'in accordance with FCRA', 'in line with SOC 2 expectations', 'encrypted with AES-256', 'in
    # ITSM tooling' (a kind of system, not one)
    cited |= {c.lower() for c in _cited(parsed)}
    for i, t in enumerate(tokens):
        ahead = [w for u in tokens[i + 1:i + 4] for w in u.norm][:3]
        before = [w for u in tokens[max(0, i - 4):i] for w in u.norm][-4:]
        if any(w in _RULE_NOUNS for w in ahead[:2]) or (ahead[:1] and ahead[0] in _GENERIC_STORE_WORDS) \
                or "encrypted" in before or "encryption" in before or (before[-1:] == ["with"] and any(
                    w in ("compliance", "accordance", "line", "compliant", "consistent") for w in before)):
            cited.add(t.raw.lower())
    codes = [c for c in codes if c.lower() not in cited]
    named_by_record = {t.raw for previous, t in zip(tokens, tokens[1:]) if set(previous.norm) & lx.RECORD_TYPES}
    names = [t.raw for i, t in enumerate(tokens) if _is_name(t.raw, t.norm, t.sentence_start, t.abbreviated)
             and not any(_role_head(w) for w in t.norm)
             and t.raw.lower() not in cited  # 'per ISO 27001 Annex A': a rule cited, not where the record lives
             and not _names_the_record(tokens, i)
             and t.raw not in named_by_record
             and t.raw.lower().rstrip(".") not in _CITATION_PARTS
             and not _PERIOD_CODE.fullmatch(t.raw)]  # 'under Sections 7.1 to 7.3': a citation  # 'form RH-12': the code names the form, not where it is kept
    jargon = [t.raw for t in parsed.tokens if t.raw.isalpha() and t.raw.islower() and len(t.raw) >= 4
              and zipf(t.raw) == 0 and t.norm == (t.raw.lower(),) and t.raw not in _GENERIC_STORE_WORDS]
    places = _found(_PLACE, text)
    written = {w for t in tokens_with_capitals(parsed) for w in t.norm}
    places = [p for p in places if not _GENERIC_PLACE.fullmatch(p) and not _common_store(p, written)]
    retention = _found(_RETENTION, text)
    # a period hedged or left as a range says no more than 'for a while': 'typically one to three years'
    hedged = [m.group() for m in _HEDGED_RETENTION.finditer(text)]
    retention = [r for r in retention if not any(r in h for h in hedged)]
    claims = _found(_RECORD_CLAIM, text) + (hedged if not places else [])  # a named place answers where
    if places or any(_located(parsed.tokens, n) for n in dict.fromkeys(names)):
        # 'securely archived in the HR vault': the manner is beside a named place, not instead of one
        claims = [c for c in claims if c not in _MANNER and (c not in _STORING or not named_records)]
    signals = []
    if named_records or codes:
        signals.append(f"+ named record: {_quote(named_records + codes)}")
    if names:
        signals.append(f"+ system or place name: {_quote(names)}")
    if jargon:
        signals.append(f"+ rare lower-case word (site jargon or a system): {_quote(jargon)}")
    if places:
        signals.append(f"+ where it is kept: {_quote(places)}")
    if retention:
        signals.append(f"+ how long: {_quote(retention)}")
    if claims:
        signals.append(f"- generic record statement: {_quote(claims)}")
    everything = _found(_EVERYTHING, _plain(parsed.text))
    if everything:
        signals.append(f"- everything, not a named record: {_quote(everything)}")
    # when the subject is a generic record word, a name standing after 'in'/'on'/'at' says where it lives, not which
    # record it is: 'Records are kept in SAP for 5 years' names no record ('House bills stay in ShipTrak' does)
    in_place = {w for p in places for w in p.split()}
    lead = [w for w in words[:3] if w not in lx.STOPWORDS][:1]
    generic_subject = bool(lead) and lead[0] in lx.GENERIC_RECORDS | lx.BROAD_RECORDS
    record_names = [n for n in names if n.lower() not in in_place] if generic_subject else names
    has_record = bool(named_records or codes or ((record_names or jargon or kinds) and retention and not everything)
                      or (kinds and places and not claims))
    if kinds and has_record and not named_records:
        signals.append(f"+ kind of record with its place or period: {_quote(kinds)}")
    # next to a generic record statement ('centrally archived', 'available upon request'), a name counts as where the
    # record lives only when it stands where a place does ('in Samsara', 'to SharePoint'): 'Audit reports, CAPs and
    # attestations are archived' lists records, it names no store
    if claims and not places and not retention:
        located = {n: _located(parsed.tokens, n) for n in dict.fromkeys(names)}  # each name looked up once
        names = [n for n in names if located[n]]
    has_where = bool(places or names or retention)
    if has_record and has_where and not (claims and not retention and not names and not codes):
        return Verdict("records", False, "", tuple(signals))
    if not has_record:
        problem = "names no record (which log, form, register or file?)"
        if claims:
            problem = f"{_quote(claims[:1])} names no record: say which log, form or file"
    elif hedged and not places:
        problem = f"{_quote(hedged[:1])} leaves how long open, and it names no place: say where it is kept"
    else:
        problem = "names the record but not where it is kept or for how long"
    return Verdict("records", True, problem, tuple(signals))


_HEDGED_RETENTION = _Lazy(
    rf"(?<![\w-])(?:(?:typically|usually|generally|normally|mostly|roughly|approximately|approx|about|around|some|"
    rf"up to|as a rule|in most cases|often|anywhere from|between)\s+(?:for\s+)?{_NUM}(?:\s+(?:to|or|and)\s+{_NUM})?"
    rf"\s*-?\s*(?:years?|yrs?|months?|"
    rf"mos?|days?|weeks?|wks?)|(?:{_NUM}|\d+)\s+(?:to|or|-)\s+(?:{_NUM}|\d+)\s+(?:years?|yrs?|months?|mos?|days?|weeks?)"
    rf"(?!\s*(?:,\s*)?(?:depending|based|by|per|according|for each|for\s+\w+\s+and)))(?![\w-])")
_MANNER = frozenset("centrally securely safely".split())
# a verb of storing beside a named place says where, not 'somewhere': 'Driver files archived in the HR vault (Tenstreet)'
_STORING = frozenset({"archived", "retained", "documented", "are kept", "is kept", "is maintained", "are maintained"})
_CITATION_PARTS = frozenset("section sections clause clauses article articles annex appendix chapter part paragraph "
                            "para rule rules chapter schedule".split())
_STORE_HEADS = frozenset("system systems repository repositories archive archives database databases storage platform "
                         "platforms solution solutions environment environments server servers cloud location locations "
                         "place places file files records vault vaults".split())
_LOCATIVE = frozenset("in on at to into inside within under onto via en al".split())


def tokens_with_capitals(parsed: Parsed) -> list[Token]:
    """Words written with a capital or in capitals away from a sentence start: names, acronyms ('HR', 'Kronos')."""
    return [t for t in parsed.tokens if not t.raw.islower() and (not t.sentence_start or t.raw.isupper())]


def _common_store(place: str, written: set[str]) -> bool:
    """'within a secure digital evidence repository', 'in our document management system': a store described in
    common words (no name, acronym, code or site jargon) and headed by an abstract store noun says no more than
    'stored'."""
    words = place.split()
    if words[-1] not in _STORE_HEADS:
        return False
    inner = [w for w in words[1:-1] if w not in lx.STOPWORDS]
    return all(w.replace("-", "").isalpha() and w not in written and zipf(w) >= 3.0 for w in inner)


def _located(tokens: tuple[Token, ...], name: str) -> bool:
    """The name stands where a place does: right after 'in', 'on', 'to', ... (a determiner or two between)."""
    for i, t in enumerate(tokens):
        if t.raw == name:
            before = [w for u in tokens[max(0, i - 4):i] for w in u.norm][-4:]
            if any(w in _LOCATIVE for w in before):
                return True
    return False


_EVERYTHING = _Lazy(r"^(?:all|everything|it all|all of it|todo|all docs|all paperwork)\s+(?:is\s+|are\s+|gets?\s+)?"
                    r"(?:in|on|at|to|into|goes|go|kept|stored|saved|filed|lives?|stays?|se guarda|va|en)\b")
_CITATION = _Lazy(r"(?:per|under|according to|in line with|as per|following|pursuant to)\s+(?:[\w.-]+\s+){0,4}?"
                  r"(?:" + "|".join(sorted(lx.STANDARDS)) + r")\b(?:\s+[\w.-]+){0,4}")


def _names_the_record(tokens: tuple[Token, ...], i: int) -> bool:
    """'ULD seal records', 'CTPAT seal log': a name right before the record noun says which record, not where."""
    following = [w for t in tokens[i + 1:i + 3] for w in t.norm][:2]
    if not following:
        return False
    last = following[-1] if len(following) == 2 and following[0] not in lx.RECORD_TYPES | lx.GENERIC_RECORDS \
        else following[0]
    base = last[:-1] if last.endswith("s") else last
    return tokens[i].clause == tokens[min(i + 1, len(tokens) - 1)].clause and (
        base in lx.RECORD_TYPES or base in lx.GENERIC_RECORDS or last in lx.RECORD_TYPES | lx.GENERIC_RECORDS) \
        and not any(p for p in following if p in ("in", "on", "at"))


_PLACE = _rx(
    r"(?:in|on|at|to|into|inside|within|under|onto|en|al|a)\s+(?:the\s+|our\s+|a\s+|an\s+|each\s+|its\s+|their\s+|"
    r"his\s+|her\s+|my\s+|la\s+|el\s+|los\s+)?(?:[\w&'-]+\s+){0,3}?(?:" + "|".join(lx.PLACE_NOUNS) + r")",
    r"(?:" + "|".join(lx.PLACE_NOUNS) + r")\s+(?:[a-z]?\d+[a-z]?\s+)?(?:at|in|of|on)\s+[\w-]+",
)
_GENERIC_PLACE = _Lazy(
    r"(?:in|on|at|to|into|inside|within|under|onto|en|al|a)\s+(?:the\s+|our\s+|a\s+|an\s+|la\s+|el\s+|los\s+)?"
    r"(?:(?:company|internal|central|secure|appropriate|relevant|electronic|designated|dedicated|applicable|"
    r"standard|usual|normal|proper|main|general|corporate|document|partner|assurance|records?|data|"
    r"management|our|the|safe|respective)\s+){0,3}(?:system|systems|file|files|archive|archives|repository|"
    r"database|storage|office|drive|cloud|server|records|place|location|folder|site|premises)"
)
_RETENTION = _rx(
    rf"(?:{_NUM}|\d+)\s*-?\s*(?:years?|yrs?|months?|mos?|days?|weeks?|wks?|años?|meses|dias)",
    r"permanently|indefinitely|length of (?:employment|the contract|the relationship)|life of the",
    r"(?:for|after|past|beyond)\s+(?:a|an|one|a full|one full)\s+(?:year|month|week)",
)
_RECORD_CLAIM = _rx(
    r"upon request|on request|as required|as necessary|as needed|as per|in accordance with|in line with|"
    r"according to|following our|best practices?|applicable|appropriate|standard rules|as (?:the\s+)?law|"
    r"for such period|period sufficient|sufficient period|required period|as long as (?:required|needed|necessary)|"
    r"kept on file|on file|are kept|is kept|is maintained|are maintained|retained|archived|documented|"
    r"everything|all records|paperwork|stuff|on demand|(?:falls?|covered|governed)\s+(?:under|by)|"
    r"(?:lifecycle|retention|records?|document|data)\s+(?:policy|policies|rules|strategy)",
    # how long left to a rule not stated: 'retention aligned to business requirements', 'the full statutory period'
    r"(?:aligned|tied|matched|set)\s+(?:to|with)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:requirements?|needs|rules|policy)|"
    r"(?:statutory|legal|regulatory|required|prescribed|mandated|applicable)\s+(?:retention\s+)?(?:period|periods|"
    r"timeframes?|term)|centrally|securely|safely|(?:business|legal|regulatory)\s+requirements?",
)


def _actors(parsed: Parsed) -> dict[str, int]:
    """Role words that act ('driver stays', 'guard calls'): how often each is followed by an active verb."""
    words = [w for t in parsed.tokens for w in t.norm]
    found: dict[str, int] = {}
    for word, following in zip(words, words[1:]):
        if following in _ACTIVE_AFTER_ROLE and (_role_head(word.rstrip("s")) or word in lx.ROLE_ACRONYMS):
            found[word] = found.get(word, 0) + 1
    return found


_TELL_VERBS = frozenset("notify notifies notified inform informs informed tell tells call calls alert alerts contact "
                        "contacts phone phones radio radios text texts email emails e-mail e-mails page pages "
                        "avisa avisan llama llaman notifica notifican".split())


def _told(parsed: Parsed) -> list[str]:
    """A capitalised word or acronym told directly: 'notifies IT', 'calls Dispatch', 'avisa a Monitoreo'."""
    tokens = parsed.tokens
    found = []
    for t, nxt in zip(tokens, tokens[1:]):
        if t.raw.lower() in _TELL_VERBS:
            at = tokens.index(nxt)
            if nxt.raw.lower() in ("a", "al", "to", "our") and at + 1 < len(tokens):
                nxt = tokens[at + 1]
            if (nxt.capitalised or nxt.raw.isupper()) and nxt.raw.lower() not in lx.STOPWORDS | {"it's"} \
                    and not (nxt.raw.lower() == "it" and not nxt.raw.isupper()) \
                    and not _VAGUE_RECIPIENT.fullmatch(nxt.raw.lower()) and not _VAGUE_OWNER.fullmatch(nxt.raw.lower()):
                found.append(nxt.raw)
    return found


_CONDITION_BEFORE = _Lazy(r"(?:\b(?:not|never|until|unless)\s+(?:been\s+|yet\s+|fully\s+)?|"
                          r"\b(?:if|once|when|until|unless)\s+(?:[\w'-]+\s+){0,4}?(?:is|are|was|were|gets?|has been|"
                          r"have been)\s+(?:not\s+)?)$")
_DETERMINER_BEFORE = _Lazy(r"(?<![\w-])(?:a|an|the|each|every|any|its|their|our|his|her|this|that|no|for)\s+$")


def _acting_subject(words: list[str], last: str) -> bool:
    """`last` (the last word of a recipient) stands only once, among the first three words, followed within two
    words by an active verb ('Gangway watch stops', 'Security Manager informs')."""
    at = [i for i, w in enumerate(words) if w == last]
    if len(at) != 1 or at[0] > 2:
        return False
    after = words[at[0] + 1:at[0] + 3]
    return any(w in _ACTIVE_AFTER_ROLE or (w.endswith("s") and ACTION.fullmatch(w) and not _NOTICE_ONLY.fullmatch(w))
               for w in after[:1]) or (len(after) == 2 and after[0] not in lx.STOPWORDS
                                       and (after[1] in _ACTIVE_AFTER_ROLE or after[1].endswith("s")
                                            and bool(ACTION.fullmatch(after[1]))))


_IN_SYSTEM = _Lazy(r"(?<![\w-])(?:in|into|on|onto|via|through|using|inside|within|to)\s+(?:the\s+|our\s+|a\s+)?$")
_NOTICE_ONLY = _Lazy(r"notice|warning|call|e-?mail|ticket|report|calls|reports|e-?mails|tickets")


def _last_at(text: str, word: str) -> int:
    """Where `word` last stands in `text` as a whole word ('lead' is not found in 'leadership'), or -1."""
    found = [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text)]
    return found[-1] if found else -1


# a staffed desk or line that is called or told is a recipient: "call the line's booking desk", "ring the carrier's
# dispatch desk"
_STAFFED_DESK = _Lazy(r"(?<![\w-])(?:calls?|called|calling|phones?|phoned|rings?|rang|emails?|emailed|notif(?:y|ies|ied)|"
                      r"radios?|radioed|texts?|texted|pages?|paged|(?:reports?|reported|escalated?|escalates|sent|"
                      r"goes|go|passed|handed over)\s+to|"
                      r"contacts?|contacted|tells?|told|alerts?|alerted)\s+(?:the\s+|our\s+|their\s+)?"
                      r"((?:[\w']+\s+){0,3}?(?:desk|hotline|helpline|control room|ops centre|ops center|"
                      # a staffed post named by its place or its work: 'calls dispatch', 'radios the gate', 'avisa a
                      # trafico', 'tells the bridge'
                      r"dispatch|gate|gatehouse|gate house|guard shack|guard booth|guardhouse|bridge|yard office|"
                      r"monitoring cent(?:er|re)|command cent(?:er|re)|operations cent(?:er|re)|soc|noc|"
                      r"trafico|monitoreo|caseta|despacho))(?![\w-])")


_LIMIT_HEDGES = r"usually|typically|normally|generally|mostly|often|ideally|hopefully|approximately|roughly|" \
    r"around|about|more or less|in most cases|most of the time|as a rule|aim(?:s|ing)? to|tr(?:y|ies|ying) to"
# Patterns anchored at a match's start ('...$' searched up to it) look back this far only: a hedge or a condition is a
# few words, and searching from the text's start for every match made long pasted texts quadratic.
_LOOKBACK = 160


def _before(pattern: _Lazy, text: str, end: int) -> re.Match[str] | None:
    """`pattern` (ending in '$') found right before position `end` of `text`, looking back `_LOOKBACK` characters."""
    end = max(0, end)
    return pattern.search(text, max(0, end - _LOOKBACK), end)


_HEDGED_BEFORE = _Lazy(rf"(?<![\w-])(?:{_LIMIT_HEDGES}|generalmente|normalmente|casi siempre)\s+(?:[\w-]+\s+){{0,2}}$")
_HEDGED_AFTER = _Lazy(r"\s*(?:or so|give or take|(?:if|when|where) (?:possible|feasible|practicable)|(?:at|in) most|"
                      r"usually|typically|normally|mostly|more or less|m[aá]s o menos)(?![\w-])")


def _escalation(parsed: Parsed) -> Verdict:
    text = parsed.norm
    roles = _roles(parsed)
    clean = [r.text for r in roles if not r.vague]
    units = _named_units(parsed)
    external = _found(_EXTERNAL, text)
    vague_recipients = _found(_VAGUE_RECIPIENT, text)
    limits = _found(TIME_LIMIT, text)
    vague_times = _found(VAGUE_TIME, text)
    # a limit kept only as a habit is no limit: 'usually within the hour', 'typ. same shift', 'within 2 hrs or so'
    hedged = [m.group() for m in TIME_LIMIT.finditer(text) if _before(_HEDGED_BEFORE, text, m.start())
              or _HEDGED_AFTER.match(text, m.end())]
    if hedged and len(hedged) == len(limits):
        vague_times += [f"{h} (a habit, not a limit)" for h in hedged]
        limits = []
    plain = _plain(parsed.text)
    # 'handled as a security incident', 'handled under SEC-SOP-12': a named procedure says what is done
    vague_actions = [m.group() for m in _VAGUE_ACTION.finditer(text) if not _NAMED_HANDLING.match(text, m.end())
                     and not _before(_CONDITION_BEFORE, text, m.start())]
    vague_actions = list(dict.fromkeys(vague_actions + [m.group() for m in _VAGUE_ACTION.finditer(plain)
                                                        if not _NAMED_HANDLING.match(plain, m.end())]))
    # a verb inside a vague action ('decides next steps', 'resuelve') is not an action of its own
    spans = [m.span() for m in _VAGUE_ACTION.finditer(text)]
    plain_spans = [m.span() for m in _VAGUE_ACTION.finditer(plain)]
    actions = [m.group() for m in ACTION.finditer(text) if not any(a <= m.start() < b for a, b in spans)
               and not _before(_DETERMINER_BEFORE, text, m.start())] \
        + [m.group() for m in _ROMANCE_ACTION.finditer(plain) if not any(a <= m.start() < b for a, b in plain_spans)] \
        + _found(_HOLD, plain)
    # 'flagged in RailTrak', 'logged into SAP': a system where the notice goes receives nobody
    # ('goes to HR Business Partner', 'sent to the HRBP': a person's title, not a system)
    in_system = {u: _before(_IN_SYSTEM, text, _last_at(text, u.lower().split()[0])) for u in dict.fromkeys(units)}
    systems = [u for u in units if in_system[u]
               and not _role_head(u.lower().split()[-1]) and u.lower().split()[-1] not in ("partner", "partners")
               and u.lower() not in lx.ROLE_ACRONYMS]
    units = [u for u in units if u not in systems]
    recipient = clean + units + external + _told(parsed) + [m.group(1) for m in _STAFFED_DESK.finditer(text)]
    cited = {w for m in _STANDARD.finditer(text) for w in m.group().split()}
    recipient = [r for r in recipient if r.split()[0].lower() not in cited]  # 'reflects ICAO Annex 17': a rule
    actors = _actors(parsed)
    if actors:
        # 'driver stays with the truck, reports within 15 min': the driver acts; whom he reports to is open
        recipient = [r for r in recipient if r.split()[-1].lower() not in actors
                     or text.count(r.split()[-1].lower()) > actors[r.split()[-1].lower()]]
    if recipient and _NOTIFY_IN.search(text):
        # 'Gangway watch stops any unlisted person and the matter is reported': the subject that acts at the start is
        # not the one told (with nobody told at all, the one who acts is where it ends: 'the HR Director suspends')
        words = text.split()
        recipient = [r for r in recipient if not _acting_subject(words, r.lower().split()[-1])]
    if vague_recipients and recipient:
        # 'the guard tells someone in charge': a role before the first action reports; it does not receive
        first_action = ACTION.search(text)
        start = first_action.start() if first_action else len(text)
        recipient = [r for r in recipient if _last_at(text, r.lower().split()[-1]) > start]
    signals = []
    signals.append(f"+ recipient: {_quote(recipient)}" if recipient else "- no recipient (a role, unit or CBP)")
    if systems and not recipient:
        signals.append(f"- a system where it is entered, not a recipient: {_quote(systems)}")
    if vague_recipients:
        signals.append(f"- vague recipient: {_quote(vague_recipients)}")
    signals.append(f"+ time limit: {_quote(limits)}" if limits else "- no time limit")
    if vague_times:
        signals.append(f"- not a time limit: {_quote(vague_times)}")
    signals.append(f"+ action: {_quote(actions)}" if actions else "- no action")
    if vague_actions:
        signals.append(f"- vague action (says nothing of what is done): {_quote(vague_actions)}")
    # with a vague action, passing the message on is all that is said: 'handles it and informs the GM'
    vague_only = bool(vague_actions) and all(_NOTIFY.fullmatch(a) for a in actions)
    notices_only = bool(actions) and all(_NOTIFY.fullmatch(a) for a in actions)
    one_statement = len(re.split(r"[.;:!?]\s+|\s+-+>?\s+|->", parsed.text.strip().rstrip(".!"))) == 1
    travels_only = bool(actions) and (all(a in _NOTICE_TRAVELS for a in actions) or notices_only and one_statement
                                      and (bool(_NOTICE_SUBJECT.match(text)) or all(
                                          _PASSIVE_NOTICE.search(text[:m.end()]) and not text[m.end():].startswith(" by ")
                                          for m in _NOTIFY_IN.finditer(text))))
    if travels_only:
        signals.append("- only a notice that travels: nobody stops, holds, fixes or corrects anything")
    missing = []
    if not recipient:
        missing.append("names no recipient")
    if not limits:
        missing.append(f"{_quote(vague_times[:1])} is not a time limit" if vague_times else "gives no time limit")
    if vague_only:
        missing.append(f"{_quote(vague_actions[:1])} is not an action (say what is done: stop, hold, fix, retrain)")
    elif not actions:
        missing.append("names no action")
    elif travels_only:
        missing.append("names no action beyond the alert (say who does what to hold or correct it)")
    if not missing:
        return Verdict("escalation", False, "", tuple(signals))
    return Verdict("escalation", True, "; ".join(missing), tuple(signals))


# A standard or a code of practice cited: 'benchmarked against ILO core conventions and SA8000', 'seals per AAR stds',
# 'follows ISO 17712 and ASTM F1157'. The names and codes cited say whose rules apply, not how they are met; an
# internal procedure, form or plan cited ('per SOP-TR-05', 'follows procedure PR-SEG-04') stays a mechanism.
_CITED = _Lazy(r"(?<![\w-])(?:per|under|according to|in line with|in accordance with|consistent with|in compliance with|"
               r"(?:compliant|compliance|conform(?:s|ing|ity)?|aligned|alignment|adheres?|adherence)\s+(?:with|to)|"
               r"(?:benchmarked|certified|accredited|measured|assessed|audited|validated|mapped|aligned)\s+"
               r"(?:against|to|under|with)|follows?|following|meets? or exceeds?|meeting or exceeding|exceeds?|exceeding|"
               r"surpass(?:es|ing)?|meets?|meeting|as required by|(?:required|mandated) by)"
               r"\s+([^,;:.()\n]{1,80})", re.IGNORECASE)
_INTERNAL_CODE = _Lazy(r"(?<![\w-])[A-Za-z]{2,}-[A-Za-z0-9]")
# a rank or a class written like a code: 'tier-1 suppliers', 'level-2 review'
_RANK_CODE = _Lazy(r"(?:tier|level|phase|stage|step|class|grade|type|category|cat|priority|rank|round)-?\d+[a-z]?",
                   re.IGNORECASE)


def _cited(parsed: Parsed) -> set[str]:
    """The names and codes an answer cites as a standard to follow, not as its own procedure or form."""
    found: set[str] = set()
    for m in _CITED.finditer(parsed.text):
        run = []  # the cited run of names and codes: '3 photos per box uploaded to CargoWise' cites nothing
        for raw in m.group(1).split():
            if raw.lower() in _CITE_JOINERS or any(c.isupper() or c.isdigit() for c in raw):
                run.append(raw)
            else:
                break
        cited = " ".join(run)
        words = set(re.findall(r"[a-z]+", cited.lower()))
        if any(_role_head(w) for w in words):
            continue  # 'meets Security Officer Juan at the gate': a person met, not a standard
        if _INTERNAL_CODE.search(cited) or words & (lx.DOCUMENTS | lx.RECORD_TYPES | _OWN_DOCUMENT_WORDS):
            continue
        found |= {raw for raw in re.findall(r"[\w./-]+", cited) if _is_code(raw) or any(c.isupper() for c in raw)}
    return found


_CITE_JOINERS = frozenset("""and or & / of the our all its their applicable relevant current latest core std stds standard
    standards convention conventions guideline guidelines requirement requirements rule rules reg regs regulation
    regulations criteria code codes framework directives directive principles minimum security level class
    mexican us u.s. federal international""".split())
_OWN_DOCUMENT_WORDS = frozenset("sop sops procedure procedures instruction instructions form forms checklist "
                                "checklists plan manual section sec chapter appendix policy card sheet".split())


def _controls(parsed: Parsed, minimum: int = 3) -> Verdict:
    text = parsed.norm
    words = set(text.split())
    cited = _cited(parsed)
    role_words = {w for r in _roles(parsed) if not r.vague for w in r.text.split()}
    codes = [t.raw for t in parsed.tokens if _is_code(t.raw) and t.raw.lower() not in lx.STANDARDS
             and t.raw not in cited and not _RANK_CODE.fullmatch(t.raw)]
    # a name inside a role is the role's ('Cargo Screening Lead'), not a system's
    names = [n for n in _names(parsed) if n not in codes and n not in cited and n not in role_words
             and not _RANK_CODE.fullmatch(n)]
    devices = sorted(words & lx.DEVICES | {w for w in words if w.endswith("ed") and len(w) > 5
                                           and w not in lx.CHECK_VERBS
                                           and (w[:-1] in lx.DEVICES or w[:-2] in lx.DEVICES)})  # 'fenced', 'alarmed'
    # a document named by its kind glued to its use: 'checksheet', 'tallysheet', 'gatebook', 'seallog'
    documents = sorted(words & lx.DOCUMENTS | {w for w in words if len(w) > 7 and w.isalpha()
                                               and w.endswith(("sheet", "sheets", "log", "logs", "book"))})
    checks = sorted(words & lx.CHECK_VERBS)
    roles = [r.text for r in _roles(parsed) if not r.vague]
    if _SAFE_AS_STATE.search(text):
        devices = [d for d in devices if d != "safe"]  # 'kept safe' is a state, not a safe
    cited_low = {c.lower() for c in cited}
    bounds = [b for b in _found(PERIOD, text) + _found(_TRIGGER_EVENT, text)
              if not (b.startswith("per ") and b.split()[-1] in cited_low)]  # 'per AAR' cites, it fires nothing
    measures = _found(_MEASURE, text)
    # read as written too: 'sellos buenos' is normalised word by word into English
    claims = list(dict.fromkeys(_found(_CLAIM, text) + _found(_CLAIM, _plain(parsed.text))))
    # the purpose said after a mechanism is no claim that replaces one: '... signs on the onboarding form, so that
    # expectations stay fresh for everyone'
    purpose = _PURPOSE.search(text)
    purposed = [m.group() for m in _CLAIM.finditer(text) if m.start() >= purpose.end()] \
        if purpose and purpose.start() and (codes or documents) and names else []
    claims = [c for c in claims if c not in purposed]
    standards = _found(_STANDARD, text) + sorted(cited)
    percents = _found(_BARE_PERCENT, parsed.text.lower())
    if _STAGE_PERCENT.search(parsed.text.lower()):
        percents = []  # 'photographed at 25%, 50%, 75% and 100% full': stages of the loading, not a result
    criteria = _found(_PASS_FAIL, text) + _found(_NO_X_NO_Y, parsed.text.lower())
    compared = _found(_COMPARED, text)
    # a document's revision, section or clause by number: 'Código de Conducta rev. 4 ... section 9' can be asked for
    codes += [p for p in _found(_DOC_PART, text) if p not in codes]
    score = (2 * min(2, len(codes)) + min(2, len(names)) + min(3, len(devices)) + min(2, len(documents))
             + min(3, len(checks)) + min(1, len(roles)) + min(1, len(bounds)) + min(1, len(measures))
             + 2 * min(1, len(criteria)) + min(1, len(compared)))
    penalty = 2 * min(3, len(claims)) + 2 * min(1, len(percents)) + min(2, len(standards))
    signals = []
    for label, items in (("code", codes), ("name of a system or product", names), ("device", devices),
                         ("form or record", documents), ("check or action", checks), ("role", roles),
                         ("interval or trigger", bounds), ("measured quantity", measures),
                         ("check against a reference", compared),
                         ("pass/fail rule (what is refused or held, and why)", criteria)):
        if items:
            signals.append(f"+ {label}: {_quote(list(items))}")
    for label, items in (("claim without a mechanism", claims), ("bare percentage (a result, not a mechanism)",
                                                                  percents),
                         ("standard cited instead of a mechanism", standards)):
        if items:
            signals.append(f"- {label}: {_quote(list(items))}")
    if purposed:
        signals.append(f"  a purpose, not counted against the mechanism: {_quote(purposed)}")
    signals.append(f"  mechanism score {score} - {penalty} = {score - penalty} (needs {minimum})")
    if score - penalty >= minimum:
        return Verdict("controls", False, "", tuple(signals))
    if percents and penalty:
        problem = f"{_quote(percents[:1])} is a result, not a mechanism"
    elif claims:
        problem = f"{_quote(claims[:1])} is a claim, not a mechanism"
    elif standards:
        problem = f"{_quote(standards[:1])} names a standard, not how you meet it"
    else:
        problem = "names no mechanism an auditor could ask to see"
    return Verdict("controls", True, problem + " (name the procedure, form, system, device or check)",
                   tuple(signals))


# a check said with what it is compared against: 'CDL photo vs face', 'checked line by line against the invoice',
# 'matched to the waybill', 'ties the invoice back to the pick ticket', 'cotejado con la factura'
_COMPARED = _Lazy(r"(?<![\w-])(?:[\w#]+\s+(?:vs|versus)\s+[\w#]+|(?:check\w*|verif\w*|compar\w*|match\w*|reconcil\w*|"
                  r"cross-check\w*|tall(?:y|ies|ied)|scan\w*|validat\w*|confirm\w*|tie[sd]?|tying)\s+(?:[\w#'/-]+\s+){0,8}?"
                  r"(?:against|vs|versus|back to|with|to)\s+(?:the\s+|its\s+|our\s+|their\s+|each\s+|a\s+|his\s+|her\s+)?"
                  r"(?!(?:standards?|requirements?|policy|policies|expectations|best|care|management|us|them|him|her|"
                  r"it|all|any|ensure|make|be|see|our|the)\b)"
                  r"(?:[\w#-]+\s+){0,2}?(?:invoice|bol|bill|waybill|manifest|list|register|photo|face|id|license|licence|"
                  r"asn|po|order|ticket|record|records|log|sheet|tender|appointment|appt|eir|seal|documents?|paperwork|"
                  r"passport|badge|system|database|wms|tms|yms|plan|label|labels|count|[a-z]+-?\d[\w-]*))(?![\w-])")
# a pass/fail rule in short: 'no stamp = pallet rejected', 'no pass, no access', 'no match = no out-gate'
_NO_X_NO_Y = _Lazy(r"(?<![\w-])no\s+(?:[\w#-]+\s+){0,2}?[\w#-]+\s*(?:=|,|->|→|means)\s*(?:no\s+[\w-]+|[\w-]+\s+(?:is\s+)?"
                   r"(?:rejected|refused|held|denied|returned|turned back|blocked|stopped))")
_STAGE_PERCENT = _Lazy(r"\d+\s*%\s*(?:full|loaded|complete|completed|stuffed|capacity|of (?:the\s+)?(?:load|loading)"
                       r"|lleno|cargado|cargada|de carga)(?![\w-])")
_PURPOSE = _Lazy(r"(?<![\w-])(?:so that|so as to|in order to|in order that|to ensure|to make sure|para que|"
                 r"para asegurar)(?![\w-])")
_DOC_PART = _rx(r"(?:rev(?:ision)?|revisi[oó]n|section|secci[oó]n|sec|clause|cl[aá]usula|article|art[ií]culo|art|"
               r"chapter|cap[ií]tulo|annex|anexo|appendix|ap[eé]ndice)\.?\s*#?\d+(?:\.\d+)*")
_SAFE_AS_STATE = _Lazy(r"(?<![\w-])(?:kept|keep|keeps|stay|stays|remain|remains|is|are|be|feel|feels)\s+(?:\w+\s+)?safe(?![\w-])")
_MEASURE = _rx(rf"{_NUM}\s*-?\s*(?:foot|feet|ft|meters?|m|inch(?:es)?|character|char|chars|point|pt|digit|"
               rf"days?|months?|hours?|minutes?|years?|lux|kg|lbs?)")
_BARE_PERCENT = _Lazy(r"(?<!mark )(?<!threshold )(?<!minimum )(?<!least )(?<!score of )(?<!above )"
                           r"(?<!below )(?<!min )(?<!>=)(?<!<=)(?<!> )(?<!< )(?<!>)(?<!<)(?<!over )(?<!than )"
                           r"(?<!exceeds )(?<!variance )(?<!tolerance )(?<!deviation )(?<!\+/-)(?<!± )(?<!±)"
                           r"(?<![\d.,])\b\d+(?:\.\d+)?\s*%")  # '>2% held', 'variance 2%': a threshold the check uses
# A pass/fail rule someone applies: 'we turn back any pallet without the stamp', 'trailers with a broken seal are
# held', 'no unit leaves without a signed checklist'.
_PASS_FAIL = _Lazy(
    r"(?<![\w-])(?:(?:turns?|turned|sends?|sent)\s+(?:back|away)|rejects?|rejected|refuses?|refused|den(?:y|ies|ied)|"
    r"holds?|held|quarantines?|quarantined|(?:does|do|will|may|can)\s*(?:not|n't)\s+(?:leave|enter|ship|move|"
    r"load|pass|cross)|no\s+\w+\s+(?:leaves?|enters?|ships?|moves?|is loaded|is released|passes|crosses))"
    r"(?:\s+[\w'-]+){0,8}?\s+(?:without|lacking|missing|unless|that fails?|failing|with (?:a\s+|an\s+)?"
    r"(?:broken|damaged|missing|wrong|torn|cut|mismatched|unreadable)|(?:whose|that|which|if|where|when)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?:does not|doesn't|do not|don't|did not|fails? to|cannot|can't)\s+(?:match|agree|tally|"
    r"show|carry|have))(?![\w-])"
)
_CLAIM = _rx(*lx.CONTROL_CLAIMS)
_STANDARD = _rx(*lx.STANDARD_PATTERNS)
_VAGUE_OWNER = _rx(*lx.VAGUE_OWNER)
_DELEGATED = _rx(r"(?:a|an|any|some|one|the)\s+(?:person|someone|somebody|individual|employee|staff member|member|one)"
                 r"\s+(?:\w+\s+)?(?:assigned|designated|nominated|appointed|chosen|picked|named|selected)\s+by")
_VAGUE_RECIPIENT = _rx(*lx.VAGUE_RECIPIENT)


_OWNER_LABEL = _Lazy(r"^\s*(?:owner|owned by|responsible|responsible role|responsable|accountable|who|role|"
                    r"due[nñ]o|encargado|propietario)\s*[:=–—-]\s*", re.IGNORECASE)


def _hand(parsed: Parsed, field: str) -> Verdict:
    """The hand-set verdict: each field's own signals and rules."""
    if field == "frequency":
        return _frequency(parsed)
    if field == "owner":
        # 'Owner: management', 'Responsable: la gerencia': the field's own label is not the role that answers it
        label = _OWNER_LABEL.match(parsed.text)
        return _owner(parse(parsed.text[label.end():]) if label and parsed.text[label.end():].strip() else parsed)
    if field == "records":
        return _records(parsed)
    if field == "escalation":
        return _escalation(parsed)
    verdict = _controls(parsed, 4 if field == "narrative" else 3)
    return Verdict(field, verdict.vague, verdict.problem, verdict.signals)


# --- the learned second opinion -----------------------------------------------------------------------------------

_NUMBER_BOUND = _rx(rf"\d+(?:\.\d+)?\s*-?\s*(?:{_UNIT}|min|mins|hrs?|h|d|wks?|mos?|yrs?|ft|m|kg|lbs?|pt|%)")
_SIGNAL_LABEL = re.compile(r"^\s*([+-]?)\s*([^:']+?)\s*(?::|$)")


def features(text: str, field: str) -> dict[str, float]:
    """The model's inputs for `text` as `field`: every hand-set signal (by its label, weighted by how many
    items it found) and generic ones (length, rarity, codes, names, numbers bound to units, hedges, claims)."""
    parsed = parse(text)
    _SOURCE[0] = text
    return _features(parsed, field, _hand(parsed, field))


def _features(parsed: Parsed, field: str, hand: Verdict) -> dict[str, float]:
    found: dict[str, float] = {}
    for signal in hand.signals:
        if signal.lstrip().startswith("mechanism score"):
            numbers = [int(n) for n in re.findall(r"-?\d+", signal)[:2]]
            found["mechanism score"] = min(numbers[0], 8) / 4
            found["mechanism penalty"] = min(numbers[1], 8) / 4
            continue
        match = _SIGNAL_LABEL.match(signal)
        if match:
            found[f"{match.group(1) or '~'} {match.group(2)}"] = math.log1p(max(1, signal.count("'") // 2))
    tokens = parsed.tokens
    alpha = [t.raw for t in tokens if t.raw.isalpha()]
    count = max(1, len(alpha))
    norm = parsed.norm
    found["length in words"] = math.log1p(len(tokens))
    found["at most 4 words"] = float(len(tokens) <= 4)
    found["rare words (jargon, names, codes)"] = math.log1p(sum(1 for w in alpha if len(w) >= 3 and zipf(w) == 0))
    found["share of very common words"] = sum(1 for w in alpha if zipf(w) >= 5.5) / count
    found["share of long common words (template vocabulary)"] = sum(
        1 for w in alpha if len(w) >= 9 and zipf(w) >= 3.5) / count
    found["codes"] = math.log1p(sum(1 for t in tokens if _is_code(t.raw)))
    found["names"] = math.log1p(len(_names(parsed)))
    found["abbreviations"] = math.log1p(sum(1 for t in tokens if t.abbreviated))
    found["all lower case"] = float(parsed.text == parsed.text.lower())
    found["numbers bound to units"] = math.log1p(len(_found(_NUMBER_BOUND, parsed.text.lower())))
    closed = _closed_hedges(norm)
    found["hedges"] = math.log1p(len([h for h in _found(FREQUENCY_HEDGE, norm) if h not in closed]))
    found["vague time words"] = float(bool(VAGUE_TIME.search(norm)))
    found["claim words"] = math.log1p(len(_found(_CLAIM, norm)))
    found["standards cited"] = float(bool(_STANDARD.search(norm)))
    found["collective or pseudo-role words"] = math.log1p(len(_found(_VAGUE_OWNER, norm)))
    found["generic record words"] = math.log1p(len(_found(_RECORD_CLAIM, norm)))
    found["role heads"] = math.log1p(sum(1 for r in _roles(parsed) if not r.vague))
    found["named units"] = math.log1p(len(_named_units(parsed)))
    return {k: round(v, 4) for k, v in found.items() if v}


class _Model(NamedTuple):
    bias: float
    threshold: float  # the model flags at or above this score (log-odds)
    weights: dict[str, float]


_MODELS: dict[str, _Model] = {}
MODEL_FILE = Path(__file__).resolve().parent / "data" / "specificity_model.txt"


def _load_models() -> dict[str, _Model]:
    """The weights written by tools/train_specificity.py, read on the first judgement (never at import)."""
    if not _MODELS and MODEL_FILE.exists():
        rows: dict[str, dict[str, float]] = {}
        for line in MODEL_FILE.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            field, name, value = line.split("\t")
            rows.setdefault(field, {})[name] = float(value)
        for field, weights in rows.items():
            weights.pop("(clear)", None)  # written by older versions of the trainer
            _MODELS[field] = _Model(weights.pop("(bias)"), weights.pop("(threshold)"), weights)
    return _MODELS


USE_MODEL = True  # the learned second opinion decides where it is confident (see tools/train_specificity.py)


SUPPORT = 1.0  # an override needs named signals (not the base rate) worth this much log-odds on its side


def explicit_gap(hand: Verdict) -> bool:
    """The hand-set rules found a phrase that leaves the question open ('- hedge that reopens the interval:
    'over time''), not merely the absence of an answer they recognise ('- no recipient'). Word lists miss
    answers they do not know; a phrase they found is a hard rule the model does not overrule."""
    return any(s.startswith("- ") and not s.startswith("- no ") for s in hand.signals)


def decide(hand_vague: bool, score: float, contributions: list[float], threshold: float) -> bool:
    """The hybrid verdict: a flag the hand-set rules raise stands; the model flags what they passed when it is
    confident, at `threshold` (never below even odds), on named signals worth at least SUPPORT on that side."""
    if hand_vague:
        return True
    return score >= max(threshold, 0.0) and sum(c for c in contributions if c > 0) >= SUPPORT


def _model_verdict(parsed: Parsed, field: str, hand: Verdict) -> Verdict:
    model = _load_models().get(field) if USE_MODEL else None
    if model is None:
        return hand
    found = _features(parsed, field, hand)
    parts = sorted(((model.weights.get(k, 0.0) * v, k) for k, v in found.items()), reverse=True)
    score = model.bias + sum(p for p, _ in parts)
    vague = decide(hand.vague, score, [p for p, _ in parts], model.threshold)
    leaning = score >= 0
    toward = [f"{k} ({p:+.1f})" for p, k in (parts if leaning else parts[::-1]) if (p > 0) == leaning
              and abs(p) >= 0.1][:4]
    line = (f"  model: score {score:+.1f} (base {model.bias:+.1f}; flags what the rules passed at "
            f"{max(model.threshold, 0.0):+.1f}); weighing most toward {'vague' if leaning else 'specific'}: "
            f"{', '.join(toward) or '(nothing)'}")
    signals = hand.signals + (line,)
    if vague == hand.vague:
        return Verdict(hand.field, hand.vague, hand.problem, signals)
    problem = _MODEL_PROBLEM[field] + _model_reason(hand, [k for p, k in parts if p > 0])
    return Verdict(hand.field, True, problem, signals + ("  the model overrides the hand-set rules: vague",))


def _model_reason(hand: Verdict, toward: list[str]) -> str:
    """The signal that weighs most toward vague, with the words the rules found for it when there are any."""
    for name in toward:
        for signal in hand.signals:
            match = _SIGNAL_LABEL.match(signal)
            if match and f"{match.group(1) or '~'} {match.group(2)}" == name and "'" in signal:
                return f" ({match.group(2)}: {signal.split(':', 1)[1].strip()})"
    return f" ({toward[0]} weighs most)" if toward else ""


_MODEL_PROBLEM = {
    "frequency": "no bounded interval or trigger is clear for every activity",
    "owner": "no role, title or named unit clearly owns it",
    "records": "no named record with its place or retention stands out",
    "escalation": "the recipient, the time limit or the action is unclear",
    "controls": "no mechanism an auditor could ask to see stands out",
}


JUDGED_CHARS = 4000


@lru_cache(maxsize=8192)
def judge(text: str, field: str) -> Verdict:
    """Is `text`, as the answer to `field`, specific?  ('narrative' is judged like controls, more strictly.)
    Only the first JUDGED_CHARS characters are judged: an answer is a few hundred, and some signals grow with the
    square of the length (every name looked up in the whole text), so a pasted 20 KB text would hold the app."""
    text = text[:JUDGED_CHARS]
    parsed = parse(text)
    _SOURCE[0] = text
    return _model_verdict(parsed, field, _hand(parsed, field))
