"""Which archive a Discord question searches: its server's (and channel's) scope, or the DM one.

The claims and channel limits are read from the database at most every ``REREAD_SECONDS`` (two
small tables, read whole), so a burst of questions costs no query each, and a claim or limit set
by another bot process (another shard) applies within that time; this process's own changes
apply at once (``forget``). ``index.scopes`` holds the rules.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import discord

from index.config import EngineConfig, ScopePolicy
from index.scopes import ArchiveScope, dm_scope, guild_scope, searching_in
from index.store.scopes import ScopeStore

REREAD_SECONDS = 1.0
"""How stale another process's claim or channel limit may be when a question comes."""


class BotScopes:
    """The scope tables of the bot's database, and the policy from ``[scopes]``."""

    def __init__(self, config: EngineConfig, policy: ScopePolicy,
                 parent_of: Callable[[int], int | None] = lambda channel_id: None) -> None:
        self.policy = policy
        self.store = ScopeStore.of(config)
        self.parent_of = parent_of  # a thread's channel (its limit applies in the thread)
        self._read: tuple[float, dict[str, list[str]], dict[str, str]] | None = None  # when, claims, limits

    async def start(self) -> None:
        """Open the tables' connection."""
        await self.store.open()

    async def close(self) -> None:
        """Close it."""
        await self.store.close()

    async def of(self, guild_id: int | str | None, channel_id: int | str | None) -> ArchiveScope:
        """The scope of a question asked in ``guild_id``'s ``channel_id`` (no guild: a DM)."""
        claims, limits = await self._tables()
        if guild_id is None:
            return dm_scope(claims, self.policy)
        within = None
        if channel_id is not None:
            parent = self.parent_of(int(channel_id))
            within = limits.get(str(parent if parent is not None else channel_id))
        return guild_scope(str(guild_id), claims, self.policy, within)

    def forget(self) -> None:
        """Read the tables again at the next question (after this process changed them)."""
        self._read = None

    async def _tables(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """The claims and channel limits, read again when older than ``REREAD_SECONDS``."""
        now = time.monotonic()
        if self._read is None or now - self._read[0] > REREAD_SECONDS:
            limits = {channel: path for _, channel, path in await self.store.channel_limits()}
            self._read = (now, await self.store.claims(), limits)
        return self._read[1], self._read[2]

    async def of_interaction(self, interaction: discord.Interaction) -> ArchiveScope:
        """The scope of an interaction (a thread is limited like the channel it was opened in)."""
        return await self.of(interaction.guild_id, channel_of(interaction.channel, interaction.channel_id))

    @asynccontextmanager
    async def searching(self, guild_id: int | str | None, channel_id: int | str | None) -> AsyncIterator[ArchiveScope]:
        """Run the engine reads inside the block in that place's scope."""
        with searching_in(await self.of(guild_id, channel_id)) as scope:
            yield scope

    async def own_folders(self, guild_id: int | str) -> list[str]:
        """The folders ``guild_id`` claimed (empty: it sees the shared archive)."""
        return (await self.store.claims()).get(str(guild_id), [])


def channel_of(channel: object, channel_id: int | None) -> int | None:
    """The channel a limit is looked up for: a thread's parent, else the channel itself."""
    if isinstance(channel, discord.Thread) and channel.parent_id is not None:
        return channel.parent_id
    return channel_id
