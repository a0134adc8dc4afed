"""/ask may open a thread for its answer (a per-server choice, kept in the database).

Inside the thread everyone continues one conversation, seeded with the /ask answer, and asks
without mentioning the bot. The choice is made with ``/threads`` by a server's admins; servers
that made none follow ``discord.ask_threads``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord

from bot.discord_bot.text import clip

if TYPE_CHECKING:
    from bot.discord_bot.client import ArticleBot
    from bot.discord_bot.conversation import ConversationKey

log = logging.getLogger(__name__)

THREAD_NAME_MAX = 100
ARCHIVE_MINUTES: Literal[1440] = 1440
"""A quiet answer thread is archived after a day."""


def _meta_key(guild_id: int) -> str:
    return f"guild:{guild_id}:ask_threads"


async def threads_enabled(bot: ArticleBot, guild_id: int | None) -> bool:
    """Whether /ask opens threads in this server (never in DMs)."""
    if guild_id is None:
        return False
    stored = await bot.engine.get_meta(_meta_key(guild_id))
    return bot.settings.ask_threads if stored is None else stored == "on"


async def set_threads(bot: ArticleBot, guild_id: int, enabled: bool) -> None:
    """Store this server's choice."""
    await bot.engine.set_meta(_meta_key(guild_id), "on" if enabled else "off")


async def open_answer_thread(bot: ArticleBot, interaction: discord.Interaction, question: str,
                             key: ConversationKey) -> discord.Thread | None:
    """Open a thread on the /ask answer when the server wants one and the answer is in a text
    channel; the thread's conversation starts from the answer. A refusal (missing permission)
    is logged and costs only the thread."""
    if not isinstance(interaction.channel, discord.TextChannel) or not await threads_enabled(bot, interaction.guild_id):
        return None
    try:
        message = await interaction.original_response()
        thread = await message.create_thread(name=clip(question, THREAD_NAME_MAX),
                                             auto_archive_duration=ARCHIVE_MINUTES)
    except discord.HTTPException:
        log.warning("Could not open a thread for an answer in channel %s.", interaction.channel_id, exc_info=True)
        return None
    topic = bot.conversations.contexts.get(key)
    if topic is not None:
        bot.conversations.remember(("thread", thread.id), topic)
    return thread
