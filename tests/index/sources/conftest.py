"""Fixtures for the sources' tests: a real engine on a temp folder, the page server, and the
sources config that lets the tests fetch from 127.0.0.1."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.engine import Engine, EngineConfig
from index.sources.config import SourcesConfig
from tests.index.sources.server import PageServer, serving

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_d3689b044ccb29bf.txt"
LOOPBACK = SourcesConfig(allowed_networks=("127.0.0.1/32",), timeout_seconds=60.0)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    """The real engine on a temp database, with the seed article indexed."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    engine = await Engine.open(EngineConfig(db_path=tmp_path / "db" / "articlebot.db", article_dirs=(folder,)))
    await engine.reindex()
    try:
        yield engine
    finally:
        with contextlib.suppress(Exception):
            await engine.close()


@pytest.fixture
async def server() -> AsyncIterator[PageServer]:
    """The page server on a free loopback port."""
    async with serving() as running:
        yield running
