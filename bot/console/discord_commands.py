"""``articlebot run`` (start the Discord bot) and ``articlebot sync`` (push its slash commands)."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import click
import discord

from bot.console.common import engine_options, settings_from
from bot.discord_bot.run import run_bot
from bot.discord_bot.sharding import shard_problem
from bot.settings import Settings


def _start(settings: Settings, *, sync_only: bool) -> None:
    """Set up discord.py's logging, run, exit with the bot's code."""
    discord.utils.setup_logging(level=logging.INFO)
    sys.exit(asyncio.run(run_bot(settings, sync_only=sync_only)))


@click.command(short_help="Start the Discord bot (needs DISCORD_TOKEN).")
@engine_options
@click.option("--shards", type=click.IntRange(1), default=None,
              help="How many gateway shards the bot runs in all (default: [discord] shard_count, else none).")
@click.option("--shard-ids", default=None, metavar="IDS",
              help="The shards this process runs, e.g. 0,1 (default: all of --shards).")
def run(db: Path | None, config: Path | None, shards: int | None, shard_ids: str | None) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); stop it with Ctrl-C or SIGTERM.

    Indexes the configured article folders first when the index is empty (creating the
    database if needed). With --shards, several processes share one database and index:
    each runs its --shard-ids and loads the generation another one reindexed.
    """
    settings = settings_from(config, db)
    if shards is not None:
        settings.discord.shard_count = shards
    if shard_ids is not None:
        try:
            settings.discord.shard_ids = [int(part) for part in shard_ids.split(",") if part.strip()]
        except ValueError:
            raise click.UsageError("--shard-ids takes shard numbers separated by commas, e.g. 0,1.") from None
    problem = shard_problem(settings.discord.shard_count, settings.discord.shard_ids)
    if problem:
        raise click.UsageError(problem)
    _start(settings, sync_only=False)


@click.command(short_help="Push the slash commands to Discord now.")
@engine_options
def sync(db: Path | None, config: Path | None) -> None:
    """Push the slash commands to Discord now (run normally syncs only when they changed)."""
    _start(settings_from(config, db), sync_only=True)
