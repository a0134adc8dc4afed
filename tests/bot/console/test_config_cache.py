"""A one-shot `articlebot ask` reuses the engine config it read before, and only while nothing
it depends on changed (bot/console/config_cache.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

# Run `ask` in a fresh interpreter and report the exit code, the answer and what it imported.
ASK = """
import json, sys
from click.testing import CliRunner
from bot.console.cli import main
result = CliRunner().invoke(main, ['ask', '--json', *sys.argv[1:]])
loaded = [m for m in ('pydantic', 'pydantic_settings', 'rank_bm25', 'symspellpy', 'numpy.ma') if m in sys.modules]
print(json.dumps({'code': result.exit_code, 'output': result.output, 'loaded': loaded}))
"""


@pytest.fixture(scope="module")
def index_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed indexed once for the module."""
    db = tmp_path_factory.mktemp("cache-db") / "a.db"
    subprocess.run([sys.executable, "-m", "bot", "reindex", "--db", str(db), str(SEEDS)],
                   capture_output=True, timeout=300, check=True)
    return db


def ask(folder: Path, *args: str, **env: str) -> dict:
    """`articlebot ask --json ARGS` run in ``folder`` with ``env`` added."""
    out = subprocess.run([sys.executable, "-c", ASK, *args], capture_output=True, text=True, timeout=300,
                         cwd=folder, env={**os.environ, **env}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def quotes(result: dict) -> int:
    """How many quotes the answer printed."""
    return len(json.loads(result["output"])["quotes"])


def test_a_second_ask_reads_no_settings_and_answers_the_same(tmp_path: Path, index_db: Path) -> None:
    first = ask(tmp_path, "--db", str(index_db), "what did Kirby say?")
    second = ask(tmp_path, "--db", str(index_db), "what did Kirby say?")
    assert first["code"] == second["code"] == 0
    assert "pydantic_settings" in first["loaded"]
    assert second["loaded"] == []
    assert json.loads(second["output"]) == json.loads(first["output"])


def test_an_edited_config_file_or_variable_is_read_again(tmp_path: Path, index_db: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[index]\ndb_path = "{index_db}"\n')
    assert quotes(ask(tmp_path, "what did Kirby say?")) >= 1
    assert ask(tmp_path, "what did Kirby say?")["loaded"] == []
    config.write_text(f'[index]\ndb_path = "{tmp_path / "edited.db"}"\n')
    edited = ask(tmp_path, "what did Kirby say?")
    assert edited["code"] == 2 and "edited.db" in edited["output"]
    moved = ask(tmp_path, "--config", str(config), "what did Kirby say?", ARTICLEBOT_INDEX__DB_PATH=str(index_db))
    assert moved["code"] == 0 and quotes(moved) >= 1


def test_a_broken_config_is_reported_even_after_a_good_one(tmp_path: Path, index_db: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[index]\ndb_path = "{index_db}"\n')
    assert ask(tmp_path, "what did Kirby say?")["code"] == 0
    config.write_text(f'[index]\ndb_path = "{index_db}"\ntop = "many"\n')
    broken = ask(tmp_path, "what did Kirby say?")
    assert broken["code"] == 1 and "index.top" in broken["output"]


def test_the_cache_never_holds_the_token_and_a_readonly_cache_is_skipped(tmp_path: Path, index_db: Path) -> None:
    cache = tmp_path / "cache"
    ask(tmp_path, "--db", str(index_db), "what did Kirby say?", ARTICLEBOT_CACHE_DIR=str(cache),
        DISCORD_TOKEN="secret-token-value")
    [saved_file] = cache.glob("engine-config-*.json")
    saved = saved_file.read_text()
    assert "secret-token-value" not in saved and json.loads(saved)["values"]["db_path"] == str(index_db)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert ask(tmp_path, "--db", str(index_db), "what did Kirby say?", ARTICLEBOT_CACHE_DIR=str(blocked))["code"] == 0


def test_commands_taking_turns_in_two_folders_each_keep_their_config(tmp_path: Path, index_db: Path) -> None:
    cache, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        assert ask(folder, "--db", str(index_db), "what did Kirby say?", ARTICLEBOT_CACHE_DIR=str(cache))["code"] == 0
    again = [ask(folder, "--db", str(index_db), "what did Kirby say?", ARTICLEBOT_CACHE_DIR=str(cache))
             for folder in (first, second)]
    assert [result["loaded"] for result in again] == [[], []]
