"""Exact top-k BM25 by term-at-a-time MaxScore ("quit and continue"), as a numba kernel.

Input: CSR postings with per-posting contributions (all > 0 for the query's terms), per-term
maximum contributions, the query's term ids in query order, k, and two per-thread scratch
buffers of length n_docs: ``scores`` (float64, all zero, left zero) and ``cand`` (int64).
Output: (positions, scores) of the best k documents that contain a query term, best first, ties
to the lower position, with each score summed in query order (bit-identical to rank-bm25).

Phase A adds whole posting lists, highest-bound term first, into the score buffer (a bare
scatter-add). Once the bounds of the terms left sum below a lower bound on the k-th best partial
score, no untouched document can enter the top k: the documents that can still reach it become
the candidates, and phase B only adds the remaining (long, common-term) lists to them, by
binary search when they are few or by one pass over the list otherwise, dropping candidates
that fall out of reach after each list. Phase C re-adds the survivors' contributions in query
order. Every comparison carries a 1e-12 relative slack, so float summation order never prunes a
document that belongs in the result. Zero in the score buffer means "not a candidate".
"""

from __future__ import annotations

import numpy as np
from numba import njit

from index.bm25.kernels import _finish, _offer, _seek, _sift_min

_UP = 1.0 + 1e-12
_DOWN = 1.0 - 1e-12
_PROBE_COST = 24  # a binary-search probe costs about this many list-scan steps


