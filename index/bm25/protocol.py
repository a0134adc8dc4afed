"""What the search layer needs from a BM25 engine, and the engines that provide it by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.bm25.fast import FastBM25

ENGINES = ("fast", "rank-bm25")


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


def build_engine(name: str, corpus: Sequence[Sequence[str]], *, k1: float = 1.5,
                 b: float = 0.75, epsilon: float = 0.25) -> BM25Engine:
    """Build the engine named ``"fast"`` or ``"rank-bm25"``."""
    if name == "fast":
        return FastBM25.build(corpus, k1=k1, b=b, epsilon=epsilon)
    if name == "rank-bm25":
        from index.bm25.reference import RankBM25  # the reference (and rank-bm25) only when chosen

        return RankBM25.build(corpus, k1=k1, b=b, epsilon=epsilon)
    raise ValueError(f"unknown search engine {name!r}; expected one of {', '.join(ENGINES)}")
