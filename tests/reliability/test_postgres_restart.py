"""The PostgreSQL server restarts under a running engine: while it is down a question gets one
sentence (never a traceback), and once it is back the same engine answers again, no restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import StoreError
from index.loopback.postgres import Cluster, binaries, running_cluster
from tests.conftest import make_config

QUESTION = "Which fighter jets did Poland offer to send to Ukraine?"


@pytest.fixture
def own_cluster(postgres: Cluster) -> Iterator[Cluster]:
    """A cluster of this test's own (stopping the session's would fail the other tests)."""
    bin_dir = binaries()
    assert bin_dir is not None  # the postgres fixture skipped otherwise
    with running_cluster(bin_dir) as cluster:
        yield cluster


async def test_the_engine_reconnects_after_the_server_restarts(tmp_path: Path, library: Path,
                                                                own_cluster: Cluster) -> None:
    config = make_config(tmp_path, library, database=own_cluster.new_database())
    async with await Engine.open(config) as engine:
        await engine.reindex()
        before = await engine.ask(QUESTION)
        own_cluster.stop()
        with pytest.raises(StoreError, match="cannot connect to the PostgreSQL database"):
            await engine.ask(QUESTION)
        own_cluster.start()
        assert await engine.ask(QUESTION) == before
        assert (await engine.reindex()).added == 0  # the writer reconnected too
