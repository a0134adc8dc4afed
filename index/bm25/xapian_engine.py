"""BM25 over Xapian partitions served by ``xapian-tcpsrv``: the ``BM25Engine`` named ``xapian``.

Input: the configured partitions (``index.bm25.partitions``), written by ``build`` (reindex).
Output: the ``BM25Engine`` answers, computed by Xapian: every query goes to all partitions
combined in one ``xapian.Database``, so Xapian exchanges the partitions' statistics and scores
with the global N, average length and document frequencies: the scores of one index. The weight
is Xapian's ``BM25Weight(k1, 0, 0, b, 0)`` (no query-frequency saturation, no minimum length),
i.e. our BM25 with Xapian's idf (``index.bm25.idf``, mode ``xapian``): ``FastBM25`` built with
``idf_mode="xapian"`` gives the same scores (to float rounding) and ranks.

A partition that cannot be reached (or serves another build) is left out: queries are answered
from the others, ``unavailable`` counts the missing ones (the answer says so), and every
``RETRY_SECONDS`` a query tries them again, so a restarted partition is back without a restart
of the bot. ``replace_docs`` is not offered (``updatable`` is False): a reindex rewrites the
partitions.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from index.bm25.idf import xapian_idf
from index.bm25.partitions import BUILD_KEY, Partition, load_xapian, parse_partitions, write_partitions, xapian_term

RETRY_SECONDS = 2.0
CONNECT_TIMEOUT_MS = 2_000
TIMEOUT_MS = 10_000
_T = TypeVar("_T")


class XapianBM25:
    """A BM25 engine whose index is held by Xapian servers, one per partition."""

    updatable = False

    def __init__(self, partitions: Sequence[Partition], token: str, n_docs: int, *, k1: float, b: float,
                 epsilon: float) -> None:
        """Searches ``partitions`` of build ``token`` (connects on first use)."""
        self.xapian = load_xapian()
        self.partitions = tuple(partitions)
        self.token, self.n_docs = token, n_docs
        self.k1, self.b, self.epsilon, self.idf_mode = k1, b, epsilon, "xapian"
        self._lock = threading.Lock()
        self._database: Any = None
        self._alive: tuple[int, ...] = ()
        self._connected_at = 0.0
        self._avgdl = 0.0
        self._idf: dict[str, float | None] = {}  # per connection: the statistics change with it

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], *, partitions: Sequence[str], k1: float = 1.5,
              b: float = 0.75, epsilon: float = 0.25) -> XapianBM25:
        """Write ``corpus`` into the partitions (round-robin) and search the new build."""
        parsed = parse_partitions(partitions)
        token = write_partitions(corpus, parsed)
        return cls(parsed, token, len(corpus), k1=k1, b=b, epsilon=epsilon)

    # ---- connections --------------------------------------------------------------------
    @property
    def unavailable(self) -> int:
        """How many partitions the last query could not reach."""
        return len(self.partitions) - len(self._alive) if self._database is not None else 0

    def _connect(self) -> None:
        """Open every reachable partition serving this build, combined in one database."""
        xapian = self.xapian
        combined, alive = xapian.Database(), []
        for index, partition in enumerate(self.partitions):
            try:
                remote = xapian.remote_open(partition.host, partition.port, TIMEOUT_MS, CONNECT_TIMEOUT_MS)
                if remote.get_metadata(BUILD_KEY).decode() != self.token:
                    continue  # it serves another build: its positions are not ours
            except (xapian.NetworkError, xapian.DatabaseError):
                continue
            combined.add_database(remote)
            alive.append(index)
        if not alive:  # Xapian cannot search a Database without any: an empty one answers nothing
            combined = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        self._database, self._alive = combined, tuple(alive)
        self._avgdl, self._idf = combined.get_avlength(), {}
        self._connected_at = time.monotonic()

    def _run(self, work: Callable[[Any], _T]) -> _T:
        """``work(database)`` on the reachable partitions, reconnecting when one drops (each
        reconnection leaves out the partitions that fail; with none left, nothing can fail)."""
        xapian = self.xapian
        with self._lock:
            missing = len(self._alive) < len(self.partitions)
            if self._database is None or (missing and time.monotonic() - self._connected_at >= RETRY_SECONDS):
                self._connect()
            for _ in self.partitions:
                try:
                    return work(self._database)
                except (xapian.NetworkError, xapian.DatabaseError):
                    self._connect()
            return work(self._database)

    def _position(self, docid: int) -> int:
        """The corpus position of combined document ``docid`` (over the reachable partitions)."""
        local, sub = divmod(docid - 1, len(self._alive))
        return local * len(self.partitions) + self._alive[sub]

    # ---- BM25Engine ---------------------------------------------------------------------
    @property
    def avgdl(self) -> float:
        """The average document length in tokens (over the reachable partitions)."""
        return float(self._run(lambda db: self._avgdl))

    def idf_of(self, term: str) -> float | None:
        """Xapian's idf of ``term`` with the global statistics, None when no document has it."""
        def idf(db: Any) -> float | None:
            if term not in self._idf:
                df = db.get_termfreq(xapian_term(term))
                self._idf[term] = xapian_idf(db.get_doccount(), df) if df else None
            return self._idf[term]
        return self._run(idf)

    def vocabulary(self) -> list[str]:
        """Every indexed term (terms too long for Xapian are stored as digests and left out)."""
        return list(self.document_counts())

    def document_counts(self) -> dict[str, int]:
        """``term -> how many documents hold it``."""
        def counts(db: Any) -> dict[str, int]:
            found = ((item.term.decode(), item.termfreq) for item in db.allterms())
            return {term: df for term, df in found if not term.startswith("\x01")}
        return self._run(counts)

    def documents_with(self, term: str) -> np.ndarray:
        """Positions of the documents holding ``term`` (sorted)."""
        def positions(db: Any) -> list[int]:
            return [self._position(item.docid) for item in db.postlist(xapian_term(term))]
        return np.asarray(sorted(self._run(positions)), np.int64)

    def replace_docs(self, remove: Sequence[int] | np.ndarray, add: Sequence[Sequence[str]]) -> XapianBM25:
        """Not offered: a reindex rewrites the partitions (``updatable`` is False)."""
        raise NotImplementedError("the xapian engine is rebuilt by a reindex, not patched")

    def save(self, directory: Path) -> None:
        """Record which partitions and build this engine searches (the data is in the partitions)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"partitions": [str(p) for p in self.partitions], "token": self.token, "n_docs": self.n_docs,
                "k1": self.k1, "b": self.b, "epsilon": self.epsilon}
        (directory / "xapian.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, directory: Path) -> XapianBM25:
        """The engine ``save`` recorded (connects on first use)."""
        meta = json.loads((Path(directory) / "xapian.json").read_text())
        return cls(parse_partitions(meta["partitions"]), meta["token"], meta["n_docs"], k1=meta["k1"],
                   b=meta["b"], epsilon=meta["epsilon"])

    def _mset(self, db: Any, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Xapian's best ``k`` documents holding a query term, as (position, score)."""
        xapian = self.xapian
        enquire = xapian.Enquire(db)
        enquire.set_weighting_scheme(xapian.BM25Weight(self.k1, 0, 0, self.b, 0))
        enquire.set_query(xapian.Query(xapian.Query.OP_OR, [xapian.Query(xapian_term(t)) for t in query]))
        return [(self._position(m.docid), m.weight) for m in enquire.get_mset(0, k)]

    def top_k(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Best (position, score) among documents with a query term; ties -> lower position."""
        if k <= 0 or not query or self.n_docs == 0:
            return []
        return self._run(lambda db: self._mset(db, query, k))

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Float64 score of every document (0 for those without a query term)."""
        scores = np.zeros(self.n_docs, np.float64)
        for position, score in self.top_k(query, self.n_docs):
            scores[position] = score
        return scores
