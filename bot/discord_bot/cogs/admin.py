"""``/reindex [path]``: rebuild the index in the background (admins only).

Hidden from non-admins by default (Manage Server) and checked again at run time: Manage
Server or Administrator in the guild, or a user id in ``discord.admin_user_ids``. The command
answers at once, edits its message with progress, and ends with the added/updated/removed/bad/
duplicate counts, each bad file by name, and the duplicates and the files skipped as not
articles as a counted line each. The engine keeps answering from the old index until the new
one is committed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import render
from bot.discord_bot.archive_plan import ReindexPlan, reindex_plan
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.helper_priority import HelperPriority
from bot.discord_bot.responses import NO_MENTIONS, PoliteRefusal, respond
from bot.discord_bot.text import CONTENT_MAX, cut_words
from index.errors import ArticlebotError
from index.models import ReindexProgress

log = logging.getLogger(__name__)

EDIT_EVERY = 1.0
"""Seconds between progress edits, to stay well inside Discord's rate limits."""


def is_admin(interaction: discord.Interaction, admin_user_ids: list[int]) -> bool:
    """True for a listed admin id, or a guild member with Manage Server or Administrator."""
    if interaction.user.id in admin_user_ids:
        return True
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    return permissions.manage_guild or permissions.administrator


def admin_check(refusal: str) -> Callable[[discord.Interaction], bool]:
    """A run-time admin check for ``app_commands.check`` that refuses politely (ephemeral) with
    ``refusal``, the sentence naming what the member tried (each admin command has its own)."""
    def check(interaction: discord.Interaction) -> bool:
        bot: ArticleBot = interaction.client  # type: ignore[assignment]
        if not is_admin(interaction, bot.settings.admin_user_ids):
            raise PoliteRefusal(refusal)
        return True

    return check


admin_only = admin_check(render.NOT_ADMIN_TEXT)
"""The check of /reindex."""


class Admin(commands.Cog):
    """The /reindex command."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self.task: asyncio.Future[None] | None = None

    def running(self) -> bool:
        """True while a reindex started here (or elsewhere on the engine) runs."""
        return (self.task is not None and not self.task.done()) or self.bot.engine.reindexing

    @app_commands.command(name="reindex")
    @app_commands.describe(path="A file or folder inside the configured article folders (default: all of them)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(admin_only)
    async def reindex(self, interaction: discord.Interaction, path: str | None = None) -> None:
        """Rebuild the article index (admins only)."""
        if self.running():
            await respond(interaction, render.REINDEX_RUNNING_TEXT, ephemeral=True)
            return
        plan = await reindex_plan(self.bot.scopes, self.bot.engine, interaction, self.within_articles(path) if path else None)
        sent = asyncio.Event()
        self.task = self.bot.spawn(self.run(interaction, plan, sent))
        try:
            await respond(interaction, render.reindex_progress_text(None), ephemeral=True)
        finally:
            sent.set()

    def within_articles(self, path: str) -> Path:
        """``path`` as given when absolute; a relative one is taken inside the article folders
        (the first holding it, else the first), not in the bot's working folder."""
        given = Path(path)
        roots = self.bot.engine.config.article_dirs
        if given.is_absolute() or not roots:
            return given
        for root in roots:
            if (root / given).exists():
                return root / given
        return roots[0] / given

    async def run(self, interaction: discord.Interaction, plan: ReindexPlan, sent: asyncio.Event) -> None:
        """Reindex, editing the command's message with progress and then the report."""
        loop = asyncio.get_running_loop()
        latest: list[ReindexProgress | None] = [None]
        changed = asyncio.Event()
        helpers = HelperPriority()

        def note(progress: ReindexProgress) -> None:
            latest[0] = progress
            changed.set()
            helpers.lower()  # the parsing processes, once started, yield the CPU to the answers

        def on_progress(progress: ReindexProgress) -> None:
            # Called from the engine's worker thread.
            loop.call_soon_threadsafe(note, progress)

        pump = asyncio.ensure_future(self._show_progress(interaction, latest, changed, sent))
        try:
            report = await self.bot.engine.reindex(plan.paths, progress=on_progress, exclude=plan.exclude,
                                                   only_configured=plan.only_configured)
            text = render.reindex_report_text(report, self.bot.engine.config.article_dirs)
            log.info("Reindex finished: %s", report.to_json())
        except ArticlebotError as error:
            text = str(error)
        except Exception:
            log.exception("Reindex failed")
            text = render.ERROR_TEXT
        finally:
            pump.cancel()
            await asyncio.gather(pump, return_exceptions=True)
        await sent.wait()
        await self._edit(interaction, text)

    async def _show_progress(
        self,
        interaction: discord.Interaction,
        latest: list[ReindexProgress | None],
        changed: asyncio.Event,
        sent: asyncio.Event,
    ) -> None:
        """Edit the message when progress changed, at most once per ``EDIT_EVERY``."""
        await sent.wait()
        while True:
            await changed.wait()
            changed.clear()
            await self._edit(interaction, render.reindex_progress_text(latest[0]))
            await asyncio.sleep(EDIT_EVERY)

    async def _edit(self, interaction: discord.Interaction, text: str) -> None:
        """Replace the command's message text (cut to Discord's limit: a refusal naming a
        1,950-character path would otherwise be rejected and leave "Reindexing…" forever);
        a failed edit is logged, not raised."""
        try:
            await interaction.edit_original_response(content=cut_words(text, CONTENT_MAX),
                                                      allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("Could not edit the /reindex message", exc_info=True)


async def setup(bot: ArticleBot) -> None:
    """Add the /reindex cog."""
    await bot.add_cog(Admin(bot))
