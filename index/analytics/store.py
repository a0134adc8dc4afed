"""``question_log`` in the articlebot database: add, prune, forget, and the reads /stats needs.

A connection of its own (not the index's writer, which a reindex shares), so an analytics
write never commits or rolls back a reindex's pending batch, and a failed one is rolled back
alone. The schema comes from ``index/migrations`` like every other table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from index.analytics.records import QuestionRecord
from index.config import DATABASE
from index.store.connection import open_side_connection
from index.store.locked_writes import write_when_unlocked
from index.store.sql import VOTE_COUNTS, Database, SqliteDatabase
from index.store.timestamps import iso

COLUMNS = ("asked_at, question, place, guild_id, channel_id, member_hash, member_name, answered, "
           "top_article, seconds, answer_key")
BUSY_TIMEOUT_MS = 5_000
"""How long a write waits for another writer (a reindex's batch) before it is tried again
(``index.store.locked_writes``)."""
# Questions refused, or answered and voted 👎 by anyone (a vote later changed to 👍 no longer counts).
_GAPS = """SELECT q.question, q.answered = 0,
                  EXISTS (SELECT 1 FROM feedback f WHERE f.answer_key = q.answer_key AND f.value = -1)
           FROM question_log q WHERE q.asked_at >= :since AND q.question IS NOT NULL {guild}
             AND (q.answered = 0 OR EXISTS (SELECT 1 FROM feedback f
                                            WHERE f.answer_key = q.answer_key AND f.value = -1))
           ORDER BY q.asked_at DESC LIMIT :limit"""


class AnalyticsStore:
    """Owns one connection to the database for analytics."""

    def __init__(self, path: Path, db: Database, database: str = DATABASE) -> None:
        self.path = path
        self.database = database  # a PostgreSQL URL, or "" for the SQLite file at path
        self._db = db

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, database: str = DATABASE
                   ) -> AnalyticsStore:
        """Connect to the database at ``path``, or the PostgreSQL server ``database`` names
        (applying any newer schema files)."""
        db = await open_side_connection(path, database, busy_timeout_ms=busy_timeout_ms, migrated=True,
                                        autocommit=True)
        if isinstance(db, SqliteDatabase):
            # As the index's writer: WAL commits without a sync each (a crash may lose the last ones).
            await db.execute("PRAGMA synchronous = NORMAL")
        return cls(path, db, database)

    async def close(self) -> None:
        """Close the connection."""
        await self._db.close()

    async def add(self, records: Sequence[QuestionRecord]) -> None:
        """Write ``records`` in one statement (all or none; retried while the database is locked)."""
        if not records:
            return
        marks = "(" + ", ".join("?" * len(COLUMNS.split(","))) + ")"
        sql = f"INSERT INTO question_log ({COLUMNS}) VALUES {', '.join([marks] * len(records))}"
        values = [value for record in records for value in record.row()]
        await write_when_unlocked(self._db, lambda: self._db.execute(sql, values))

    async def prune(self, before: float) -> int:
        """Delete questions and votes older than ``before`` (Unix time); returns the questions deleted."""
        deleted = await self._delete(("DELETE FROM question_log WHERE asked_at < ?", before),
                                     ("DELETE FROM feedback WHERE created_at < ?", iso(before)))
        return deleted[0]

    async def forget(self, member_hash: str) -> tuple[int, int]:
        """Delete one member's questions and votes; returns how many of each."""
        questions, votes = await self._delete(("DELETE FROM question_log WHERE member_hash = ?", member_hash),
                                              ("DELETE FROM feedback WHERE user_hash = ?", member_hash))
        return questions, votes

    async def _delete(self, *statements: tuple[str, object]) -> list[int]:
        """Run each ``(DELETE …, its one value)`` (retried while the database is locked); the rows each deleted."""
        async def write() -> list[int]:
            return [await self._db.execute(sql, (value,)) for sql, value in statements]

        return await write_when_unlocked(self._db, write)

    # -- reads for the stats ----------------------------------------------------------------

    async def daily(self, since: float, guild_id: str | None = None) -> list[tuple[str, int, int]]:
        """``(YYYY-MM-DD, asked, answered)`` for each day since ``since`` with a question (asked in
        ``guild_id`` only, when given: a server's admins see their own server's questions)."""
        sql = f"""SELECT date(asked_at, 'unixepoch'), count(*), sum(answered) FROM question_log
                  WHERE asked_at >= :since {_in_guild(guild_id)} GROUP BY 1 ORDER BY 1"""
        rows = await self._db.fetchall(sql, {"since": since, "guild": guild_id})
        return [(day, int(asked), int(answered)) for day, asked, answered in rows]

    async def answer_seconds(self, since: float, guild_id: str | None = None) -> list[float]:
        """The time taken by every question since ``since`` (in ``guild_id`` when given)."""
        sql = f"SELECT seconds FROM question_log WHERE asked_at >= :since {_in_guild(guild_id)}"
        return [float(row[0]) for row in await self._db.fetchall(sql, {"since": since, "guild": guild_id})]

    async def votes(self, since: float, guild_id: str | None = None) -> tuple[int, int]:
        """``(👍, 👎)`` given since ``since`` (on answers given in ``guild_id`` when given)."""
        where = "" if guild_id is None else "AND answer_key IN (SELECT answer_key FROM question_log WHERE guild_id = :guild)"
        sql = f"SELECT {VOTE_COUNTS} FROM feedback WHERE created_at >= :since {where}"
        row = await self._db.fetchone(sql, {"since": iso(since), "guild": guild_id})
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def top_articles(self, since: float, limit: int, guild_id: str | None = None) -> list[tuple[str, int]]:
        """The articles quoted first most often since ``since``, with how often (in ``guild_id``)."""
        sql = f"""SELECT top_article, count(*) FROM question_log WHERE asked_at >= :since AND top_article IS NOT NULL
                  {_in_guild(guild_id)} GROUP BY top_article ORDER BY count(*) DESC, top_article LIMIT :limit"""
        rows = await self._db.fetchall(sql, {"since": since, "limit": limit, "guild": guild_id})
        return [(title, int(count)) for title, count in rows]

    async def gap_questions(self, since: float, limit: int, guild_id: str | None = None) -> list[tuple[str, bool, bool]]:
        """``(question, refused, voted 👎)`` of the newest ``limit`` questions since ``since``
        that were refused or voted 👎 (only those whose text is stored; in ``guild_id``)."""
        sql = _GAPS.format(guild=_in_guild(guild_id, "q."))
        rows = await self._db.fetchall(sql, {"since": since, "limit": limit, "guild": guild_id})
        return [(text, bool(refused), bool(down)) for text, refused, down in rows]


def _in_guild(guild_id: str | None, table: str = "") -> str:
    """The condition keeping one server's questions (bound as ``:guild``), or none for all."""
    return "" if guild_id is None else f"AND {table}guild_id = :guild"
