"""Passage + question terms -> the sentence to highlight.

Each sentence scores the idf of the distinct question terms it contains; a sentence in
which the asked speaker is quoted wins over the rest. Ties go to the earlier sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from index.models import Span
from index.tokenize import tokenize


def sentence_scores(text: str, spans: Sequence[Span], weights: Mapping[str, float]) -> list[float]:
    """Sum of ``weights`` of the distinct terms found in each sentence."""
    scores = []
    for span in spans:
        terms = set(tokenize(text[span.start:span.end]))
        scores.append(sum(w for t, w in weights.items() if t in terms))
    return scores


def best_sentence(text: str, spans: Sequence[Span], weights: Mapping[str, float],
                  preferred: Sequence[int] = ()) -> int:
    """Index of the sentence to highlight (``preferred`` sentences first, if any)."""
    if not spans:
        return -1
    scores = sentence_scores(text, spans, weights)
    pool = [i for i in preferred if 0 <= i < len(spans)] or list(range(len(spans)))
    return max(pool, key=lambda i: (scores[i], -i))
