"""Guarantee 6 (database half): a corrupt or too-new database stops `articlebot run` with one
clear sentence and exit code 3, and the file is left exactly as it was (never rebuilt).

A database larger than ``index.check_at_open_mb`` opens after the cheap checks only; its
damaged pages are found by the bot once it answers, by a reindex before it writes, or by the
read that meets them. The tests lower the limit to 0 MB instead of writing a large file.

The gateway half (drops, reconnects) is in ``test_discord_load.py`` and ``tests/bot/``.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import CorruptDatabase
from tests.conftest import damage_table, make_config
from tests.fake_discord import FakeDiscord
from tests.reliability.conftest import ARTICLEBOT, ROOT, clean_env, committed_generation, without_dac_override

TOKEN = "reliability-token-5d4c3b2a1f0e"


def start_bot(db: Path) -> subprocess.CompletedProcess[str]:
    """`articlebot run` with a token, the given database and an unreachable Discord."""
    env = clean_env(DISCORD_TOKEN=TOKEN, ARTICLEBOT_INDEX__DB_PATH=str(db),
                    ARTICLEBOT_DISCORD__API_BASE_URL="http://127.0.0.1:9/api/v10")
    return subprocess.run([str(ARTICLEBOT), "run"], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)


async def indexed_db(tmp_path: Path, library: Path) -> Path:
    """A real database with the library indexed, closed (WAL checkpointed)."""
    config = make_config(tmp_path, library)
    async with await Engine.open(config) as engine:
        await engine.reindex()
    return config.db_path


def damage_middle(db: Path) -> None:
    """Overwrite a few pages in the middle of ``db`` (the header stays valid)."""
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(bytes(range(256)) * 32)


def test_garbage_file_stops_start_up_with_exit_3(tmp_path: Path) -> None:
    """A database path holding non-SQLite bytes: exit 3 and one 'Cannot start' line naming the file."""
    db = tmp_path / "articlebot.db"
    db.write_bytes(b"this is not a database\n" * 200)
    result = start_bot(db)
    assert (result.returncode, result.stderr.strip()) == (3, (
        f"Cannot start: {db} is not a readable articlebot database (file is not a database); "
        "move it aside and reindex"))


def test_folder_as_database_stops_start_up_with_exit_3(tmp_path: Path) -> None:
    """A database path naming a folder: exit 3 and one sentence (it used to be a sqlite3 traceback)."""
    result = start_bot(tmp_path)
    assert (result.returncode, result.stderr.strip()) == (3, (
        f"Cannot start: {tmp_path} is a folder, not a database file; give the path of a file such as "
        f"{tmp_path / 'articlebot.db'}"))


def test_folder_as_database_is_one_error_line_for_ask(tmp_path: Path) -> None:
    """`articlebot ask --db <folder>`: exit 2 and one error line, no traceback, nothing created."""
    result = subprocess.run([str(ARTICLEBOT), "ask", "hello", "--db", str(tmp_path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120, env=clean_env(COLUMNS="1000"))
    assert (result.returncode, result.stderr, list(tmp_path.iterdir())) == (2, (
        f"error: {tmp_path} is a folder, not a database file; give the path of a file such as "
        f"{tmp_path / 'articlebot.db'}\n"), [])


def test_database_under_a_file_is_one_error_line(tmp_path: Path) -> None:
    """`articlebot reindex --db <file>/x.db` (a folder that cannot exist): exit 2 and one error line."""
    (tmp_path / "plain").write_text("not a folder")
    result = subprocess.run([str(ARTICLEBOT), "reindex", "--db", str(tmp_path / "plain" / "x.db")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, env=clean_env(COLUMNS="1000"))
    assert (result.returncode, result.stderr) == (2, (
        f"error: cannot create the database {tmp_path / 'plain' / 'x.db'}: {tmp_path / 'plain'} is a file, "
        "not a folder\n"))


async def test_database_it_may_not_write_is_not_called_damaged(tmp_path: Path, library: Path) -> None:
    """A database (and folder) this user may not write: `ask` answers from it (it only reads,
    issue 18), and `reindex` gets one sentence about access, exit 2 — not 'not a readable
    database; move it aside', which would throw a good index away."""
    prefix = without_dac_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: root may write any file")
    db = await indexed_db(tmp_path, library)
    folder = db.parent

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, str(ARTICLEBOT), *args, "--db", str(db)], capture_output=True, text=True,
                              cwd=ROOT, timeout=120, env=clean_env(COLUMNS="1000"))

    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        asked, reindexed = run("ask", "what did Kirby say?"), run("reindex", str(library))
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert (asked.returncode, "Kirby" in asked.stdout) == (0, True)
    assert reindexed.returncode == 2
    assert reindexed.stderr.startswith(f"error: {db} cannot be written (")
    assert reindexed.stderr.endswith(f"articlebot needs write access to the database file and its folder {folder}: "
                                     "check their owner and permissions\n")
    assert "move it aside" not in reindexed.stderr and "Traceback" not in reindexed.stderr


