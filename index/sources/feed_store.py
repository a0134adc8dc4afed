"""The feeds table: which feeds are polled, their last poll, and the entries already taken.

Opened on the engine's database (whose schema, ``0004_feeds.sql``, ``Store.open`` applied)
through a connection of its own, so polling never holds the connections questions read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from index.store.side_store import SideStore
from index.store.timestamps import iso


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A feed and the outcome of its last poll."""

    url: str
    origin: str  # "config" or "admin"
    title: str | None
    etag: str | None
    last_modified: str | None
    polled_at: str | None
    status: str | None
    failing: bool
    entries: int = 0
    guild_id: str | None = None  # the server whose archive it fills (None: the shared archive)


class FeedStore(SideStore):
    """Reads and writes the feed tables; use as an async context manager."""

    async def use_configured(self, urls: Sequence[str]) -> None:
        """Make the configured feeds exactly ``urls`` (feeds added by an admin stay)."""
        await self.db.executemany(
            "INSERT INTO feeds (url, origin, added_at) VALUES (?, 'config', ?) ON CONFLICT (url) DO NOTHING",
            [(url, iso()) for url in urls],
        )
        kept = f" AND url NOT IN ({','.join('?' * len(urls))})" if urls else ""  # PostgreSQL refuses IN ()
        await self.db.execute(f"DELETE FROM feeds WHERE origin = 'config'{kept}", list(urls))
        await self.db.commit()

    async def add(self, url: str, guild_id: str | None = None) -> bool:
        """Add a feed an admin gave (for ``guild_id``'s own archive when given); False when it is
        already polled."""
        added = await self.db.execute(
            "INSERT INTO feeds (url, origin, added_at, guild_id) VALUES (?, 'admin', ?, ?) ON CONFLICT (url) DO NOTHING",
            (url, iso(), guild_id),
        )
        await self.db.commit()
        return added == 1

    async def remove(self, url: str, guild_id: str | None = None) -> Literal["removed", "configured", "missing"]:
        """Remove a feed an admin added; one from the config file stays (``configured``). With
        ``guild_id``, only that server's feeds (another server's is ``missing`` to it)."""
        row = await self.db.fetchone("SELECT origin, guild_id FROM feeds WHERE url = ?", (url,))
        if row is None or (guild_id is not None and row[1] != guild_id):
            return "missing"
        if row[0] == "config":
            return "configured"
        await self.db.execute("DELETE FROM feeds WHERE url = ?", (url,))
        await self.db.commit()
        return "removed"

    async def feeds(self) -> list[FeedRow]:
        """Every polled feed, configured ones first, then in the order added, with how many entries were taken from it."""
        sql = """SELECT f.url, f.origin, f.title, f.etag, f.last_modified, f.polled_at, f.status, f.failing,
                        (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url AND e.outcome = 'indexed'),
                        f.guild_id
                 FROM feeds f ORDER BY f.origin = 'admin', f.rowid"""
        return [FeedRow(url=row[0], origin=row[1], title=row[2], etag=row[3], last_modified=row[4],
                        polled_at=row[5], status=row[6], failing=bool(row[7]), entries=row[8], guild_id=row[9])
                for row in await self.db.fetchall(sql)]

    async def feed(self, url: str) -> FeedRow | None:
        """One feed by URL."""
        return next((row for row in await self.feeds() if row.url == url), None)

    async def seen(self, url: str) -> set[str]:
        """The keys of the entries already taken from the feed ``url``."""
        return {row[0] for row in await self.db.fetchall("SELECT entry_key FROM feed_entries WHERE feed_url = ?", (url,))}

    async def record_poll(self, url: str, *, status: str, failing: bool, title: str | None = None,
                          etag: str | None = None, last_modified: str | None = None,
                          entries: Iterable[tuple[str, str, str]] = ()) -> None:
        """Store a poll's outcome and the entries it took (``(key, link, outcome)``), in one transaction.

        ``etag``/``last_modified``/``title`` None keep the values stored before.
        """
        await self.db.execute(
            """UPDATE feeds SET status = ?, failing = ?, polled_at = ?, title = coalesce(?, title),
                   etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?""",
            (status, int(failing), iso(), title, etag, last_modified, url),
        )
        await self.db.executemany(
            """INSERT INTO feed_entries (feed_url, entry_key, link, outcome, seen_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (feed_url, entry_key) DO UPDATE SET outcome = excluded.outcome""",
            [(url, key, link, outcome, iso()) for key, link, outcome in entries],
        )
        await self.db.commit()
