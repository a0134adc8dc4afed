"""The postings build's numba kernels: a linear counting sort of (term, doc) pairs and the
per-posting contributions. ``index.bm25.postings`` uses them once numba is loaded (a warmed
bot); a process without numba gets the same arrays from numpy instead.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def group(ids, doc_offsets, n_terms):  # type: ignore[no-untyped-def]
    """Counting sort of (term, doc) pairs: CSR offsets, docs ascending per term, tf."""
    n_docs = doc_offsets.size - 1
    cnt = np.zeros(n_terms, np.int32)
    offsets = np.zeros(n_terms + 1, np.int64)
    for d in range(n_docs):
        for i in range(doc_offsets[d], doc_offsets[d + 1]):
            t = ids[i]
            if cnt[t] == 0:
                offsets[t + 1] += 1
            cnt[t] = 1
        for i in range(doc_offsets[d], doc_offsets[d + 1]):
            cnt[ids[i]] = 0
    for t in range(n_terms):
        offsets[t + 1] += offsets[t]
    pos = offsets[:-1].copy()
    docs = np.empty(offsets[n_terms], np.int32)
    tf = np.empty(offsets[n_terms], np.int32)
    for d in range(n_docs):
        for i in range(doc_offsets[d], doc_offsets[d + 1]):
            cnt[ids[i]] += 1
        for i in range(doc_offsets[d], doc_offsets[d + 1]):
            t = ids[i]
            if cnt[t] > 0:
                docs[pos[t]] = d
                tf[pos[t]] = cnt[t]
                pos[t] += 1
                cnt[t] = 0
    return offsets, docs, tf


@njit(cache=True, nogil=True)
def contributions(offsets, docs, tf, norm, idf, k1):  # type: ignore[no-untyped-def]
    """idf[t] * tf*(k1+1) / (tf + norm[doc]) per posting (rank-bm25's float64 operation order)."""
    n_terms = offsets.size - 1
    contrib = np.empty(docs.size, np.float64)
    max_contrib = np.zeros(n_terms, np.float64)
    for t in range(n_terms):
        m = 0.0
        for p in range(offsets[t], offsets[t + 1]):
            f = np.float64(tf[p])
            c = idf[t] * (f * (k1 + 1) / (f + norm[docs[p]]))
            contrib[p] = c
            if p == offsets[t] or c > m:
                m = c
        max_contrib[t] = m
    return contrib, max_contrib
