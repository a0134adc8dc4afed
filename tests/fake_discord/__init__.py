"""A loopback fake Discord (REST + gateway) that a real discord.py client can talk to in tests.

Usage::

    from tests.fake_discord import FakeDiscord, run_client

    async with FakeDiscord(token="test-token") as fake:
        async with run_client(MyBot(...), fake):          # points discord.py at the fake, waits for on_ready
            result = await fake.slash_command("ask", {"question": "..."}, user=fake.member)
            assert result.final_message["content"]
            reply = await fake.send_dm("hello", user=fake.member)
        assert fake.violations == [] and fake.failures == []

Without ``run_client``: ``with pointed_at(fake):`` set ``discord.http.Route.BASE`` and
``DiscordWebSocket.DEFAULT_GATEWAY``; start the client yourself; ``await fake.wait_ready()``.
"""

from .client_runner import pointed_at, run_client, started
from .interactions import InteractionResult
from .rest import RecordedRequest
from .server import FakeDiscord

__all__ = ["FakeDiscord", "InteractionResult", "RecordedRequest", "pointed_at", "run_client", "started"]
