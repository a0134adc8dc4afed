"""Recent answers, so the "More" and 👍/👎 buttons know the question and quotes they belong to.

Buttons carry a short key in their custom_id (``ab:more:<key>:<offset>``); the key maps to the
question and every quote the engine returned. Recent answers are kept in memory; the engine
also stores each one (question and passage ids) in the database, so a click after a restart,
or on an answer the memory let go, is re-quoted from the index. Only an answer the database
no longer has (or whose passages were all removed) gets a polite "please ask again".
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass

from index.engine import Engine
from index.models import Answer, Quote

MAX_ANSWERS = 2000


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """The question and all quotes (shown first, then the "More" ones) of one answer."""

    question: str
    quotes: tuple[Quote, ...]


class AnswerCache:
    """A bounded map from short keys to recent answers (least recently used go first)."""

    def __init__(self, engine: Engine | None = None, max_answers: int = MAX_ANSWERS) -> None:
        self.engine = engine
        self.max_answers = max_answers
        self._items: OrderedDict[str, CachedAnswer] = OrderedDict()

    def put(self, answer: Answer) -> str:
        """Remember ``answer``; returns its key (8 hex digits)."""
        key = secrets.token_hex(4)
        while key in self._items:
            key = secrets.token_hex(4)
        self._keep(key, CachedAnswer(answer.question, tuple(answer.quotes) + tuple(answer.more)))
        return key

    def _keep(self, key: str, answer: CachedAnswer) -> None:
        self._items[key] = answer
        while len(self._items) > self.max_answers:
            self._items.popitem(last=False)

    def get(self, key: str) -> CachedAnswer | None:
        """The answer stored under ``key``, or None when it was forgotten."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    async def fetch(self, key: str) -> CachedAnswer | None:
        """The answer under ``key`` from memory, else re-quoted from the engine's database."""
        found = self.get(key)
        if found is None and self.engine is not None:
            recalled = await self.engine.recall_answer(key)
            if recalled is not None:
                found = CachedAnswer(*recalled)
                self._keep(key, found)
        return found

    def __len__(self) -> int:
        return len(self._items)
