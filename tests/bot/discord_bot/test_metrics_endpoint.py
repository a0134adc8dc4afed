"""The Prometheus endpoint, scraped over real HTTP on 127.0.0.1 while the bot runs against the
fake Discord: its counters match the questions asked, refused and the reindexes run."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.discord_bot.client import ArticleBot
from index.config import MetricsConfig
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, discord_settings, running
from tests.fake_discord import FakeDiscord


@pytest.fixture
async def metered(fake: FakeDiscord, engine: Engine) -> AsyncIterator[ArticleBot]:
    """The bot with its metrics endpoint on a free loopback port, sampling loop lag often."""
    metrics = MetricsConfig(port=0, loop_lag_interval=0.01)
    client = ArticleBot(settings=discord_settings(fake), engine=engine, guild_ready_timeout=0.1, metrics=metrics)
    async with running(client, fake):
        yield client


async def scrape(bot: ArticleBot) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """``{(sample name, labels): value}`` read from the endpoint over HTTP."""
    assert bot.analytics.server is not None
    url = f"http://127.0.0.1:{bot.analytics.server.port}/metrics"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        text = await response.text()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_counters_match_the_questions_asked(metered: ArticleBot, fake: FakeDiscord, engine: Engine) -> None:
    """Two guild questions (one refused) and one DM question; one reindex; loop lag sampled."""
    await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    await fake.slash_command("ask", {"question": "What is the recipe for banana bread?"}, user=fake.member)
    await fake.send_dm(KIRBY_QUESTION, user=fake.member)
    await engine.reindex()
    found = await scrape(metered)
    counts = {key: value for key, value in found.items()
              if key[0] in ("articlebot_questions_total", "articlebot_refusals_total")}
    assert counts == {("articlebot_questions_total", (("place", "guild"),)): 2.0,
                      ("articlebot_questions_total", (("place", "dm"),)): 1.0,
                      ("articlebot_refusals_total", (("place", "guild"),)): 1.0}
    assert (found[("articlebot_answer_seconds_count", ())], found[("articlebot_reindex_seconds_count", ())]) == (3, 1)
    assert found[("articlebot_event_loop_lag_seconds_count", ())] > 0


async def test_metrics_are_off_by_default(bot: ArticleBot) -> None:
    """Without [metrics] port no endpoint is started."""
    assert bot.analytics.server is None


async def test_a_taken_port_leaves_the_bot_answering(fake: FakeDiscord, engine: Engine, caplog: Any) -> None:
    """When the metrics port is taken, the error is logged and the bot still answers."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        metrics = MetricsConfig(port=taken.getsockname()[1])
        client = ArticleBot(settings=discord_settings(fake), engine=engine, guild_ready_timeout=0.1, metrics=metrics)
        with caplog.at_level(logging.ERROR, logger="bot.discord_bot.analytics"):
            async with running(client, fake):
                result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert (client.analytics.server, KIRBY in result.final_message["embeds"][0]["description"]) == (None, True)
    assert "The metrics endpoint is off: cannot listen on 127.0.0.1" in caplog.text
