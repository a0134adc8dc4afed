"""DMs to the bot, @mentions of it and questions in its threads get the same answer as /ask,
as a reply to the message, each in its conversation (see ``bot.discord_bot.conversation``).

Discord delivers the content of DMs and of messages that mention the bot even without the
message-content intent; questions in the bot's threads without a mention need it.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.analytics import origin_of
from bot.discord_bot.answer_queue import QueueFull
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.conversation import conversation_key, is_bot_thread, turn_reply
from bot.discord_bot.responses import NO_MENTIONS, user_message
from bot.questions import DISCORD_HELP, canned_reply, clean
from index.errors import ArticlebotError

log = logging.getLogger(__name__)


class Messages(commands.Cog):
    """Answers DMs and mentions."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    def wants_answer(self, message: discord.Message) -> bool:
        """True for a human's DM to the bot, a message that mentions the bot, or one in its thread."""
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id:
            return False
        return message.guild is None or is_bot_thread(message.channel, me.id) or self._mentioned(message)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Reply to DMs and mentions with quotes, a "not found" or a friendly error."""
        if not self.wants_answer(message):
            return
        question = clean(message.content)
        if not question and message.guild is not None and not self._mentioned(message):
            return  # a thread message whose content Discord withheld (no message-content intent)
        async with self.bot.in_flight.track():
            # The bot's own mention goes with every other mention, emoji and markdown marker.
            await self.reply(message, question)

    def _mentioned(self, message: discord.Message) -> bool:
        me = self.bot.user
        return me is not None and any(user.id == me.id for user in message.mentions)

    async def reply(self, message: discord.Message, question: str) -> None:
        """Answer ``question`` as a reply to ``message`` (an empty one, a greeting or thanks gets a
        hint, not a search); never raises."""
        try:
            kwargs: dict[str, Any]
            canned = canned_reply(question, help_hint=DISCORD_HELP)
            retry_after = self.bot.cooldowns.hit(message.author.id) if canned is None else None
            if canned is not None:
                kwargs = {"content": canned, "allowed_mentions": NO_MENTIONS}
            elif retry_after is not None:
                kwargs = {"content": render.cooldown_text(retry_after), "allowed_mentions": NO_MENTIONS}
            else:
                try:
                    origin = origin_of(message.author, message.guild, message.channel.id)
                    key = conversation_key(message.channel, message.author.id,
                                           bot_id=self.bot.user.id if self.bot.user else None)
                    kwargs = (await self.bot.answer_queue.submit(
                        message.author.id, lambda: turn_reply(self.bot, key, question, origin=origin))).kwargs()
                except QueueFull as busy:
                    kwargs = {"content": render.busy_text(busy.retry_after), "allowed_mentions": NO_MENTIONS}
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
