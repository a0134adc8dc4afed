"""The fake's 429s are retried by a real discord.py client."""

from __future__ import annotations

from tests.fake_discord import FakeDiscord
from tests.fake_discord.minibot import MiniBot


async def test_rate_limited_callback_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """Interaction callbacks answered with 429 are retried and the answer still arrives."""
    fake.inject_429(n=3)
    result = await fake.slash_command("ping", {"text": "retry"})
    assert (result.final_message["content"], fake.rate_limited) == ("pong retry", 3)  # type: ignore[index]


async def test_rate_limited_channel_message_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """Channel messages answered with 429 are retried by the HTTP client and the reply arrives."""
    fake.inject_429(n=2)
    reply = await fake.send_dm("again")
    assert (reply["content"], fake.rate_limited) == ("echo: again", 2)


async def test_fraction_of_rate_limits_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """With a share of all REST calls answered 429, DM replies still arrive."""
    fake.inject_429(n=0, fraction=0.3)
    replies = [(await fake.send_dm(f"q{i}"))["content"] for i in range(4)]
    assert replies == [f"echo: q{i}" for i in range(4)] and fake.rate_limited > 0
