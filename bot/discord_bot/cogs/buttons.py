"""Registers the answer and listing buttons so clicks are handled, also on older messages."""

from __future__ import annotations

from discord.ext import commands

from bot.discord_bot.views import DYNAMIC_ITEMS


async def setup(bot: commands.Bot) -> None:
    """Register every dynamic button class with the client."""
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
