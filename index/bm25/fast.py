"""Exact BM25 (Okapi, rank-bm25's variant) over precomputed postings, fast enough for 1M passages.

Input: a tokenized corpus (``Sequence[Sequence[str]]``) or pre-encoded term ids, and queries as
token lists. Output: ``get_scores`` (float64 per document, bit-identical to
``rank_bm25.BM25Okapi.get_scores``) and ``top_k`` (best (position, score) pairs among documents
that contain at least one query term, ties to the lower position).

How: each posting stores its full contribution ``idf * tf*(k1+1)/(tf + k1*(1-b+b*dl/avgdl))``
(computed exactly as rank-bm25 does), so a query only sums floats. ``top_k`` runs exact
term-at-a-time MaxScore pruning in a numba kernel (``bm25_topk``: no full sort, long
common-term lists only probed for surviving candidates). A query with a term whose idf is
<= 0 (df exactly N/2, or the epsilon floor when epsilon * average idf <= 0) uses exhaustive
accumulation into a reused buffer instead, since pruning needs positive contributions.

Edge cases, defined where rank-bm25 raises or returns NaN: an empty corpus, or one whose
documents have no tokens (rank-bm25: ZeroDivisionError), scores every query 0 and ``top_k`` is
empty; a document lacking a term gets 0 for it even when rank-bm25 computes 0/0 (k1 = 0, or
b = 1 with empty documents). Unknown query terms add nothing; repeated terms count each time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from index.bm25.persist import read_index, write_index

if TYPE_CHECKING:
    from index.bm25.postings import Postings, Scoring

# numba and its kernels cost ~2 s to load (its own start-up, then the cached machine code): a
# process that only opens a saved index and asks one question (``articlebot ask``), or only
# reindexes (``articlebot reindex``), is faster without them. The kernels are used once wanted:
# after ``warm_up()`` (long-lived front ends). Until then the same sums run in numpy, in the
# same order, so scores and ranks are identical, and a build makes the same arrays in numpy.
_KERNELS_WANTED = threading.Event()

# Without numba loaded, a build of up to this many tokens runs in numpy: its sort costs ~0.6 us a
# token here against the kernels' ~0.1 us plus ~2-4 s to load numba (100k passages: 2.7 s vs
# 5.0 s; 1M: 19.7 s vs 6.0 s, measured together under load).
NUMPY_BUILD_MAX_TOKENS = 8_000_000

_BIG_K = 256  # above this, top_k sorts the candidate set with numpy instead of a k-slot heap


class FastBM25:
    """Exact BM25 over memory-mappable CSR postings with numba scoring kernels."""

    def __init__(self, vocab: list[str], arrays: dict[str, np.ndarray], *, k1: float, b: float,
                 epsilon: float, avgdl: float, average_idf: float, tag: str = "",
                 idf_mode: str = "okapi") -> None:
        """Wrap prebuilt arrays (use ``build``, ``from_term_ids`` or ``load`` instead)."""
        self.vocab = vocab
        self.term_ids = dict(zip(vocab, range(len(vocab))))
        self.offsets: np.ndarray = arrays["offsets"]
        self.docs: np.ndarray = arrays["docs"]
        self.tf: np.ndarray = arrays["tf"]
        self.doc_len: np.ndarray = arrays["doc_len"]
        self.idf: np.ndarray = arrays["idf"]
        self.contrib: np.ndarray = arrays["contrib"]
        self.max_contrib: np.ndarray = arrays["max_contrib"]
        self.n_docs = int(self.doc_len.size)
        self.k1, self.b, self.epsilon, self.idf_mode = k1, b, epsilon, idf_mode
        self.avgdl, self.average_idf = avgdl, average_idf
        self.tag = tag  # free-form, persisted: e.g. the database's index version
        self._local = threading.local()
        self._warmed = False
        if _KERNELS_WANTED.is_set():
            self._warm_up()

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75,
              epsilon: float = 0.25, idf_mode: str = "okapi") -> FastBM25:
        """Index a tokenized corpus (term ids assigned in first-occurrence order); ``idf_mode``
        is one of ``index.bm25.postings.IDF_MODES``."""
        from index.bm25.postings import encode

        vocab, ids, doc_offsets = encode(corpus)
        return cls.from_term_ids(ids, doc_offsets, vocab, k1=k1, b=b, epsilon=epsilon, idf_mode=idf_mode)

    @classmethod
    def from_term_ids(cls, ids: np.ndarray, doc_offsets: np.ndarray, vocab: list[str], *,
                      k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25,
                      idf_mode: str = "okapi") -> FastBM25:
        """Index a pre-encoded corpus: doc d is ``vocab[ids[doc_offsets[d]:doc_offsets[d+1]]]``.

        No Python loop over tokens (a linear numba counting sort): with per-passage term ids
        stored, a rebuild skips tokenizing and string lookups. For a few changed passages,
        ``replace_docs`` is cheaper still. Vocabulary entries that no longer occur are
        ignored (idf 0, not in the average idf). idf is
        averaged in id order, so ids in first-occurrence order match rank-bm25 bit for bit;
        any other order changes only the epsilon floor, by a few ulp.
        """
        ids = np.ascontiguousarray(ids, dtype=np.int32)
        doc_offsets = np.ascontiguousarray(doc_offsets, dtype=np.int64)
        from index.bm25.postings import build_postings, scoring

        compiled = _KERNELS_WANTED.is_set() or ids.size > NUMPY_BUILD_MAX_TOKENS
        post = build_postings(ids, doc_offsets, len(vocab), compiled=compiled)
        return cls._from_postings(vocab, post, scoring(post, k1, b, epsilon, idf_mode, compiled=compiled), k1, b,
                                  epsilon, idf_mode)

    @classmethod
    def _from_postings(cls, vocab: list[str], post: Postings, sc: Scoring, k1: float,
                       b: float, epsilon: float, idf_mode: str) -> FastBM25:
        """Assemble an engine from postings and their scoring arrays."""
        arrays = {"offsets": post.offsets, "docs": post.docs, "tf": post.tf,
                  "doc_len": post.doc_len, "idf": sc.idf, "contrib": sc.contrib,
                  "max_contrib": sc.max_contrib}
        return cls(vocab, arrays, k1=k1, b=b, epsilon=epsilon, avgdl=sc.avgdl,
                   average_idf=sc.average_idf, idf_mode=idf_mode)

    def idf_of(self, term: str) -> float | None:
        """The idf of ``term``, or None when no document has it."""
        i = self.term_ids.get(term)
        if i is None or self.offsets[i + 1] == self.offsets[i]:
            return None
        return float(self.idf[i])

    def vocabulary(self) -> list[str]:
        """Every term seen (some may since be in no document)."""
        return list(self.vocab)

    def replace_docs(self, remove: Sequence[int] | np.ndarray,
                     add: Sequence[Sequence[str]]) -> FastBM25:
        """New engine: ``remove`` positions dropped, ``add`` appended (see ``index.bm25.update``)."""
        from index.bm25.postings import Postings, scoring
        from index.bm25.update import replace_docs

        current = Postings(self.offsets, self.docs, self.tf, np.asarray(self.doc_len))
        vocab, post = replace_docs(current, self.term_ids, remove, add)
        sc = scoring(post, self.k1, self.b, self.epsilon, self.idf_mode)
        return self._from_postings(vocab, post, sc, self.k1, self.b, self.epsilon, self.idf_mode)

    def save(self, directory: Path) -> None:
        """Persist atomically: write a sibling directory, then swap it in with one rename."""
        arrays = {"offsets": self.offsets, "docs": self.docs, "tf": self.tf,
                  "doc_len": self.doc_len, "idf": self.idf, "contrib": self.contrib,
                  "max_contrib": self.max_contrib}
        meta = {"k1": self.k1, "b": self.b, "epsilon": self.epsilon, "avgdl": self.avgdl,
                "average_idf": self.average_idf, "n_docs": self.n_docs, "tag": self.tag,
                "idf_mode": self.idf_mode}
        write_index(Path(directory), arrays, self.vocab, meta)

    @classmethod
    def load(cls, directory: Path) -> FastBM25:
        """Open a saved index, memory-mapped read-only (no rebuild)."""
        arrays, vocab, meta = read_index(Path(directory))
        return cls(vocab, arrays, k1=meta["k1"], b=meta["b"], epsilon=meta["epsilon"],
                   avgdl=meta["avgdl"], average_idf=meta["average_idf"], tag=meta["tag"],
                   idf_mode=meta.get("idf_mode", "okapi"))

    # ---- queries ------------------------------------------------------------------------
    def encode_query(self, query: Sequence[str]) -> np.ndarray:
        """Term ids of the query terms that occur in some document, in query order."""
        ids = self.term_ids
        out = [i for i in (ids.get(t) for t in query)
               if i is not None and self.offsets[i + 1] > self.offsets[i]]
        return np.asarray(out, dtype=np.int64)

    def cost(self, query: Sequence[str]) -> int:
        """Postings the query would touch: above ~50k, run it via asyncio.to_thread."""
        q = self.encode_query(query)
        return int((self.offsets[q + 1] - self.offsets[q]).sum()) if q.size else 0

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Float64 score of every document, bit-identical to BM25Okapi.get_scores."""
        out = np.zeros(self.n_docs, np.float64)
        qterms = self.encode_query(query)
        if qterms.size:
            self._accumulate(qterms, out)
        return out

    def _accumulate(self, qterms: np.ndarray, out: np.ndarray) -> None:
        """Add each query term's contributions into ``out``, in query order (kernel or numpy:
        a term's documents are distinct, so both add the same floats in the same order)."""
        if self._kernels_ready():
            from index.bm25 import kernels

            kernels.accumulate(self.offsets, self.docs, self.contrib, qterms, out)
            return
        for t in qterms.tolist():
            start, end = int(self.offsets[t]), int(self.offsets[t + 1])
            out[self.docs[start:end]] += self.contrib[start:end]

    def _kernels_ready(self) -> bool:
        """True when queries run in the numba kernels (wanted, and loaded for these arrays)."""
        if not _KERNELS_WANTED.is_set():
            return False
        if not self._warmed:
            self._warm_up()
        return True

    def top_k(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Best k (position, score) among docs containing a query term, best first."""
        qterms = self.encode_query(query)
        if k <= 0 or qterms.size == 0:
            return []
        docs, scores = self._top_arrays(qterms, k)
        return list(zip(docs.tolist(), scores.tolist()))

    def _top_arrays(self, qterms: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions, scores) of the top k for encoded query terms."""
        if k > _BIG_K or not self._kernels_ready():
            return self._top_sorted(qterms, k)
        from index.bm25 import kernels
        from index.bm25.topk import topk_taat

        scores, mark, touched = self._buffers()
        if bool(np.all(self.idf[qterms] > 0.0)):
            return topk_taat(self.offsets, self.docs, self.contrib, self.max_contrib, qterms, k,
                             scores, touched)
        return kernels.topk_exhaustive(self.offsets, self.docs, self.contrib, qterms, k,
                                       scores, mark, touched)

    def _top_sorted(self, qterms: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top k by full accumulation and a stable sort of the candidate documents."""
        scores = np.zeros(self.n_docs, np.float64)
        self._accumulate(qterms, scores)
        holds = np.zeros(self.n_docs, np.bool_)  # (np.unique would load numpy.ma on a one-shot ask)
        for t in qterms.tolist():
            holds[self.docs[self.offsets[t]:self.offsets[t + 1]]] = True
        cand = np.flatnonzero(holds)
        order = np.lexsort((cand, -scores[cand]))[:k]
        return cand[order].astype(np.int64), scores[cand[order]]

    def _buffers(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-thread zeroed scratch buffers (scores, mark, touched) for exhaustive top-k."""
        bufs = getattr(self._local, "bufs", None)
        if bufs is None:
            bufs = (np.zeros(self.n_docs, np.float64), np.zeros(self.n_docs, np.uint8),
                    np.zeros(self.n_docs, np.int64))
            self._local.bufs = bufs
        return bufs

    def _warm_up(self) -> None:
        """Compile (or load from numba's cache) every kernel for these array types."""
        from index.bm25 import kernels
        from index.bm25.topk import topk_taat

        self._warmed = True
        nonempty = np.flatnonzero(np.diff(self.offsets))
        if nonempty.size == 0:
            return
        q = nonempty[:1].astype(np.int64)
        kernels.accumulate(self.offsets, self.docs, self.contrib, q, np.zeros(self.n_docs))
        s, m, t = self._buffers()
        topk_taat(self.offsets, self.docs, self.contrib, self.max_contrib, q, 1, s, t)
        kernels.topk_exhaustive(self.offsets, self.docs, self.contrib, q, 1, s, m, t)

    def warm_up(self) -> None:
        """Run queries in the numba kernels from now on, loaded for this index's arrays now."""
        _KERNELS_WANTED.set()
        if not self._warmed:
            self._warm_up()

    def info(self) -> dict[str, Any]:
        """Sizes and parameters, for logs and the benchmark."""
        return {"n_docs": self.n_docs, "n_terms": len(self.vocab),
                "n_postings": int(self.docs.size), "k1": self.k1, "b": self.b,
                "epsilon": self.epsilon, "idf_mode": self.idf_mode, "avgdl": self.avgdl, "tag": self.tag}


def warm_up() -> None:
    """Load (or compile) every numba kernel; call once at startup, before the loop is busy.
    Queries run in the kernels from then on (numpy until then)."""
    _KERNELS_WANTED.set()
    FastBM25.build([["warm", "up"], ["up"]]).top_k(["up", "warm"], 1)
