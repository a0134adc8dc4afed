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


def _start(config: Path | None, db: Path | None, *, sync_only: bool) -> None:
    """Load settings, set up discord.py's logging, run, exit with the bot's code."""
    settings = settings_from(config, db)
    discord.utils.setup_logging(level=logging.INFO)
    sys.exit(asyncio.run(run_bot(settings, sync_only=sync_only)))


@click.command()
@engine_options
def run(db: Path | None, config: Path | None) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); stop it with Ctrl-C or SIGTERM.

    Indexes the configured article folders first when the index is empty (creating the
    database if needed).
    """
    _start(config, db, sync_only=False)


@click.command()
@engine_options
def sync(db: Path | None, config: Path | None) -> None:
    """Push the slash commands to Discord now (run normally syncs only when they changed)."""
    _start(config, db, sync_only=True)
