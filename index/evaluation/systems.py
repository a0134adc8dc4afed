"""The two systems under evaluation behind one interface: ask a question, get ranked hits.

``EngineSystem`` asks articlebot's engine through ``Engine.ask`` (the code path of
``articlebot ask``); ``BaselineSystem`` asks the naive rank-bm25 baseline. Both time each
question with ``time.perf_counter`` around the call.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from index.evaluation.baseline import NaiveBaseline, best_sentence


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked passage: its text, its article (``source``) and offsets in that article."""

    text: str
    source: str
    start: int
    end: int
    score: float
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """A system's reply: ranked hits, the top hit's highlight, and whether it answered.

    ``confidence`` is the number the system's answer threshold is compared with.
    """

    answered: bool
    hits: tuple[Hit, ...]
    highlight: str | None
    confidence: float
    seconds: float


class System(Protocol):
    """Something that answers questions with ranked passages."""

    name: str

    async def ask(self, question: str, top: int) -> Response:
        """Ranked hits for ``question``, at most ``top``."""
        ...


class BaselineSystem:
    """The naive baseline; answers when its top BM25 score is at least ``threshold``."""

    name = "baseline"

    def __init__(self, baseline: NaiveBaseline, threshold: float = 0.0) -> None:
        """Wrap ``baseline``; a top score ``>= threshold`` (and > 0) counts as answered."""
        self.baseline = baseline
        self.threshold = threshold

    @classmethod
    def from_folder(cls, folder: Path, threshold: float = 0.0) -> BaselineSystem:
        """A baseline over every ``*.txt`` file under ``folder``."""
        return cls(NaiveBaseline.from_folder(folder), threshold)

    async def ask(self, question: str, top: int) -> Response:
        """Top ``top`` paragraphs; highlight = best sentence by token overlap."""
        began = time.perf_counter()
        ranked = self.baseline.search(question, top)
        highlight = None
        if ranked:
            s, e = best_sentence(ranked[0][0].text, question)
            highlight = ranked[0][0].text[s:e]
        seconds = time.perf_counter() - began
        hits = tuple(Hit(p.text, p.source, p.start, p.end, score) for p, score in ranked)
        confidence = ranked[0][1] if ranked else 0.0
        answered = confidence > 0 and confidence >= self.threshold
        return Response(answered, hits, highlight, confidence, seconds)


class EngineSystem:
    """articlebot's engine, opened on a throw-away database over one article folder."""

    def __init__(self, engine: Any, folder: Path, name: str = "articlebot", threshold: float | None = None) -> None:
        """Wrap an open ``Engine`` whose articles live in ``folder``; ``threshold`` is the
        answer threshold a member would get with it (None: the settings')."""
        self.engine = engine
        self.folder = folder
        self.name = name
        self.threshold = threshold

    @classmethod
    async def build(cls, folder: Path, db_path: Path, name: str = "articlebot", threshold: float | None = None,
                    **config: Any) -> EngineSystem:
        """Open an engine on ``db_path`` and index ``folder`` with it (nothing to do when
        another system already indexed it there)."""
        from index.config import EngineConfig
        from index.engine import Engine

        cfg = EngineConfig(db_path=db_path, article_dirs=(folder,)).with_values(**config)
        engine = await Engine.open(cfg)
        await engine.reindex([folder])
        return cls(engine, folder, name, threshold)

    async def answer(self, question: str, top: int) -> tuple[Any, float]:
        """The engine's ``Answer`` (None when the question cannot be asked) and its seconds."""
        from index.errors import QueryError

        began = time.perf_counter()
        try:
            answer = await self.engine.ask(question, top=top)
        except QueryError:
            answer = None
        return answer, time.perf_counter() - began

    def _source(self, source: str) -> str:
        """``source`` relative to the article folder when it lies inside it."""
        try:
            return Path(source).resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return source

    async def ask(self, question: str, top: int) -> Response:
        """The engine's answer: quotes then ``more``, up to ``top`` hits."""
        from index.errors import QueryError

        began = time.perf_counter()
        try:
            answer = await self.engine.ask(question, top=top)
        except QueryError:  # e.g. no searchable words: a user would get no quote either
            return Response(False, (), None, 0.0, time.perf_counter() - began)
        seconds = time.perf_counter() - began
        quotes = (*answer.quotes, *answer.more)[:top]
        hits = tuple(
            Hit(q.text, self._source(q.citation.source), q.start, q.end, q.score, q.speaker)
            for q in quotes
        )
        highlight = quotes[0].highlight if quotes else None
        confidence = float(getattr(answer, "confidence", quotes[0].score if quotes else 0.0))
        return Response(answer.answered, hits, highlight, confidence, seconds)

    async def close(self) -> None:
        """Close the engine."""
        await self.engine.close()
