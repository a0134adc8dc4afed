"""Two "machines" on one PostgreSQL database: engines with their own local folders (own
``<db>.lock``, own index files) sharing the rows. A reindex on one keeps the other from
reindexing and from discarding its rows as leftovers; the other sees the new generation."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import ReindexInProgress
from index.loopback.postgres import Cluster
from tests.conftest import make_config
from tests.reliability.test_atomic_reindex import NEW, QUESTION, pause_before_commit


async def test_a_reindex_on_one_machine_is_respected_by_the_other(tmp_path: Path, library: Path,
                                                                  postgres: Cluster) -> None:
    database = postgres.new_database()
    first = make_config(tmp_path / "machine-1", library, database=database)
    second = make_config(tmp_path / "machine-2", library, database=database)
    async with await Engine.open(first) as writer:
        await writer.reindex()
        (library / "rhubarb.txt").write_text(NEW, encoding="utf-8")
        reached, release = await pause_before_commit(writer)
        job = asyncio.create_task(writer.reindex())
        await reached.wait()
        async with await Engine.open(second) as other:  # its open must not discard the rows being written
            with pytest.raises(ReindexInProgress):
                await other.reindex()
            release.set()
            report = await job
            assert report.added == 1
            assert "nine thousand visitors" in (await other.ask(QUESTION)).quotes[0].text  # rebuilt from the rows
