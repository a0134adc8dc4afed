"""Text -> sentence spans, for highlights and for splitting long paragraphs.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets after it)
followed by whitespace and something that can open a sentence: a capital, a digit or an
opening quote. Common abbreviations (Mr., Dr., U.S., single initials) do not end one.
"""

from __future__ import annotations

import re

from index.models import Span

_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\dA-Z\u00C0-\u024F])""")
_SPACES = re.compile(r"\s*")  # (``str.isspace``'s characters)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep rev fr vs etc inc ltd co
    corp no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec al approx dept est
    u.s u.k u.n e.g i.e a.m p.m""".split()
)


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at ``end`` belongs to an abbreviation or an initial."""
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(“\"'‘":
        start -= 1
    word = text[start:end].rstrip(".").casefold()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy"
    return word in _ABBREVIATIONS


def sentence_spans(text: str) -> tuple[Span, ...]:
    """Spans of the sentences of ``text``, whitespace between them excluded."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
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
