"""Start the bot (``articlebot run``) or only sync its commands (``articlebot sync``).

Order, as in discord.py's ``advanced_startup.py``: open the engine, build the bot with it,
run until SIGINT/SIGTERM, let answers in flight finish, close the bot, close the database.
Exit codes: 0 after a clean stop, 2 when the token is missing or rejected, 1 when Discord
cannot be reached, 3 when the database cannot be used (corrupt, or from a newer articlebot):
start-up stops with one sentence instead of rebuilding anything. A database too large for the
page check at open (``index.check_at_open_mb``) is checked once the bot answers; damage found
then stops the bot the same way, with exit code 3.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import AsyncIterator, Iterator

import discord

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.sharding import make_bot, watch_generation
from bot.settings import Settings, engine_config
from index.engine import Engine
from index.errors import StoreError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_UNREACHABLE, EXIT_TOKEN, EXIT_DATABASE = 0, 1, 2, 3
NO_TOKEN = (
    "No Discord bot token is configured. Set DISCORD_TOKEN (or ARTICLEBOT_DISCORD__TOKEN, "
    "or discord.token in config.toml) to the token from the Developer Portal's Bot page."
)
BAD_TOKEN = (
    "Discord rejected the bot token (check DISCORD_TOKEN: copy it again from the Developer "
    "Portal's Bot page, or reset it there)."
)

NO_MESSAGE_CONTENT = (
    "Discord refused the message-content intent (needed to answer in the bot's threads without a "
    "mention): turn on \"Message Content Intent\" on the Developer Portal's Bot page, or set "
    "discord.message_content = false."
)


def token_of(settings: Settings) -> str | None:
    """The configured token, or None when it is missing or blank."""
    secret = settings.discord.token
    token = secret.get_secret_value().strip() if secret is not None else ""
    return token or None


@contextlib.contextmanager
def stop_on_signals(bot: ArticleBot, running: asyncio.Future[None]) -> Iterator[None]:
    """Close ``bot`` gracefully on SIGINT/SIGTERM while the block runs, then cancel ``running``
    (its ``start``): while Discord is unreachable it sleeps up to a minute before the next
    reconnect attempt, and a stop used to wait for that sleep (10-46 s)."""
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    closing: set[asyncio.Task[None]] = set()

    async def close_then_stop() -> None:
        await bot.close()
        running.cancel()

    def stop(sig: signal.Signals) -> None:
        log.info("Received %s; finishing answers in flight and shutting down.", sig.name)
        if not bot.is_closed() and not closing:
            closing.add(asyncio.ensure_future(close_then_stop()))

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop, sig)
            installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


@contextlib.asynccontextmanager
async def check_when_ready(engine: Engine, bot: ArticleBot) -> AsyncIterator[list[StoreError]]:
    """While the block runs, check every page of a database too large to check at open.

    The check starts once the bot is ready, so it never delays the first answers; damage
    closes the bot and is put in the yielded list.
    """
    found: list[StoreError] = []

    async def check() -> None:
        await bot.wait_until_ready()
        log.info("Checking every page of %s in the background.", engine.config.db_path)
        try:
            await engine.check()
        except StoreError as error:
            found.append(error)
            await bot.close()
        else:
            log.info("Every page of %s is sound.", engine.config.db_path)

    task = None if engine.checked else asyncio.create_task(check())
    try:
        yield found
    finally:
        if task is not None:
            if not found:  # stopped for another reason: interrupt the check
                task.cancel()
            await asyncio.gather(task, return_exceptions=True)


async def ensure_index(engine: Engine) -> None:
    """Index the configured article folders when the database holds no article yet."""
    if await engine.sources():
        return
    log.info("The index is empty; indexing the configured article folders first.")
    report = await engine.reindex()
    log.info("Initial index: %s", report.to_json())


async def run_bot(settings: Settings, *, sync_only: bool = False) -> int:
    """Run the bot until stopped (or, with ``sync_only``, log in, sync commands and stop)."""
    token = token_of(settings)
    if token is None:
        print(NO_TOKEN, file=sys.stderr)
        return EXIT_TOKEN
    try:
        opened = await Engine.open(engine_config(settings))
    except StoreError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return EXIT_DATABASE
    async with opened as engine:
        try:
            await ensure_index(engine)
        except StoreError as error:  # damage met while reading a large, unchecked database
            print(f"Cannot start: {error}", file=sys.stderr)
            return EXIT_DATABASE
        # Load the search kernels and the thesaurus now, so the first questions meet the 3 s
        # deadline easily.
        await engine.warm_up()
        # Everything loaded so far (numba, discord.py, the index) lives as long as the process:
        # keep it out of the cyclic GC's full passes, which otherwise stall a question by
        # ~100 ms every few hundred questions.
        gc.freeze()
        bot = make_bot(settings.discord, engine, force_sync=sync_only,
                       analytics=settings.analytics.config(), metrics=settings.metrics.config(),
                       sources=settings.sources.config(), scopes=settings.scopes.policy(),
                       conversation_expiry=settings.conversation.expiry_minutes * 60)
        # Another process (another shard, or `articlebot reindex`) may commit a new generation.
        watcher = asyncio.ensure_future(watch_generation(engine, settings.scopes.generation_poll_seconds))
        try:
            async with bot:
                if sync_only:
                    await bot.login(token)
                    return EXIT_OK
                async with check_when_ready(engine, bot) as damage:
                    running = asyncio.ensure_future(bot.start(token))
                    with stop_on_signals(bot, running):
                        await asyncio.wait({running})
                    if not running.cancelled():  # cancelled: stopped by a signal
                        running.result()
                if damage:
                    print(f"Stopping: {damage[0]}", file=sys.stderr)
                    return EXIT_DATABASE
        except discord.PrivilegedIntentsRequired:
            print(NO_MESSAGE_CONTENT, file=sys.stderr)
            return EXIT_TOKEN
        except discord.LoginFailure:
            print(BAD_TOKEN, file=sys.stderr)
            return EXIT_TOKEN
        except (discord.GatewayNotFound, OSError) as error:
            print(f"Could not reach Discord at {settings.discord.api_base_url}: {error}", file=sys.stderr)
            return EXIT_UNREACHABLE
        finally:
            watcher.cancel()
    log.info("Stopped; the database is closed.")
    return EXIT_OK
