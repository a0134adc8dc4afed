"""Several bot processes over one database and index: gateway shards, and the generation watch.

``articlebot run --shards N --shard-ids 0,1`` (or ``[discord] shard_count`` / ``shard_ids``) runs
those shards of N in this process with discord.py's ``AutoShardedBot``; other processes run the
other shards against the same database and index files. One of them (or ``articlebot reindex``)
reindexes — the file lock in ``index.leftovers`` lets only one at a time — and every process
notices the committed generation in the database within ``[scopes] generation_poll_seconds`` and
loads its index files (no rebuild, no restart). Feeds are polled by the process that holds shard 0.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from discord.ext import commands

from bot.discord_bot.client import ArticleBot
from bot.settings import DiscordSettings
from index.engine import Engine

log = logging.getLogger(__name__)


class ShardedArticleBot(ArticleBot, commands.AutoShardedBot):
    """``ArticleBot`` running some shards of the gateway (``shard_ids`` of ``shard_count``)."""


def shard_problem(shard_count: int | None, shard_ids: list[int] | None) -> str | None:
    """One sentence when the shard settings cannot be used, else None."""
    if shard_ids and shard_count is None:
        return "Give the number of shards (--shards N) with --shard-ids."
    if shard_count is not None and shard_ids and not all(0 <= i < shard_count for i in shard_ids):
        return f"Shard ids run from 0 to {shard_count - 1} when there are {shard_count} shards."
    return None


def make_bot(settings: DiscordSettings, engine: Engine, **options: Any) -> ArticleBot:
    """The bot for these settings: sharded when ``shard_count`` is set, else the plain one."""
    if settings.shard_count is None:
        return ArticleBot(settings=settings, engine=engine, **options)
    ids = sorted(set(settings.shard_ids or range(settings.shard_count)))
    log.info("Running shard(s) %s of %d.", ", ".join(map(str, ids)), settings.shard_count)
    return ShardedArticleBot(settings=settings, engine=engine, shard_count=settings.shard_count, shard_ids=ids,
                             **options)


def polls_feeds(bot: ArticleBot) -> bool:
    """True for the one process that polls the feeds: unsharded, or holding shard 0."""
    ids = getattr(bot, "shard_ids", None)
    return not ids or 0 in ids


async def watch_generation(engine: Engine, seconds: float) -> None:
    """Load the index of a generation another process committed, every ``seconds`` (0: never;
    questions still check it when they arrive)."""
    if seconds <= 0:
        return
    while True:
        await asyncio.sleep(seconds)
        before = engine.generation
        try:
            await engine.searcher()
        except Exception:  # a damaged or half-written database: the next question says so
            log.warning("Could not check the index generation", exc_info=True)
            continue
        if engine.generation != before:
            log.info("Loaded generation %d, committed by another process.", engine.generation)
