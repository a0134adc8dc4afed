"""``articlebot run`` (start the Discord bot) and ``articlebot sync`` (push its slash commands)."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import click
import discord

from bot.run import run_bot
from bot.settings import ConfigError, load_settings

_CONFIG = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="TOML settings file (default: config.toml, or $ARTICLEBOT_CONFIG).",
)


def _start(config: Path | None, *, sync_only: bool) -> None:
    """Load settings, set up discord.py's logging, run, exit with the bot's code."""
    try:
        settings = load_settings(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    discord.utils.setup_logging(level=logging.INFO)
    sys.exit(asyncio.run(run_bot(settings, sync_only=sync_only)))


@click.command()
@_CONFIG
def run(config: Path | None) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); stop it with Ctrl-C or SIGTERM."""
    _start(config, sync_only=False)


@click.command()
@_CONFIG
def sync(config: Path | None) -> None:
    """Push the slash commands to Discord now (run normally syncs only when they changed)."""
    _start(config, sync_only=True)
