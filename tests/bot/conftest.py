"""Fixtures for the bot's tests: a real engine on a temp copy of the seeds, the fake Discord,
and the real ``ArticleBot`` started against it.

The bot is started *without* pre-pointing discord.py at the fake: it must find the REST base
from ``discord.api_base_url`` and the gateway from ``GET /gateway/bot`` (or ``gateway_url``)
itself. The process-wide discord.py globals are restored after each test.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import pytest
import yarl
from pydantic import SecretStr

from bot.discord_bot.client import ArticleBot
from bot.settings import DiscordSettings
from index.config import EngineConfig
from index.engine import Engine
from tests.fake_discord import FakeDiscord, started

TOKEN = "test-token-9f8e7d6c5b4a"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d3689b044ccb29bf.txt"
TITLE = "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"
KIRBY = "“It’s not like we’re going to go out and investigate this,”"
KIRBY_QUESTION = "What did Kirby say about investigating the attacks in Moscow?"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder holding a copy of the seed article."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def engine_options() -> dict[str, Any]:
    """EngineConfig values a test module or test overrides (by redefining or parametrizing this)."""
    return {}


@pytest.fixture
async def engine(tmp_path: Path, articles: Path, engine_options: dict[str, Any], database: str) -> AsyncIterator[Engine]:
    """The real engine on a temp database (PostgreSQL too under ``both_backends``), with the seed indexed."""
    config = EngineConfig(db_path=tmp_path / "db" / "articlebot.db", article_dirs=(articles,)).with_values(
        **{"database": database, **engine_options})
    engine = await Engine.open(config)
    await engine.reindex()
    try:
        yield engine
    finally:
        with contextlib.suppress(Exception):
            await engine.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A fake Discord on a free loopback port (ready delay short: our bot waits 0.1 s for guilds)."""
    async with FakeDiscord(token=TOKEN, ready_delay=0.5) as fake:
        yield fake


def discord_settings(fake: FakeDiscord, **overrides: Any) -> DiscordSettings:
    """Settings pointing the bot at ``fake``; cooldown off unless overridden."""
    values: dict[str, Any] = {
        "token": SecretStr(TOKEN),
        "api_base_url": fake.api_base_url,
        "cooldown_rate": 0,
    }
    values.update(overrides)
    return DiscordSettings(**values)


@contextlib.contextmanager
def discord_globals_restored() -> Iterator[None]:
    """Start from discord.py's own endpoints and put them back afterwards."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = "https://discord.com/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("wss://gateway.discord.gg/")
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def running(bot: ArticleBot, fake: FakeDiscord, timeout: float = 15) -> AsyncIterator[ArticleBot]:
    """Start ``bot`` against ``fake`` (found through its own ``api_base_url``), wait for on_ready,
    yield it, close it cleanly."""
    with discord_globals_restored():
        async with started(bot, fake, token=TOKEN, timeout=timeout):
            yield bot


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    """Discord settings a test module gives conftest's ``bot`` (override the fixture; none here)."""
    return {}


@pytest.fixture
async def bot(fake: FakeDiscord, engine: Engine, bot_settings: dict[str, Any]) -> AsyncIterator[ArticleBot]:
    """The real bot, ready, talking to the fake; fails the test if any payload broke Discord's rules."""
    client = ArticleBot(settings=discord_settings(fake, **bot_settings), engine=engine, guild_ready_timeout=0.1)
    async with running(client, fake):
        yield client
    assert fake.violations == []
    assert fake.failures == []
