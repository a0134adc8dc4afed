"""Building FastBM25 other ways: from term ids, by replacing documents, and by engine name."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.bm25.fast import FastBM25
from index.bm25.postings import encode
from index.bm25.protocol import build_engine
from index.bm25.reference import RankBM25
from tests.index.bm25.corpora import HAND, docs_st, query_st, reference_top_k, zipf_corpus


def test_from_term_ids_equals_build() -> None:
    """The pre-encoded builder gives the same scores as building from tokens."""
    corpus = zipf_corpus(200, seed=11)
    vocab, ids, offsets = encode(corpus)
    a = FastBM25.from_term_ids(ids, offsets, vocab)
    assert np.array_equal(a.get_scores(["t1", "t4"]), FastBM25.build(corpus).get_scores(
        ["t1", "t4"]))


def test_from_term_ids_ignores_unused_vocabulary() -> None:
    """Vocabulary entries that no longer occur (deleted passages) change no score."""
    corpus = zipf_corpus(200, seed=12)
    vocab, ids, offsets = encode(corpus)
    a = FastBM25.from_term_ids(ids, offsets, vocab + ["gone", "also-gone"])
    assert np.array_equal(a.get_scores(["t1", "t4", "gone"]),
                          FastBM25.build(corpus).get_scores(["t1", "t4"]))


def test_replace_docs_equals_a_full_build() -> None:
    """Dropping two docs and appending three scores like building the new corpus from scratch."""
    corpus = zipf_corpus(300, seed=21)
    added = [["t1", "brand-new"], [], ["t2", "t2", "t7"]]
    kept = [doc for i, doc in enumerate(corpus) if i not in (4, 250)]
    updated = FastBM25.build(corpus).replace_docs([250, 4], added)
    ref = RankBM25.build(kept + added)
    query = ["t1", "t2", "brand-new", "t7"]
    np.testing.assert_allclose(updated.get_scores(query), ref.get_scores(query), rtol=1e-9,
                               atol=0)
    assert updated.top_k(query, 10) == reference_top_k(kept + added, query, 10, ref)


@settings(max_examples=150, deadline=None)
@given(docs_st, st.lists(st.integers(0, 30), max_size=5), docs_st, query_st)
def test_replace_docs_property(corpus: list[list[str]], remove: list[int],
                               added: list[list[str]], query: list[str]) -> None:
    """Random removals and additions match rank-bm25 on the resulting corpus."""
    remove = [i for i in remove if i < len(corpus)]
    kept = [doc for i, doc in enumerate(corpus) if i not in set(remove)]
    updated = FastBM25.build(corpus).replace_docs(remove, added)
    ref = RankBM25.build(kept + added)
    np.testing.assert_allclose(updated.get_scores(query), ref.get_scores(query), rtol=1e-9,
                               atol=0)


def test_replace_docs_rejects_bad_positions() -> None:
    """Removing a position outside the engine is a ValueError."""
    with pytest.raises(ValueError, match="positions to remove"):
        FastBM25.build(HAND).replace_docs([3], [])


def test_from_term_ids_rejects_bad_ids() -> None:
    """A term id outside the vocabulary is a ValueError."""
    with pytest.raises(ValueError, match="out of range"):
        FastBM25.from_term_ids(np.array([0, 5]), np.array([0, 2]), ["a", "b"])


def test_build_engine_names() -> None:
    """'fast' and 'rank-bm25' select the engines; anything else is a ValueError."""
    assert isinstance(build_engine("fast", HAND), FastBM25)
    assert isinstance(build_engine("rank-bm25", HAND), RankBM25)
    with pytest.raises(ValueError, match="unknown search engine 'bm26'"):
        build_engine("bm26", HAND)
