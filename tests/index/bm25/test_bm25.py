"""FastBM25 against rank-bm25 (the definition): scores, top-k rule, edge cases, persistence."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import index.bm25.persist as persist
from index.bm25.fast import FastBM25
from index.bm25.postings import encode
from index.bm25.protocol import build_engine
from index.bm25.reference import RankBM25

WORDS = [f"w{i}" for i in range(12)]
docs_st = st.lists(st.lists(st.sampled_from(WORDS), max_size=8), max_size=25)
query_st = st.lists(st.sampled_from(WORDS + ["unknown"]), max_size=6)
params_st = st.tuples(st.floats(0.5, 2.5), st.floats(0.0, 0.95), st.floats(0.0, 0.5))


def reference_top_k(corpus: list[list[str]], query: list[str], k: int,
                    ref: RankBM25) -> list[tuple[int, float]]:
    """Stable sort of rank-bm25 scores over docs that contain a query term."""
    scores = ref.get_scores(query)
    cand = [d for d, doc in enumerate(corpus) if set(doc) & set(query)]
    cand.sort(key=lambda d: -scores[d])
    return [(d, float(scores[d])) for d in cand[:k]]


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


def zipf_corpus(n_docs: int, seed: int) -> list[list[str]]:
    """Docs with Zipf-distributed words, so some posting lists are long (pruning paths)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, 30, n_docs)
    return [[f"t{w}" for w in rng.zipf(1.3, n) % 400] for n in lengths]


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


HAND = [["a", "b"], ["a", "c", "c"], ["d"]]
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


def test_large_k_matches_reference() -> None:
    """k above the heap limit (sorted path) still follows the top-k rule."""
    corpus = zipf_corpus(600, seed=5)
    fast, ref = FastBM25.build(corpus), RankBM25.build(corpus)
    query = ["t1", "t3", "t9"]
    assert fast.top_k(query, 500) == reference_top_k(corpus, query, 500, ref)


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


def test_save_load_round_trip(tmp_path: Path) -> None:
    """A loaded index is mapped read-only (not copied) and answers like the saved one."""
    corpus = zipf_corpus(300, seed=2)
    fast = FastBM25.build(corpus, k1=1.2, b=0.6, epsilon=0.1)
    fast.tag = "index-v7"
    fast.save(tmp_path / "bm25")
    loaded = FastBM25.load(tmp_path / "bm25")
    query = ["t1", "t2", "t30"]
    assert (loaded.contrib.flags.owndata, loaded.contrib.flags.writeable, loaded.tag,
            loaded.top_k(query, 20)) == (False, False, "index-v7", fast.top_k(query, 20))
    assert np.array_equal(loaded.get_scores(query), fast.get_scores(query))


def test_mapped_arrays_read_as_numpy_loads_them(tmp_path: Path) -> None:
    """Each saved array maps with numpy's own shape, dtype and values, whether its header is the
    plain kind read directly or one left to numpy (Fortran order, records)."""
    arrays = [np.arange(7, dtype=np.int64), np.zeros((3, 4), np.float32), np.zeros(0, np.uint8),
              np.array([True, False]), np.arange(3, dtype=">i4"), np.asfortranarray(np.ones((2, 3))),
              np.zeros(2, dtype=[("a", "<i4")]), np.arange(100_000, dtype=np.int32).reshape(25_000, 4)]
    for number, array in enumerate(arrays):
        np.save(tmp_path / f"{number}.npy", array)
        mapped, loaded = persist.map_array(tmp_path / f"{number}.npy"), np.load(tmp_path / f"{number}.npy")
        assert (mapped.shape, mapped.dtype) == (loaded.shape, loaded.dtype) and np.array_equal(mapped, loaded)


def test_save_replaces_and_cleans_up(tmp_path: Path) -> None:
    """A second save swaps in the new index and removes the old data directory."""
    FastBM25.build([["a"]]).save(tmp_path / "bm25")
    FastBM25.build([["b"], ["b"]]).save(tmp_path / "bm25")
    assert (FastBM25.load(tmp_path / "bm25").n_docs, len(list(tmp_path.iterdir()))) == (2, 2)


def test_failed_save_leaves_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails midway, the old index still loads and no temp files remain."""
    FastBM25.build([["a"]]).save(tmp_path / "bm25")
    before = sorted(p.name for p in tmp_path.iterdir())
    calls = {"n": 0}
    real_save = np.save

    def failing_save(fh: object, arr: np.ndarray) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_save(fh, arr)

    monkeypatch.setattr(persist.np, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        FastBM25.build([["b"], ["b"]]).save(tmp_path / "bm25")
    monkeypatch.undo()
    assert (FastBM25.load(tmp_path / "bm25").n_docs,
            sorted(p.name for p in tmp_path.iterdir())) == (1, before)


def test_load_missing_index_raises(tmp_path: Path) -> None:
    """Loading where nothing was saved is FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        FastBM25.load(tmp_path / "absent")


def test_rank_bm25_save_load(tmp_path: Path) -> None:
    """The reference engine round-trips through save/load."""
    ref = RankBM25.build(HAND)
    ref.save(tmp_path / "ref")
    assert RankBM25.load(tmp_path / "ref").top_k(["a", "c"], 3) == ref.top_k(["a", "c"], 3)
