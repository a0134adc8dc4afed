"""Fixtures for the console's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main


@pytest.fixture
def seed_db(tmp_path: Path, articles: Path) -> Path:
    """The seed article alone (``tests/bot/conftest.py``'s ``articles``), indexed through the CLI."""
    path = tmp_path / "seed.db"
    assert CliRunner().invoke(main, ["reindex", str(articles), "--db", str(path)]).exit_code == 0
    return path
