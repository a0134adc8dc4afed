"""The fake Discord and a MiniBot connected to it, for the fake's own tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fake_discord import FakeDiscord
from tests.fake_discord.client_runner import run_client
from tests.fake_discord.minibot import TOKEN, MiniBot


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A running fake Discord."""
    async with FakeDiscord(token=TOKEN) as running:
        yield running


@pytest.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[MiniBot]:
    """A MiniBot connected to the fake and ready."""
    async with run_client(MiniBot(), fake) as client:
        yield client
