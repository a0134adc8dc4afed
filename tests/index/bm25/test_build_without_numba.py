"""A process without numba (``articlebot reindex``) builds the same postings and contributions."""

from __future__ import annotations

import random

import numpy as np
import pytest

from index.bm25.postings import build_postings, encode, scoring


def _corpora() -> list[list[list[str]]]:
    rng = random.Random(1407)
    words = [f"w{i}" for i in range(400)]
    skewed = [rng.choices(words[:rng.randint(1, 400)], k=rng.randint(0, 60)) for _ in range(3000)]
    return [skewed, [], [[]], [[], ["a"], []], [["a", "a", "b"], ["b"], ["c", "a"]],
            [["same"] * 5 for _ in range(10)]]


@pytest.mark.parametrize("corpus", _corpora(), ids=["skewed", "empty", "one empty doc", "empty docs",
                                                    "tiny", "one term"])
@pytest.mark.parametrize(("k1", "b", "epsilon"), [(1.5, 0.75, 0.25), (1.2, 1.0, 0.0), (0.0, 0.0, 0.5)])
def test_numpy_build_equals_the_kernels_bit_for_bit(corpus: list[list[str]], k1: float, b: float,
                                                     epsilon: float) -> None:
    """Offsets, docs, tf, idf, contributions and their per-term maxima are identical (floats
    compared as bytes), with unused vocabulary entries too."""
    vocab, ids, offsets = encode(corpus, known={"unused": 0})
    built = {compiled: build_postings(ids, offsets, len(vocab), compiled=compiled) for compiled in (True, False)}
    for name in ("offsets", "docs", "tf", "doc_len"):
        mine, theirs = getattr(built[False], name), getattr(built[True], name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
    scored = {compiled: scoring(built[compiled], k1, b, epsilon, compiled=compiled) for compiled in (True, False)}
    for name in ("idf", "contrib", "max_contrib"):
        mine, theirs = getattr(scored[False], name), getattr(scored[True], name)
        assert mine.dtype == theirs.dtype and mine.tobytes() == theirs.tobytes(), name
    assert (scored[False].avgdl, scored[False].average_idf) == (scored[True].avgdl, scored[True].average_idf)
