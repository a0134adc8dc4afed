"""The idf modes a BM25 engine can score with (``SearchParams.idf``)."""

from __future__ import annotations

import math

IDF_MODES = ("okapi", "xapian")
"""How idf is computed: ``okapi`` is rank-bm25's BM25Okapi, ``log((N-n+0.5)/(n+0.5))`` with
negative values raised to ``epsilon`` x the average idf; ``xapian`` is Xapian's BM25Weight
(1.4), the same ratio ``r`` but ``r < 2`` replaced by ``r/2 + 1`` before the log, so a term in
most documents keeps a small positive weight (what a Xapian engine computes, for parity)."""


def xapian_idf(n_docs: int, f: int) -> float:
    """Xapian 1.4 ``BM25Weight::init``'s term weight without the (k1 + 1) factor."""
    ratio = (n_docs - f + 0.5) / (f + 0.5)
    return math.log(ratio if ratio >= 2 else ratio * 0.5 + 1)
