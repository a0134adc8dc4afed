"""What an interrupted reindex leaves behind, and the lock that tells whether one still runs.

A reindex holds an exclusive ``flock`` on ``<db>.lock`` while it writes, and on PostgreSQL also
the database's advisory lock (a reindex may run on another machine). When nobody holds them,
rows past the committed generation, index folders of other generations and a disk-space reserve
are leftovers of a reindex that was killed, and opening the engine removes them.
"""

from __future__ import annotations

import fcntl
import logging
from typing import IO

from index.config import EngineConfig
from index.searcher_loading import drop_other_generations
from index.store.database import Store
from index.store.space import is_disk_full, reserve_path
from index.store.sql import DATABASE_ERRORS

log = logging.getLogger(__name__)


class ReindexLock:
    """Held while a reindex (or a clean-up of one) writes: the file lock and the store's own."""

    def __init__(self, handle: IO[bytes], store: Store) -> None:
        self._handle = handle
        self._store = store

    async def release(self) -> None:
        """Release both locks."""
        try:
            await self._store.unlock_reindex()
        finally:
            self._handle.close()


async def take_reindex_lock(store: Store, config: EngineConfig) -> ReindexLock | None:
    """Both locks, or None when a reindex holds either (in this machine's processes or elsewhere)."""
    handle = try_lock(config)
    if handle is None:
        return None
    try:
        taken = await store.try_lock_reindex()
    except BaseException:
        handle.close()
        raise
    if not taken:
        handle.close()
        return None
    return ReindexLock(handle, store)


async def clear_interrupted(store: Store, config: EngineConfig) -> None:
    """When no reindex runs anywhere, drop what a killed one left (rows and index folders)."""
    lock = await take_reindex_lock(store, config)
    if lock is None:
        return
    try:
        try:
            dropped = await store.discard_uncommitted()
        except DATABASE_ERRORS as error:  # on a full disk: the rows are invisible, answering goes on
            if not is_disk_full(error):
                raise
            log.warning("could not discard an interrupted reindex's rows: %s", error)
            dropped = 0
        if dropped:
            log.warning("discarded %d articles of an interrupted reindex", dropped)
        drop_other_generations(config.index_dir, await store.generation())
        reserve_path(config.db_path).unlink(missing_ok=True)
    finally:
        await lock.release()


def try_lock(config: EngineConfig) -> IO[bytes] | None:
    """An exclusive lock on ``<db>.lock`` (None if another process holds it)."""
    config.db_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(config.db_path.with_name(config.db_path.name + ".lock"), "ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle

