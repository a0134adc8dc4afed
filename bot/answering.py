"""From a question to a ready-to-send reply (content, embeds, buttons), shared by /ask, DMs and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot import render
from bot.replies import message_kwargs
from bot.views import answer_view

if TYPE_CHECKING:
    from bot.client import ArticleBot


@dataclass(frozen=True)
class Reply:
    """One message to send: text, quote embeds and the buttons under them."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for discord.py's send calls, mentions disabled."""
        return message_kwargs(self.content, self.embeds, self.view)


async def answer_reply(bot: ArticleBot, question: str, article: str | None = None) -> Reply:
    """Ask the engine and render its ``Answer``: quotes with buttons, or a friendly "not found"."""
    answer = await bot.engine.ask(question, top=bot.max_quotes, article=article or None)
    if not answer.answered or not answer.quotes:
        return Reply(content=render.not_found_text(answer))
    key = bot.answers.put(answer)
    shown = answer.quotes[: bot.max_quotes]
    total = len(answer.quotes) + len(answer.more)
    view = answer_view(shown, key=key, next_offset=len(shown) if total > len(shown) else None, feedback=True)
    return Reply(embeds=render.quote_embeds(shown, bot.max_quotes), view=view)
