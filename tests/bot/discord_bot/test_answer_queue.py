"""The answer queue: users take turns, a full queue says when to try again, and /ask says so politely."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.discord_bot.answer_queue import AnswerQueue, QueueFull
from bot.discord_bot.client import ArticleBot
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, discord_settings, running
from tests.fake_discord import FakeDiscord

BUSY = "I'm busy answering a lot of questions right now; please try again in "


async def test_users_take_turns() -> None:
    """Three questions from one user, then one from another: the other's is answered second."""
    queue = AnswerQueue(workers=1, capacity=10)
    order: list[str] = []

    def job(name: str) -> Callable[[], Awaitable[str]]:
        async def work() -> str:
            order.append(name)
            return name
        return work

    futures = [queue.submit(1, job(f"a{n}")) for n in range(3)] + [queue.submit(2, job("b0"))]
    assert await asyncio.gather(*futures) == ["a0", "a1", "a2", "b0"]
    await queue.close()
    assert order == ["a0", "b0", "a1", "a2"]


async def test_full_queue_raises_with_a_wait() -> None:
    """Beyond its capacity the queue refuses, saying how many seconds to wait (at least 1)."""
    queue = AnswerQueue(workers=1, capacity=2)
    release = asyncio.Event()
    for user in (1, 2):
        queue.submit(user, release.wait)
    with pytest.raises(QueueFull) as refused:
        queue.submit(3, release.wait)
    assert refused.value.retry_after >= 1
    release.set()
    await queue.close()


async def test_an_error_reaches_only_its_asker() -> None:
    """A failing answer fails its own future; the worker goes on with the next one."""
    queue = AnswerQueue(workers=1, capacity=10)

    async def broken() -> None:
        raise ValueError("boom")

    async def fine() -> str:
        return "ok"

    failed, answered = queue.submit(1, broken), queue.submit(2, fine)
    with pytest.raises(ValueError, match="boom"):
        await failed
    assert await answered == "ok"
    await queue.close()


async def test_ask_beyond_a_full_queue_gets_the_busy_sentence(fake: FakeDiscord, engine: Engine) -> None:
    """With room for one waiting question, six users asking at once each get the quote or, only
    they seeing it, "busy, try again in N s"; nobody gets silence or an error."""
    bot = ArticleBot(settings=discord_settings(fake, answer_workers=1, answer_queue=1), engine=engine,
                     guild_ready_timeout=0.1)
    async with running(bot, fake):
        results = await asyncio.gather(*(
            fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.add_user(f"u{n}")) for n in range(6)))
    finals = [r.final_message or {} for r in results]
    quoted = [f for f in finals if (f.get("embeds") or [{}])[0].get("description", "").startswith(f"**{KIRBY}")]
    busy = [r for r, f in zip(results, finals) if (f.get("content") or "").startswith(BUSY) and r.ephemeral]
    assert (len(quoted) + len(busy), fake.failures) == (6, [])
    assert quoted and busy
