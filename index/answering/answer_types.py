"""What kind of answer a question asks for (a number, a date, a name), and whether a sentence holds one."""

from __future__ import annotations

import re

from index.tokenize import words

_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|few|several|dozens?|half)\b"
)
_DATE = re.compile(
    r"\b(?:\d{3,4}s?|\d{1,2}(?:st|nd|rd|th)|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|century|centuries|decade|bc|ad)\b"
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_ASKS_NUMBER = re.compile(
    r"\bhow (?:many|much|long|old|far|large|big|tall|high|often)\b"
    r"|\bwhat (?:percentage|percent|number|amount)\b"
)
_ASKS_DATE = re.compile(
    r"\bwhen\b|\b(?:what|which) (?:year|century|decade|date|day|month|time|period)\b|\bwhat years?\b"
)
_ASKS_NAME = re.compile(r"\bwho(?:m|se)?\b|\bwhere\b")


def question_type(question: str) -> str | None:
    """``"number"``, ``"date"``, ``"name"`` or ``None`` from the question's wording."""
    text = question.casefold()
    if _ASKS_NUMBER.search(text):
        return "number"
    if _ASKS_DATE.search(text):
        return "date"
    if _ASKS_NAME.search(text):
        return "name"
    return None


def has_answer_type(kind: str | None, sentence: str, question: str) -> bool:
    """True when ``sentence`` holds something of the ``kind`` asked for."""
    if kind == "number":
        return bool(_NUMBER.search(sentence.casefold()))
    if kind == "date":
        return bool(_DATE.search(sentence.casefold()))
    if kind == "name":
        asked = set(words(question))
        return any(m.group().casefold() not in asked for m in _NAME.finditer(sentence))
    return False
