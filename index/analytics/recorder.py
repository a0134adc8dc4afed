"""Recording questions off the answer path: ``record`` only queues; one task writes.

``Recorder.record`` is a non-blocking ``put_nowait``: an answer never waits for SQLite. A
background task takes what is queued, writes it in one statement, and prunes rows past the
retention at start and every ``PRUNE_EVERY`` seconds. A write that finds the database locked
is tried again, as every write beside the reindex's is (``index.store.locked_writes``): during
a reindex its batches hold SQLite's lock for seconds on end. A write that fails otherwise
(read-only, full disk), or stays locked past every attempt, is logged with how many questions
it lost, and the recorder goes on; so does a full queue. Nothing here can fail an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from index.analytics.records import QuestionRecord
from index.analytics.store import AnalyticsStore
from index.config import AnalyticsConfig

log = logging.getLogger(__name__)

MAX_QUEUED = 10_000
"""Questions waiting to be written; past this, new ones are dropped (and logged)."""
MAX_BATCH = 500
"""At most this many questions per transaction."""
BATCH_WAIT = 0.25
"""Seconds the writer lets questions gather after the first, so a busy bot writes them together."""
PRUNE_EVERY = 6 * 3600.0
"""Seconds between two prunings of rows past the retention."""


class Recorder:
    """Queues question records and writes them in the background."""

    def __init__(self, store: AnalyticsStore, config: AnalyticsConfig) -> None:
        self.store = store
        self.config = config
        self.written = 0
        self.lost = 0
        self._queue: asyncio.Queue[QuestionRecord] = asyncio.Queue(MAX_QUEUED)
        self._task: asyncio.Task[None] | None = None
        self._pruned_at = 0.0

    def start(self) -> None:
        """Start the writing task on the running loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._write_forever())

    def record(self, record: QuestionRecord) -> None:
        """Queue ``record`` (without what the config says not to store); never blocks or raises."""
        try:
            self._queue.put_nowait(record.kept(self.config))
        except asyncio.QueueFull:
            self.lost += 1
            log.warning("Analytics queue full (%d questions): a question was not recorded.", MAX_QUEUED)

    async def flush(self) -> None:
        """Wait until everything queued so far is written (or logged as lost)."""
        await self._queue.join()

    async def close(self) -> None:
        """Write what is queued, then stop."""
        if self._task is None:
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.flush(), timeout=10)
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None

    async def _write_forever(self) -> None:
        while True:
            await self._prune_when_due()
            try:
                first = await asyncio.wait_for(self._queue.get(), PRUNE_EVERY)
            except TimeoutError:
                continue
            await self._write_batch(first)

    async def _write_batch(self, first: QuestionRecord) -> None:
        """Write ``first`` and whatever else is queued (up to ``MAX_BATCH``); a failure is logged."""
        await asyncio.sleep(BATCH_WAIT)
        batch = [first]
        while len(batch) < MAX_BATCH and not self._queue.empty():
            batch.append(self._queue.get_nowait())
        try:
            await self.store.add(batch)
            self.written += len(batch)
        except Exception as error:  # noqa: BLE001 - a lost record is logged, never raised
            self.lost += len(batch)
            log.warning("Could not record %d question(s) in %s: %s", len(batch), self.store.path, error)
        finally:
            for _ in batch:
                self._queue.task_done()

    async def _prune_when_due(self) -> None:
        now = time.time()
        if now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        try:
            deleted = await self.store.prune(now - self.config.retention_seconds)
        except Exception as error:  # noqa: BLE001 - retried at the next pruning
            log.warning("Could not prune analytics older than %g days: %s", self.config.retention_days, error)
            return
        if deleted:
            log.info("Pruned %d question(s) older than %g days.", deleted, self.config.retention_days)
