"""Synchronous reads for the answer path, from whichever worker thread answers.

aiosqlite runs each statement in its own thread and wakes the event loop for every step
(execute, fetch, close): three thread hops for one ``SELECT``. On a busy machine each hop waits
for a time slice, and an answer that reads the generation and its passages spent more time
waiting for hops than computing. ``ThreadReads`` gives every thread its own plain ``sqlite3``
connection (read-only, the same busy timeout), so the worker that searches and re-ranks reads
its passages itself, with no hop at all. Readers see the last committed data, as the async
reader does; a damaged page raises ``CorruptDatabase`` as the ``Store``'s methods do.

On PostgreSQL (asyncpg has no blocking API) ``LoopReads`` runs the ``Store``'s own reads on its
event loop and waits for them in the worker thread: the same answers, with the hops.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from index.store.connection import BUSY_TIMEOUT_S, read_only_mode
from index.store.migrate import is_unusable, unusable_database
from index.store.rows import _PASSAGE_COLUMNS, PassageRow, passage_row


class PassageReads(Protocol):
    """What the answer path reads from a worker thread."""

    def generation(self) -> int:
        """The last committed index generation."""
        ...

    def passages_by_ids(self, ids: Sequence[int]) -> dict[int, PassageRow]:
        """The passages with these ids (missing ids are left out)."""
        ...

    def close(self) -> None:
        """Release what the reads hold."""
        ...


class AsyncReads(Protocol):
    """The ``Store`` as ``reads_for`` sees it."""

    path: Path

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        ...

    async def generation(self) -> int:
        """The last committed index generation."""
        ...

    async def passages_by_ids(self, ids: Sequence[int]) -> dict[int, PassageRow]:
        """The passages with these ids."""
        ...


def reads_for(store: AsyncReads) -> PassageReads:
    """``ThreadReads`` on the store's SQLite file; ``LoopReads`` on a database server."""
    if store.dialect == "sqlite":
        return ThreadReads(store.path)
    return LoopReads(store, asyncio.get_running_loop())


class LoopReads:
    """The ``Store``'s async reads, run on its event loop from a worker thread."""

    def __init__(self, store: AsyncReads, loop: asyncio.AbstractEventLoop) -> None:
        self.store, self.loop = store, loop

    def generation(self) -> int:
        """``Store.generation``, waited for in this thread."""
        return asyncio.run_coroutine_threadsafe(self.store.generation(), self.loop).result()

    def passages_by_ids(self, ids: Sequence[int]) -> dict[int, PassageRow]:
        """``Store.passages_by_ids``, waited for in this thread."""
        return asyncio.run_coroutine_threadsafe(self.store.passages_by_ids(ids), self.loop).result()

    def close(self) -> None:
        """Nothing of its own to close: the store's connections are closed with it."""


class ThreadReads:
    """One read-only ``sqlite3`` connection per thread to the database at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def _connection(self) -> sqlite3.Connection:
        if self._closed:  # as the store's own reads do once it is closed
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"file:{quote(str(self.path.absolute()))}?{read_only_mode(self.path)}"
            connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def _rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            if not is_unusable(error):
                raise
            raise unusable_database(self.path, error) from None

    def generation(self) -> int:
        """The last committed index generation (``Store.generation``, read in this thread)."""
        rows = self._rows("SELECT value FROM meta WHERE key = 'generation'", ())
        return int(rows[0][0]) if rows else 0

    def passages_by_ids(self, ids: Sequence[int]) -> dict[int, PassageRow]:
        """``Store.passages_by_ids``, read in this thread."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({marks})"
        return {row[0]: passage_row(row) for row in self._rows(sql, list(ids))}

    def close(self) -> None:
        """Close every thread's connection (when no read is running); later reads raise."""
        with self._lock:
            opened, self._opened, self._closed = self._opened, [], True
        for connection in opened:
            connection.close()
        self._local = threading.local()
