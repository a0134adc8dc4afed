"""More than one guild, and gateway shards: which guilds a shard's READY lists and where events go.

The fake's first guild (``fake.guild_id``, ``fake.channel``…) is ``fake.guilds[fake.guild_id]``;
``add_guild`` adds others with their own roles, channel and members. A client that IDENTIFYs with
``shard: [id, count]`` gets the guilds Discord would route to that shard
(``(guild_id >> 22) % count``), and events about a guild are dispatched on its shard's connection.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import fixtures as fx

Json = dict[str, Any]


@dataclasses.dataclass
class FakeGuild:
    """One guild: its id, channels, roles and members' roles, and its GUILD_CREATE payload."""

    id: str
    channels: list[Json]
    roles: list[Json]
    member_roles: dict[str, list[str]]
    admin_role_id: str
    payload: Json

    @property
    def channel(self) -> Json:
        """The guild's first text channel."""
        return self.channels[0]


def shard_of(guild_id: str | None, count: int) -> int:
    """The shard Discord routes ``guild_id``'s events to (DMs: shard 0)."""
    return 0 if guild_id is None else (int(guild_id) >> 22) % max(count, 1)


class GuildsMixin:
    """Guild bookkeeping of :class:`FakeDiscord` (needs its snowflakes, users and bot user)."""

    def guild_by_id(self: Any, guild_id: str | None) -> FakeGuild:
        """A guild by id (None or unknown: the first guild)."""
        return self.guilds.get(guild_id or "", self.guilds[self.guild_id])

    def add_guild(self: Any, name: str, *, members: list[Json], admins: list[Json] = (),  # type: ignore[assignment]
                  shard: tuple[int, int] | None = None) -> FakeGuild:
        """A new guild with a #general channel; ``admins`` get a Manage Server role there. With
        ``shard`` (id, count) its id is one Discord routes to that shard."""
        guild_id = self.snowflakes.next()
        while shard is not None and shard_of(guild_id, shard[1]) != shard[0]:
            guild_id = str(int(guild_id) + (1 << 22))
        admin_role, bot_role = self.snowflakes.next(), self.snowflakes.next()
        roles = [fx.make_role(guild_id, "@everyone", fx.EVERYONE_PERMISSIONS, 0),
                 fx.make_role(admin_role, "Admin", fx.MANAGE_GUILD, 1),
                 fx.make_role(bot_role, "articlebot", fx.EVERYONE_PERMISSIONS, 2)]
        member_roles = {self.bot_user["id"]: [bot_role]}
        member_roles |= {user["id"]: [] for user in members} | {user["id"]: [admin_role] for user in admins}
        for user in (*members, *admins):
            self.users[user["id"]] = user
        channel = fx.make_text_channel(self.snowflakes.next(), guild_id, "general")
        payload = fx.make_guild(guild_id, self.snowflakes.next(), roles, [channel],
                                [fx.make_member(self.users[uid], r) for uid, r in member_roles.items()])
        payload["name"] = name
        guild = FakeGuild(guild_id, [channel], roles, member_roles, admin_role, payload)
        self.guilds[guild_id] = guild
        return guild

    def new_user(self: Any, name: str) -> Json:
        """A user who belongs to no guild yet (give them to ``add_guild``)."""
        return fx.make_user(self.snowflakes.next(), name)

    def guilds_of_shard(self: Any, shard_id: int, count: int) -> list[FakeGuild]:
        """The guilds a client identified as shard ``shard_id`` of ``count`` receives."""
        return [g for g in self.guilds.values() if shard_of(g.id, count) == shard_id]

    def shard_for(self: Any, guild_id: str | None) -> int | None:
        """The shard whose connection carries ``guild_id``'s events (None: not sharded)."""
        return shard_of(guild_id, self.shard_count) if self.shard_count > 1 else None
