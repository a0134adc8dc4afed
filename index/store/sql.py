"""One connection layer for every query: SQLite (aiosqlite) or PostgreSQL (asyncpg).

Queries are written once, in SQLite's dialect with ``?`` or ``:name`` placeholders, and run
through a ``Database``: ``fetchall``, ``fetchone``, ``execute`` (returns the row count),
``executemany``, ``begin_writing``, ``commit``, ``rollback``. Both backends keep Python's
sqlite3 transaction rule: a statement that writes opens a transaction if none is open, and it
lasts until ``commit`` or ``rollback``; reads alone never hold one. ``index.store.postgres``
renders a query for PostgreSQL once (placeholders -> ``$n`` and the few rules its module
docstring lists) and caches it, so a module that adds tables or queries needs no second copy.

The configured ``database`` (``index.config``) picks the backend: empty means the SQLite file
at ``db_path``, ``postgresql://…`` a PostgreSQL server (``index.store.connection`` opens either).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

import aiosqlite

Params = Sequence[Any] | Mapping[str, Any]
Dialect = Literal["sqlite", "postgresql"]


class DatabaseFailure(Exception):
    """A PostgreSQL statement or connection failed (``sqlstate`` says why, as the server does).

    SQLite's errors stay ``sqlite3.Error``; ``DATABASE_ERRORS`` names both for ``except``.
    """

    def __init__(self, message: str, sqlstate: str = "") -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


# The 👍 and 👎 counts of the feedback rows selected (a boolean sums in SQLite only).
VOTE_COUNTS = ("coalesce(sum(CASE WHEN value = 1 THEN 1 ELSE 0 END), 0), "
               "coalesce(sum(CASE WHEN value = -1 THEN 1 ELSE 0 END), 0)")

DISK_FULL_STATE = "53100"
"""PostgreSQL's SQLSTATE for a full disk."""

DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, DatabaseFailure)


def is_postgres(database: str) -> bool:
    """True when the configured ``database`` names a PostgreSQL server."""
    return database.startswith(("postgresql://", "postgres://"))


def database_name(path: Path, database: str) -> str:
    """How messages name the store: the SQLite file, or the server without its password."""
    if not is_postgres(database):
        return str(path)
    parts = urlsplit(database)
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{parts.hostname or 'localhost'}{port}{parts.path}"


def in_schema(database: str, schema: str) -> str:
    """The PostgreSQL URL ``database`` with its tables in ``schema`` (created on first use): one
    PostgreSQL database can hold several stores side by side (e.g. evaluation runs)."""
    parts = urlsplit(database)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("search_path="))
    return urlunsplit(parts._replace(query="&".join(filter(None, (query, f"search_path={schema}")))))


class Database(Protocol):
    """One connection, as every store module uses it."""

    dialect: Dialect

    @property
    def in_transaction(self) -> bool: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Sequence[Any]]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Sequence[Any] | None: ...

    async def execute(self, sql: str, params: Params = ()) -> int: ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    async def begin_writing(self) -> None: ...

    async def try_lock(self, key: int) -> bool: ...

    async def unlock(self, key: int) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...


class SqliteDatabase:
    """A ``Database`` over an aiosqlite connection (``connection`` for SQLite-only pragmas)."""

    dialect: Dialect = "sqlite"

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction

    async def fetchall(self, sql: str, params: Params = ()) -> list[Sequence[Any]]:
        async with self.connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Params = ()) -> Sequence[Any] | None:
        async with self.connection.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return row

    async def execute(self, sql: str, params: Params = ()) -> int:
        cursor = await self.connection.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.connection.executemany(sql, rows)

    async def begin_writing(self) -> None:
        """Take the write lock before a batch reads or writes (waiting for it like any write).

        A deferred transaction that reads first cannot become a write once another connection
        (the analytics recorder) has committed meanwhile: SQLite refuses at once with "database
        is locked", without waiting. BEGIN IMMEDIATE waits for the lock and reads the latest data.
        """
        if not self.connection.in_transaction:
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # the bot's own write began one meanwhile
                pass

    async def try_lock(self, key: int) -> bool:
        """True: an SQLite file has one machine, whose processes the ``<db>.lock`` file orders."""
        return True

    async def unlock(self, key: int) -> None:
        """Nothing to release (see ``try_lock``)."""

    async def commit(self) -> None:
        await self.connection.commit()

    async def rollback(self) -> None:
        await self.connection.rollback()

    async def close(self) -> None:
        await self.connection.close()

