"""What a conversation remembers between questions, and for how long.

One ``Topic`` per conversation: the speaker (and whether the articles tell them as an
organisation), article and question of the last answer, and the passages already shown; after
an archive reply, the articles it was about or listed. ``ContextStore`` keeps them in memory by key (a DM, a channel and
member, a thread, a console session) and forgets a topic ``expiry`` seconds after it was last
used, so an old answer never steers a question asked much later. Bounded: the least recently
used topics go first.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from index.config import ConversationParams

DEFAULT_EXPIRY_SECONDS = ConversationParams().expiry_seconds
DEFAULT_MAX_CONVERSATIONS = ConversationParams().max_conversations


@dataclass(frozen=True, slots=True)
class Topic:
    """What the last answer was about: who, which article, and what was asked."""

    question: str
    article_id: int | None = None
    title: str | None = None
    speaker: str | None = None
    shown: frozenset[int] = field(default=frozenset())
    focus: tuple[int, int] | None = None  # the first quote shown: its passage and bold sentence's start
    organisation: bool | None = None  # the speaker told as an organisation ("it", not "he"); None: not asked yet
    listed: tuple[int, ...] = ()  # the articles the last reply was about, when it was an archive reply

    def label(self) -> str:
        """How a follow-up names what it was read against: "Jimmy Connors, in *Title*"."""
        where = f"*{self.title}*" if self.title else ""
        if self.speaker and where:
            return f"{self.speaker}, in {where}"
        return self.speaker or where or f"“{self.question}”"


class ContextStore:
    """Topics by conversation key, forgotten after ``expiry`` seconds without a question."""

    def __init__(self, expiry: float = DEFAULT_EXPIRY_SECONDS, max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.expiry = expiry
        self.max_conversations = max_conversations
        self._clock = clock
        self._topics: OrderedDict[Hashable, tuple[float, Topic]] = OrderedDict()

    def get(self, key: Hashable) -> Topic | None:
        """The live topic of ``key``, or None when there is none or it expired."""
        found = self._topics.get(key)
        if found is None:
            return None
        if self._clock() - found[0] > self.expiry:
            del self._topics[key]
            return None
        return found[1]

    def put(self, key: Hashable, topic: Topic) -> None:
        """Remember ``topic`` as ``key``'s context from now on."""
        self._topics[key] = (self._clock(), topic)
        self._topics.move_to_end(key)
        while len(self._topics) > self.max_conversations:
            self._topics.popitem(last=False)

    def forget(self, key: Hashable) -> None:
        """Drop ``key``'s context (a fresh start)."""
        self._topics.pop(key, None)

    def __len__(self) -> int:
        return len(self._topics)
