"""The SQLite store (through aiosqlite): articles and passages by index generation.

The database is the source of truth; BM25 indexes are built from it. The schema is applied
on open by ``index.store.migrate``. Two connections: one for reads, one for the reindex's writes, so
questions keep reading the last committed generation while a reindex writes the next. A damaged
page met by any method raises ``CorruptDatabase``, the same sentence as a refusal at open. A path
SQLite cannot open at all (a folder, a folder that cannot be created) raises ``StoreError`` at open.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from index.config import CHECK_AT_OPEN_MB, DATABASE
from index.store.connection import connect, open_connections, reports_damage
from index.store.member_writes import MemberWrites
from index.store.migrate import check_pages
from index.store.rows import (
    _PASSAGE_COLUMNS,
    _VISIBLE,
    INSERT_ARTICLE,
    INSERT_PASSAGE,
    MENTIONS_SQL,
    ArticleRow,
    EncodedArticle,
    IndexRows,
    NewArticle,
    PassageRow,
    article_filters,
    article_values,
    like_pattern,
    passage_row,
    passage_values,
)
from index.store.sql import VOTE_COUNTS, Database, Dialect
from index.store.thread_reads import reads_for
from index.store.timestamps import iso

REINDEX_LOCK = 0x72656978  # the advisory lock a reindex (or a clean-up of one) holds on PostgreSQL


@reports_damage
class Store:
    """Owns the database connections; every method is named for what it does."""

    def __init__(self, path: Path, reader: Database, writer: Database, *, checked: bool = False,
                 database: str = DATABASE):
        self.path = path
        self._reader = reader
        self._writer = writer
        self.checked = checked  # every page read and sound: at open for small files, or by ``check``
        self.thread_reads = reads_for(self)  # the answer path's reads, in its worker thread
        # saved answers and votes, on a connection of their own (the reindex's writer is not theirs)
        self.members = MemberWrites(path, database, read_only_writer=writer if reader is writer else None)

    @classmethod
    async def open(cls, path: Path, *, check_at_open_mb: float = CHECK_AT_OPEN_MB, read_only: bool = False,
                   database: str = DATABASE) -> Store:
        """Open (creating or migrating) the database at ``path``, or the PostgreSQL server
        ``database`` names; ``read_only`` never writes to it.

        SQLite files up to ``check_at_open_mb`` get the full page check now; larger ones only the
        cheap checks (header, schema table, schema version) and are left for ``check``.
        """
        reader, writer, checked = await open_connections(path, check_at_open_mb=check_at_open_mb, read_only=read_only,
                                                         database=database)
        return cls(path, reader, writer, checked=checked, database=database)

    @property
    def dialect(self) -> Dialect:
        """``sqlite`` or ``postgresql``."""
        return self._writer.dialect

    @property
    def read_only(self) -> bool:
        """True when opened read-only (one connection that cannot write)."""
        return self._reader is self._writer

    async def close(self) -> None:
        """Close both connections (and the answer path's)."""
        self.thread_reads.close()
        await self.members.close()
        await self._reader.close()
        if self._writer is not self._reader:  # one connection when opened read-only
            await self._writer.close()

    async def check(self) -> None:
        """Read every page (``PRAGMA quick_check``); raise ``CorruptDatabase`` on damage.

        Runs on a connection of its own, so questions keep being answered meanwhile;
        cancelling it interrupts the check. PostgreSQL checks its own pages: nothing to do.
        """
        if self.dialect != "sqlite":
            self.checked = True
            return
        connection = await connect(self.path, read_only=True)
        try:
            await check_pages(connection, self.path)
        except asyncio.CancelledError:
            await connection.interrupt()
            raise
        finally:
            await connection.close()
        self.checked = True

    # -- generations -------------------------------------------------------------------

    async def generation(self) -> int:
        """The last committed index generation."""
        row = await self._reader.fetchone("SELECT value FROM meta WHERE key = 'generation'")
        return int(row[0]) if row else 0

    async def discard_uncommitted(self) -> int:
        """Drop what an interrupted reindex wrote past the committed generation."""
        gen = await self.generation()
        db = self._writer
        await db.execute("UPDATE articles SET removed_gen = NULL WHERE removed_gen > ?", (gen,))
        dropped = await db.execute("DELETE FROM articles WHERE added_gen > ?", (gen,))
        await db.commit()
        return dropped

    async def commit_generation(self, gen: int) -> None:
        """Make ``gen`` the generation readers see (one statement, atomic)."""
        await self._writer.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (str(gen),))
        await self._writer.commit()

    async def collect_garbage(self, gen: int) -> None:
        """Delete articles (and their passages) no longer visible from ``gen`` on."""
        await self._writer.execute("DELETE FROM articles WHERE removed_gen <= ?", (gen,))
        await self._writer.commit()

    # -- writes (the reindex) ------------------------------------------------------------

    async def live_articles(self, gen: int) -> dict[str, tuple[int, str]]:
        """``path -> (article id, content hash)`` of the articles visible in ``gen``."""
        sql = f"SELECT a.path, a.id, a.content_hash FROM articles a WHERE {_VISIBLE}"
        return {path: (id_, digest) for path, id_, digest in await self._writer.fetchall(sql, {"gen": gen})}

    async def add_article(self, gen: int, article: NewArticle) -> int:
        """Write an article and its passages into generation ``gen`` (not committed yet)."""
        return (await self.add_articles(gen, [article]))[0]

    async def add_articles(self, gen: int, articles: Sequence[NewArticle | EncodedArticle]) -> list[int]:
        """Write articles and their passages into ``gen`` (not committed) in two statements; their
        ids, in order (only the one running reindex writes: the ids after the largest are free)."""
        db, now = self._writer, iso()
        await db.begin_writing()
        row = await db.fetchone("SELECT coalesce(max(id), 0) FROM articles")
        ids = list(range(int(row[0]) + 1, int(row[0]) + 1 + len(articles))) if row else []
        await db.executemany(INSERT_ARTICLE, article_values(ids, articles, gen, now))
        await db.executemany(INSERT_PASSAGE, passage_values(ids, articles))
        return ids

    async def remove_articles(self, gen: int, article_ids: Iterable[int]) -> None:
        """Hide articles from generation ``gen`` on (not committed yet)."""
        await self._writer.begin_writing()
        await self._writer.executemany(
            "UPDATE articles SET removed_gen = ? WHERE id = ?", [(gen, i) for i in article_ids]
        )

    async def try_lock_reindex(self) -> bool:
        """Claim the right to write generations against every process of every machine using this
        database (PostgreSQL's advisory lock; an SQLite file's processes use ``<db>.lock``)."""
        return await self._writer.try_lock(REINDEX_LOCK)

    async def unlock_reindex(self) -> None:
        """Give up what ``try_lock_reindex`` claimed."""
        await self._writer.unlock(REINDEX_LOCK)

    async def commit_batch(self) -> None:
        """Commit the rows written so far (still invisible until the generation commits)."""
        await self._writer.commit()

    async def index_rows(self, gen: int, *, writer: bool = False, article_ids: Sequence[int] | None = None
                         ) -> IndexRows:
        """What a BM25 index of ``gen`` is built from, in passage id order; only the rows of
        ``article_ids`` when given (for patching an index)."""
        db = self._writer if writer else self._reader
        passages: list[Any] = []  # (id, article id, tokens) rows
        articles: list[Any] = []  # (id, tokens) rows
        for where, params in article_filters(gen, article_ids):
            sql = f"""SELECT p.id, p.article_id, p.tokens FROM passages p JOIN articles a
                      ON a.id = p.article_id WHERE {_VISIBLE}{where} ORDER BY p.id"""
            passages.extend(await db.fetchall(sql, params))
            sql = f"SELECT a.id, a.tokens FROM articles a WHERE {_VISIBLE}{where} ORDER BY a.id"
            articles.extend(await db.fetchall(sql, params))
        return IndexRows([r[0] for r in passages], [r[1] for r in passages], [r[2] for r in passages],
                         [a[0] for a in articles], [a[1] for a in articles])

    async def index_ids(self, gen: int) -> tuple[list[int], list[int], list[int]]:
        """``index_rows``'s ids without the tokens (read by the writer): the passage ids, each
        passage's article and the article ids, in id order."""
        passages = await self._writer.fetchall(f"""SELECT p.id, p.article_id FROM passages p JOIN articles a
                                                   ON a.id = p.article_id WHERE {_VISIBLE} ORDER BY p.id""", {"gen": gen})
        articles = await self._writer.fetchall(f"SELECT a.id FROM articles a WHERE {_VISIBLE} ORDER BY a.id", {"gen": gen})
        return [r[0] for r in passages], [r[1] for r in passages], [r[0] for r in articles]

    async def passages_by_ids(self, ids: Sequence[int]) -> dict[int, PassageRow]:
        """The passages with these ids (missing ids are left out)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({marks})"
        return {row[0]: passage_row(row) for row in await self._reader.fetchall(sql, list(ids))}

    async def article_passages(self, article_id: int) -> list[PassageRow]:
        """All passages of one article, in order."""
        sql = f"""SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id
                  WHERE p.article_id = ? ORDER BY p.paragraph, p.part"""
        return [passage_row(row) for row in await self._reader.fetchall(sql, (article_id,))]

    async def articles(self, gen: int) -> list[tuple[ArticleRow, int]]:
        """Visible articles with their passage counts, by title."""
        sql = f"""SELECT a.id, a.path, a.content_hash, a.title, a.dek, a.author, a.date, a.url,
                         (SELECT count(*) FROM passages p WHERE p.article_id = a.id)
                  FROM articles a WHERE {_VISIBLE} ORDER BY a.title COLLATE NOCASE, a.id"""
        fields = ("id", "path", "content_hash", "title", "dek", "author", "date", "url")
        return [(ArticleRow(**dict(zip(fields, row[:8]))), row[8]) for row in await self._reader.fetchall(sql, {"gen": gen})]

    async def article_titles(self, gen: int, ids: Sequence[int]) -> dict[int, str]:
        """Titles of the given visible articles."""
        if not ids:
            return {}
        names = ",".join(f":i{n}" for n in range(len(ids)))
        sql = f"SELECT a.id, a.title FROM articles a WHERE {_VISIBLE} AND a.id IN ({names})"
        params: dict[str, Any] = {"gen": gen} | {f"i{n}": i for n, i in enumerate(ids)}
        return {row[0]: row[1] for row in await self._reader.fetchall(sql, params)}

    async def titled(self, gen: int) -> list[tuple[int, str]]:
        """``(id, title)`` of the visible articles, in the order of ``articles``."""
        sql = f"SELECT a.id, a.title FROM articles a WHERE {_VISIBLE} ORDER BY a.title COLLATE NOCASE, a.id"
        return [(row[0], row[1]) for row in await self._reader.fetchall(sql, {"gen": gen})]

    async def titles_like(self, gen: int, text: str, limit: int) -> list[str]:
        """Titles containing ``text`` (case-insensitive), shortest first, at most ``limit``."""
        sql = f"""SELECT a.title FROM articles a WHERE {_VISIBLE} AND a.title LIKE :pattern ESCAPE '\\'
                  GROUP BY a.title ORDER BY length(a.title), a.title LIMIT :limit"""  # each title once
        rows = await self._reader.fetchall(sql, {"gen": gen, "pattern": like_pattern(text), "limit": limit})
        return [row[0] for row in rows]

    async def passages_mentioning(self, gen: int, phrase: str) -> list[PassageRow]:
        """Visible passages containing ``phrase`` (ASCII case ignored), by title and paragraph."""
        rows = await self._reader.fetchall(MENTIONS_SQL, {"gen": gen, "pattern": like_pattern(phrase)})
        return [passage_row(row) for row in rows]

    async def get_meta(self, key: str) -> str | None:
        """A stored setting, or None."""
        row = await self._reader.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Store a setting."""
        await self._writer.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        await self._writer.commit()

    async def saved_answer(self, key: str) -> tuple[str, list[int]] | None:
        """``(question, passage ids)`` stored under ``key``, or None."""
        row = await self._reader.fetchone("SELECT question, passage_ids FROM answers WHERE key = ?", (key,))
        return (row[0], [int(i) for i in json.loads(row[1])]) if row else None

    async def feedback_counts(self) -> tuple[int, int]:
        """``(thumbs up, thumbs down)`` recorded so far."""
        row = await self._reader.fetchone(f"SELECT {VOTE_COUNTS} FROM feedback")
        return (int(row[0]), int(row[1])) if row else (0, 0)
