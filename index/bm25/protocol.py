"""What the search layer needs from a BM25 engine, and the engines that provide it by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.bm25.fast import FastBM25
from index.bm25.idf import IDF_MODES

ENGINES = ("fast", "rank-bm25", "xapian")
"""``fast`` and ``rank-bm25`` run in the bot's process; ``xapian`` (``index.bm25.xapian_engine``)
is a partitioned index served by Xapian processes. A partitioned engine holds the passages;
the titles' index (one document per article) stays in process (``fast``), see ``build_engine``."""
PARTITIONED = frozenset({"xapian"})


class BM25Engine(Protocol):
    """What the search layer needs from a BM25 engine."""

    n_docs: int

    @property
    def avgdl(self) -> float:
        """The average document length in tokens."""
        ...

    def idf_of(self, term: str) -> float | None:
        """The idf of ``term``, or None when no document has it."""
        ...

    def vocabulary(self) -> list[str]:
        """Every term the engine has seen (some may since be in no document)."""
        ...

    def replace_docs(self, remove: Sequence[int] | np.ndarray, add: Sequence[Sequence[str]]) -> BM25Engine:
        """A new engine without the ``remove`` positions and with ``add`` appended."""
        ...

    def save(self, directory: Path) -> None:
        """Persist the engine into ``directory``."""
        ...

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Float64 score of every document, == BM25Okapi.get_scores(query)."""
        ...

    def top_k(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Best (position, score) among docs with a query term; ties -> lower position."""
        ...


def build_engine(name: str, corpus: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25, idf_mode: str = "okapi", partitions: Sequence[str] = (),
                 field: str = "passages") -> BM25Engine:
    """Build the engine ``name`` (one of ``ENGINES``) for ``field`` (``passages`` or
    ``articles``) with ``idf_mode`` (``index.bm25.idf.IDF_MODES``); a partitioned engine writes
    the passages into ``partitions`` and keeps the articles in a ``fast`` engine."""
    check_engine(name, idf_mode)
    if name in PARTITIONED and field == "passages":
        from index.bm25.xapian_engine import XapianBM25

        return XapianBM25.build(corpus, partitions=partitions, k1=k1, b=b, epsilon=epsilon)
    if name == "rank-bm25":
        from index.bm25.reference import RankBM25  # the reference (and rank-bm25) only when chosen

        return RankBM25.build(corpus, k1=k1, b=b, epsilon=epsilon, idf_mode=idf_mode)
    return FastBM25.build(corpus, k1=k1, b=b, epsilon=epsilon, idf_mode=idf_mode)


def load_engine(name: str, directory: Path, *, field: str = "passages") -> BM25Engine:
    """The engine ``build_engine(name, …, field=field)`` built and ``save`` wrote into ``directory``."""
    if name in PARTITIONED and field == "passages":
        from index.bm25.xapian_engine import XapianBM25

        return XapianBM25.load(directory)
    if name == "rank-bm25":
        from index.bm25.reference import RankBM25

        return RankBM25.load(directory)
    return FastBM25.load(directory)


def check_engine(name: str, idf_mode: str) -> None:
    """ValueError with one sentence when ``name`` or ``idf_mode`` is unknown or they do not fit."""
    if name not in ENGINES:
        raise ValueError(f"unknown search engine {name!r}; expected one of {', '.join(ENGINES)}")
    if idf_mode not in IDF_MODES:
        raise ValueError(f"unknown idf mode {idf_mode!r}; expected one of {', '.join(IDF_MODES)}")
    if name == "xapian" and idf_mode != "xapian":
        raise ValueError('the xapian engine scores with Xapian\'s idf: set idf = "xapian" in [index]')
