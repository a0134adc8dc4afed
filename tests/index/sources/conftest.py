"""Fixtures for the sources' tests: the real engine on a temp copy of the seed (shared with the
bot's tests) and the sources config that lets the tests fetch from 127.0.0.1."""

from __future__ import annotations

from index.config import SourcesConfig
from tests.bot.conftest import articles, engine, engine_options  # noqa: F401 - fixtures used by these tests

LOOPBACK = SourcesConfig(allowed_networks=("127.0.0.1/32",), timeout_seconds=60.0)
