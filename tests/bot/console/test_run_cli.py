"""``articlebot run`` as users start it: a real process against the fake Discord."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from bot.discord_bot.run import BAD_TOKEN, NO_TOKEN
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, TOKEN
from tests.fake_discord import FakeDiscord

REPO = Path(__file__).resolve().parents[3]


def child_env(fake: FakeDiscord, tmp_path: Path, articles: Path, token: str) -> dict[str, str]:
    """The environment of an ``articlebot run`` pointed at ``fake`` with its own database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLEBOT_") and k != "DISCORD_TOKEN"}
    env.update({
        "DISCORD_TOKEN": token,
        "ARTICLEBOT_DISCORD__API_BASE_URL": fake.api_base_url,
        "ARTICLEBOT_INDEX__DB_PATH": str(tmp_path / "run" / "articlebot.db"),
        "ARTICLEBOT_INDEX__ARTICLE_DIRS": json.dumps([str(articles)]),
        "PYTHONPATH": str(REPO),
    })
    return env


@pytest.fixture
async def slow_fake() -> AsyncIterator[FakeDiscord]:
    """A fake that waits for a real bot's default 2 s guild wait before calling it ready."""
    async with FakeDiscord(token=TOKEN, ready_delay=3.0) as fake:
        yield fake


async def start(fake: FakeDiscord, tmp_path: Path, articles: Path, token: str) -> asyncio.subprocess.Process:
    """Start ``python -m bot run`` in ``tmp_path`` (so no config.toml or .env is picked up)."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=child_env(fake, tmp_path, articles, token),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


def test_run_without_token_names_discord_token() -> None:
    """No token: a clear message naming DISCORD_TOKEN and exit code 2."""
    result = CliRunner().invoke(main, ["run"], env={"DISCORD_TOKEN": "", "ARTICLEBOT_DISCORD__TOKEN": ""})
    assert (result.exit_code, result.stderr.strip()) == (2, NO_TOKEN)


async def test_run_with_rejected_token_exits_2(slow_fake: FakeDiscord, tmp_path: Path, articles: Path) -> None:
    """A token Discord rejects: a clear message, exit code 2, and the token is not printed."""
    process = await start(slow_fake, tmp_path, articles, "wrong-token-1234")
    _out, err = await asyncio.wait_for(process.communicate(), 60)
    text = err.decode()
    assert (process.returncode, BAD_TOKEN in text, "wrong-token-1234" in text) == (2, True, False)


async def test_run_answers_then_stops_on_sigterm(slow_fake: FakeDiscord, tmp_path: Path, articles: Path) -> None:
    """The started bot answers /ask, a DM and a mention with Kirby's quote, then exits 0 on SIGTERM."""
    fake = slow_fake
    process = await start(fake, tmp_path, articles, TOKEN)
    try:
        await fake.wait_ready(timeout=60)
        asked = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
        dm = await fake.send_dm(KIRBY_QUESTION, user=fake.member)
        mention = await fake.send_mention(KIRBY_QUESTION, user=fake.member)
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 60)
    firsts = [m["embeds"][0]["description"].startswith(f"**{KIRBY}") for m in (asked.final_message, dm, mention)]
    assert (firsts, process.returncode, TOKEN in err.decode()) == ([True, True, True], 0, False)


def test_run_takes_db_like_the_other_commands(tmp_path: Path) -> None:
    """`articlebot run --db PATH` opens that database: a folder given there stops it with exit 3."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLEBOT_") and k != "DISCORD_TOKEN"}
    env.update({"DISCORD_TOKEN": TOKEN, "ARTICLEBOT_DISCORD__API_BASE_URL": "http://127.0.0.1:9/api/v10",
                "PYTHONPATH": str(REPO)})
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "bot", "run", "--db", str(folder)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (3, (
        f"Cannot start: {folder} is a folder, not a database file; give the path of a file such as "
        f"{folder / 'articlebot.db'}"))
