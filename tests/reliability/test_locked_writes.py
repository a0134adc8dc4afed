"""A write lock held longer than the analytics connection waits for it costs no question record.

While a reindex writes (an `articlebot reindex` in another process, or the bot's own /reindex
with hundreds of saved answers on the same connection), SQLite's one write lock can stay taken
for seconds on end; the analytics connection gives up after its busy timeout (5 s) with
"database is locked". The bot answered, but the questions of that batch used to be dropped with
a "Could not record" warning. Here another connection holds the lock for longer than that
timeout while members ask through the fake Discord: every question must be recorded once the
lock is released, every answer saved for its buttons, and nothing logged.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

from bot.discord_bot.client import ArticleBot
from index.analytics.store import BUSY_TIMEOUT_MS
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, articles, bot, bot_settings, engine, engine_options, fake
from tests.conftest import db_rows
from tests.fake_discord import FakeDiscord

__all__ = ["articles", "bot", "bot_settings", "engine", "engine_options", "fake"]  # tests/bot's fixtures

ASKS = 5


async def saved_answers(engine: Engine, wanted: int, timeout: float = 60) -> int:
    """How many answers are saved for their buttons, once ``wanted`` are (or ``timeout`` passed):
    they are saved in the background, and wait for the lock too."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        saved = (await db_rows(engine.config, "SELECT count(*) FROM answers"))[0][0]
        if saved >= wanted or asyncio.get_running_loop().time() > deadline:
            return int(saved)
        await asyncio.sleep(0.1)


async def test_questions_asked_while_a_writer_holds_the_lock_are_all_recorded(bot: ArticleBot, fake: FakeDiscord,
                                                                              engine: Engine, caplog: Any) -> None:
    locker = sqlite3.connect(engine.config.db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # as a reindex's batch does, in another process
    try:
        with caplog.at_level(logging.WARNING):
            results = await asyncio.gather(*(
                fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.add_user(f"reader{n}"))
                for n in range(ASKS)))
            await asyncio.sleep(BUSY_TIMEOUT_MS / 1000 + 1)  # past the analytics connection's patience
            locker.execute("COMMIT")
            assert bot.analytics.recorder is not None
            await bot.analytics.recorder.flush()
    finally:
        locker.close()
    quoted = [KIRBY in (r.final_message or {}).get("embeds", [{}])[0].get("description", "") for r in results]
    recorded = await db_rows(engine.config, "SELECT count(*) FROM question_log WHERE question = ?", KIRBY_QUESTION)
    saved = await saved_answers(engine, ASKS)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert (quoted, recorded, saved, warnings) == ([True] * ASKS, [(ASKS,)], ASKS, [])


def thumbs_up(message: dict[str, Any]) -> str:
    """The 👍 button's custom_id on an answer."""
    return next(item["custom_id"] for row in message["components"] for item in row["components"]
                if item["custom_id"].endswith(":up"))


async def test_votes_clicked_while_a_writer_holds_the_lock_are_thanked_at_once_and_all_kept(
        bot: ArticleBot, fake: FakeDiscord, engine: Engine, caplog: Any) -> None:
    """Members ask and click 👍 while another writer holds the lock past every connection's patience
    but the store's: each is thanked within Discord's 3 s, and every vote and answer is kept."""
    users = [fake.add_user(f"voter{n}") for n in range(ASKS)]
    locker = sqlite3.connect(engine.config.db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # as a reindex's batch does, in another process
    try:
        with caplog.at_level(logging.WARNING):
            asked = await asyncio.gather(*(fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=user)
                                           for user in users))
            thanked = await asyncio.gather(*(fake.click(r.final_message, thumbs_up(r.final_message), user=user)
                                             for r, user in zip(asked, users)))
            await asyncio.sleep(BUSY_TIMEOUT_MS / 1000 + 1)
            locker.execute("COMMIT")
            assert await bot.in_flight.wait_idle(60)
    finally:
        locker.close()
    votes = await db_rows(engine.config, "SELECT count(*) FROM feedback WHERE value = 1")
    saved = await saved_answers(engine, ASKS)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    texts = [(r.final_message or {}).get("content") for r in thanked]
    assert (texts, votes, saved, fake.failures, warnings) == (["Thanks for the feedback!"] * ASKS, [(ASKS,)], ASKS,
                                                              [], [])
