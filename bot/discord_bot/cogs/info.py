"""``/sources`` (the indexed articles, paginated) and ``/help`` (how to ask, with examples)."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.responses import respond
from bot.discord_bot.views import sources_view

log = logging.getLogger(__name__)


class Info(commands.Cog):
    """Listing and help commands."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """List the articles I can quote from."""
        async with self.bot.in_flight.track():
            found = await self.bot.engine.sources()
            view = sources_view(0, len(found))
            await respond(interaction, embeds=[render.sources_embed(found, 0)], view=view, ephemeral=True)

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """How to ask articlebot, with examples."""
        try:  # an example from the indexed articles; /help answers even when they cannot be read
            speaker = await self.bot.engine.quoted_speaker()
        except Exception:
            log.warning("No example speaker for /help", exc_info=True)
            speaker = None
        await respond(interaction, embeds=[render.help_embed(speaker)], ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    """Add the /sources and /help cog."""
    await bot.add_cog(Info(bot))
