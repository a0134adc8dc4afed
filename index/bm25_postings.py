"""Vectorised BM25 postings: encoded corpus -> CSR postings with precomputed contributions.

Input: a corpus as flat int32 term ids plus int64 document offsets (``doc d`` is
``ids[doc_offsets[d]:doc_offsets[d+1]]``) and the vocabulary size.
Output: a :class:`Postings` (per-term doc lists ascending, term frequencies, document
lengths) and, for given k1/b/epsilon, the idf table and per-posting contributions
``idf[t] * tf*(k1+1) / (tf + k1*(1 - b + b*dl/avgdl))`` computed with the same float64
operations, in the same order, as ``rank_bm25.BM25Okapi``. No per-token Python loop: the
only Python loop is over the vocabulary (for ``math.log``, to match rank-bm25 bit for bit).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


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


def encode(corpus: Iterable[Sequence[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Assign term ids in first-occurrence order: (vocab, flat int32 ids, int64 doc offsets)."""
    vocab: dict[str, int] = {}
    lengths: list[int] = []
    flat: list[int] = []
    setdefault = vocab.setdefault
    for doc in corpus:
        lengths.append(len(doc))
        flat.extend([setdefault(tok, len(vocab)) for tok in doc])
    doc_offsets = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(np.asarray(lengths, np.int64), out=doc_offsets[1:])
    return list(vocab), np.asarray(flat, np.int32), doc_offsets


def build_postings(ids: np.ndarray, doc_offsets: np.ndarray, n_terms: int) -> Postings:
    """Group encoded tokens into per-term postings (docs ascending) with tf counts."""
    n_docs = len(doc_offsets) - 1
    lengths = np.diff(doc_offsets)
    if ids.size == 0:
        return Postings(np.zeros(n_terms + 1, np.int64), np.zeros(0, np.int32),
                        np.zeros(0, np.int32), lengths.astype(np.int32))
    doc_of_token = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    keys = ids.astype(np.int64) * max(n_docs, 1) + doc_of_token
    keys.sort()  # (term, doc) ascending
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    uniq = keys[starts]
    tf = np.diff(np.append(starts, keys.size)).astype(np.int32)
    terms = uniq // max(n_docs, 1)
    docs = (uniq - terms * max(n_docs, 1)).astype(np.int32)
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=offsets[1:])
    return Postings(offsets, docs, tf, lengths.astype(np.int32))


def idf_table(df: np.ndarray, n_docs: int, epsilon: float) -> tuple[np.ndarray, float]:
    """rank-bm25's idf with its epsilon floor, over terms with df > 0 in id order."""
    idf = np.zeros(df.size, np.float64)
    present = np.flatnonzero(df > 0)
    if present.size == 0:
        return idf, 0.0
    values = [math.log(n_docs - f + 0.5) - math.log(f + 0.5) for f in df[present].tolist()]
    idf_sum = 0.0
    for v in values:  # sequential, like BM25Okapi._calc_idf (not pairwise np.sum)
        idf_sum += v
    average_idf = idf_sum / len(values)
    arr = np.asarray(values, np.float64)
    arr[arr < 0] = epsilon * average_idf
    idf[present] = arr
    return idf, average_idf


def scoring(post: Postings, k1: float, b: float, epsilon: float) -> Scoring:
    """Per-posting contributions with rank-bm25's exact operation order."""
    n_docs = post.doc_len.size
    total = int(post.doc_len.sum(dtype=np.int64))
    df = post.df
    if n_docs == 0 or total == 0:
        zeros = np.zeros(df.size, np.float64)
        return Scoring(zeros, np.zeros(post.docs.size, np.float64), zeros.copy(), 0.0, 0.0)
    avgdl = total / n_docs
    idf, average_idf = idf_table(df, n_docs, epsilon)
    dl = post.doc_len.astype(np.int64)
    norm = k1 * (1 - b + b * dl / avgdl)  # same association as rank_bm25 (left to right)
    tf = post.tf.astype(np.int64)
    weight = tf * (k1 + 1) / (tf + norm[post.docs])
    contrib = np.repeat(idf, df) * weight
    max_contrib = np.zeros(df.size, np.float64)
    nonempty = df > 0
    if contrib.size:
        max_contrib[nonempty] = np.maximum.reduceat(contrib, post.offsets[:-1][nonempty])
    return Scoring(idf, contrib, max_contrib, avgdl, average_idf)
