"""Sending replies: one helper for first responses and follow-ups, one for errors.

Every send passes ``AllowedMentions.none()`` explicitly (the client default says the same),
so no reply can ping anyone whatever the quoted text contains.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot.render import ERROR_TEXT
from index.errors import ArticlebotError

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


class PoliteRefusal(app_commands.CheckFailure):
    """A check that failed for a reason the user should read (``str(err)`` is the sentence)."""


def message_kwargs(
    content: str | None = None,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
) -> dict[str, Any]:
    """Keyword arguments for any discord.py send/edit call, mentions disabled."""
    kwargs: dict[str, Any] = {"content": content, "allowed_mentions": NO_MENTIONS}
    if embeds:
        kwargs["embeds"] = list(embeds)
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def respond(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Answer ``interaction``: the first response, or a follow-up once responded or deferred."""
    kwargs = message_kwargs(content, embeds, view)
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)


def user_message(error: BaseException) -> str | None:
    """The sentence to show for an expected error, or None for a bug."""
    original = getattr(error, "original", None) or error
    if isinstance(original, ArticlebotError):
        return str(original)
    if isinstance(error, (app_commands.CheckFailure, app_commands.TransformerError)):
        return str(error)
    return None


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user (ephemerally) what went wrong; log the traceback of anything unexpected."""
    text = user_message(error)
    if text is None:
        original = getattr(error, "original", None) or error
        command = interaction.command.qualified_name if interaction.command else interaction.data
        log.error("Interaction failed (%s)", command, exc_info=original)
        text = ERROR_TEXT
    try:
        await respond(interaction, text, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)
