"""From a question to a ready-to-send reply (content, embeds, buttons), shared by /ask, DMs and mentions."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_bot import render
from bot.discord_bot.responses import message_kwargs
from bot.discord_bot.views import answer_view
from index.analytics.records import Origin
from index.errors import QueryError
from index.models import Answer

if TYPE_CHECKING:
    from bot.discord_bot.client import ArticleBot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reply:
    """One message to send: text, quote embeds and the buttons under them."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for discord.py's send calls, mentions disabled."""
        return message_kwargs(self.content, self.embeds, self.view)


async def answer_reply(bot: ArticleBot, question: str, article: str | None = None,
                       origin: Origin | None = None) -> Reply:
    """Ask the engine and render its ``Answer``: quotes with buttons, or a friendly "not found".

    A question with an ``origin`` is recorded for /stats (queued: recording never delays it).
    """
    started = time.perf_counter()
    try:
        answer = await bot.engine.ask(question, top=bot.max_quotes, article=article or None)
    except QueryError:
        bot.analytics.record(question, origin, None, time.perf_counter() - started)
        raise
    reply, key = quotes_reply(bot, answer)
    bot.analytics.record(question, origin, answer, time.perf_counter() - started, key)
    return reply


def quotes_reply(bot: ArticleBot, answer: Answer) -> tuple[Reply, str | None]:
    """The reply to ``answer``, and the key its buttons carry (None for a "not found")."""
    if not answer.answered or not answer.quotes:
        return Reply(content=render.not_found_text(answer)), None
    key = bot.answers.put(answer)
    bot.spawn(_remember(bot, key, answer))  # in the background: never delays the reply
    shown = answer.quotes[: bot.max_quotes]
    total = len(answer.quotes) + len(answer.more)
    view = answer_view(shown, key=key, next_offset=len(shown) if total > len(shown) else None, feedback=True)
    content = render.note_text(answer)
    embeds = render.quote_embeds(shown, bot.max_quotes, render.REPLY_CHARS - len(content or ""))
    return Reply(content=content, embeds=embeds, view=view), key


async def _remember(bot: ArticleBot, key: str, answer: Answer) -> None:
    """Store the answer for buttons clicked after a restart; a failure only costs that."""
    try:
        await bot.engine.remember_answer(key, answer)
    except Exception as error:  # one line: during a reindex hundreds may fail ("database is locked")
        log.warning("Could not store answer %s for its buttons (%s: %s).", key, type(error).__name__, error)
