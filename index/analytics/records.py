"""One asked question as analytics keep it (Discord-free: the bot fills in the ids as text)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from typing import Literal

from index.config import AnalyticsConfig

Place = Literal["guild", "dm"]


def member_hash(member_id: int) -> str:
    """The stored form of a member id: a SHA-256 hex digest, never the id itself.

    The same digest the 👍/👎 table keeps, so /forget-me finds a member's votes too.
    """
    return hashlib.sha256(f"articlebot-user:{member_id}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a question came from."""

    place: Place
    guild_id: str | None = None
    channel_id: str | None = None
    member_hash: str | None = None
    member_name: str | None = None


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question answered (``answered``) or refused, as one row of ``question_log``."""

    question: str | None
    origin: Origin
    answered: bool
    seconds: float
    top_article: str | None = None
    answer_key: str | None = None
    asked_at: float = field(default_factory=time.time)

    def kept(self, config: AnalyticsConfig) -> QuestionRecord:
        """This record without what ``config`` says not to store (question text, member name)."""
        origin = self.origin if config.store_member_names else replace(self.origin, member_name=None)
        question = self.question if config.store_question_text else None
        return replace(self, question=question, origin=origin)

    def row(self) -> tuple[object, ...]:
        """The values of ``question_log``'s columns, in ``store.COLUMNS`` order."""
        o = self.origin
        return (self.asked_at, self.question, o.place, o.guild_id, o.channel_id, o.member_hash,
                o.member_name, int(self.answered), self.top_article, self.seconds, self.answer_key)
