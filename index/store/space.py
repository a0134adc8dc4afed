"""Disk space for a reindex: the estimate checked before it writes, and the clean-up after a
write failed because the disk filled up (issue 18).

A reindex writes its rows in committed batches of a generation nobody reads yet, and stages its
BM25 index beside the live one. When the disk fills half-way those rows and files would keep
the disk full, and every later open (which cleans up) would fail too. ``give_back_space``
frees a reserve taken before the first write, rolls the pending batch back, deletes the rows past the committed generation, returns their
pages to the file system (databases created with incremental auto-vacuum) and truncates the
write-ahead log; the caller removes the staged index folders.
"""

from __future__ import annotations

import errno
import logging
import math
import os
import shutil
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import aiosqlite

from index.config import SPACE_MARGIN_MB, SPACE_PER_INPUT_BYTE
from index.errors import DiskFull
from index.store.database import Store
from index.store.sql import DATABASE_ERRORS, DISK_FULL_STATE, DatabaseFailure, SqliteDatabase

log = logging.getLogger(__name__)

MB = 2**20


def is_disk_full(error: BaseException) -> bool:
    """True when ``error`` says the disk (or the database's quota) is full."""
    if isinstance(error, sqlite3.Error):
        return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_FULL
    if isinstance(error, DatabaseFailure):
        return error.sqlstate == DISK_FULL_STATE
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def needed_bytes(new_files: Iterable[Path], index_dir: Path) -> int:
    """Disk a reindex needs: its new files' text times ``SPACE_PER_INPUT_BYTE``, a second copy of
    the BM25 index (the new one is staged beside the live one) and ``SPACE_MARGIN_MB``."""
    text = 0
    for path in new_files:
        try:
            text += path.stat().st_size
        except OSError:
            continue  # reported as a bad file by the reindex
    return SPACE_PER_INPUT_BYTE * text + folder_bytes(index_dir) + SPACE_MARGIN_MB * MB


def reserve_path(db_path: Path) -> Path:
    """The file a reindex fills to keep room for undoing itself if the disk fills up."""
    return db_path.with_name(db_path.name + ".reserve")


def hold_space(reserve: Path) -> None:
    """Take ``SPACE_MARGIN_MB`` of disk in ``reserve`` (deleted when the reindex ends, or first
    thing when the disk fills up, so the clean-up has room to write)."""
    with reserve.open("wb") as handle:
        os.posix_fallocate(handle.fileno(), 0, SPACE_MARGIN_MB * MB)


def folder_bytes(folder: Path) -> int:
    """The size of the files under ``folder`` (0 when it does not exist)."""
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def disk_full(needed: int, folder: Path) -> DiskFull:
    """The sentence for a reindex that does not fit on the disk holding ``folder``."""
    free = shutil.disk_usage(folder).free
    return DiskFull(f"the disk is full: {math.ceil(needed / MB)} MB needed, {free // MB} MB free in {folder}; "
                    "the reindex was undone and the old index keeps answering")


def check_free_space(needed: int, folder: Path) -> None:
    """Raise ``DiskFull`` before writing anything when ``folder``'s disk has less than ``needed``."""
    if shutil.disk_usage(folder).free < needed:
        raise disk_full(needed, folder)


async def give_back_space(store: Store) -> None:
    """Undo a reindex that failed for lack of space, giving its pages back; each step best effort.

    On PostgreSQL the server returns the space (vacuum): rolling back and deleting is all."""
    database = store._writer  # the reindex's connection
    if not isinstance(database, SqliteDatabase):
        await _best_effort((("roll back the pending batch", database.rollback),
                            ("delete the uncommitted rows", store.discard_uncommitted)))
        return
    writer = database.connection
    await _best_effort((
        ("roll back the pending batch", lambda: writer.rollback()),
        # Empty the log first (the reserve's room takes its pages), so the delete starts it afresh.
        ("truncate the write-ahead log", lambda: _run(writer, "PRAGMA wal_checkpoint(TRUNCATE)")),
        ("delete the uncommitted rows", store.discard_uncommitted),
        # executescript steps it to the end; execute would free one page per call.
        ("free their pages", lambda: writer.executescript("PRAGMA incremental_vacuum;")),
        ("truncate the write-ahead log", lambda: _run(writer, "PRAGMA wal_checkpoint(TRUNCATE)")),
    ))


async def _best_effort(steps: Iterable[tuple[str, Callable[[], Awaitable[object]]]]) -> None:
    """Run each step, logging (not raising) the database errors."""
    for what, step in steps:
        try:
            await step()
        except DATABASE_ERRORS as error:
            log.warning("after the disk filled up, could not %s: %s", what, error)


async def _run(writer: aiosqlite.Connection, sql: str) -> None:
    """Execute ``sql`` on the writer and read its rows to the end (pragmas work as they are read)."""
    async with writer.execute(sql) as cursor:
        await cursor.fetchall()
    await writer.commit()
