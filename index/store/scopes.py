"""The scope tables (``0006_scopes.sql``): folders each server claimed, channels limited to one.

Opened on the engine's database (SQLite or PostgreSQL, ``index.store.sql``) through a
connection of its own (like the feed store), so admin commands never hold the connections
questions read from. Every read goes to the
database, so bot processes sharing it see another process's changes at the next question.
Plain SQL only (``?`` parameters, ``ON CONFLICT``): the PostgreSQL store runs the same statements.
"""

from __future__ import annotations

from index.scopes import is_under
from index.store.side_store import SideStore
from index.store.timestamps import iso


class ScopeStore(SideStore):
    """Reads and writes the claimed folders and channel limits; use as an async context manager."""

    async def claims(self) -> dict[str, list[str]]:
        """``guild id -> its folders``, for every server that claimed one."""
        found: dict[str, list[str]] = {}
        for guild_id, path in await self.db.fetchall("SELECT guild_id, path FROM archive_folders ORDER BY guild_id, path"):
            found.setdefault(guild_id, []).append(path)
        return found

    async def owner_of(self, path: str, *, besides: str) -> str | None:
        """A server other than ``besides`` whose claimed folder holds ``path`` or lies inside it."""
        for guild_id, folders in (await self.claims()).items():
            if guild_id != besides and any(is_under(path, f) or is_under(f, path) for f in folders):
                return guild_id
        return None

    async def claim(self, guild_id: str, path: str, added_by: str | None = None) -> bool:
        """Make ``path`` part of ``guild_id``'s archive; False when it already was."""
        changed = await self.db.execute(
            "INSERT INTO archive_folders (guild_id, path, added_by, added_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id, path) DO NOTHING",
            (guild_id, path, added_by, iso()),
        )
        await self.db.commit()
        return changed == 1

    async def release(self, guild_id: str, path: str) -> bool:
        """Take ``path`` out of ``guild_id``'s archive (its articles become shared); False if absent."""
        changed = await self.db.execute("DELETE FROM archive_folders WHERE guild_id = ? AND path = ?",
                                        (guild_id, path))
        await self.db.commit()
        return changed == 1

    async def channel_limit(self, channel_id: str) -> str | None:
        """The folder a channel is limited to, or None."""
        row = await self.db.fetchone("SELECT path FROM channel_scopes WHERE channel_id = ?", (channel_id,))
        return str(row[0]) if row else None

    async def channel_limits(self) -> list[tuple[str, str, str]]:
        """``(guild id, channel id, folder)`` of every limited channel."""
        rows = await self.db.fetchall("SELECT guild_id, channel_id, path FROM channel_scopes ORDER BY guild_id, channel_id")
        return [(row[0], row[1], row[2]) for row in rows]

    async def limit_channel(self, guild_id: str, channel_id: str, path: str, set_by: str | None = None) -> None:
        """Limit a channel to ``path`` (replacing an earlier limit)."""
        await self.db.execute(
            "INSERT INTO channel_scopes (channel_id, guild_id, path, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id, path = excluded.path,"
            " set_by = excluded.set_by, set_at = excluded.set_at",
            (channel_id, guild_id, path, set_by, iso()),
        )
        await self.db.commit()

    async def clear_channel(self, guild_id: str, channel_id: str) -> bool:
        """Lift a channel's limit; False when it had none."""
        changed = await self.db.execute("DELETE FROM channel_scopes WHERE channel_id = ? AND guild_id = ?",
                                        (channel_id, guild_id))
        await self.db.commit()
        return changed == 1
