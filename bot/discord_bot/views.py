"""Buttons under answers and source listings, as ``DynamicItem``s that survive restarts.

Each button's custom_id carries what its click needs:

    ab:ctx:<passage_id>            Context N · ¶P: the paragraphs around the Nth quote (stateless)
    ab:more:<key>:<offset>         More: the next quotes of the cached answer <key>
    ab:fb:<key>:up|down            👍/👎: feedback on the cached answer <key>
    ab:src:<page>:prev|next[:<words>]  /sources pagination, of the articles matching <words> if given (stateless)

The views hold only dynamic items, so discord.py keeps no per-message state for them; the
client registers the item classes once (``bot.discord_bot.cogs.buttons``) and dispatches every click.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_bot import render
from bot.discord_bot.responses import NO_MENTIONS, report_error, respond
from bot.discord_bot.text import BUTTON_LABEL_MAX, SOURCE_WORDS_MAX
from bot.source_listing import matching, page_count
from index.analytics.records import member_hash as user_hash
from index.models import Quote
from index.scopes import searching_in

if TYPE_CHECKING:
    from bot.discord_bot.client import ArticleBot


Item = discord.ui.Item[Any]
CONTEXT_ID = r"ab:ctx:(?P<pid>[0-9]{1,19})"
MORE_ID = r"ab:more:(?P<key>[0-9a-f]{8}):(?P<offset>[0-9]{1,3})"
FEEDBACK_ID = r"ab:fb:(?P<key>[0-9a-f]{8}):(?P<vote>up|down)"
SOURCES_ID = rf"ab:src:(?P<page>[0-9]{{1,5}}):(?P<dir>prev|next)(?::(?P<words>.{{1,{SOURCE_WORDS_MAX}}}))?"


class _Guarded:
    """Mixin: run ``handle`` tracked as in flight; errors get the bot's one error path."""

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: ArticleBot = interaction.client  # type: ignore[assignment]
        async with bot.in_flight.track():
            try:
                await self.handle(interaction, bot)
            except Exception as error:  # noqa: BLE001 - every failure gets a reply and a log
                await report_error(interaction, error)

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        """What the click does."""
        raise NotImplementedError


class ContextButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button], template=CONTEXT_ID):
    """Shows the paragraphs around one quote, only to the clicker."""

    def __init__(self, passage_id: int, paragraph: int | None = None, row: int | None = None,
                 number: int | None = None) -> None:
        label = "Context" if number is None else f"Context {number}"
        if paragraph is not None:
            label += f" · ¶{paragraph}"
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=label[:BUTTON_LABEL_MAX],
            style=discord.ButtonStyle.secondary,
            custom_id=f"ab:ctx:{passage_id}",
        )
        super().__init__(button, row=row)
        self.passage_id = passage_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Item, match: Any, /) -> ContextButton:
        return cls(int(match["pid"]))

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        paragraphs = await bot.engine.context(self.passage_id, radius=1)
        quoted = next((p.paragraph for p in paragraphs if p.is_quote), None)
        title = None
        if quoted is not None:
            article = await _article_title(bot, self.passage_id)
            title = f"Context around ¶{quoted}" + (f" — {article}" if article else "")
        await respond(interaction, embeds=[render.context_embed(paragraphs, title)], ephemeral=True)


async def _article_title(bot: ArticleBot, passage_id: int) -> str | None:
    """The title of the article holding ``passage_id`` (None when it is gone)."""
    found = (await bot.engine.store.passages_by_ids([passage_id])).get(passage_id)
    return found.title if found is not None else None


class MoreButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button], template=MORE_ID):
    """Shows the next quotes of an answer, only to the clicker."""

    def __init__(self, key: str, offset: int, row: int | None = None) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label="More", style=discord.ButtonStyle.primary, custom_id=f"ab:more:{key}:{offset}"
        )
        super().__init__(button, row=row)
        self.key = key
        self.offset = offset

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Item, match: Any, /) -> MoreButton:
        return cls(match["key"], int(match["offset"]))

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        cached = await bot.answers.fetch(self.key)
        if cached is None:
            await respond(interaction, render.EXPIRED_TEXT, ephemeral=True)
            return
        page = cached.quotes[self.offset : self.offset + bot.max_quotes]
        if not page:
            await respond(interaction, "There are no more quotes for this question.", ephemeral=True)
            return
        end = self.offset + len(page)
        view = answer_view(page, key=self.key, next_offset=end if end < len(cached.quotes) else None)
        embeds = render.quote_embeds(page, bot.max_quotes)
        await respond(interaction, embeds=embeds, view=view, ephemeral=True)


class FeedbackButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button], template=FEEDBACK_ID):
    """Stores 👍/👎 for an answer with the question, quote ids and a hash of the user id."""

    def __init__(self, key: str, vote: str, row: int | None = None) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            emoji="👍" if vote == "up" else "👎",
            style=discord.ButtonStyle.secondary,
            custom_id=f"ab:fb:{key}:{vote}",
        )
        super().__init__(button, row=row)
        self.key = key
        self.vote = vote

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Item, match: Any, /) -> FeedbackButton:
        return cls(match["key"], match["vote"])

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        cached = await bot.answers.fetch(self.key)
        if cached is None:
            await respond(interaction, render.EXPIRED_TEXT, ephemeral=True)
            return
        shown = [q.passage_id for q in cached.quotes[: bot.max_quotes]]
        value = 1 if self.vote == "up" else -1
        # thanked first: a reindex (here or in another process) may hold the database's lock for
        # seconds, and the vote waits for it (still in flight: a shutdown lets it finish)
        await respond(interaction, "Thanks for the feedback!", ephemeral=True)
        await bot.engine.record_feedback(cached.question, shown, user_hash(interaction.user.id), value, self.key)


class SourcesPageButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button], template=SOURCES_ID):
    """Turns a /sources listing (of the articles matching its words, if given) to another page
    (edits that message)."""

    def __init__(self, page: int, direction: str, disabled: bool = False, words: str = "") -> None:
        words = words[:SOURCE_WORDS_MAX]
        button: discord.ui.Button[Any] = discord.ui.Button(
            label="Previous" if direction == "prev" else "Next",
            style=discord.ButtonStyle.secondary,
            custom_id=f"ab:src:{page}:{direction}" + (f":{words}" if words else ""),
            disabled=disabled,
        )
        super().__init__(button)
        self.page = page
        self.words = words

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Item, match: Any, /) -> SourcesPageButton:
        return cls(int(match["page"]), match["dir"], words=match["words"] or "")

    async def handle(self, interaction: discord.Interaction, bot: ArticleBot) -> None:
        with searching_in(await bot.scopes.of_interaction(interaction)):
            sources = await bot.engine.sources()
        if self.words:
            sources = matching(sources, self.words)
        page = min(self.page, page_count(len(sources)) - 1)
        await interaction.response.edit_message(
            embed=render.sources_embed(sources, page, self.words),
            view=sources_view(page, len(sources), self.words),
            allowed_mentions=NO_MENTIONS,
        )


DYNAMIC_ITEMS = (ContextButton, MoreButton, FeedbackButton, SourcesPageButton)


def answer_view(
    quotes: Sequence[Quote], *, key: str, next_offset: int | None, feedback: bool = False
) -> discord.ui.View:
    """Context buttons for ``quotes`` (rows 0-1), numbered like the quotes' embeds ("Context 2 · ¶4"),
    then More and 👍/👎 (row 2)."""
    view = discord.ui.View(timeout=None)
    seen: set[int] = set()
    for number, quote in enumerate(quotes[:10], start=1):
        if quote.passage_id in seen:
            continue
        seen.add(quote.passage_id)
        view.add_item(ContextButton(quote.passage_id, quote.citation.paragraph, row=len(seen) // 6, number=number))
    if next_offset is not None:
        view.add_item(MoreButton(key, next_offset, row=2))
    if feedback:
        view.add_item(FeedbackButton(key, "up", row=2))
        view.add_item(FeedbackButton(key, "down", row=2))
    return view


def sources_view(page: int, total: int, words: str = "") -> discord.ui.View | None:
    """Previous/Next buttons when the listing (of the articles matching ``words``) has more than one page."""
    pages = page_count(total)
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(SourcesPageButton(max(page - 1, 0), "prev", disabled=page == 0, words=words))
    view.add_item(SourcesPageButton(min(page + 1, pages - 1), "next", disabled=page >= pages - 1, words=words))
    return view
