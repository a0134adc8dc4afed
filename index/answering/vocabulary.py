"""What a BM25 engine knows of its terms beyond idf: how many documents hold each, and which.

Used to weigh question terms in tiny archives (``weight_idf``) and by spelling correction
(``document_counts`` for its dictionary, ``documents`` for the context of a correction).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from index.bm25.fast import FastBM25
from index.bm25.protocol import BM25Engine


def term_df(engine: BM25Engine, term: str) -> int:
    """How many of ``engine``'s documents hold ``term``."""
    return int(documents(engine, term).size)


def weight_idf(engine: BM25Engine, term: str) -> float | None:
    """``term``'s idf as a question term's weight: BM25's idf, or, where that is not positive
    (a term in half the documents or more of a tiny archive: with one article every term's
    idf is negative), the always-positive ``log(1 + (N - n + 0.5) / (n + 0.5))``; None when
    no document has the term."""
    idf = engine.idf_of(term)
    if idf is None or idf > 0:
        return idf
    df = term_df(engine, term)
    return math.log1p((engine.n_docs - df + 0.5) / (df + 0.5))


def document_counts(engine: BM25Engine) -> dict[str, int]:
    """``term -> how many documents hold it`` for every term in some document of ``engine``."""
    if isinstance(engine, FastBM25):
        df = np.diff(engine.offsets)
        return {engine.vocab[i]: int(df[i]) for i in np.flatnonzero(df).tolist()}
    if hasattr(engine, "document_counts"):  # an engine that knows them (index.bm25.xapian_engine)
        return dict(engine.document_counts())
    counts: Counter[str] = Counter()
    for frequencies in getattr(getattr(engine, "model", None), "doc_freqs", []):
        counts.update(frequencies.keys())
    return dict(counts)


def spelling_counts(passages: BM25Engine, articles: BM25Engine) -> dict[str, int]:
    """``term -> documents holding it`` over passages and titles (what spelling correction offers)."""
    counts = document_counts(passages)
    for term, count in document_counts(articles).items():
        counts[term] = counts.get(term, 0) + count
    return counts


def documents(engine: BM25Engine, term: str) -> np.ndarray:
    """Positions of ``engine``'s documents that hold ``term`` (sorted)."""
    if isinstance(engine, FastBM25):
        i = engine.term_ids.get(term)
        if i is None:
            return np.empty(0, np.int64)
        return np.asarray(engine.docs[engine.offsets[i]:engine.offsets[i + 1]], np.int64)
    if hasattr(engine, "documents_with"):
        return np.asarray(engine.documents_with(term), np.int64)
    model = getattr(engine, "model", None)
    held = [] if model is None else [term in frequencies for frequencies in model.doc_freqs]
    return np.flatnonzero(np.asarray(held, bool))
