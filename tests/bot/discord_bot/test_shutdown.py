"""Graceful shutdown: closing the bot waits for answers in flight."""

from __future__ import annotations

import asyncio

from bot.discord_bot.client import ArticleBot, InFlight
from bot.settings import DiscordSettings
from index.engine import Engine


async def spin(turns: int = 20) -> None:
    """Let other tasks run for a few event-loop turns."""
    for _ in range(turns):
        await asyncio.sleep(0)


async def test_in_flight_is_idle_when_nothing_runs() -> None:
    """With nothing tracked, waiting for idle returns at once."""
    assert await InFlight().wait_idle(timeout=0) is True


async def test_in_flight_counts_tracked_blocks() -> None:
    """Inside a tracked block the counter shows one answer in flight."""
    in_flight = InFlight()
    async with in_flight.track():
        assert in_flight.count == 1


async def test_close_waits_for_an_answer_in_flight(engine: Engine) -> None:
    """close() does not disconnect until the answer being written is done."""
    bot = ArticleBot(settings=DiscordSettings(), engine=engine)
    release = asyncio.Event()

    async def answering() -> None:
        async with bot.in_flight.track():
            await release.wait()

    answer = asyncio.create_task(answering())
    await spin()
    closing = asyncio.create_task(bot.close())
    await spin()
    waited = not closing.done()
    release.set()
    await asyncio.gather(answer, closing)
    assert (waited, bot.is_closed()) == (True, True)
