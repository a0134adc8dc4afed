"""A real database with the analytics table, and a helper writing question records to it."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from index.analytics.recorder import Recorder
from index.analytics.records import Origin, QuestionRecord, member_hash
from index.analytics.store import AnalyticsStore
from index.config import DAY, AnalyticsConfig
from index.store.database import Store

NOW = time.time()
GUILD = Origin("guild", "11", "22", member_hash(1), "reader")
DM = Origin("dm", None, "33", member_hash(2), "other")


def asked(question: str, answered: bool = True, *, origin: Origin = GUILD, seconds: float = 0.1,
          article: str | None = "Kirby article", key: str | None = None, days_ago: float = 0.0) -> QuestionRecord:
    """A question record (answered ones name an article unless told otherwise)."""
    return QuestionRecord(question, origin, answered, seconds, article if answered else None, key,
                          NOW - days_ago * DAY)


@pytest.fixture
async def store(tmp_path: Path, database: str) -> AsyncIterator[AnalyticsStore]:
    """The analytics store on a fresh articlebot database (schema from the migrations)."""
    path = tmp_path / "a.db"
    await (await Store.open(path, database=database)).close()
    opened = await AnalyticsStore.open(path, database=database)
    try:
        yield opened
    finally:
        await opened.close()


async def record_all(store: AnalyticsStore, records: Sequence[QuestionRecord],
                     config: AnalyticsConfig | None = None) -> Recorder:
    """Queue ``records`` on a started recorder and wait until they are written; returns it (closed)."""
    recorder = Recorder(store, config or AnalyticsConfig())
    recorder.start()
    for record in records:
        recorder.record(record)
    await recorder.flush()
    await recorder.close()
    return recorder