@njit(cache=True, nogil=True)
def _kth(scores, cand, n_cand, k):  # type: ignore[no-untyped-def]
    """The k-th largest of scores[cand[:n_cand]] (-inf if there are fewer than k)."""
    if n_cand < k:
        return -np.inf
    heap = np.empty(k, np.float64)
    dummy = np.empty(k, np.int64)
    for i in range(k):
        heap[i] = scores[cand[i]]
    for i in range(k // 2 - 1, -1, -1):
        _sift_min(heap, dummy, k, i)
    for i in range(k, n_cand):
        s = scores[cand[i]]
        if s > heap[0]:
            heap[0] = s
            _sift_min(heap, dummy, k, 0)
    return heap[0]


@njit(cache=True, nogil=True)
def _refresh(offsets, docs, scores, t, top, n_top, k):  # type: ignore[no-untyped-def]
    """Best k among the previous best docs and term t's docs: (n_top, k-th score).

    The k-th best of any k touched docs is a lower bound on the k-th best partial score,
    so refreshing rarely (or from a stale ``top``) only weakens the threshold, never breaks it.
    Heap members are marked by negating their score (all touched scores are > 0), so a doc
    is never counted twice; the signs are restored before returning.
    """
    heap_s = np.empty(k, np.float64)
    heap_d = np.empty(k, np.int64)
    n = 0
    for i in range(n_top):
        d = top[i]
        heap_d[n] = d
        heap_s[n] = scores[d]
        scores[d] = -scores[d]
        n += 1
    if n == k:
        for i in range(k // 2 - 1, -1, -1):
            _sift_min(heap_s, heap_d, k, i)
    for p in range(offsets[t], offsets[t + 1]):
        d = docs[p]
        s = scores[d]
        if s <= 0.0:  # already in the heap (or, in phase B, not a candidate)
            continue
        if n < k:
            heap_d[n] = d
            heap_s[n] = s
            scores[d] = -s
            n += 1
            if n == k:
                for i in range(k // 2 - 1, -1, -1):
                    _sift_min(heap_s, heap_d, k, i)
        elif s > heap_s[0]:
            out = heap_d[0]
            scores[out] = -scores[out]
            heap_d[0] = d
            heap_s[0] = s
            scores[d] = -s
            _sift_min(heap_s, heap_d, k, 0)
    for i in range(n):
        d = heap_d[i]
        scores[d] = -scores[d]
        top[i] = d
    return n, (heap_s[0] if n == k else -np.inf)


@njit(cache=True, nogil=True)
def _prune(scores, cand, n_cand, rest, theta):  # type: ignore[no-untyped-def]
    """Keep (in order) the candidates whose bound can reach theta; zero the others."""
    m = 0
    for i in range(n_cand):
        d = cand[i]
        if scores[d] * _UP + rest >= theta * _DOWN:
            cand[m] = d
            m += 1
        else:
            scores[d] = 0.0
    return m


@njit(cache=True, nogil=True)
def _gather(offsets, docs, scores, qterms, order, j_a, rest, theta, cand):  # type: ignore[no-untyped-def]
    """Collect the docs of lists order[:j_a] that can still reach theta; zero the others."""
    n_cand = 0
    lim = theta * _DOWN - rest
    for jj in range(j_a):
        t = qterms[order[jj]]
        for p in range(offsets[t], offsets[t + 1]):
            d = docs[p]
            s = scores[d]
            if s > 0.0:  # first sight: keep (negated, so later sights skip it) or zero
                if s * _UP >= lim:
                    cand[n_cand] = d
                    n_cand += 1
                    scores[d] = -s
                else:
                    scores[d] = 0.0
    for i in range(n_cand):
        scores[cand[i]] = -scores[cand[i]]
    return n_cand


@njit(cache=True, nogil=True)
def _exact(offsets, docs, contrib, qterms, d):  # type: ignore[no-untyped-def]
    """Score of doc d summed in query order, by binary search in each list."""
    s = 0.0
    for i in range(qterms.size):
        t = qterms[i]
        p = _seek(docs, offsets[t], offsets[t + 1], d)
        if p < offsets[t + 1] and docs[p] == d:
            s += contrib[p]
    return s


@njit(cache=True, nogil=True)
def topk_taat(offsets, docs, contrib, maxc, qterms, k, scores, cand):  # type: ignore[no-untyped-def]
    """Exact top k (see module docstring); leaves ``scores`` zeroed."""
    q = qterms.size
    bound = np.empty(q, np.float64)
    for i in range(q):
        bound[i] = maxc[qterms[i]]
    order = np.argsort(-bound, kind="mergesort")  # highest bound first
    rest = np.empty(q + 1, np.float64)  # rest[j]: bound on the terms order[j:]
    rest[q] = 0.0
    for j in range(q - 1, -1, -1):
        rest[j] = (rest[j + 1] + bound[order[j]]) * _UP
    theta = -np.inf
    top = np.empty(k, np.int64)  # docs with the best partial scores seen so far
    n_top = 0
    seen = 0.0  # bound on any partial score so far
    j = 0
    while j < q:  # phase A: whole lists, highest bound first
        if rest[j] < theta * _DOWN:
            break
        t = qterms[order[j]]
        for p in range(offsets[t], offsets[t + 1]):
            scores[docs[p]] += contrib[p]
        seen += bound[order[j]]
        j += 1
        if j == q or rest[j] < seen * _UP:  # theta could now end phase A: refresh it
            n_top, th = _refresh(offsets, docs, scores, t, top, n_top, k)
            theta = max(theta, th)
    j_a = j  # lists order[:j_a] were added whole
    gathered = False
    n_cand = 0
    while j < q:  # phase B: the remaining lists, for documents already touched only
        if not gathered and j > j_a:  # after one list theta is higher: few docs to gather
            n_cand = _gather(offsets, docs, scores, qterms, order, j_a, rest[j], theta, cand)
            gathered = True
        t = qterms[order[j]]
        p = offsets[t]
        end = offsets[t + 1]
        if gathered and n_cand * _PROBE_COST < end - p:  # few candidates: binary-search them
            cand[:n_cand].sort()
            for i in range(n_cand):
                d = cand[i]
                p = _seek(docs, p, end, d)
                if p < end and docs[p] == d:
                    scores[d] += contrib[p]
        else:  # one pass over the list; zero score means "not a candidate"
            for p in range(p, end):  # noqa: B020 — numba compiles a renamed loop variable differently here
                d = docs[p]
                if scores[d] > 0.0:
                    scores[d] += contrib[p]
        j += 1
        if gathered:
            theta = max(theta, _kth(scores, cand, n_cand, k))
            n_cand = _prune(scores, cand, n_cand, rest[j], theta)
        else:
            n_top, th = _refresh(offsets, docs, scores, t, top, n_top, k)
            theta = max(theta, th)
    if not gathered:
        n_cand = _gather(offsets, docs, scores, qterms, order, j_a, 0.0, theta, cand)
    theta = max(theta, _kth(scores, cand, n_cand, k))
    top_d = np.empty(k, np.int64)
    top_s = np.empty(k, np.float64)
    n = 0
    for i in range(n_cand):  # phase C: exact query-order scores for the survivors
        d = cand[i]
        partial = scores[d]
        scores[d] = 0.0
        if partial * _UP < theta * _DOWN:
            continue
        n = _offer(top_d, top_s, n, k, d, _exact(offsets, docs, contrib, qterms, d))
    return _finish(top_d, top_s, n)
