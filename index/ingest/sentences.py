"""Text -> sentence spans, for highlights and for splitting long paragraphs.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets, and footnote marks
such as ``[1]`` or ``[citation needed]``, after it) followed by whitespace and something that can
open a sentence: a capital, a digit or an opening quote. Common abbreviations (Mr., Dr., U.S.,
dotted initials such as J.I. or a.k.a., a capital initial) do not end one, unless the next word
is one that opens sentences ("… of the U.S. The company …", "… a Saturn V. It …"). A lone small
letter ("divisible by n.") and a possessive ("Israel's.") do end one.
"""

from __future__ import annotations

import re

from index.models import Span

_END = re.compile(r"""[.!?…]+["'”’)\]]*(?:\[[^\[\]\n]{1,30}\])*(?=\s+["'“‘(\[]?[\dA-Z\u00C0-\u024F])""")
_SPACES = re.compile(r"\s*")  # (``str.isspace``'s characters)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep rev fr v vs c ca cf max etc inc ltd co
    corp no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec al approx dept est""".split()
)
_DOTTED = re.compile(r"[a-z](?:\.[a-z])+")  # u.s, e.g, a.m, j.i, a.k.a (the last period stripped)
_OPENERS = frozenset(
    """the it he she they this that these those there his her its their we but however in on at
    after when while although as also not""".split()
)  # words that open sentences and never follow an abbreviation inside one
_WORD = re.compile(r"\S+")
_QUOTES = "\"'“‘(["


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at ``end`` belongs to an abbreviation or an initial."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].lstrip(_QUOTES).rstrip(".")
    folded = word.casefold()
    if not (folded in _ABBREVIATIONS or _DOTTED.fullmatch(folded) or len(word) == 1 and word.isupper()):
        return False  # an initial is a capital: "John F. Kennedy", not "any n."
    after = _WORD.search(text, end + 1)
    return not after or after.group().lstrip(_QUOTES).rstrip(".,;:").casefold() not in _OPENERS


def sentence_spans(text: str) -> tuple[Span, ...]:
    """Spans of the sentences of ``text``, whitespace between them excluded."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]").split("[")[0]) == 1:
            if _is_abbreviation(text, match.start()):
                continue
        spans.append(Span(start, match.end()))
        start = _SPACES.match(text, match.end()).end()  # type: ignore[union-attr]  # \s* always matches
    if start < len(text):
        end = len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return tuple(spans)
