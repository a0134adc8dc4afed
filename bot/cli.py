"""The ``articlebot`` command line: reindex, ask, chat, sources (and eval, bench, run)."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Answer questions about articles with verbatim quotes and citations."""


# Subcommands defined in other modules are registered below this line.

from bot.cli_discord import run, sync  # noqa: E402

main.add_command(run)
main.add_command(sync)
