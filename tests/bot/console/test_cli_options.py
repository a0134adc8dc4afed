"""What every console command shares: --db and --config, and the executable's start-up."""

from __future__ import annotations

import gc
import sys

import click
import pytest

from bot.console.cli import main

INDEX_COMMANDS = ["reindex", "ask", "chat", "sources", "start", "run", "sync", "stats"]


def test_every_command_on_the_index_takes_the_same_db_and_config() -> None:
    """The commands that open the index all take --db and --config, with the same help."""
    ctx = click.Context(main)
    helps = {name: {p.name: p.help for p in main.get_command(ctx, name).params if p.name in {"db", "config"}}
             for name in INDEX_COMMANDS}
    assert all(options == helps["ask"] for options in helps.values()) and set(helps["ask"]) == {"db", "config"}


def test_the_executable_leaves_the_garbage_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``articlebot`` pauses the collector while importing the command, not for the command."""
    from bot.console import launch

    monkeypatch.setattr(sys, "argv", ["articlebot", "--help"])
    try:
        with pytest.raises(SystemExit):
            launch.main()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
