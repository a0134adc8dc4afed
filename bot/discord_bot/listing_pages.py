"""Lists of articles (archive questions) on Discord, ten at a time, with a "Next" button.

The button's custom_id is ``ab:list:<key>:<offset>``; the list itself is kept in memory under
``key`` (``bot.discord_bot.listing_cache``), so a click after a restart asks the member to ask again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.discord_bot import render
from bot.discord_bot import text as t
from bot.discord_bot.responses import NO_MENTIONS, respond
from bot.discord_bot.views import Item, _Guarded
from index.config import ConversationParams
from index.conversation import ArchiveReply

if TYPE_CHECKING:
    from bot.discord_bot.client import ArticleBot

PAGE = ConversationParams().listed_per_page
LIST_ID = r"ab:list:(?P<key>[0-9a-f]{8}):(?P<offset>[0-9]{1,5})"
GONE_TEXT = "That list is no longer kept; ask the question again."


def list_page(reply: ArchiveReply, key: str, offset: int) -> tuple[discord.Embed, discord.ui.View | None]:
    """Articles ``offset`` to ``offset + PAGE`` in an embed, and a Next button when more follow."""
    shown = reply.items[offset:offset + PAGE]
    budget = (t.EMBED_DESCRIPTION_MAX - 100) // max(len(shown), 1)
    lines = []
    for number, item in enumerate(shown, start=offset + 1):
        title = t.escaped_fit(item.title, 200)
        detail = t.escaped_fit(item.detail, budget - len(title) - 12) if item.detail else ""
        lines.append(f"**{number}. {title}**" + (f"\n{detail}" if detail else ""))
    embed = discord.Embed(description="\n".join(lines), colour=render.COLOUR)
    end = offset + len(shown)
    if len(reply.items) > PAGE:
        embed.set_footer(text=f"{offset + 1}–{end} of {len(reply.items)}")
    if end >= len(reply.items):
        return embed, None
    view = discord.ui.View(timeout=None)
    view.add_item(ListPageButton(key, end))
    return embed, view


class ListPageButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button], template=LIST_ID):
    """Shows the next page of an article list (edits that message)."""

    def __init__(self, key: str, offset: int) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label="Next", style=discord.ButtonStyle.secondary, custom_id=f"ab:list:{key}:{offset}")
        super().__init__(button)
        self.key, self.offset = key, offset

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Item, match: Any, /) -> ListPageButton:
        return cls(match["key"], int(match["offset"]))

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        reply = bot.listings.get(self.key)
        if reply is None:
            await respond(interaction, GONE_TEXT, ephemeral=True)
            return
        embed, view = list_page(reply, self.key, min(self.offset, max(len(reply.items) - 1, 0)))
        await interaction.response.edit_message(embed=embed, view=view, allowed_mentions=NO_MENTIONS)
