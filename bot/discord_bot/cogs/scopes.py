"""``/scope show|limit|clear``: what a channel searches, and limiting it to one folder (server admins).

A server admin limits a channel to one folder of what the server sees (its own archive, or the
shared one); members' questions there quote only articles under that folder. The limit is kept
in the database (``channel_scopes``), so every bot process applies it from the next question.
"""

from __future__ import annotations

from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.admin import admin_check
from bot.discord_bot.render import NOT_ADMIN_SCOPE_TEXT
from bot.discord_bot.responses import respond
from bot.discord_bot.scopes import channel_of
from index.scopes import guild_scope

scope_admin_only = admin_check(NOT_ADMIN_SCOPE_TEXT)
"""The check of /scope limit and /scope clear (/scope show is for everyone)."""
NOT_VISIBLE_TEXT = "That folder is not part of this server's archive."
NO_SUCH_FOLDER_TEXT = "There is no folder {path} in the article folders."


class Scopes(commands.Cog):
    """The /scope command group."""

    scope = app_commands.Group(name="scope", description="What this channel's questions search",
                               default_permissions=discord.Permissions(manage_guild=True), guild_only=True)

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @scope.command(name="show")
    async def show(self, interaction: discord.Interaction) -> None:
        """Say which folders this channel's questions search."""
        scopes, guild = self.bot.scopes, str(interaction.guild_id)
        own = await scopes.own_folders(guild)
        limit = await scopes.store.channel_limit(str(channel_of(interaction.channel, interaction.channel_id)))
        lines = [f"This server's own folders: {', '.join(own)}." if own else "This server has no folder of its own."]
        if not own or scopes.policy.guilds_see_shared:
            lines.append("It also sees the shared archive." if own else "It sees the shared archive.")
        lines.append(f"This channel is limited to {limit}." if limit else "This channel is not limited.")
        await respond(interaction, " ".join(lines), ephemeral=True)

    @scope.command(name="limit")
    @app_commands.describe(folder="A folder of this server's archive (relative to the article folders, or absolute)")
    @app_commands.check(scope_admin_only)
    async def limit(self, interaction: discord.Interaction, folder: str) -> None:
        """Limit this channel's questions to one folder (server admins)."""
        path = self._folder(folder)
        if path is None:
            await respond(interaction, NO_SUCH_FOLDER_TEXT.format(path=folder), ephemeral=True)
            return
        guild = str(interaction.guild_id)
        seen = guild_scope(guild, await self.bot.scopes.store.claims(), self.bot.scopes.policy)
        if not seen.visible(str(path)):
            await respond(interaction, NOT_VISIBLE_TEXT, ephemeral=True)
            return
        channel = str(channel_of(interaction.channel, interaction.channel_id))
        await self.bot.scopes.store.limit_channel(guild, channel, str(path), str(interaction.user.id))
        self.bot.scopes.forget()
        await respond(interaction, f"Questions in this channel now search only {path}.", ephemeral=True)

    @scope.command(name="clear")
    @app_commands.check(scope_admin_only)
    async def clear(self, interaction: discord.Interaction) -> None:
        """Let this channel search the whole server archive again (server admins)."""
        channel = str(channel_of(interaction.channel, interaction.channel_id))
        lifted = await self.bot.scopes.store.clear_channel(str(interaction.guild_id), channel)
        self.bot.scopes.forget()
        await respond(interaction, "This channel searches the whole server archive again." if lifted
                      else "This channel was not limited.", ephemeral=True)

    def _folder(self, given: str) -> Path | None:
        """The folder named ``given`` (absolute, else inside one of the article folders or the
        added pages), or None when there is none."""
        config = self.bot.engine.config
        path = Path(given.strip())
        if path.is_absolute():
            return path if path.is_dir() else None
        for root in (*config.article_dirs, config.pages_dir):
            if (root / path).is_dir():
                return root / path
        return None


async def setup(bot: ArticleBot) -> None:
    """Add the /scope cog."""
    await bot.add_cog(Scopes(bot))
