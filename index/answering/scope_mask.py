"""A scope as masks over one generation's indexes, and the top k within a mask.

``ScopeMask`` marks the passages and articles a scope may see (one bool per index position),
built once per generation and scope (the engine caches it). ``masked_top_k`` takes the best k
among the masked documents that hold a query term, with the same order as ``top_k`` (score
descending, then position), so a scope's answers come from its own best passages: never from
filtering the whole archive's best few, which can leave nothing. It scores through the engine's
``get_scores`` (every BM25 engine has it) and selects with numpy: one pass over the query terms'
postings plus one over the mask.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index.answering.vocabulary import documents
from index.bm25.protocol import BM25Engine


@dataclass(frozen=True, slots=True)
class ScopeMask:
    """What one scope sees of one generation's indexes."""

    articles: frozenset[int]  # visible article ids
    passages: np.ndarray  # bool per passage position
    titles: np.ndarray  # bool per article position

    @classmethod
    def of(cls, visible_articles: Iterable[int], passage_articles: np.ndarray, article_ids: np.ndarray) -> ScopeMask:
        """The masks of the articles ``visible_articles`` over a searcher's position arrays."""
        visible = frozenset(visible_articles)
        allowed = np.fromiter(visible, np.int64, len(visible))
        return cls(visible, np.isin(np.asarray(passage_articles), allowed),
                   np.isin(np.asarray(article_ids), allowed))


def masked_top_k(engine: BM25Engine, query: Sequence[str], k: int, allowed: np.ndarray) -> list[tuple[int, float]]:
    """The best ``k`` ``(position, score)`` among allowed documents holding a query term;
    ties go to the lower position, as in ``BM25Engine.top_k``."""
    holding = np.zeros(allowed.size, bool)
    for term in set(query):
        holding[documents(engine, term)] = True
    candidates = np.flatnonzero(holding & allowed)
    if candidates.size == 0 or k <= 0:
        return []
    scores = engine.get_scores(query)[candidates]
    if candidates.size > k:  # keep everything scoring at least the k-th best, ties included
        kth = np.partition(scores, candidates.size - k)[candidates.size - k]
        keep = scores >= kth
        candidates, scores = candidates[keep], scores[keep]
    order = np.lexsort((candidates, -scores))[:k]
    return list(zip(candidates[order].tolist(), scores[order].tolist()))


def best_within(engine: BM25Engine, query: Sequence[str], k: int, allowed: np.ndarray | None
                ) -> list[tuple[int, float]]:
    """``engine``'s top ``k``, among the ``allowed`` positions when given (a scope's mask)."""
    return engine.top_k(query, k) if allowed is None else masked_top_k(engine, query, k, allowed)
