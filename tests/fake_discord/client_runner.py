"""Run a real discord.py client against a :class:`FakeDiscord` (points the globals at it, restores them)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import discord
import discord.gateway
import discord.http
import yarl

from .server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base and default gateway at ``fake`` for the duration; restore after."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


async def _wait_until_ready(client: discord.Client, task: asyncio.Task[None], timeout: float) -> None:
    """Wait for ``on_ready``; re-raise the start-up error (e.g. LoginFailure) if the client died first."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not client.is_ready():
        if task.done():
            task.result()
            raise RuntimeError("discord client stopped before becoming ready")
        if loop.time() > deadline:
            raise TimeoutError(f"discord client not ready after {timeout}s")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def started(client: ClientT, fake: FakeDiscord, *, token: str | None = None,
                  timeout: float = 15) -> AsyncIterator[ClientT]:
    """Start ``client`` (its endpoints already pointing at ``fake``), wait until it is ready,
    yield it, then close it cleanly."""
    task = asyncio.create_task(client.start(token or fake.token), name="fake-discord-client")
    try:
        await _wait_until_ready(client, task, timeout)
        fake.mark_client_ready()
        yield client
    finally:
        await client.close()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


@contextlib.asynccontextmanager
async def run_client(
    client: ClientT, fake: FakeDiscord, *, token: str | None = None, timeout: float = 15
) -> AsyncIterator[ClientT]:
    """Start ``client`` against ``fake``, wait until it is ready, yield it, then close it cleanly.

    Globals (``discord.http.Route.BASE``, ``DiscordWebSocket.DEFAULT_GATEWAY``) are restored on exit.
    The client's own ``setup_hook`` (e.g. ``tree.sync()``) runs against the fake before the gateway.
    """
    with pointed_at(fake):
        async with started(client, fake, token=token, timeout=timeout):
            yield client
