"""``/add url:`` and ``/feeds add|list|remove`` (admins only), and the feeds' polling schedule.

``/add`` defers at once (Discord's 3-second deadline), shows which page it is fetching, then
one line per URL: added with its title and link, or not with the reason. Feeds are polled every
``sources.poll_minutes`` in the background; questions keep being answered meanwhile (fetching
is asynchronous, extraction and indexing run in worker threads). A failing feed is logged and
shown as FAILING, with its reason, by ``/feeds list``.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.archive_plan import feed_guild, own_guild, pages_folder
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.admin import EDIT_EVERY, admin_check
from bot.discord_bot.render import ERROR_TEXT
from bot.discord_bot.responses import NO_MENTIONS, defer_thinking, user_message
from bot.discord_bot.sharding import polls_feeds
from bot.discord_bot.text import CONTENT_MAX, cut_words
from bot.sources_text import added_summary, feed_added_text, feeds_text, poll_line, removal_text
from index.sources.feed_store import FeedRow, FeedStore
from index.sources.feeds import poll_all, poll_feed
from index.sources.fetch import web_url_problem
from index.sources.pages import add_urls

log = logging.getLogger(__name__)

NOT_SOURCES_ADMIN_TEXT = "Sorry, only server admins can add articles and feeds."
NO_URL_TEXT = "Give the page's address, for example https://example.com/news/article.html."


sources_admin_only = admin_check(NOT_SOURCES_ADMIN_TEXT)


class Progress:
    """Edits a deferred reply with the latest progress line, at most once per ``EDIT_EVERY``.

    Used as ``async with``: an error inside ends the edits and shows its sentence instead.
    """

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.latest = ""
        self.changed = asyncio.Event()
        self.task = asyncio.ensure_future(self._pump())

    async def __aenter__(self) -> Progress:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, _: object) -> bool:
        if error is None or not isinstance(error, Exception):
            self.task.cancel()
            return False
        text = user_message(error)
        if text is None:
            log.error("/%s failed", self.interaction.command and self.interaction.command.qualified_name,
                      exc_info=error)
            text = ERROR_TEXT
        await self.finish(text)
        return True

    def note(self, text: str) -> None:
        """Remember ``text`` as the line to show next."""
        self.latest = text
        self.changed.set()

    async def finish(self, text: str) -> None:
        """Stop the progress edits and show ``text`` (clipped to one message)."""
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await edit(self.interaction, text)

    async def _pump(self) -> None:
        while True:
            await self.changed.wait()
            self.changed.clear()
            await edit(self.interaction, self.latest)
            await asyncio.sleep(EDIT_EVERY)


async def edit(interaction: discord.Interaction, text: str) -> None:
    """Replace the deferred reply's text; a failed edit is logged, not raised."""
    try:
        await interaction.edit_original_response(content=cut_words(text, CONTENT_MAX), allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.warning("Could not edit the reply to /%s", interaction.command and interaction.command.qualified_name,
                    exc_info=True)


class Sources(commands.Cog):
    """/add, /feeds, and the polling schedule."""

    feeds = app_commands.Group(name="feeds", description="RSS and Atom feeds polled for new articles (admins only)",
                               default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self.poller: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        """Start polling the feeds when a schedule is configured."""
        if self.bot.sources.poll_minutes > 0 and polls_feeds(self.bot):  # one process of several shards polls
            self.poller = self.bot.spawn(self._poll_forever())

    async def cog_unload(self) -> None:
        if self.poller is not None:
            self.poller.cancel()

    @app_commands.command(name="add")
    @app_commands.describe(url="The page's address (several: separate them with spaces)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(sources_admin_only)
    async def add(self, interaction: discord.Interaction, url: str) -> None:
        """Fetch web pages by URL and index them (admins only)."""
        await defer_thinking(interaction, ephemeral=True)
        if not url.split():
            await edit(interaction, NO_URL_TEXT)
            return
        async with Progress(interaction) as progress:
            folder = await pages_folder(self.bot.scopes, interaction, self.bot.engine.config.pages_dir)
            results = await add_urls(self.bot.engine, url.split(), self.bot.sources, progress=progress.note,
                                     folder=folder)
            log.info("/add: %s", [(r.url, r.reason or "added") for r in results])
            await progress.finish(added_summary(results))

    @feeds.command(name="add")
    @app_commands.describe(url="The RSS or Atom feed's address")
    @app_commands.check(sources_admin_only)
    async def feeds_add(self, interaction: discord.Interaction, url: str) -> None:
        """Poll another feed: its entries are indexed now and its new ones from then on."""
        await defer_thinking(interaction, ephemeral=True)
        url = url.strip()
        problem = web_url_problem(url)
        if problem:
            await edit(interaction, problem)
            return
        async with Progress(interaction) as progress, FeedStore.of(self.bot.engine.config) as store:
            guild = await feed_guild(self.bot.scopes, interaction, self.bot.engine.config.pages_dir)
            if not await store.add(url, guild):
                await progress.finish(f"{url} is already polled.")
                return
            progress.note(f"Feed added: {url}; polling it now…")
            poll = await poll_feed(self.bot.engine, store, await _feed(store, url), self.bot.sources)
            await progress.finish(feed_added_text(poll))

    @feeds.command(name="list")
    @app_commands.check(sources_admin_only)
    async def feeds_list(self, interaction: discord.Interaction) -> None:
        """The feeds and the outcome of their last poll."""
        await defer_thinking(interaction, ephemeral=True)
        async with FeedStore.of(self.bot.engine.config) as store:
            await store.use_configured(self.bot.sources.feeds)
            guild = own_guild(self.bot.scopes, interaction)  # a server lists its own feeds and the shared ones
            await edit(interaction, feeds_text([f for f in await store.feeds() if f.guild_id in (None, guild)]))

    @feeds.command(name="remove")
    @app_commands.describe(url="The feed's address, as /feeds list shows it")
    @app_commands.check(sources_admin_only)
    async def feeds_remove(self, interaction: discord.Interaction, url: str) -> None:
        """Stop polling a feed an admin added (its articles stay indexed)."""
        await defer_thinking(interaction, ephemeral=True)
        async with FeedStore.of(self.bot.engine.config) as store:
            outcome = await store.remove(url.strip(), own_guild(self.bot.scopes, interaction))
        await edit(interaction, removal_text(url.strip(), outcome))

    async def _poll_forever(self) -> None:
        """Poll every feed, then wait ``poll_minutes``; a failed round is logged and the next one runs."""
        while True:
            try:
                for poll in await poll_all(self.bot.engine, self.bot.sources):
                    log.log(logging.WARNING if poll.error else logging.INFO, "Feed poll: %s", poll_line(poll))
            except Exception:
                log.exception("Polling the feeds failed")
            await asyncio.sleep(self.bot.sources.poll_minutes * 60)


async def _feed(store: FeedStore, url: str) -> FeedRow:
    """The stored row of the feed just added."""
    row = await store.feed(url)
    assert row is not None
    return row


async def setup(bot: ArticleBot) -> None:
    """Add the sources cog."""
    await bot.add_cog(Sources(bot))
