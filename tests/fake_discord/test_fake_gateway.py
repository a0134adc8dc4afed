"""The fake's gateway with a real discord.py client: discovery, start by hand, resumes after op 7
or a dropped connection, and wrong tokens."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
import pytest

from tests.fake_discord import FakeDiscord
from tests.fake_discord.client_runner import pointed_at, run_client
from tests.fake_discord.minibot import TOKEN, MiniBot


async def test_gateway_discovery_points_at_fake(fake: FakeDiscord, bot: MiniBot) -> None:
    """GET /gateway/bot returns the fake's websocket URL."""
    _, url, _ = await bot.http.get_bot_gateway()
    assert url == fake.gateway_url


async def test_wait_ready_without_runner(fake: FakeDiscord) -> None:
    """A client started by hand is usable after fake.wait_ready()."""
    client = MiniBot()
    with pointed_at(fake):
        task = asyncio.create_task(client.start(TOKEN))
        await fake.wait_ready(timeout=15)
        result = await fake.slash_command("ping", {"text": "manual"})
        await client.close()
        await task
    assert result.final_message["content"] == "pong manual"  # type: ignore[index]


async def test_reconnect_resumes_on_resume_url(fake: FakeDiscord, bot: MiniBot) -> None:
    """After op 7 the client RESUMEs on resume_gateway_url and keeps answering."""
    await fake.reconnect()
    result = await fake.slash_command("ping", {"text": "after"})
    assert (fake.resumes, fake.ws_connections[-1], result.final_message["content"]) == (1, "/resume", "pong after")  # type: ignore[index]


async def test_dropped_connection_resumes(fake: FakeDiscord, bot: MiniBot) -> None:
    """After an abrupt close the client resumes and still replies to DMs."""
    await fake.drop_connection()
    reply = await fake.send_dm("still there?")
    assert (fake.resumes, fake.identifies, reply["content"]) == (1, 1, "echo: still there?")


async def test_wrong_token_fails_login(fake: FakeDiscord) -> None:
    """A wrong token is refused with 401, which discord.py turns into LoginFailure."""
    with pytest.raises(discord.LoginFailure):
        async with run_client(MiniBot(), fake, token="wrong-token"):
            pass


async def test_gateway_wrong_token_closes_4004(fake: FakeDiscord) -> None:
    """IDENTIFY with a wrong token closes the websocket with 4004."""
    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        await ws.receive_json()
        await ws.send_json({"op": 2, "d": {"token": "nope", "intents": 0, "properties": {}}})
        await ws.receive()
    assert ws.close_code == 4004
