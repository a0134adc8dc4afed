"""A place a question names that a passage holds only as part of another place's name.

"What is the capital of Mongolia?" finds "Yili - full name Inner Mongolia Yili Industrial -
confirmed …": the passage holds the word "Mongolia", but only in "Inner Mongolia", a
different place. A name qualified by a word of direction or of age ("Inner", "North",
"Western", "New", …) names another place than the bare name: Inner Mongolia is not
Mongolia, New York is not York, Northern Ireland is not Ireland. Such a question word is
not found in the passage when every mention of it there carries a qualifier the question
does not say. Other capitalised words before a name (first names, titles: "George Bush",
"Mr Blair") name the same person and do not count.
"""

from __future__ import annotations

import re

from index.tokenize import STOPWORDS, stem

_QUALIFIERS = frozenset({"inner", "outer", "north", "south", "east", "west", "northern", "southern",
                         "eastern", "western", "upper", "lower", "new"})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+$")


def only_qualified(question: str, text: str) -> frozenset[str]:
    """Stems of ``question``'s names that ``text`` holds only right after a capitalised
    qualifier (``_QUALIFIERS``) that the question does not say.

    A name is a word the question writes with a capital, or any word of a question written
    without capitals past its first word ("capital of mongolia")."""
    written = _WORD.findall(question)
    said = {w.lower() for w in written}
    lower_case = not any(w[0].isupper() for w in written[1:])
    found: set[str] = set()
    for name in dict.fromkeys(w for w in written if lower_case or w[0].isupper()):
        word = name.lower()
        if word in STOPWORDS or word in _QUALIFIERS or len(word) < 3:
            continue
        mentions = [m for m in _WORD.finditer(text) if m.group().lower() == word and m.group()[0].isupper()]
        if mentions and all(_qualified(text, m.start(), said) for m in mentions):
            found.add(stem(word))
    return frozenset(found)


def _qualified(text: str, start: int, said: set[str]) -> bool:
    """True when the word at ``start`` follows a capitalised qualifier not in ``said``."""
    before = _BEFORE.search(text, max(0, start - 16), start)
    return before is not None and before.group(1).lower() in _QUALIFIERS and before.group(1).lower() not in said
