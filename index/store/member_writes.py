"""What members write while the bot answers: the answers their buttons refer to, and their votes.

On a connection of its own, not the reindex's writer: a commit there would commit a reindex's
pending batch, and a reindex's rollback would drop the answers saved meanwhile. Each statement
commits by itself, so SQLite's write lock is held only while it runs, never across the event
loop's other work; a write that finds the database locked is run again
(``index.store.locked_writes``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

from index.config import DATABASE
from index.store.connection import open_side_connection, reports_damage
from index.store.locked_writes import write_when_unlocked
from index.store.sql import Database
from index.store.timestamps import iso

_SAME_VOTER = "question = ? AND passage_ids = ? AND user_hash = ?"  # one member's votes on one answer


@reports_damage
class MemberWrites:
    """Saved answers and votes, written on a connection opened on first use."""

    def __init__(self, path: Path, database: str = DATABASE, *, read_only_writer: Database | None = None) -> None:
        self.path = path
        self.database = database  # a PostgreSQL URL, or "" for the SQLite file at path
        self._read_only = read_only_writer  # a read-only store's one connection: its writes fail
        self._db: Database | None = None
        self._opening = asyncio.Lock()  # two first writes at once open one connection, not two
        self._votes = asyncio.Lock()  # votes are written in the order they came (see add_feedback)

    async def save_answer(self, key: str, question: str, passage_ids: Sequence[int], keep: int) -> None:
        """Store the answer a button refers to; only the newest ``keep`` answers are kept.

        A key saved again is replaced by a newer row, as INSERT OR REPLACE does (a reader may miss
        it for the moment between the two statements).
        """
        db = await self._connection()

        async def write() -> None:
            await db.execute("DELETE FROM answers WHERE key = ?", (key,))
            await db.execute("INSERT INTO answers (key, question, passage_ids, created_at) VALUES (?, ?, ?, ?)",
                             (key, question, json.dumps(list(passage_ids)), iso()))
            await db.execute("DELETE FROM answers WHERE rowid <= (SELECT max(rowid) FROM answers) - ?", (keep,))

        await write_when_unlocked(db, write)

    async def add_feedback(self, question: str, passage_ids: Sequence[int], user_hash: str, value: int,
                           answer_key: str | None = None) -> None:
        """Record a 👍 (+1) or 👎 (-1) on an answer (its question and quotes, and the key of its
        buttons when known); a user's later vote on the same answer replaces their earlier one.

        The vote is added, then that user's older votes on that answer are deleted (so another
        process's vote written meanwhile still leaves one). Votes wait their turn in this process
        (an asyncio lock, not the database's: on SQLite each statement still takes and releases
        the write lock by itself): the bot thanks before storing, so a quick 👍 then 👎 must not
        be stored 👎 first.
        """
        same = (question, json.dumps(list(passage_ids)), user_hash)

        async def write(db: Database) -> None:
            await db.execute("INSERT INTO feedback (question, passage_ids, user_hash, value, created_at, answer_key)"
                             " VALUES (?, ?, ?, ?, ?, ?)", (*same, value, iso(), answer_key))
            await db.execute(f"DELETE FROM feedback WHERE {_SAME_VOTER} AND id < (SELECT max(id) FROM feedback "
                             f"WHERE {_SAME_VOTER})", same + same)

        async with self._votes:
            db = await self._connection()
            await write_when_unlocked(db, lambda: write(db))

    async def close(self) -> None:
        """Close the connection, if it was opened."""
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def _connection(self) -> Database:
        if self._read_only is not None:
            return self._read_only
        async with self._opening:
            if self._db is None:
                self._db = await open_side_connection(self.path, self.database, autocommit=True)
        return self._db
