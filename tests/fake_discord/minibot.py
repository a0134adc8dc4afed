"""A minimal discord.py client (not the project's bot) for the fake's own end-to-end tests:
a few slash commands and an on_message that replies to DMs and mentions."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands

TOKEN = "test-token"


LATE_SLEEP = 3.3  # just past Discord's 3 s interaction deadline


NO_MENTIONS = discord.AllowedMentions.none()


class MiniBot(discord.Client):
    """A minimal client: a few slash commands and an on_message that replies to DMs and mentions."""

    def __init__(self, *, allowed_mentions: discord.AllowedMentions | None = NO_MENTIONS) -> None:
        """Register the commands; a short guild_ready_timeout keeps start-up fast."""
        super().__init__(intents=discord.Intents.default(), allowed_mentions=allowed_mentions, guild_ready_timeout=0.1)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[BaseException] = []
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        _register(self.tree)

    async def setup_hook(self) -> None:
        """Sync the global commands (against the fake)."""
        await self.tree.sync()

    async def _on_tree_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Record errors; answer failed permission checks."""
        self.errors.append(error)
        if isinstance(error, app_commands.CheckFailure) and not interaction.response.is_done():
            await interaction.response.send_message("denied", ephemeral=True)

    async def on_message(self, message: discord.Message) -> None:
        """Reply to DMs and to messages mentioning the bot."""
        if message.author == self.user:
            return
        if message.guild is None or self.user in message.mentions:
            await message.reply(f"echo: {message.content}")


class MoreView(discord.ui.View):
    """One button that edits its message."""

    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        """Replace the message content."""
        await interaction.response.edit_message(content="more quotes", view=None)


def _register(tree: app_commands.CommandTree[Any]) -> None:
    """Define the test commands on ``tree``."""

    @tree.command(name="ping", description="Answer at once")
    async def ping(interaction: discord.Interaction, text: str = "") -> None:
        await interaction.response.send_message(f"pong {text}".strip())

    @tree.command(name="slow", description="Defer, then follow up")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("slow answer")

    @tree.command(name="edit", description="Defer, then edit the original response")
    async def edit(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="edited answer")

    @tree.command(name="late", description="Answer after the 3 s deadline")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(LATE_SLEEP)
        await interaction.response.send_message("too late")

    @tree.command(name="big", description="Answer with too much content")
    async def big(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("x" * 2001)

    @tree.command(name="twice", description="Acknowledge twice (bypassing discord.py's guard)")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        interaction.response._response_type = None
        await interaction.response.send_message("second")

    @tree.command(name="buttons", description="Answer with a button")
    async def buttons(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("quotes", view=MoreView(timeout=60))

    @tree.command(name="admin", description="Needs Manage Server")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def admin(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("admin ok")

    @tree.command(name="orig", description="Answer, fetch the original response and edit it")
    async def orig(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("draft")
        message = await interaction.original_response()
        await message.edit(content=f"{message.content} final")

    @tree.command(name="dmme", description="Answer by DM")
    async def dmme(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("check your DMs", ephemeral=True)
        await interaction.user.send("private answer")

    @tree.command(name="whois", description="A user option")
    async def whois(interaction: discord.Interaction, who: discord.Member) -> None:
        await interaction.response.send_message(f"{who.name} admin={who.guild_permissions.manage_guild}")

    @tree.command(name="search", description="Autocompleted article")
    async def search(interaction: discord.Interaction, article: str) -> None:
        await interaction.response.send_message(article)

    @search.autocomplete("article")
    async def search_article(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        titles = ["Ukraine war", "Ukrainian grain", "Kirby interview"]
        return [app_commands.Choice(name=t, value=t) for t in titles if t.lower().startswith(current.lower())]
