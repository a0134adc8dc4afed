"""Writes beside the reindex's (question records, saved answers, votes), each retried the same
way while another writer holds SQLite's one write lock.

A reindex (the bot's own, or `articlebot reindex` in another process) keeps the write lock for
whole batches, and a burst of answers keeps the event loop busy: a write that waited its
connection's busy timeout and still found the database locked is rolled back and run again
(``BUSY_RETRIES`` times, ``BUSY_PAUSE`` apart) instead of being lost. The connections these
writes use commit each statement by itself (``open_side_connection(autocommit=True)``), so a
statement holds the lock only while it runs on the connection's thread, never across the
event loop's other work between two awaits; ``write_when_unlocked`` also commits (a no-op
there, the end of the transaction on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

from index.store.migrate import is_busy
from index.store.sql import DATABASE_ERRORS, Database

T = TypeVar("T")

BUSY_RETRIES = 12
"""How many times a write that found the database locked is run again before it fails."""
BUSY_PAUSE = 1.0
"""Seconds between those attempts (each also waits the connection's busy timeout)."""


async def write_when_unlocked(db: Database, write: Callable[[], Awaitable[T]]) -> T:
    """Run ``write`` (statements on ``db``) and commit; on a failure roll back, and while the
    failure is "database is locked", pause and run it again; its result, or the last error."""
    for _ in range(BUSY_RETRIES):
        try:
            return await _committed(db, write)
        except DATABASE_ERRORS as error:
            if not is_busy(error):
                raise
        await asyncio.sleep(BUSY_PAUSE)
    return await _committed(db, write)


async def _committed(db: Database, write: Callable[[], Awaitable[T]]) -> T:
    """``write``, committed, or rolled back (what it wrote, and any lock it took) when it fails."""
    try:
        result = await write()
        await db.commit()
    except BaseException:
        with contextlib.suppress(*DATABASE_ERRORS):
            await db.rollback()
        raise
    return result
