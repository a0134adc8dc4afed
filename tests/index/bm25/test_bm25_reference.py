"""FastBM25 against rank-bm25 (the definition): scores and the top-k rule on random and Zipf corpora."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.bm25.fast import FastBM25
from index.bm25.reference import RankBM25
from tests.index.bm25.corpora import docs_st, params_st, query_st, reference_top_k, zipf_corpus


@settings(max_examples=300, deadline=None)
@given(docs_st, query_st, params_st)
def test_scores_match_rank_bm25(corpus: list[list[str]], query: list[str],
                                params: tuple[float, float, float]) -> None:
    """get_scores equals BM25Okapi.get_scores to 1e-9 relative on random corpora."""
    k1, b, eps = params
    fast = FastBM25.build(corpus, k1=k1, b=b, epsilon=eps)
    ref = RankBM25.build(corpus, k1=k1, b=b, epsilon=eps)
    np.testing.assert_allclose(fast.get_scores(query), ref.get_scores(query), rtol=1e-9, atol=0)


@settings(max_examples=300, deadline=None)
@given(docs_st, query_st, params_st, st.integers(1, 30))
def test_top_k_matches_stable_sort_of_reference(corpus: list[list[str]], query: list[str],
                                                params: tuple[float, float, float],
                                                k: int) -> None:
    """top_k is the stable sort of reference scores restricted to docs with a query term."""
    k1, b, eps = params
    fast = FastBM25.build(corpus, k1=k1, b=b, epsilon=eps)
    ref = RankBM25.build(corpus, k1=k1, b=b, epsilon=eps)
    expected = reference_top_k(corpus, query, k, ref) if any(corpus) else []
    got = fast.top_k(query, k)
    assert [d for d, _ in got] == [d for d, _ in expected]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], rtol=1e-9, atol=0)


def test_top_k_matches_reference_on_a_larger_corpus() -> None:
    """On 3000 Zipf docs (long lists, pruned and probed), top-10 equals the reference."""
    corpus = zipf_corpus(3000, seed=7)
    fast, ref = FastBM25.build(corpus), RankBM25.build(corpus)
    rng = np.random.default_rng(8)
    mismatches = 0
    for _ in range(60):
        query = [f"t{w}" for w in rng.zipf(1.3, int(rng.integers(1, 9))) % 400]
        if fast.top_k(query, 10) != reference_top_k(corpus, query, 10, ref):
            mismatches += 1
    assert mismatches == 0


def test_scores_are_bit_identical_to_rank_bm25() -> None:
    """Scores equal the reference exactly (same float operations in the same order)."""
    corpus = zipf_corpus(500, seed=3)
    query = ["t1", "t2", "t7", "t1", "t50"]
    fast, ref = FastBM25.build(corpus), RankBM25.build(corpus)
    assert np.array_equal(fast.get_scores(query), ref.get_scores(query))


def test_large_k_matches_reference() -> None:
    """k above the heap limit (sorted path) still follows the top-k rule."""
    corpus = zipf_corpus(600, seed=5)
    fast, ref = FastBM25.build(corpus), RankBM25.build(corpus)
    query = ["t1", "t3", "t9"]
    assert fast.top_k(query, 500) == reference_top_k(corpus, query, 500, ref)
