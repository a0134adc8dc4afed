"""A loopback fake Discord (REST + gateway) that a real discord.py client can talk to in tests."""

from .interactions import InteractionResult
from .rest import RecordedRequest
from .server import FakeDiscord

__all__ = ["FakeDiscord", "InteractionResult", "RecordedRequest"]
