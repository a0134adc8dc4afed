"""What a reply shows of its quotes: the bold sentence in a short excerpt, and only quotes worth reading.

A member reads the bold sentence first and often only that. A quote shows it with at most
one sentence either side (``excerpt_span``), the next one first, each only while the excerpt
stays within ``EXCERPT_CHARS``; the whole passage stays one click away (the Context button,
``ask --json``'s ``text``). Quotes after the first are shown only when worth reading
(``worth_showing``): scored close to the first (``[index] further_quotes``), from another
paragraph, and not a near-copy of a quote already shown (fuzzy, so the same sentence reposted with a typo, "anyhting"/"anything",
counts once). The others wait behind the More button.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from index.models import Quote, Span

EXCERPT_CHARS = 480  # context sentences are added only while the excerpt stays this short
NEAR_COPY = 90  # rapidfuzz similarity (0-100) from which two bold sentences are one quote
ECHO_CHARS = 80  # of a member's own words echoed in a reply; a long question is clipped there


def excerpt_span(spans: Sequence[Span], best: int, limit: int = EXCERPT_CHARS) -> Span:
    """The span of sentence ``best`` with the sentence after it and the one before it, each
    kept only while the whole stays within ``limit`` characters (the bold one always)."""
    start, end = spans[best].start, spans[best].end
    if best + 1 < len(spans) and spans[best + 1].end - start <= limit:
        end = spans[best + 1].end
    if best > 0 and end - spans[best - 1].start <= limit:
        start = spans[best - 1].start
    return Span(start, end)


def near_copy(a: str, b: str) -> bool:
    """True when sentences ``a`` and ``b`` say the same words, give or take a few letters."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    if not a or not b:
        return a == b
    return fuzz.ratio(a, b) >= NEAR_COPY or (min(len(a), len(b)) >= 40 and fuzz.partial_ratio(a, b) >= NEAR_COPY)


def _same_place(a: Quote, b: Quote) -> bool:
    """True when ``a`` and ``b`` are parts of one paragraph of one article."""
    return a.article_id == b.article_id and a.citation.paragraph == b.citation.paragraph


def worth_showing(quotes: Sequence[Quote], top: int, close: float, *, every: bool = False
                  ) -> tuple[tuple[Quote, ...], tuple[Quote, ...]]:
    """``(shown, more)``: the first quote, then up to ``top`` in all of those worth reading
    (scored at least ``close`` times the first's); the rest, in order, for the More button.
    ``every``: the member asked for ``top`` quotes, so any quote that is not a near-copy of
    one shown is, however it scores."""
    shown: list[Quote] = []
    more: list[Quote] = []
    for quote in quotes:
        fits = len(shown) < top and (
            not shown
            or (every or quote.score >= close * shown[0].score)
            and not any(_same_place(quote, seen) or near_copy(quote.highlight, seen.highlight) for seen in shown)
        )
        (shown if fits else more).append(quote)
    return tuple(shown), tuple(more)


def echoed(text: str, limit: int = ECHO_CHARS) -> str:
    """``text``, or when longer than ``limit`` its words up to there and " …": a reply that names
    a member's long question ("I found no quote by X about …") does not repeat it."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + " …"