def test_newer_schema_stops_start_up_with_exit_3(tmp_path: Path) -> None:
    """A database from a newer articlebot: exit 3, the message says to upgrade, and the file is unchanged."""
    db = tmp_path / "articlebot.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    result = start_bot(db)
    assert (result.returncode, "newer articlebot (schema 99" in result.stderr, db.read_bytes()) == (3, True, before)


async def test_damaged_pages_stop_start_up_with_exit_3(tmp_path: Path, library: Path) -> None:
    """Valid header, damaged pages in the middle: exit 3 with 'damaged pages', and nothing rebuilt."""
    db = await indexed_db(tmp_path, library)
    damage_middle(db)
    before = db.read_bytes()
    result = start_bot(db)
    assert (result.returncode, "damaged pages" in result.stderr, db.read_bytes()) == (3, True, before)


async def test_damaged_pages_raise_corrupt_database_on_open(tmp_path: Path, library: Path) -> None:
    """Engine.open refuses a database with damaged pages instead of answering from it."""
    db = await indexed_db(tmp_path, library)
    damage_middle(db)
    with pytest.raises(CorruptDatabase, match="move it aside and reindex"):
        await Engine.open(make_config(tmp_path, library))


async def test_reindex_refuses_damaged_pages_of_a_large_database(tmp_path: Path, library: Path) -> None:
    """Above the open-check limit the engine opens, but a reindex checks every page before writing."""
    db = await indexed_db(tmp_path, library)
    damage_table(db, "passages")
    before = db.read_bytes()
    async with await Engine.open(make_config(tmp_path, library, check_at_open_mb=0)) as engine:
        with pytest.raises(CorruptDatabase, match=r"\(damaged pages: .*\); move it aside and reindex$"):
            await engine.reindex()
    assert db.read_bytes() == before


@pytest.mark.parametrize("check_at_open_mb", ["0", "64"])
async def test_question_meeting_damaged_pages_prints_one_sentence(tmp_path: Path, library: Path,
                                                                  check_at_open_mb: str) -> None:
    """`articlebot ask` on a database whose passages are damaged, large or small (a read-only
    open reads no page it does not need): exit 2, one error line."""
    db = await indexed_db(tmp_path, library)
    damage_table(db, "passages")
    result = subprocess.run([str(ARTICLEBOT), "ask", "--db", str(db), "What did Kirby say?"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env=clean_env(ARTICLEBOT_INDEX__CHECK_AT_OPEN_MB=check_at_open_mb, COLUMNS="1000"))
    assert (result.returncode, result.stderr) == (2, (
        f"error: {db} is not a readable articlebot database (damaged pages: database disk image is "
        "malformed); move it aside and reindex\n"))


async def test_damaged_pages_of_a_large_database_stop_the_running_bot(tmp_path: Path, library: Path) -> None:
    """Above the open-check limit the bot starts, checks every page once ready, and stops with exit 3."""
    db = await indexed_db(tmp_path, library)
    damage_table(db, "passages")
    async with FakeDiscord(token=TOKEN, ready_delay=0.5) as fake:
        env = clean_env(DISCORD_TOKEN=TOKEN, ARTICLEBOT_INDEX__DB_PATH=str(db), ARTICLEBOT_INDEX__CHECK_AT_OPEN_MB="0",
                        ARTICLEBOT_INDEX__ARTICLE_DIRS=f'["{library}"]', ARTICLEBOT_DISCORD__API_BASE_URL=fake.api_base_url,
                        PYTHONPATH=str(ROOT))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        _out, err = await asyncio.wait_for(process.communicate(), 120)
        identified = fake.identifies
    stopping = [line for line in err.decode().splitlines() if line.startswith("Stopping: ")]
    assert (process.returncode, identified, "Traceback" in err.decode(), len(stopping)) == (3, 1, False, 1)
    assert re.fullmatch(rf"Stopping: {re.escape(str(db))} is not a readable articlebot database "
                        r"\(damaged pages: .*\); move it aside and reindex", stopping[0])
    assert (bytes(range(256)) * 16 in db.read_bytes(), committed_generation(db)) == (True, 1)  # not rebuilt


async def test_missing_index_folder_is_rebuilt_from_the_database(tmp_path: Path, library: Path) -> None:
    """Deleting the persisted BM25 folder is not an error: the index is rebuilt from the database."""
    config = make_config(tmp_path, library)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        first = await engine.ask("what did Kirby say?")
    shutil.rmtree(config.index_dir)
    async with await Engine.open(config) as engine:
        assert await engine.ask("what did Kirby say?") == first
