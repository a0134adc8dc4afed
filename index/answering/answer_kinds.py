"""What a question asks for, and where a sentence holds something of that kind.

Plain rules over the wording: "who/whom/whose" asks for a person or organisation, "when"
or "what year/date" for a date or time, "how many/much" or "what percentage" for a number
(with the unit asked: "how many jobs" wants a number next to "jobs", "what percentage"
a per cent), "how old" for an age, "how long" for a duration, "where" (or "the capital of")
for a place, "why" for a reason. "How much" about a price, a payment, a cost or the like ("How much did
the club pay for him?") asks a sum of money: only a currency or "£3m" answers it, while any other
"how much" ("How much did the shares fall?") takes any number. A place is a name after a preposition ("in Paris") or after a
word for a place ("the town of Kirkcaldy", "the resort of Park City", "the capital, Maseru"). A sentence's *candidates* are the spans of that kind it holds that the
question does not already name ("When did Google buy Pyra Labs?" is not answered by the
"Google" of a sentence but by its "2003"). spaCy's small English model was considered
for names and places: it is not on the package registry (only re-uploads by third
parties) and tags ~1 ms a sentence, more than a whole answer's budget; these rules cost
microseconds (docs/eval.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.answering.direction import direction
from index.tokenize import STOPWORDS, stem, words

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundreds?|thousands?|millions?|billions?|dozens?|half|several|few"
)
_NUMBER = re.compile(rf"(?<![\w.])(?:[$£€¥]\s?)?\d[\d,.]*(?:\s?(?:%|m|bn|k))?(?!\w)|\b(?:{_NUMBER_WORDS})\b", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:{_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
    r"|\b(?:1[0-9]|20)\d\ds?\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:centur(?:y|ies)|decades?|BC|AD|BCE|CE)\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow)\b"
    r"|\b(?:spring|summer|autumn|winter|ago|GMT|BST|[ap]\.?m\.?)\b|\b\d{1,2}:\d\d\b|\b[0-2]\d[0-5]\d GMT\b"
)
_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\ds?\b|\bcentur(?:y|ies)\b")
_PERCENT = re.compile(  # the figure with its sign: a bare "%" has no word the question lacks
    r"(?<![\w.])\d[\d,.]*\s?%|(?:(?<![\w.])\d[\d,.]*\s)?\bper ?cent\b|\bpercentage\b|\bhalf\b|\bthird\b|\bquarter\b|%",
    re.I)
_MONEY = re.compile(r"[$£€¥]\s?\d|\d\s?(?:m|bn|k)\b|\b(?:dollars?|pounds?|euros?|yen|cents?|pence)\b", re.I)
_AGE = re.compile(r"\b\d{1,3}-year-old\b|\baged? \d{1,3}\b|, \d{1,2},|\bat age \d", re.I)
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|a|an)[ -](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?"
    r"|centur(?:y|ies)|decades?)\b", re.I)
_REASON = re.compile(r"\b(?:because|due to|as a result|since|so that|in order to|owing to|after|caused?|"
                     r"reasons?|led to|thanks to)\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:of|de|von|van|the|and|&)?\s*[A-Z][\w'’\-]*)*")
_PLACE_CUE = re.compile(  # "in Paris", "from the Netherlands"; "the town of Kirkcaldy", "the capital, Maseru"
    r"\b(?:in|at|from|near|to|into|across|outside|inside|on)\s+(?:the\s+)?[A-Z]"
    r"|\b(?:city|town|village|resort|port|capital|province|county|island|district|suburb)(?:\s+of|,)?\s+[A-Z]")

_ASKS = (  # (pattern over the casefolded question, kind); the first that matches wins
    (r"\bhow old\b|\bwhat age\b|\bat what age\b", "age"),
    (r"\bhow long\b|\bfor how many (?:years|months|weeks|days|hours|minutes)\b", "duration"),
    (r"\bwhat (?:percentage|percent|proportion|share|fraction)\b|\bhow much of\b", "percent"),
    (r"\bhow much\b|\bwhat (?:price|cost|amount|sum)\b|\bhow expensive\b", "money"),
    (r"\bhow many\b|\bwhat (?:number|total)\b|\bhow (?:large|big|tall|high|far|often|fast|heavy|deep|wide)\b",
     "number"),
    (r"\b(?:what|which) (?:year|century|decade)\b|\bwhat years?\b|\bin what year\b", "year"),
    (r"\bwhen\b|\b(?:what|which) (?:date|day|month|time|period|era|season)\b", "date"),
    (r"\bwho(?:m|se)?\b", "name"),
    (r"\bwhere\b|\bcapital (?:city )?of\b|\b(?:what|which|in what|in which) (?:city|country|town|place|state|region|area|county|"
     r"continent|nation|island|river|location|venue|stadium|street|village|province)\b", "place"),
    (r"\bwhy\b|\bwhat (?:caused|causes|led to|was the reason|is the reason)\b", "reason"),
    (r"\bwhich\b|\bname of\b|\bwhat (?:is|was|are|were) (?:the|its|his|her|their) names?\b", "name"),
)
_ASK_PATTERNS = tuple((re.compile(p), kind) for p, kind in _ASKS)
# a "how much" question about one of these asks a sum of money, not any amount ("How much did the
# club pay for him?", not "How much did the shares fall?"): only a currency or "£3m" answers it
_SUM_CUE = re.compile(
    r"\b(?:money|cost|costs|costing|price|priced|pay|pays|paid|paying|spend|spends|spent|worth|fee|fees|fine|"
    r"fined|salary|wages?|budget|funding|earn|earns|earned|profits?|revenues?|debts?|loans?|bid|invest|invested|"
    r"investment|sell|sold|buy|bought|charge|charged|compensation|damages|prize|tax|raise|raised|cash)\b")
_UNIT = re.compile(r"\bhow many ([a-z][a-z\-]+)")
# the word after "how" that makes the asking phrase: it asks, it does not name the subject
_ASKING = re.compile(r"\bhow (many|much|long|old|far|large|big|tall|high|often|fast|heavy|deep|wide|expensive)\b")
_QUESTION_WORD = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b")
_PHRASE = 24  # characters after the first question word within which the asked kind is read


@dataclass(frozen=True, slots=True)
class AnswerKind:
    """The kind of thing a question asks for, the unit it names, and the words it uses."""

    kind: str | None
    unit: str | None  # the stem of the noun after "how many" ("job" in "how many jobs")
    asked: frozenset[str]  # the question's casefolded words
    asking: frozenset[str] = frozenset()  # stems of the asking phrase's words ("mani" of "how many")

    @classmethod
    def of(cls, question: str) -> AnswerKind:
        """Read ``question``'s wording."""
        text = " ".join(question.casefold().split())
        kind = next((k for pattern, k in _ASK_PATTERNS if _asks(pattern, text)), None)
        if kind == "money" and _SUM_CUE.search(text) and not direction(map(stem, words(text))):
            kind = "sum"
        unit = _UNIT.search(text)
        return cls(kind, stem(unit.group(1)) if unit and kind == "number" else None, frozenset(words(text)),
                   frozenset(stem(m.group(1)) for m in _ASKING.finditer(text)))


