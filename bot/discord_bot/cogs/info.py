"""``/sources`` (the indexed articles, paginated) and ``/help`` (how to ask, with examples).

Both are cheap and never wait behind answers (issue 18: /help was lost during a burst of /ask):
they read the database once per index generation and answer from what they kept until the
next reindex commits, so a burst of questions holding the database connection cannot delay them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.responses import respond
from bot.discord_bot.text import SOURCE_WORDS_MAX
from bot.discord_bot.views import sources_view
from bot.source_listing import matching
from index.models import SourceInfo
from index.scopes import EVERYTHING, ArchiveScope, searching_in

log = logging.getLogger(__name__)


class Info(commands.Cog):
    """Listing and help commands."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        # Per generation and scope (index.scopes): each server and limited channel has its own.
        self._read: dict[tuple[str, int, ArchiveScope], Any] = {}

    async def cog_load(self) -> None:
        """Read what /help and /sources show before the first member asks."""
        try:
            await self.listed_sources()
            await self.example_speaker()
        except Exception as error:  # e.g. damaged pages, which the start-up check then reports
            log.warning("Could not read the sources for /help and /sources yet: %s", error)

    async def listed_sources(self, scope: ArchiveScope = EVERYTHING) -> list[SourceInfo]:
        """The articles ``scope`` sees, read once per index generation."""
        found: list[SourceInfo] = await self._once("sources", scope, self.bot.engine.sources)
        return found

    async def example_speaker(self, scope: ArchiveScope = EVERYTHING) -> str | None:
        """Someone the articles ``scope`` sees quote, for /help's example, read once per generation."""
        speaker: str | None = await self._once("speaker", scope, self.bot.engine.quoted_speaker)
        return speaker

    async def _once(self, what: str, scope: ArchiveScope, read: Callable[[], Awaitable[Any]]) -> Any:
        """``read()`` in ``scope``, kept until the next generation."""
        generation = self.bot.engine.generation
        key = (what, generation, scope)
        if key not in self._read:
            with searching_in(scope):
                value = await read()
            self._read = {k: v for k, v in self._read.items() if k[1] == generation} | {key: value}
        return self._read[key]

    @app_commands.command(name="sources")
    @app_commands.describe(words="Only the articles whose title or file name holds these words")
    async def sources(self, interaction: discord.Interaction,
                      words: app_commands.Range[str, 1, SOURCE_WORDS_MAX] | None = None) -> None:
        """List the articles I can quote from (or those whose title or file name holds some words)."""
        async with self.bot.in_flight.track():
            found = await self.listed_sources(await self.bot.scopes.of_interaction(interaction))
            words = " ".join((words or "").split())
            chosen = matching(found, words) if words else found
            view = sources_view(0, len(chosen), words)
            await respond(interaction, embeds=[render.sources_embed(chosen, 0, words)], view=view, ephemeral=True)

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """How to ask articlebot, with examples."""
        try:  # an example from the indexed articles; /help answers even when they cannot be read
            speaker = await self.example_speaker(await self.bot.scopes.of_interaction(interaction))
        except Exception:
            log.warning("No example speaker for /help", exc_info=True)
            speaker = None
        await respond(interaction, embeds=[render.help_embed(speaker)], ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    """Add the /sources and /help cog."""
    await bot.add_cog(Info(bot))
