"""Passage + question terms -> the sentence to highlight.

Each sentence scores the idf of the distinct question terms it contains (as a share of the
question's idf mass). Given the question itself, a sentence also scores the question's
words found as written (0.5 x their share), the share of the question's word pairs it
repeats (0.5x) and holding the kind of thing asked for (+0.3: a number for "how many", a
date for "when", a name for "who"), measured on SQuAD (docs/eval.md). A sentence in which
the asked speaker is quoted wins over the rest. Ties go to the earlier sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import fsum

from index.answering.answer_types import has_answer_type
from index.answering.rerank import PassageTerms, Question, SentenceTerms, passage_terms
from index.models import Span
from index.tokenize import tokenize

EXACT_WEIGHT = 0.5
PAIRS_WEIGHT = 0.5
ANSWER_TYPE_WEIGHT = 0.3


def sentence_scores(text: str, spans: Sequence[Span], weights: Mapping[str, float]) -> list[float]:
    """Sum of ``weights`` of the distinct terms found in each sentence."""
    scores = []
    for span in spans:
        terms = set(tokenize(text[span.start:span.end]))
        scores.append(sum(w for t, w in weights.items() if t in terms))
    return scores


def question_bonus(sentence: str, found: SentenceTerms, question: Question) -> float:
    """Written words, word pairs and answer type of ``question`` found in ``sentence``."""
    total = question.total or 1.0
    exact = fsum(question.word_weight(w) for w in question.words if w in found.words) / total
    shared = sum(1 for p in question.pairs if p in found.pairs) / max(len(question.pairs), 1)
    kind = has_answer_type(question.kind, sentence, question.text)
    return EXACT_WEIGHT * exact + PAIRS_WEIGHT * shared + ANSWER_TYPE_WEIGHT * kind


def best_sentence(text: str, spans: Sequence[Span], weights: Mapping[str, float],
                  preferred: Sequence[int] = (), question: Question | None = None,
                  terms: PassageTerms | None = None) -> int:
    """Index of the sentence to highlight (``preferred`` sentences first, if any; ``terms``:
    the passage's ``passage_terms`` when stored at index time)."""
    if not spans:
        return -1
    if question is None:
        scores = sentence_scores(text, spans, weights)
    else:
        total = question.total or 1.0
        cached = (terms or passage_terms(text, tuple((s.start, s.end) for s in spans))).sentences
        scores = [
            sum(w for t, w in weights.items() if t in found.terms) / total
            + question_bonus(text[sp.start:sp.end], found, question)
            for sp, found in zip(spans, cached)
        ]
    pool = [i for i in preferred if 0 <= i < len(spans)] or list(range(len(spans)))
    return max(pool, key=lambda i: (scores[i], -i))
