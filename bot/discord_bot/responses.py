"""Sending replies: one helper for first responses and follow-ups, one for errors.

Every send passes ``AllowedMentions.none()`` explicitly (the client default says the same),
so no reply can ping anyone whatever the quoted text contains.

Deferrals go through :func:`defer_thinking`. Discord fills a "thinking…" message with the
first follow-up and keeps the deferral's visibility whatever the follow-up asks for, so an
ephemeral reply (an error, say) after a *public* deferral first deletes that message: the
follow-up is then a message of its own and only the asker sees it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot.discord_bot.render import ERROR_TEXT, STORE_TROUBLE_TEXT
from index.errors import ArticlebotError, StoreError

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062  # Discord's code for an interaction it no longer accepts replies to

NO_MENTIONS = discord.AllowedMentions.none()
PUBLIC_THINKING = "articlebot.public_thinking"
"""Key in ``Interaction.extras``: True while a public "thinking…" message waits for its content."""


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
    """Answer ``interaction``: the first response, or a follow-up once responded or deferred.

    ``ephemeral`` always holds: after a public deferral the "thinking…" message is deleted first.
    """
    kwargs = message_kwargs(content, embeds, view)
    if not interaction.response.is_done():
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
        return
    if ephemeral:
        await _drop_public_thinking(interaction)
    await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    interaction.extras.pop(PUBLIC_THINKING, None)


async def defer_thinking(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Defer with "articlebot is thinking…", remembering whether the channel sees it."""
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    interaction.extras[PUBLIC_THINKING] = not ephemeral


async def _drop_public_thinking(interaction: discord.Interaction) -> None:
    """Delete a public "thinking…" message still waiting, so the next follow-up can be ephemeral."""
    if not interaction.extras.pop(PUBLIC_THINKING, False):
        return
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        # Still send the reply: shown publicly if the message is there, it beats "thinking…" forever.
        log.warning("Could not delete the public 'thinking…' message", exc_info=True)


def user_message(error: BaseException) -> str | None:
    """The sentence to show for an expected error, or None for a bug.

    Database trouble names the server's files and what to do with them: members get a
    general sentence and the details are logged for the admin.
    """
    original = getattr(error, "original", None) or error
    if isinstance(original, StoreError):
        log.error("Cannot use the database: %s", original)
        return STORE_TROUBLE_TEXT
    if isinstance(original, ArticlebotError):
        return str(original)
    if isinstance(error, (app_commands.CheckFailure, app_commands.TransformerError)):
        return str(error)
    return None


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user (ephemerally, even after a public deferral) what went wrong; log anything unexpected.

    An interaction Discord has already dropped (no reply within 3 s: an overloaded machine) can be
    told nothing more; that is one warning line, not a traceback per question.
    """
    original = getattr(error, "original", None) or error
    command = interaction.command.qualified_name if interaction.command else interaction.data
    if isinstance(original, discord.NotFound) and original.code == UNKNOWN_INTERACTION:
        log.warning("An interaction (%s) expired before it was answered (Discord waits 3 s); is the machine overloaded?",
                    command)
        return
    text = user_message(error)
    if text is None:
        log.error("Interaction failed (%s)", command, exc_info=original)
        text = ERROR_TEXT
    try:
        await respond(interaction, text, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)
