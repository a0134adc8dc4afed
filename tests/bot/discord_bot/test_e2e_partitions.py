"""End to end: the bot on the xapian engine (two real xapian-tcpsrv partitions on loopback)
while one partition is killed and started again, through the fake Discord."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.bm25 import xapian_engine
from index.bm25.partitions import parse_partitions
from index.engine import Engine
from index.loopback.xapian import PartitionServer, partitions_in
from tests.bot.conftest import KIRBY_QUESTION
from tests.fake_discord import FakeDiscord

pytestmark = pytest.mark.skipif(shutil.which("xapian-tcpsrv") is None,
                                reason="xapian-tools is not installed (.ci/install-xapian installs it)")
pytest.importorskip("xapian", reason="python3-xapian is not installed (.ci/install-xapian installs it)")


@pytest.fixture
def partitions(tmp_path: Path) -> tuple[str, ...]:
    """Two partitions on free loopback ports."""
    return partitions_in(tmp_path / "partitions", 2)


@pytest.fixture
def engine_options(partitions: tuple[str, ...]) -> dict[str, Any]:
    """The engine searches the partitions (reindex writes them)."""
    return {"bm25": "xapian", "idf": "xapian", "partitions": partitions}


@pytest.fixture
def servers(engine: Engine, partitions: tuple[str, ...]) -> Iterator[list[PartitionServer]]:
    """One running xapian-tcpsrv per partition (started after the reindex wrote them)."""
    running = [PartitionServer(p).start() for p in parse_partitions(partitions)]
    yield running
    for server in running:
        server.kill()


async def test_a_killed_partition_is_said_and_comes_back_without_a_restart(
        bot, fake: FakeDiscord, servers: list[PartitionServer], monkeypatch: pytest.MonkeyPatch) -> None:
    whole = (await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)).final_message
    assert whole["embeds"] and not whole.get("content")

    servers[0].kill()  # the admin asks: a new conversation, not a follow-up of the member's
    partial = (await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.admin)).final_message
    assert partial["content"] == ("Part of the archive is unavailable right now \\(1 of 2 search partitions "
                                  "did not answer\\), and the rest held no answer; please ask again later.")

    monkeypatch.setattr(xapian_engine, "RETRY_SECONDS", 0.0)
    servers[0].start()
    again = (await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)).final_message
    assert "unavailable" not in again.get("content", "")
    assert again["embeds"][0] == whole["embeds"][0]
