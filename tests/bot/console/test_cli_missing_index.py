"""The read-only commands on a missing or empty database: one error sentence, nothing created."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from tests.bot.console.conftest import WIDE

READ_ONLY = [["ask", "what did Kirby say?"], ["ask", "--json", "what did Kirby say?"], ["chat"], ["sources"],
             ["sources", "--json"], ["start"]]


def no_index(path: Path) -> str:
    return (f"error: no index at {path}; build it with `articlebot reindex`, or point --db, "
            "ARTICLEBOT_INDEX__DB_PATH or index.db_path in the config at an existing one\n")


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_read_only_command_elsewhere_says_there_is_no_index(args: list[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a folder without data/, a read-only command names the missing index, exits 2, creates nothing."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, input="what did Kirby say?\n", env=WIDE)
    assert (result.exit_code, result.stdout, result.stderr.replace(
        "No Discord token configured (set DISCORD_TOKEN): opening the console chat.\n", "")) == (
        2, "", no_index(tmp_path / "data" / "articlebot.db"))
    assert list(tmp_path.iterdir()) == []


def test_ask_with_a_missing_db_creates_nothing(tmp_path: Path) -> None:
    """`ask --db <missing file>` exits 2 naming the path, and neither the file nor its folder appears."""
    missing = tmp_path / "nowhere" / "articlebot.db"
    result = CliRunner().invoke(main, ["ask", "what did Kirby say?", "--db", str(missing)], env=WIDE)
    assert (result.exit_code, result.stderr, (tmp_path / "nowhere").exists()) == (2, no_index(missing), False)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database that exists but holds no article (reindexed from an empty folder)."""
    (tmp_path / "empty").mkdir()
    path = tmp_path / "empty.db"
    CliRunner().invoke(main, ["reindex", str(tmp_path / "empty"), "--db", str(path)])
    assert path.is_file()
    return path


@pytest.mark.parametrize("args", [["ask", "what did Kirby say?"], ["chat"]], ids=" ".join)
def test_question_to_an_empty_index_says_to_reindex(args: list[str], empty_db: Path) -> None:
    """ask and chat on an index without articles say so and to run reindex, instead of 'no passage answers'."""
    result = CliRunner().invoke(main, [*args, "--db", str(empty_db)], input="what did Kirby say?\n", env=WIDE)
    assert (result.exit_code, result.stderr) == (2, (
        f"error: the index at {empty_db} holds no articles; run `articlebot reindex` to index the article "
        "folders (seeds)\n"))


def test_sources_of_an_empty_index_says_to_reindex(empty_db: Path) -> None:
    """sources on an index without articles says so (exit 0: an empty list is an answer)."""
    result = CliRunner().invoke(main, ["sources", "--db", str(empty_db)], env=WIDE)
    assert (result.exit_code, result.output) == (
        0, f"No articles are indexed in {empty_db}; run `articlebot reindex`.\n")
