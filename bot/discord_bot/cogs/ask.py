"""``/ask question:<text> [article:<title>] [private:<bool>]``: quotes with citations.

The question goes to the bot's answer queue (``bot.discord_bot.answer_queue``). When the
queue's measured answer time says the answer cannot be sent inside a short budget, the
interaction is deferred ("thinking…") at once; otherwise it waits up to that budget and defers
only if the answer is still not ready. Either way Discord gets its acknowledgement within 3 s
whatever the load. A full queue gets a polite "busy, try again in N s" only the asker sees.
Mentions and markdown markers are stripped from the question; a greeting or thanks gets a hint.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.analytics import origin_of
from bot.discord_bot.answer_queue import QueueFull
from bot.discord_bot.answer_reply import Reply
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.conversation import answered_without_search, conversation_key, turn_reply
from bot.discord_bot.responses import defer_thinking, respond
from bot.discord_bot.text import CHOICE_MAX, clip
from bot.discord_bot.threads import open_answer_thread
from bot.questions import clean
from index.scopes import searching_in

log = logging.getLogger(__name__)

DEADLINE = 3.0
"""Discord rejects a first response later than this after the interaction was created."""
SAFETY = 1.5
"""Seconds kept in hand for the response's own round trip and a busy event loop."""
MAX_WAIT = 0.5
"""Never wait longer than this before deferring (answers expected later are deferred at once)."""


def wait_budget(interaction: discord.Interaction) -> float:
    """How long the answer may take before we must defer (0 when already late)."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    if age < 0 or age > DEADLINE:
        # An id that is not a timestamp (a fake, a skewed clock): defer at once to be safe.
        age = DEADLINE
    return max(0.0, min(MAX_WAIT, DEADLINE - SAFETY - age))


class Ask(commands.Cog):
    """The /ask command and its article autocomplete."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="What you want to know, in your own words",
        article="Only quote this article (start typing a title)",
        private="Show the answer only to you",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 1000],
        article: app_commands.Range[str, 1, 100] | None = None,
        private: bool = False,
    ) -> None:
        """Ask a question; get verbatim quotes from the articles with citations."""
        question = clean(question)  # a greeting or thanks, or empty once mentions and markdown are gone:
        if await answered_without_search(self.bot, interaction, question):  # a hint, not a search
            return
        async with self.bot.in_flight.track():
            with self.bot.answer_queue.acknowledging() as acknowledged:
                try:
                    origin = origin_of(interaction.user, interaction.guild, interaction.channel_id)
                    key = self._key(interaction)
                    pending = self.bot.answer_queue.submit(
                        interaction.user.id, lambda: turn_reply(self.bot, key, question, article, origin))
                except QueueFull as busy:
                    await respond(interaction, render.busy_text(busy.retry_after), ephemeral=True)
                    return
                reply = await self._answer_in_time(interaction, pending, private, acknowledged)
            await respond(interaction, reply.content, embeds=reply.embeds, view=reply.view, ephemeral=private)
            if not private:
                await open_answer_thread(self.bot, interaction, question, self._key(interaction))

    async def _answer_in_time(self, interaction: discord.Interaction, pending: asyncio.Future[Reply],
                              private: bool, acknowledged: Callable[[], None]) -> Reply:
        """The reply, deferring the interaction first when it will not be ready in time.

        ``acknowledged`` is called once the answer may run: at once when it is expected inside
        the budget, else after the deferral.
        """
        budget = wait_budget(interaction)
        if 0 < budget and self.bot.answer_queue.expected_wait() < budget:
            acknowledged()
            done, _pending = await asyncio.wait({pending}, timeout=budget)
            if done:
                return pending.result()
        try:
            await defer_thinking(interaction, ephemeral=private)
        except BaseException:
            pending.cancel()
            raise
        finally:
            acknowledged()
        return await pending

    def _key(self, interaction: discord.Interaction) -> tuple[str, int] | tuple[str, int, int]:
        """The conversation /ask continues: the asker's in this channel, or the bot's thread's."""
        me = self.bot.user
        return conversation_key(interaction.channel, interaction.user.id, bot_id=me.id if me else None)

    @ask.autocomplete("article")
    async def article_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Up to 25 indexed titles matching what was typed so far."""
        with searching_in(await self.bot.scopes.of_interaction(interaction)):
            titles = await self.bot.engine.titles(current, limit=25)
        return [app_commands.Choice(name=clip(title, CHOICE_MAX), value=title[:CHOICE_MAX]) for title in titles[:25]]


async def setup(bot: ArticleBot) -> None:
    """Add the /ask cog."""
    await bot.add_cog(Ask(bot))
