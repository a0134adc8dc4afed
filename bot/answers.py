"""Recent answers, so the "More" and 👍/👎 buttons know the question and quotes they belong to.

Buttons carry a short key in their custom_id (``ab:more:<key>:<offset>``); the key maps to the
question and every quote the engine returned. The cache is bounded; a click on an answer older
than the cache (or from before a restart) gets a polite "please ask again".
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass

from index.models import Answer, Quote

MAX_ANSWERS = 2000


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """The question and all quotes (shown first, then the "More" ones) of one answer."""

    question: str
    quotes: tuple[Quote, ...]


class AnswerCache:
    """A bounded map from short keys to recent answers (least recently used go first)."""

    def __init__(self, max_answers: int = MAX_ANSWERS) -> None:
        self.max_answers = max_answers
        self._items: OrderedDict[str, CachedAnswer] = OrderedDict()

    def put(self, answer: Answer) -> str:
        """Remember ``answer``; returns its key (8 hex digits)."""
        key = secrets.token_hex(4)
        while key in self._items:
            key = secrets.token_hex(4)
        self._items[key] = CachedAnswer(answer.question, tuple(answer.quotes) + tuple(answer.more))
        while len(self._items) > self.max_answers:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> CachedAnswer | None:
        """The answer stored under ``key``, or None when it was forgotten."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def __len__(self) -> int:
        return len(self._items)
