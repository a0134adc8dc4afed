"""The Discord client: a thin ``commands.Bot`` that gets its settings and the engine injected.

Like discord.py's ``examples/advanced_startup.py``: the engine is opened (and closed) by the
caller, ``setup_hook`` points the gateway at the right place, loads the explicit extension
tuple (logging each failure) and syncs application commands only when they changed.
No search logic lives here: cogs call the engine and hand its values to ``bot.discord_bot.render``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.analytics import BotAnalytics
from bot.discord_bot.answer_cache import AnswerCache
from bot.discord_bot.answer_queue import AnswerQueue
from bot.discord_bot.cooldown import UserCooldowns
from bot.discord_bot.endpoints import configure_gateway, use_api_base
from bot.discord_bot.listing_cache import ListingCache
from bot.discord_bot.responses import NO_MENTIONS, report_error
from bot.discord_bot.scopes import BotScopes
from bot.discord_bot.sync import sync_commands
from bot.settings import DiscordSettings
from index.config import ScopePolicy, SourcesConfig
from index.conversation import DEFAULT_EXPIRY_SECONDS, ContextStore, Conversations

if TYPE_CHECKING:
    from index.config import AnalyticsConfig, MetricsConfig
    from index.engine import Engine

log = logging.getLogger(__name__)

# The bot never joins voice: don't warn at every start that voice libraries are missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False

EXTENSIONS: tuple[str, ...] = (
    "bot.discord_bot.cogs.ask",
    "bot.discord_bot.cogs.conversation",
    "bot.discord_bot.cogs.buttons",
    "bot.discord_bot.cogs.messages",
    "bot.discord_bot.cogs.info",
    "bot.discord_bot.cogs.admin",
    "bot.discord_bot.cogs.stats",
    "bot.discord_bot.cogs.sources",
    "bot.discord_bot.cogs.scopes",
)
MAX_QUOTES = 3
"""At most this many quote embeds in one answer, whatever ``discord.max_quotes`` says."""
DRAIN_SECONDS = 15.0
"""How long shutdown waits for answers still being written."""


class ArticleTree(app_commands.CommandTree["ArticleBot"]):
    """The command tree with the bot's one error path."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Expected errors become their sentence (ephemeral); anything else is logged."""
        await report_error(interaction, error)


class InFlight:
    """Counts answers being written, so shutdown can wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.asynccontextmanager
    async def track(self) -> AsyncIterator[None]:
        """Mark one answer as in flight for the duration of the block."""
        self.count += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is in flight; False when ``timeout`` passed first."""
        if self._idle.is_set():
            return True
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True


class ArticleBot(commands.Bot):
    """articlebot on Discord: slash commands, DMs, mentions and admin reindex."""

    def __init__(
        self,
        *,
        settings: DiscordSettings,
        engine: Engine,
        extensions: Sequence[str] = EXTENSIONS,
        force_sync: bool = False,
        guild_ready_timeout: float = 2.0,
        analytics: AnalyticsConfig | None = None,
        metrics: MetricsConfig | None = None,
        sources: SourcesConfig | None = None,
        conversation_expiry: float = DEFAULT_EXPIRY_SECONDS,
        scopes: ScopePolicy | None = None,
        **client_options: Any,
    ) -> None:
        # DMs and mentions bring their content without privileged intents; questions asked in
        # the bot's threads without a mention need the message-content intent.
        intents = discord.Intents.default()
        intents.message_content = settings.message_content
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            help_command=None,
            tree_cls=ArticleTree,
            guild_ready_timeout=guild_ready_timeout,
            **client_options,  # e.g. shard_ids and shard_count (bot.discord_bot.sharding)
        )
        self.settings = settings
        self.engine = engine
        self.sources = sources or SourcesConfig()
        self.initial_extensions = tuple(extensions)
        self.force_sync = force_sync
        self.scopes = BotScopes(engine.config, scopes or ScopePolicy(), self.thread_parent)
        self.answers = AnswerCache(engine)
        self.conversations = Conversations(engine, ContextStore(conversation_expiry))
        self.listings = ListingCache()
        self.cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_seconds)
        self.in_flight = InFlight()
        self.analytics = BotAnalytics(analytics, metrics)
        self.answer_queue = AnswerQueue(settings.answer_workers, settings.answer_queue)
        self.background: set[asyncio.Task[None]] = set()
        self.synced: bool | None = None

    @property
    def max_quotes(self) -> int:
        """Quotes per message: the setting, between 1 and 3 (More pages through the rest)."""
        return min(max(self.settings.max_quotes, 1), MAX_QUOTES)

    async def login(self, token: str) -> None:
        """Point REST calls at ``discord.api_base_url`` before logging in."""
        use_api_base(self.settings.api_base_url)
        await super().login(token)

    async def setup_hook(self) -> None:
        """Find the gateway, load the extensions, sync commands when they changed."""
        await configure_gateway(self.http, self.settings.api_base_url, self.settings.gateway_url)
        await self.analytics.start(self.engine)
        await self.scopes.start()
        for extension in self.initial_extensions:
            try:
                await self.load_extension(extension)
            except Exception:
                log.exception("Failed to load extension %s.", extension)
        self.synced = await sync_commands(
            self.tree, self.engine, self.settings.dev_guild_id, force=self.force_sync
        )

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: messages are handled by the messages cog only."""

    async def on_ready(self) -> None:
        """Log who we are once the gateway is ready."""
        log.info("Ready as %s (id %s) in %d guild(s).", self.user, getattr(self.user, "id", "?"), len(self.guilds))

    def thread_parent(self, channel_id: int) -> int | None:
        """The channel a thread was opened in (None for anything else)."""
        return getattr(self.get_channel(channel_id), "parent_id", None)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run ``coro`` in the background, keeping a reference until it ends."""
        task = asyncio.ensure_future(coro)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task

    async def close(self) -> None:
        """Finish answers in flight, stop background work, then disconnect."""
        if not self.is_closed():
            if not await self.in_flight.wait_idle(DRAIN_SECONDS):
                log.warning("Closing with %d answer(s) still in flight.", self.in_flight.count)
            await self.answer_queue.close()
            for task in list(self.background):
                task.cancel()
            await asyncio.gather(*self.background, return_exceptions=True)
            await self.analytics.close()
            await self.scopes.close()
        await super().close()
