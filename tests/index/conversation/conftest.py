"""The engine over the three conversation articles (``articles/``), for this folder's tests."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.engine import Engine

FIXTURES = Path(__file__).resolve().parent / "articles"


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES, folder)
    opened = await Engine.open(EngineConfig(db_path=tmp_path / "db.sqlite", article_dirs=(folder,)))
    await opened.reindex()
    async with opened:
        yield opened
