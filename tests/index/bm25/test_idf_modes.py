"""The idf modes: ``xapian`` is Xapian 1.4's BM25Weight idf, in both embedded engines alike."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.bm25.fast import FastBM25
from index.bm25.protocol import build_engine
from index.bm25.reference import RankBM25

WORDS = [f"w{i}" for i in range(8)]
docs_st = st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=25)
query_st = st.lists(st.sampled_from(WORDS + ["unknown"]), max_size=6)


@settings(max_examples=200, deadline=None)
@given(docs_st, query_st)
def test_fast_and_rank_bm25_agree_in_xapian_mode(corpus: list[list[str]], query: list[str]) -> None:
    fast = FastBM25.build(corpus, idf_mode="xapian")
    ref = RankBM25.build(corpus, idf_mode="xapian")
    assert np.allclose(fast.get_scores(query), ref.get_scores(query), rtol=1e-9, atol=1e-12)
    assert [p for p, _ in fast.top_k(query, 5)] == [p for p, _ in ref.top_k(query, 5)]


def test_xapian_idf_keeps_common_words_positive() -> None:
    """Okapi floors a word in most documents at epsilon x the average idf; Xapian uses
    log(r/2 + 1) for a ratio r = (N-n+0.5)/(n+0.5) under 2, and log(r) above."""
    corpus = [["common", f"rare{i}"] for i in range(9)] + [["other"]]
    fast = FastBM25.build(corpus, idf_mode="xapian")
    ratio = (10 - 9 + 0.5) / (9 + 0.5)
    assert fast.idf_of("common") == pytest.approx(math.log(ratio / 2 + 1), rel=1e-12)
    assert fast.idf_of("rare3") == pytest.approx(math.log((10 - 1 + 0.5) / 1.5), rel=1e-12)
    okapi = FastBM25.build(corpus)
    assert okapi.idf_of("common") == pytest.approx(0.25 * okapi.average_idf)


def test_the_mode_is_saved_with_the_index(tmp_path: Path) -> None:
    corpus = [["a", "b"], ["a"], ["c"]]
    FastBM25.build(corpus, idf_mode="xapian").save(tmp_path / "fast")
    RankBM25.build(corpus, idf_mode="xapian").save(tmp_path / "ref")
    assert FastBM25.load(tmp_path / "fast").idf_of("a") == RankBM25.load(tmp_path / "ref").idf_of("a")
    assert FastBM25.load(tmp_path / "fast").idf_mode == "xapian"


def test_unknown_or_unfitting_modes_are_one_sentence() -> None:
    with pytest.raises(ValueError, match="unknown idf mode 'bm99'; expected one of okapi, xapian"):
        build_engine("fast", [["a"]], idf_mode="bm99")
    with pytest.raises(ValueError, match='the xapian engine scores with Xapian\'s idf: set idf = "xapian"'):
        build_engine("xapian", [["a"]], partitions=("127.0.0.1:1=/nowhere",))
