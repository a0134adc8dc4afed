"""DMs to the bot and @mentions of it get the same answer as /ask, as a reply to the message.

No privileged intent is needed: Discord delivers the content of DMs and of messages that
mention the bot even without the message-content intent.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.analytics import origin_of
from bot.discord_bot.answer_reply import answer_reply
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.responses import NO_MENTIONS, user_message
from bot.questions import canned_reply, clean
from index.errors import ArticlebotError

log = logging.getLogger(__name__)


class Messages(commands.Cog):
    """Answers DMs and mentions."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    def wants_answer(self, message: discord.Message) -> bool:
        """True for a human's DM to the bot or a message that mentions the bot."""
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id:
            return False
        if message.guild is None:
            return True
        return any(user.id == me.id for user in message.mentions)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Reply to DMs and mentions with quotes, a "not found" or a friendly error."""
        if not self.wants_answer(message):
            return
        async with self.bot.in_flight.track():
            # The bot's own mention goes with every other mention, emoji and markdown marker.
            await self.reply(message, clean(message.content))

    async def reply(self, message: discord.Message, question: str) -> None:
        """Answer ``question`` as a reply to ``message`` (an empty one, a greeting or thanks gets a
        hint, not a search); never raises."""
        try:
            kwargs: dict[str, Any]
            canned = canned_reply(question)
            retry_after = self.bot.cooldowns.hit(message.author.id) if canned is None else None
            if canned is not None:
                kwargs = {"content": canned, "allowed_mentions": NO_MENTIONS}
            elif retry_after is not None:
                kwargs = {"content": render.cooldown_text(retry_after), "allowed_mentions": NO_MENTIONS}
            else:
                try:
                    origin = origin_of(message.author, message.guild, message.channel.id)
                    kwargs = (await answer_reply(self.bot, question, origin=origin)).kwargs()
                except ArticlebotError as error:
                    kwargs = {"content": user_message(error), "allowed_mentions": NO_MENTIONS}
            await message.reply(mention_author=False, **kwargs)
        except Exception:
            log.exception("Could not answer message %s", message.id)
            try:
                await message.reply(render.ERROR_TEXT, mention_author=False, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.warning("Could not send the error reply either", exc_info=True)


async def setup(bot: ArticleBot) -> None:
    """Add the DM/mention cog."""
    await bot.add_cog(Messages(bot))