def _asks(pattern: re.Pattern[str], question: str) -> bool:
    """True when ``pattern`` matches in the question's asking phrase: from its first question
    word on, a few words long. "What advice did Thoreau give the tax collector when he could
    not pay?" asks for advice, not a date; "Which team did Kubiak play for when he was in the
    Super Bowl?" for a team."""
    first = _QUESTION_WORD.search(question)
    start = first.start() if first else 0
    found = pattern.search(question)
    return found is not None and found.start() <= start + _PHRASE


def _new(match: str, asked: frozenset[str]) -> bool:
    """True when the matched span says something the question does not (a word it lacks)."""
    return any(w not in asked and w not in STOPWORDS for w in words(match))


@lru_cache(maxsize=4096)
def candidates(kind: AnswerKind, sentence: str) -> tuple[tuple[int, int], ...]:
    """Character spans in ``sentence`` of the kind asked for that the question does not name
    (cached: re-ranking and the bold sentence look at the same passages)."""
    found = _matches(kind.kind, sentence)
    return tuple((m.start(), m.end()) for m in found if _new(m.group(), kind.asked))


def _matches(kind: str | None, sentence: str) -> list[re.Match[str]]:
    """Every span of ``kind`` in ``sentence`` (names after the sentence's first word too)."""
    if kind is None:
        return []
    if kind == "name":
        return [m for m in _NAME.finditer(sentence) if not _sentence_opener(sentence, m)]
    if kind == "place":
        return [m for m in _NAME.finditer(sentence)
                if _PLACE_CUE.search(sentence[max(0, m.start() - 12):m.start() + 1])]
    pattern = {"age": _AGE, "duration": _DURATION, "percent": _PERCENT, "money": _MONEY, "sum": _MONEY,
               "number": _NUMBER, "year": _YEAR, "date": _DATE, "reason": _REASON}[kind]
    found = list(pattern.finditer(sentence))
    if kind == "money" and not found:
        found = list(_NUMBER.finditer(sentence))
    return found


def _sentence_opener(sentence: str, match: re.Match[str]) -> bool:
    """True for one capitalised word opening the sentence: a common word ("The", "But",
    '"Dubious" assumptions') cannot be told from a name there ("Torres scored")."""
    return not sentence[:match.start()].strip(" \"'“‘([") and " " not in match.group()


def has_unit_near(kind: AnswerKind, sentence: str, spans: Sequence[tuple[int, int]], window: int = 24) -> bool:
    """True when the asked unit ("jobs") follows or precedes a number candidate closely."""
    if kind.unit is None:
        return bool(spans)
    for start, end in spans:
        near = sentence[max(0, start - window):end + window]
        if any(stem(w) == kind.unit for w in words(near)):
            return True
    return False
