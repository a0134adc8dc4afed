"""Numba kernels for exact BM25 scoring over precomputed per-posting contributions.

Input: CSR postings (``offsets[t]..offsets[t+1]`` index ``docs``/``contrib`` for term ``t``,
docs ascending), the query as term ids in query order (repeats kept), ``k``.
Output: full score vectors or the top ``k`` (doc position, score), best first, ties broken by
lower position. A document's score is always summed in query order starting from 0.0, which is
exactly how ``rank_bm25.BM25Okapi.get_scores`` adds its per-term vectors, so scores are
bit-identical to the reference. All kernels release the GIL (``nogil``) so queries can run in a
worker thread without stalling the asyncio event loop.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def accumulate(offsets, docs, contrib, qterms, out):  # type: ignore[no-untyped-def]
    """Add each query term's contributions into ``out`` (zeros of length n_docs), in query order."""
    for i in range(qterms.size):
        t = qterms[i]
        for p in range(offsets[t], offsets[t + 1]):
            out[docs[p]] += contrib[p]


@njit(cache=True, nogil=True)
def _better(s1, d1, s2, d2):  # type: ignore[no-untyped-def]
    """True if (score s1, doc d1) ranks before (s2, d2): higher score, then lower position."""
    return s1 > s2 or (s1 == s2 and d1 < d2)


@njit(cache=True, nogil=True)
def _finish(top_d, top_s, n):  # type: ignore[no-untyped-def]
    """Sort the first ``n`` heap slots best first (insertion sort; n is small)."""
    for i in range(1, n):
        d = top_d[i]
        s = top_s[i]
        j = i - 1
        while j >= 0 and _better(s, d, top_s[j], top_d[j]):
            top_d[j + 1] = top_d[j]
            top_s[j + 1] = top_s[j]
            j -= 1
        top_d[j + 1] = d
        top_s[j + 1] = s
    return top_d[:n].copy(), top_s[:n].copy()


@njit(cache=True, nogil=True)
def topk_exhaustive(offsets, docs, contrib, qterms, k, scores, mark, touched):  # type: ignore[no-untyped-def]
    """Top ``k`` by term-at-a-time accumulation into reused buffers (left zeroed on return)."""
    n_touched = 0
    for i in range(qterms.size):
        t = qterms[i]
        for p in range(offsets[t], offsets[t + 1]):
            d = docs[p]
            if mark[d] == 0:
                mark[d] = 1
                touched[n_touched] = d
                n_touched += 1
            scores[d] += contrib[p]
    top_d = np.empty(k, np.int64)
    top_s = np.empty(k, np.float64)
    n = 0
    for j in range(n_touched):
        d = touched[j]
        s = scores[d]
        scores[d] = 0.0
        mark[d] = 0
        n = _offer(top_d, top_s, n, k, d, s)
    return _finish(top_d, top_s, n)


@njit(cache=True, nogil=True)
def _seek(docs, p, end, target):  # type: ignore[no-untyped-def]
    """First posting index in [p, end) whose doc is >= target (galloping, then binary search)."""
    if p >= end or docs[p] >= target:
        return p
    step = 1
    lo = p
    hi = p + 1
    while hi < end and docs[hi] < target:
        lo = hi
        step *= 2
        hi = lo + step
    if hi > end:
        hi = end
    # docs[lo] < target; answer in (lo, hi]
    lo += 1
    while lo < hi:
        mid = (lo + hi) // 2
        if docs[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


@njit(cache=True, nogil=True)
def _sift_min(hs, hd, n, i):  # type: ignore[no-untyped-def]
    """Restore a min-heap on scores ``hs`` (docs ``hd`` move along) below slot i."""
    while True:
        c = 2 * i + 1
        if c >= n:
            return
        if c + 1 < n and hs[c + 1] < hs[c]:
            c += 1
        if hs[c] >= hs[i]:
            return
        hs[i], hs[c] = hs[c], hs[i]
        hd[i], hd[c] = hd[c], hd[i]
        i = c


@njit(cache=True, nogil=True)
def _sift_worst(hs, hd, n, i):  # type: ignore[no-untyped-def]
    """Restore a heap whose root is the worst (lowest score, then highest position)."""
    while True:
        c = 2 * i + 1
        if c >= n:
            return
        if c + 1 < n and _better(hs[c], hd[c], hs[c + 1], hd[c + 1]):
            c += 1
        if not _better(hs[i], hd[i], hs[c], hd[c]):
            return
        hs[i], hs[c] = hs[c], hs[i]
        hd[i], hd[c] = hd[c], hd[i]
        i = c


@njit(cache=True, nogil=True)
def _offer(top_d, top_s, n, k, d, s):  # type: ignore[no-untyped-def]
    """Offer (d, s) to a worst-root heap of at most k slots; returns the new size."""
    if n < k:
        top_d[n] = d
        top_s[n] = s
        n += 1
        if n == k:
            for i in range(k // 2 - 1, -1, -1):
                _sift_worst(top_s, top_d, k, i)
        return n
    if _better(s, d, top_s[0], top_d[0]):
        top_d[0] = d
        top_s[0] = s
        _sift_worst(top_s, top_d, k, 0)
    return n
