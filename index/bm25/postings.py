"""BM25 postings: encoded corpus -> CSR postings with precomputed per-posting contributions.

Input: a corpus as flat int32 term ids plus int64 document offsets (``doc d`` is
``ids[doc_offsets[d]:doc_offsets[d+1]]``) and the vocabulary size.
Output: a :class:`Postings` (per-term doc lists ascending, term frequencies, document
lengths) and, for given k1/b/epsilon, the idf table and per-posting contributions
``idf[t] * tf*(k1+1) / (tf + k1*(1 - b + b*dl/avgdl))`` computed with the same float64
operations, in the same order, as ``rank_bm25.BM25Okapi``. The only Python loop over tokens is
the string -> id lookup in ``encode``; postings are grouped by a numba counting sort (linear,
no sort of all tokens), contributions by a numba loop (``index.bm25.build_kernels``), and idf by
a loop over the vocabulary (``math.log``, like rank-bm25, so idf matches bit for bit). A process
that has not loaded numba (``articlebot reindex``) groups with one ``np.unique`` and computes
the contributions with numpy's same float64 operations: the same arrays, without numba's ~2-4 s
of start-up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from types import ModuleType

import numpy as np

from index.bm25.idf import xapian_idf


@dataclass(frozen=True)
class Postings:
    """Term -> ascending doc positions with term frequencies, plus document lengths."""

    offsets: np.ndarray  # int64 [n_terms + 1]
    docs: np.ndarray  # int32 [n_postings]
    tf: np.ndarray  # int32 [n_postings]
    doc_len: np.ndarray  # int32 [n_docs]

    @property
    def df(self) -> np.ndarray:
        """Document frequency of every term (int64)."""
        return np.diff(self.offsets)


@dataclass(frozen=True)
class Scoring:
    """idf table and per-posting contributions for one (k1, b, epsilon)."""

    idf: np.ndarray  # float64 [n_terms]; 0.0 for terms that occur in no document
    contrib: np.ndarray  # float64 [n_postings]
    max_contrib: np.ndarray  # float64 [n_terms]; 0.0 for empty terms
    avgdl: float
    average_idf: float


class _Vocab(dict[str, int]):
    """A dict that gives each new term the next id on first lookup."""

    def __missing__(self, term: str) -> int:
        self[term] = tid = len(self)
        return tid


def encode(corpus: Sequence[Sequence[str]], chunk: int = 2048,
           known: dict[str, int] | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Assign term ids in first-occurrence order: (vocab, flat int32 ids, int64 doc offsets).

    ``known`` (term -> id, ids 0..n-1 in insertion order) keeps existing ids; new terms follow.

    Works in chunks of about ``chunk`` tokens: each chunk is one C-level pass (a dict lookup per
    token, a few ms), and between chunks the GIL can pass to the event loop when this runs in a
    worker thread, so a build never holds the loop for long.
    """
    n_docs = len(corpus)
    lengths = np.empty(n_docs, np.int64)
    step = max(1, chunk // 16)
    for lo in range(0, n_docs, step):
        hi = min(lo + step, n_docs)
        lengths[lo:hi] = np.fromiter(map(len, corpus[lo:hi]), np.int64, hi - lo)
    doc_offsets = np.zeros(n_docs + 1, np.int64)
    np.cumsum(lengths, out=doc_offsets[1:])
    vocab = _Vocab(known or {})
    lookup = vocab.__getitem__
    ids = np.empty(int(doc_offsets[-1]), np.int32)
    lo = 0
    while lo < n_docs:
        hi = int(np.searchsorted(doc_offsets, doc_offsets[lo] + chunk, side="right")) - 1
        hi = min(max(hi, lo + 1), n_docs)
        a, b = int(doc_offsets[lo]), int(doc_offsets[hi])
        ids[a:b] = np.fromiter(map(lookup, chain.from_iterable(corpus[lo:hi])), np.int32, b - a)
        lo = hi
    return list(vocab), ids, doc_offsets


def _group(ids: np.ndarray, doc_offsets: np.ndarray, n_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``build_kernels.group`` in numpy: the (term, doc) pairs sorted once (``np.unique``)."""
    n_docs = max(doc_offsets.size - 1, 1)
    doc_of = np.repeat(np.arange(doc_offsets.size - 1, dtype=np.int64), np.diff(doc_offsets))
    pairs, tf = np.unique(ids.astype(np.int64) * n_docs + doc_of, return_counts=True)
    terms = pairs // n_docs
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=offsets[1:])
    return offsets, (pairs - terms * n_docs).astype(np.int32), tf.astype(np.int32)


def build_postings(ids: np.ndarray, doc_offsets: np.ndarray, n_terms: int, *, compiled: bool = True) -> Postings:
    """Group encoded tokens into per-term postings (docs ascending) with tf counts (``compiled``:
    in the numba kernel, else in numpy; the arrays are equal)."""
    if ids.size and (int(ids.min()) < 0 or int(ids.max()) >= n_terms):
        raise ValueError("term id out of range of the vocabulary")
    offsets, docs, tf = _kernels().group(ids, doc_offsets, n_terms) if compiled else _group(ids, doc_offsets, n_terms)
    return Postings(offsets, docs, tf, np.diff(doc_offsets).astype(np.int32))


def _contributions(offsets: np.ndarray, docs: np.ndarray, tf: np.ndarray, norm: np.ndarray, idf: np.ndarray,
                   k1: float) -> tuple[np.ndarray, np.ndarray]:
    """``build_kernels.contributions`` in numpy: the same float64 operations, in the same order."""
    df = np.diff(offsets)
    f = tf.astype(np.float64)
    contrib = np.repeat(idf, df) * (f * (k1 + 1) / (f + norm[docs]))
    max_contrib = np.zeros(df.size, np.float64)
    present = np.flatnonzero(df)
    if present.size:
        max_contrib[present] = np.maximum.reduceat(contrib, offsets[present])
    return contrib, max_contrib


def idf_table(df: np.ndarray, n_docs: int, epsilon: float, mode: str = "okapi") -> tuple[np.ndarray, float]:
    """The idf of terms with df > 0 in ``mode`` (``IDF_MODES``), in id order, and the average."""
    idf = np.zeros(df.size, np.float64)
    present = np.flatnonzero(df > 0)
    if present.size == 0:
        return idf, 0.0
    if mode == "xapian":
        values = [xapian_idf(n_docs, f) for f in df[present].tolist()]
    else:
        values = [math.log(n_docs - f + 0.5) - math.log(f + 0.5) for f in df[present].tolist()]
    idf_sum = 0.0
    for v in values:  # sequential, like BM25Okapi._calc_idf (not pairwise np.sum)
        idf_sum += v
    average_idf = idf_sum / len(values)
    arr = np.asarray(values, np.float64)
    arr[arr < 0] = epsilon * average_idf
    idf[present] = arr
    return idf, average_idf


def scoring(post: Postings, k1: float, b: float, epsilon: float, idf_mode: str = "okapi", *,
            compiled: bool = True) -> Scoring:
    """Per-posting contributions with rank-bm25's exact operation order (``compiled``: in the
    numba kernel, else in numpy; bit-identical)."""
    n_docs = post.doc_len.size
    total = int(post.doc_len.sum(dtype=np.int64))
    df = post.df
    if n_docs == 0 or total == 0:
        zeros = np.zeros(df.size, np.float64)
        return Scoring(zeros, np.zeros(post.docs.size, np.float64), zeros.copy(), 0.0, 0.0)
    avgdl = total / n_docs
    idf, average_idf = idf_table(df, n_docs, epsilon, idf_mode)
    dl = post.doc_len.astype(np.int64)
    norm = k1 * (1 - b + b * dl / avgdl)  # same association as rank_bm25 (left to right)
    contributions = _kernels().contributions if compiled else _contributions
    contrib, max_contrib = contributions(post.offsets, post.docs, post.tf, norm, idf, float(k1))
    return Scoring(idf, contrib, max_contrib, avgdl, average_idf)


def _kernels() -> ModuleType:
    """``index.bm25.build_kernels`` (importing it loads numba, ~1-2 s the first time)."""
    from index.bm25 import build_kernels

    return build_kernels
