"""The "Ask articlebot" message command and ``/threads`` (admins choose whether /ask opens threads).

"Ask articlebot" (right-click a message → Apps) asks the message's text as a question, in the
clicker's conversation in that channel, and answers publicly like /ask.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.analytics import origin_of
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.admin import admin_check
from bot.discord_bot.conversation import answered_without_search, conversation_key, turn_reply
from bot.discord_bot.listing_pages import ListPageButton
from bot.discord_bot.render import NOT_ADMIN_THREADS_TEXT
from bot.discord_bot.responses import defer_thinking, respond
from bot.discord_bot.threads import set_threads, threads_enabled
from bot.questions import clean

ASK_MENU = "Ask articlebot"
NO_TEXT = "That message has no text to ask about (only an image, a file, an embed or a sticker)."


class Conversation(commands.Cog):
    """The message command and the per-server thread choice."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=ASK_MENU, callback=self.ask_about_message)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def ask_about_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Answer the message's text as a question, with quotes from the articles."""
        if not message.content.strip():  # "Ask me a question…" would not say why nothing was asked
            await respond(interaction, NO_TEXT, ephemeral=True)
            return
        question = clean(message.content)
        if await answered_without_search(self.bot, interaction, question):
            return
        me = self.bot.user
        key = conversation_key(interaction.channel, interaction.user.id, bot_id=me.id if me else None)
        async with self.bot.in_flight.track():
            await defer_thinking(interaction, ephemeral=False)
            origin = origin_of(interaction.user, interaction.guild, interaction.channel_id)
            reply = await turn_reply(self.bot, key, question, origin=origin)
            await respond(interaction, reply.content, embeds=reply.embeds, view=reply.view)

    @app_commands.command(name="threads")
    @app_commands.describe(enabled="Open a thread for each /ask answer in this server")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(admin_check(NOT_ADMIN_THREADS_TEXT))
    async def threads(self, interaction: discord.Interaction, enabled: bool | None = None) -> None:
        """Whether /ask opens a thread for its answer here (members then ask there without @mention)."""
        assert interaction.guild_id is not None
        if enabled is not None:
            await set_threads(self.bot, interaction.guild_id, enabled)
        now = await threads_enabled(self.bot, interaction.guild_id)
        state = "opens a thread for each answer" if now else "answers in the channel, without threads"
        text = f"/ask {state} in this server."
        if now and not self.bot.intents.message_content:
            text += " Members mention me to ask in those threads (discord.message_content is off)."
        await respond(interaction, text, ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    """Add the conversation cog and the article lists' Next button."""
    bot.add_dynamic_items(ListPageButton)
    await bot.add_cog(Conversation(bot))
