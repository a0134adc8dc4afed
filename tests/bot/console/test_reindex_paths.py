"""``articlebot reindex PATH`` adds to the index; a later plain ``reindex`` (the configured
folders) keeps those articles while their files exist, and removes them once deleted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from tests.conftest import FIXTURES, SEED


def articlebot(config: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.output


def indexed(config: Path) -> list[str]:
    """The indexed files' names."""
    return sorted(Path(item["source"]).name for item in json.loads(articlebot(config, "sources", "--json")))


def test_a_plain_reindex_keeps_articles_from_a_path_until_their_file_is_deleted(tmp_path: Path) -> None:
    (tmp_path / "configured").mkdir()
    shutil.copy(SEED, tmp_path / "configured")
    extra = tmp_path / "extra"
    shutil.copytree(FIXTURES, extra)
    config = tmp_path / "config.toml"
    config.write_text('[index]\ndb_path = "data/a.db"\narticle_dirs = ["configured"]\n', encoding="utf-8")
    articlebot(config, "reindex")
    assert "added 2 " in articlebot(config, "reindex", str(extra))
    assert "removed 0 " in articlebot(config, "reindex")
    assert indexed(config) == sorted([SEED.name, "budget_vote.txt", "garden_notes.md"])
    (extra / "garden_notes.md").unlink()
    assert "removed 1 " in articlebot(config, "reindex")
    assert indexed(config) == sorted([SEED.name, "budget_vote.txt"])
