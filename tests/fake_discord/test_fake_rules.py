"""The fake enforces Discord's rules: payload limits, allowed mentions, the 3 s deadline, one
callback per interaction, bare JSON content types, and it records unknown routes."""

from __future__ import annotations

import aiohttp
import discord
import pytest

from tests.fake_discord import FakeDiscord
from tests.fake_discord.client_runner import run_client
from tests.fake_discord.minibot import TOKEN, MiniBot


async def test_json_content_type_is_bare(fake: FakeDiscord) -> None:
    """JSON responses carry exactly 'application/json' (discord.py decodes nothing else)."""
    auth = {"Authorization": f"Bot {TOKEN}"}
    async with aiohttp.ClientSession(headers=auth) as session, session.get(f"{fake.api_base_url}/gateway/bot") as resp:
        assert (resp.status, resp.headers["Content-Type"]) == (200, "application/json")


async def test_over_limit_payload_is_a_violation(fake: FakeDiscord, bot: MiniBot) -> None:
    """Content over 2000 characters is refused and recorded in violations."""
    await fake.slash_command("big")
    assert any("content is 2001 chars" in v for v in fake.violations)


async def test_missing_allowed_mentions_is_a_violation(fake: FakeDiscord) -> None:
    """A client without an allowed_mentions default produces a violation."""
    async with run_client(MiniBot(allowed_mentions=None), fake):
        await fake.slash_command("ping")
    assert any("allowed_mentions missing" in v for v in fake.violations)


async def test_late_callback_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    """A callback more than 3 s after dispatch gets 10062 Unknown interaction."""
    result = await fake.slash_command("late", timeout=10)
    assert result.final_message is None and any("10062" in f for f in fake.failures)


async def test_second_callback_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    """A second callback for one interaction gets 40060 already acknowledged."""
    await fake.slash_command("twice")
    await fake.wait_for(lambda: any("40060" in f for f in fake.failures), 5, "the 40060 failure")
    assert isinstance(bot.errors[-1].__cause__, discord.HTTPException)


async def test_unknown_route_is_recorded(fake: FakeDiscord, bot: MiniBot) -> None:
    """A REST route the fake does not know is a recorded 404."""
    with pytest.raises(discord.NotFound):
        await bot.fetch_guild(int(fake.guild_id))
    assert fake.unexpected_routes == [f"GET /guilds/{fake.guild_id}"]
