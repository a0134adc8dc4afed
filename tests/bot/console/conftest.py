"""Fixtures for the console's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main

WIDE = {"COLUMNS": "1000"}  # one line per message, so a sentence can be compared whole


@pytest.fixture
def seed_db(tmp_path: Path, articles: Path) -> Path:
    """The seed article alone (``tests/bot/conftest.py``'s ``articles``), indexed through the CLI."""
    path = tmp_path / "seed.db"
    assert CliRunner().invoke(main, ["reindex", str(articles), "--db", str(path)]).exit_code == 0
    return path


@pytest.fixture
def db(tmp_path: Path, library: Path) -> Path:
    """A database with the seed and fixtures indexed through the CLI (modules asking about the
    seed alone override it with ``seed_db``)."""
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path
