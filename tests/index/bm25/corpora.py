"""Corpora and the reference top-k shared by the FastBM25 tests: random ones (hypothesis
strategies), Zipf-distributed ones, and a hand-checked one."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

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


def zipf_corpus(n_docs: int, seed: int) -> list[list[str]]:
    """Docs with Zipf-distributed words, so some posting lists are long (pruning paths)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, 30, n_docs)
    return [[f"t{w}" for w in rng.zipf(1.3, n) % 400] for n in lengths]


HAND = [["a", "b"], ["a", "c", "c"], ["d"]]
