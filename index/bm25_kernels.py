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

# Relative slack on MaxScore upper bounds: sums of the same positive floats in another order
# differ by far less than this, so pruning stays exact (it only ever prunes less).
_SLACK = 1.0 + 1e-12


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
def _worst(top_d, top_s, n):  # type: ignore[no-untyped-def]
    """Index of the worst of the first ``n`` slots."""
    w = 0
    for i in range(1, n):
        if _better(top_s[w], top_d[w], top_s[i], top_d[i]):
            w = i
    return w


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
    w = 0
    for j in range(n_touched):
        d = touched[j]
        s = scores[d]
        scores[d] = 0.0
        mark[d] = 0
        if n < k:
            top_d[n] = d
            top_s[n] = s
            n += 1
            if n == k:
                w = _worst(top_d, top_s, n)
        elif _better(s, d, top_s[w], top_d[w]):
            top_d[w] = d
            top_s[w] = s
            w = _worst(top_d, top_s, n)
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
def topk_maxscore(offsets, docs, contrib, maxc, qterms, k, n_docs):  # type: ignore[no-untyped-def]
    """Exact top ``k`` by document-at-a-time MaxScore; every contribution must be >= 0."""
    q = qterms.size
    ub = np.empty(q, np.float64)
    for i in range(q):
        ub[i] = maxc[qterms[i]]
    order = np.argsort(ub, kind="mergesort")  # query slots by max contribution, ascending
    prefix = np.empty(q, np.float64)  # prefix[j]: bound on a doc matching only order[0..j]
    acc = 0.0
    for j in range(q):
        acc += ub[order[j]]
        prefix[j] = acc * _SLACK
    cur = np.empty(q, np.int64)
    end = np.empty(q, np.int64)
    for i in range(q):
        cur[i] = offsets[qterms[i]]
        end[i] = offsets[qterms[i] + 1]
    part = np.zeros(q, np.float64)
    hit = np.zeros(q, np.bool_)
    top_d = np.empty(k, np.int64)
    top_s = np.empty(k, np.float64)
    n = 0
    w = 0
    theta = -np.inf
    first_ess = 0  # order[first_ess:] are essential: a new top-k doc must contain one of them
    while first_ess < q:
        d = n_docs
        for j in range(first_ess, q):
            i = order[j]
            if cur[i] < end[i] and docs[cur[i]] < d:
                d = docs[cur[i]]
        if d == n_docs:
            break
        ess = 0.0
        for j in range(first_ess, q):
            i = order[j]
            if cur[i] < end[i] and docs[cur[i]] == d:
                part[i] = contrib[cur[i]]
                hit[i] = True
                ess += part[i]
                cur[i] += 1
        # probe non-essential terms, largest bound first, while the doc can still make it
        alive = True
        for j in range(first_ess - 1, -1, -1):
            if n == k and ess * _SLACK + prefix[j] <= theta:
                alive = False
                break
            i = order[j]
            cur[i] = _seek(docs, cur[i], end[i], d)
            if cur[i] < end[i] and docs[cur[i]] == d:
                part[i] = contrib[cur[i]]
                hit[i] = True
                ess += part[i]
        if alive:
            s = 0.0
            for i in range(q):  # query order, as rank_bm25 adds its vectors
                if hit[i]:
                    s += part[i]
            if n < k:
                top_d[n] = d
                top_s[n] = s
                n += 1
                if n == k:
                    w = _worst(top_d, top_s, n)
                    theta = top_s[w]
            elif s > theta:  # d is after every kept doc, so a tie never displaces one
                top_d[w] = d
                top_s[w] = s
                w = _worst(top_d, top_s, n)
                theta = top_s[w]
            if n == k:
                while first_ess < q and prefix[first_ess] <= theta:
                    first_ess += 1
        for i in range(q):
            hit[i] = False
    return _finish(top_d, top_s, n)
