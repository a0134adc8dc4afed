"""Incremental BM25 update: an engine, positions to drop and new documents -> a new engine.

Input: a built or loaded ``FastBM25``, the doc positions to remove (e.g. the passages of one
changed article) and the tokenized documents to add. Output: a new ``FastBM25`` whose positions
are the kept documents in their old order followed by the added ones, identical in scores (to
1e-9 relative; idf's epsilon floor may differ by an ulp, see ``FastBM25.from_term_ids``) to a
full build of that corpus. Only the added documents' tokens go through Python; the kept
postings are filtered, renumbered and merged term by term in one linear numba pass (no sort),
and idf/contributions are recomputed by the numba kernel because N, the average length and
the document frequencies all change.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

from index.bm25.postings import Postings, build_postings, encode


@njit(cache=True, nogil=True)
def _merge(offsets, docs, tf, removed, new_pos,  # type: ignore[no-untyped-def]
           a_offsets, a_docs, a_tf, n_kept):
    """Per term: the kept postings (renumbered), then the added ones (shifted by n_kept)."""
    n_old = offsets.size - 1
    n_terms = a_offsets.size - 1
    out_off = np.zeros(n_terms + 1, np.int64)
    for t in range(n_terms):
        c = a_offsets[t + 1] - a_offsets[t]
        if t < n_old:
            for p in range(offsets[t], offsets[t + 1]):
                if not removed[docs[p]]:
                    c += 1
        out_off[t + 1] = out_off[t] + c
    out_docs = np.empty(out_off[n_terms], np.int32)
    out_tf = np.empty(out_off[n_terms], np.int32)
    for t in range(n_terms):
        q = out_off[t]
        if t < n_old:
            for p in range(offsets[t], offsets[t + 1]):
                d = docs[p]
                if not removed[d]:
                    out_docs[q] = new_pos[d]
                    out_tf[q] = tf[p]
                    q += 1
        for p in range(a_offsets[t], a_offsets[t + 1]):
            out_docs[q] = a_docs[p] + n_kept
            out_tf[q] = a_tf[p]
            q += 1
    return out_off, out_docs, out_tf


def replace_docs(current: Postings, term_ids: dict[str, int], remove: Sequence[int] | np.ndarray,
                 add: Sequence[Sequence[str]]) -> tuple[list[str], Postings]:
    """The vocabulary and postings of ``current`` without the ``remove`` positions, ``add`` appended."""
    n = current.doc_len.size
    drop = np.unique(np.asarray(remove, dtype=np.int64))
    if drop.size and (drop[0] < 0 or drop[-1] >= n):
        raise ValueError(f"positions to remove must lie in [0, {n})")
    removed = np.zeros(n, dtype=np.bool_)
    removed[drop] = True
    new_pos = (np.cumsum(~removed) - 1).astype(np.int32)  # kept doc d -> its new position
    vocab, ids, doc_offsets = encode(add, known=dict(term_ids))
    added = build_postings(ids, doc_offsets, len(vocab))
    offsets, docs, tf = _merge(current.offsets, current.docs, current.tf, removed, new_pos,
                               added.offsets, added.docs, added.tf, np.int32(n - drop.size))
    doc_len = np.concatenate([np.asarray(current.doc_len)[~removed], added.doc_len])
    return vocab, Postings(offsets, docs, tf, doc_len.astype(np.int32))
