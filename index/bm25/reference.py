"""The reference engine: ``rank_bm25.BM25Okapi`` behind the ``BM25Engine`` interface.

Input: a tokenized corpus and token-list queries. Output: BM25Okapi's own scores and the
``top_k`` rule (docs containing a query term, best first, ties to the lower position).
rank-bm25 raises ZeroDivisionError on an empty corpus or one without any token; here such a
corpus gives an engine that scores everything 0 with empty ``top_k``. ``save`` pickles the
corpus (the reference is rebuilt on ``load``; it exists to check and to compare, not to scale).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from index.bm25.idf import xapian_idf


class _XapianIdfOkapi(BM25Okapi):
    """BM25Okapi scoring with Xapian's idf (``index.bm25.idf``, mode ``xapian``)."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {word: xapian_idf(self.corpus_size, freq) for word, freq in nd.items()}
        self.average_idf = sum(self.idf.values()) / len(self.idf)


class RankBM25:
    """rank-bm25 (pure Python), the definition FastBM25 must reproduce."""

    def __init__(self, corpus: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25, idf_mode: str = "okapi") -> None:
        """Build BM25Okapi over ``corpus`` (unless it has no tokens at all), with rank-bm25's
        idf or, for ``idf_mode="xapian"``, Xapian's."""
        self.corpus = [list(doc) for doc in corpus]
        self.k1, self.b, self.epsilon, self.idf_mode = k1, b, epsilon, idf_mode
        self.n_docs = len(self.corpus)
        model = _XapianIdfOkapi if idf_mode == "xapian" else BM25Okapi
        self.model = model(self.corpus, k1=k1, b=b, epsilon=epsilon) if any(self.corpus) else None

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75,
              epsilon: float = 0.25, idf_mode: str = "okapi") -> RankBM25:
        """Same as the constructor, named like FastBM25.build."""
        return cls(corpus, k1=k1, b=b, epsilon=epsilon, idf_mode=idf_mode)

    @property
    def avgdl(self) -> float:
        """The average document length (0 when the corpus has no tokens)."""
        return 0.0 if self.model is None else float(self.model.avgdl)

    def idf_of(self, term: str) -> float | None:
        """The idf of ``term``, or None when no document has it."""
        return None if self.model is None else self.model.idf.get(term)

    def vocabulary(self) -> list[str]:
        """Every term of the corpus."""
        return [] if self.model is None else list(self.model.idf)

    def replace_docs(self, remove: Sequence[int] | np.ndarray, add: Sequence[Sequence[str]]) -> RankBM25:
        """A new engine without the ``remove`` positions, ``add`` appended (rank-bm25 rebuilds)."""
        dropped = {int(d) for d in np.asarray(remove).ravel()}
        kept = [doc for d, doc in enumerate(self.corpus) if d not in dropped]
        return RankBM25(kept + [list(doc) for doc in add], k1=self.k1, b=self.b, epsilon=self.epsilon,
                        idf_mode=self.idf_mode)

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25Okapi.get_scores(query) as float64 (zeros if the corpus has no tokens)."""
        if self.model is None:
            return np.zeros(self.n_docs, np.float64)
        return np.asarray(self.model.get_scores(list(query)), dtype=np.float64)

    def _matching(self, query: Sequence[str], scores: np.ndarray) -> np.ndarray:
        """Boolean mask of documents that contain at least one query term."""
        assert self.model is not None
        idf = self.model.idf
        if all(idf.get(t, 1.0) > 0 for t in query):  # then matching <=> score > 0
            return scores > 0
        terms = set(query)
        return np.array([not terms.isdisjoint(f) for f in self.model.doc_freqs], dtype=bool)

    def top_k(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Stable sort of the reference scores, restricted to docs containing a query term."""
        if self.model is None or k <= 0 or not query:
            return []
        return self.select(query, self.get_scores(query), k)

    def select(self, query: Sequence[str], scores: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The top-k rule applied to already computed ``get_scores(query)``."""
        if self.model is None or k <= 0 or not query:
            return []
        cand = np.flatnonzero(self._matching(query, scores))
        order = cand[np.argsort(-scores[cand], kind="stable")][:k]
        return [(int(d), float(scores[d])) for d in order]

    def save(self, directory: Path) -> None:
        """Pickle the corpus and parameters into ``directory`` (write-then-rename)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f"corpus.pkl.tmp-{os.getpid()}"
        with open(tmp, "wb") as fh:
            pickle.dump((self.corpus, self.k1, self.b, self.epsilon, self.idf_mode), fh, protocol=5)
        os.replace(tmp, directory / "corpus.pkl")

    @classmethod
    def load(cls, directory: Path) -> RankBM25:
        """Rebuild from a pickled corpus (slow: rank-bm25 has no persistent index)."""
        with open(Path(directory) / "corpus.pkl", "rb") as fh:
            corpus, k1, b, epsilon, *idf_mode = pickle.load(fh)
        return cls(corpus, k1=k1, b=b, epsilon=epsilon, idf_mode=idf_mode[0] if idf_mode else "okapi")
