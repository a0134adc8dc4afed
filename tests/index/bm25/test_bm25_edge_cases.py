"""FastBM25 on a hand-checked corpus and the edge cases: empty corpora, queries and documents,
unknown and repeated terms, ties, cost and k = 0."""

from __future__ import annotations

import math

import pytest

from index.bm25.fast import FastBM25
from index.bm25.reference import RankBM25
from tests.index.bm25.corpora import HAND

IDF = math.log(2.5 / 1.5)  # idf of b, c, d; a (in 2 of 3 docs) is floored to 0.25 * IDF / 2


def test_hand_checked_scores() -> None:
    """3-doc corpus: c in doc 1 (tf 2, dl 3, avgdl 2) scores IDF * 16/13."""
    fast = FastBM25.build(HAND)
    assert fast.get_scores(["c"]).tolist() == pytest.approx([0.0, IDF * 16 / 13, 0.0],
                                                            rel=1e-12)


def test_hand_checked_negative_idf_floor() -> None:
    """Term a (negative idf) scores epsilon * average idf * weight: 1 and 40/49."""
    floor = 0.25 * (3 * IDF - IDF) / 4
    fast = FastBM25.build(HAND)
    assert fast.get_scores(["a"]).tolist() == pytest.approx([floor, floor * 40 / 49, 0.0],
                                                            rel=1e-12)


def test_hand_checked_top_k() -> None:
    """top_k ranks doc 1 over doc 0 and leaves out doc 2, which has no query term."""
    floor = 0.25 * (3 * IDF - IDF) / 4
    got = FastBM25.build(HAND).top_k(["a", "c"], 3)
    assert [d for d, _ in got] == [1, 0]
    assert [s for _, s in got] == pytest.approx([floor * 40 / 49 + IDF * 16 / 13, floor],
                                                rel=1e-12)


def test_empty_corpus() -> None:
    """An empty corpus gives n_docs 0, an empty score vector and no results."""
    for engine in (FastBM25.build([]), RankBM25.build([])):
        assert (engine.n_docs, engine.get_scores(["a"]).shape, engine.top_k(["a"], 5)) == (
            0, (0,), [])


def test_corpus_without_tokens() -> None:
    """Docs that are all empty score 0 everywhere and match nothing."""
    fast = FastBM25.build([[], []])
    assert (fast.get_scores(["a"]).tolist(), fast.top_k(["a"], 5)) == ([0.0, 0.0], [])


def test_empty_query() -> None:
    """An empty query scores 0 everywhere and returns no results."""
    fast = FastBM25.build(HAND)
    assert (fast.get_scores([]).tolist(), fast.top_k([], 5)) == ([0.0, 0.0, 0.0], [])


def test_unknown_terms_add_nothing() -> None:
    """Terms outside the vocabulary neither score nor match."""
    fast = FastBM25.build(HAND)
    assert fast.top_k(["zzz", "c"], 5) == fast.top_k(["c"], 5)


def test_empty_documents_never_match() -> None:
    """Zero-token docs are kept in positions but never returned."""
    fast = FastBM25.build([[], ["a"], []])
    assert [d for d, _ in fast.top_k(["a"], 5)] == [1]


def test_repeated_query_terms_count_each_time() -> None:
    """A term given twice adds its contribution twice, like rank-bm25."""
    fast = FastBM25.build(HAND)
    assert fast.get_scores(["c", "c"])[1] == pytest.approx(2 * IDF * 16 / 13, rel=1e-12)


def test_ties_go_to_the_lower_position() -> None:
    """Equal scores are ordered by position."""
    fast = FastBM25.build([["x", "y"], ["z"], ["x", "y"], ["z", "q"]])
    assert [d for d, _ in fast.top_k(["x"], 5)] == [0, 2]


def test_cost_counts_postings() -> None:
    """cost() is the number of postings of the known query terms (a in 2 docs, c in 1)."""
    assert FastBM25.build(HAND).cost(["a", "c", "zzz"]) == 3


def test_k_zero_returns_nothing() -> None:
    """k <= 0 gives an empty list."""
    assert FastBM25.build(HAND).top_k(["a"], 0) == []
