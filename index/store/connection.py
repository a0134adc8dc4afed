"""Opening the database (the SQLite file, or the configured PostgreSQL server), and turning
SQLite's damage errors into articlebot's sentences."""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar
from urllib.parse import quote

import aiosqlite

from index.errors import StoreError
from index.store.migrate import is_unusable, migrate, migrations, unusable_database
from index.store.sql import Database, SqliteDatabase, is_postgres

P = ParamSpec("P")
T = TypeVar("T")


class _HasPath(Protocol):
    """A store: anything that knows its database's path."""

    path: Path


BUSY_TIMEOUT_S = 30.0
"""Seconds a connection to the store's database waits for another's write lock before it
gives up with "database is locked" (the analytics' own connection waits less and retries)."""


async def connect(path: Path, *, read_only: bool = False) -> aiosqlite.Connection:
    """An aiosqlite connection with foreign keys on and a ``BUSY_TIMEOUT_S`` busy timeout.

    ``read_only`` opens the file with SQLite's ``mode=ro``: nothing this connection does can
    write to it (so it also works on a full disk or a read-only file system).
    """
    if read_only:
        connection = await aiosqlite.connect(f"file:{quote(str(path.absolute()))}?{read_only_mode(path)}",
                                             timeout=BUSY_TIMEOUT_S, uri=True)
    else:
        connection = await aiosqlite.connect(path, timeout=BUSY_TIMEOUT_S)
    await connection.execute("PRAGMA foreign_keys = ON")
    await connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return connection


def read_only_mode(path: Path) -> str:
    """SQLite's URI parameters for reading ``path`` without writing.

    A WAL database needs its ``-shm`` file even to read; on a read-only file system, with no
    ``-wal`` file left (every commit is in the database file) and none creatable, nothing can
    change the file, so it is opened as immutable.
    """
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() and not os.access(path.parent, os.W_OK):
        return "mode=ro&immutable=1"
    return "mode=ro"


async def open_connections(path: Path, *, check_at_open_mb: float, read_only: bool, database: str = ""
                           ) -> tuple[Database, Database, bool]:
    """The reader and writer connections of ``path`` (or of the PostgreSQL server ``database``
    names), schema checked (and migrated unless ``read_only``), and whether every page was checked.

    A read-only open never creates, migrates or changes the journal mode; its "writer" is the
    reader, so a write attempted through it fails instead of touching the file. Nor does it read
    every page (``check_pages``, ~1 ms per MB: more than a one-shot `ask` spends answering):
    what it cannot change it need not vouch for, and a damaged page it does read is still
    refused with the ``CorruptDatabase`` sentence.
    """
    if is_postgres(database):
        return await _open_postgres(database, read_only=read_only)
    if read_only:
        refuse_non_file(path)
        if not path.is_file():
            raise StoreError(f"no database at {path}")
    else:
        await asyncio.to_thread(can_open, path)
    size = path.stat().st_size if path.exists() else 0
    full_check = size <= check_at_open_mb * 2**20 and not read_only
    writer = await connect(path, read_only=read_only)
    try:
        if size == 0 and not read_only:  # a new file: pages a failed reindex frees can be given back
            await writer.execute("PRAGMA auto_vacuum = INCREMENTAL")
        await migrate(writer, path, full_check=full_check, read_only=read_only)
        if not read_only:
            await writer.execute("PRAGMA journal_mode = WAL")
            await writer.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as error:  # e.g. a read-only file or folder
        await writer.close()
        raise StoreError(f"cannot use {path} as the database ({error})") from None
    except BaseException:
        await writer.close()
        raise
    reader = writer if read_only else await connect(path)
    return SqliteDatabase(reader), SqliteDatabase(writer), full_check


async def _open_postgres(url: str, *, read_only: bool) -> tuple[Database, Database, bool]:
    """Two connections to the PostgreSQL database ``url``, schema migrated (checked when
    ``read_only``); the server checks its own pages."""
    from index.store.postgres import PostgresDatabase, migrate_postgres, server_name  # asyncpg only when used

    writer = await PostgresDatabase.connect(url, read_only=read_only)
    try:
        await migrate_postgres(writer, server_name(url), migrations(), read_only=read_only)
        reader = writer if read_only else await PostgresDatabase.connect(url)
    except BaseException:
        await writer.close()
        raise
    return reader, writer, True


def refuse_non_file(path: Path) -> None:
    """Raise ``StoreError`` when ``path`` is a folder, or its folder is a file."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give the path of a file such as "
                         f"{path / 'articlebot.db'}")
    if path.parent.exists() and not path.parent.is_dir():
        raise StoreError(f"cannot create the database {path}: {path.parent} is a file, not a folder")


def can_open(path: Path) -> None:
    """Create ``path``'s folder and open it once with plain sqlite3, or raise ``StoreError``.

    Tried before aiosqlite: when its connect fails, its worker thread reports the failure to an
    event loop that may be closed by then, printing a second traceback after ours.
    """
    refuse_non_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(path).close()
    except OSError as error:
        raise StoreError(f"cannot create the folder {path.parent} for the database ({error.strerror})") from None
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the database {path} ({error})") from None


def _damage_is_corrupt(method: Callable[Concatenate[_HasPath, P], Awaitable[T]]
                       ) -> Callable[Concatenate[_HasPath, P], Awaitable[T]]:
    """``method``, raising ``CorruptDatabase`` where SQLite reports a damaged file (and a
    ``StoreError`` where it may not write it)."""
    @functools.wraps(method)
    async def guarded(self: _HasPath, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            if not is_unusable(error):
                raise
            raise unusable_database(self.path, error) from None

    return guarded


def reports_damage(cls: type[T]) -> type[T]:
    """Guard every public coroutine method of ``cls`` with ``_damage_is_corrupt``.

    A large database opens without reading every page, so a damaged one can fail any later
    read; guarding the whole class keeps methods added later covered too.
    """
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.iscoroutinefunction(member):
            setattr(cls, name, _damage_is_corrupt(member))
    return cls


async def open_side_connection(path: Path, database: str = "", *,
                               busy_timeout_ms: int = int(BUSY_TIMEOUT_S * 1000),
                               migrated: bool = False, autocommit: bool = False) -> Database:
    """One more connection to the store's database (the analytics' or the feed poller's own, so
    their commits and rollbacks never touch a reindex's pending batch); ``migrated`` applies
    any newer schema files first. ``autocommit``: on SQLite each statement commits by itself,
    so it holds the write lock only while it runs (``index.store.locked_writes``)."""
    if is_postgres(database):
        from index.store.postgres import PostgresDatabase, migrate_postgres, server_name

        db = await PostgresDatabase.connect(database)
        if migrated:
            try:
                await migrate_postgres(db, server_name(database), migrations())
            except BaseException:
                await db.close()
                raise
        return db
    connection = await aiosqlite.connect(path, timeout=busy_timeout_ms / 1000,
                                         isolation_level=None if autocommit else "")
    try:
        await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        await connection.execute("PRAGMA foreign_keys = ON")
        if migrated:
            await migrate(connection, path, full_check=False)
    except BaseException:
        await connection.close()
        raise
    return SqliteDatabase(connection)
