"""What a Discord user does: slash commands, autocomplete, button clicks, DMs and mentions."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from . import fixtures as fx
from .interactions import APPLICATION_COMMAND, AUTOCOMPLETE, MESSAGE_COMPONENT, InteractionResult, command_data

Json = dict[str, Any]
MESSAGE_CONTENT_INTENT = 1 << 15


class ActionsMixin:
    """User-side actions of :class:`FakeDiscord` (needs its fixtures, ``dispatch`` and ``wait_for``)."""

    # ----------------------------------------------------------------- fixtures
    def add_user(self: Any, name: str, *, admin: bool = False) -> Json:
        """Add a user who is a guild member (not announced over the gateway); returns the user dict."""
        user = fx.make_user(self.snowflakes.next(), name)
        self.users[user["id"]] = user
        self.member_roles[user["id"]] = [self.admin_role_id] if admin else []
        return user

    def guild_member(self: Any, user: Json, *, with_permissions: bool = False, guild: Any = None) -> Json:
        """The member object of ``user`` in ``guild`` (default: the first guild), with the computed
        ``permissions`` string if asked."""
        guild = guild or self.guild_by_id(None)
        role_ids = guild.member_roles.get(user["id"], [])
        perms = None
        if with_permissions:
            perms = 0
            for role in guild.roles:
                if role["id"] == guild.id or role["id"] in role_ids:
                    perms |= int(role["permissions"])
        return fx.make_member(user, role_ids, permissions=perms)

    def dm_channel_for(self: Any, user: Json) -> Json:
        """The DM channel between the bot and ``user`` (created on first use)."""
        if user["id"] not in self.dm_channels:
            self.dm_channels[user["id"]] = fx.make_dm_channel(self.snowflakes.next(), user)
        return self.dm_channels[user["id"]]

    def find_command(self: Any, name: str) -> Json:
        """A synced command by name (guild commands first); LookupError when it was never synced."""
        for scope in (f"guild:{self.guild_id}", "global"):
            for command in self.commands.get(scope, []):
                if command["name"] == name:
                    return command
        raise LookupError(f"command {name!r} was not synced (have {sorted(c['name'] for v in self.commands.values() for c in v)})")

    # ----------------------------------------------------------------- interactions
    def _interaction(self: Any, kind: int, data: Json, user: Json | None, dm: bool, message: Json | None = None,
                     age: float = 0.0, channel: Json | None = None, guild: Any = None) -> InteractionResult:
        """Build and register an INTERACTION_CREATE payload (its id dated ``age`` seconds ago)."""
        user = user or self.member
        iid = str(int(self.snowflakes.next()) - (round(age * 1000) << 22))
        payload: Json = {
            "id": iid, "application_id": self.application_id, "type": kind, "data": data,
            "token": "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48), "version": 1, "locale": "en-US",
            "attachment_size_limit": 26214400, "app_permissions": str(fx.EVERYONE_PERMISSIONS),
            "entitlements": [], "entitlement_sku_ids": [],
        }
        if dm:
            channel = self.dm_channel_for(user)
            payload.update(user=user, context=1, channel=channel, channel_id=channel["id"],
                           authorizing_integration_owners={"1": user["id"]})
        else:
            guild = guild or self.guild_by_id(None)
            channel = channel or guild.channel
            payload.update(guild_id=guild.id, guild={"id": guild.id, "locale": "en-US", "features": []},
                           guild_locale="en-US", member=self.guild_member(user, with_permissions=True, guild=guild),
                           context=0, channel=channel, channel_id=channel["id"],
                           authorizing_integration_owners={"0": guild.id})
        if message is not None:
            payload["message"] = message
        result = InteractionResult(id=iid, token=payload["token"], type=kind, payload=payload, dispatched_at=0.0)
        self.interactions[iid] = result
        return result

    async def _run(self: Any, result: InteractionResult, timeout: float) -> InteractionResult:
        """Dispatch the interaction and wait until it is settled (answered, or a callback refused)."""
        await self.wait_for(lambda: self._ws is not None and not self._ws.closed, timeout, "a gateway connection")
        result.dispatched_at = asyncio.get_running_loop().time()  # the 3 s deadline starts at the send
        shard = self.shard_for(result.payload.get("guild_id"))
        await self.dispatch("INTERACTION_CREATE", result.payload, timeout, shard=shard)
        await self.wait_for(lambda: result.settled, timeout, f"an answer to interaction {result.id}")
        return result

    def make_slash_interaction(self: Any, name: str, options: dict[str, Any] | None = None, *,
                               user: Json | None = None, dm: bool = False, age: float = 0.0,
                               channel: Json | None = None, guild: Any = None) -> InteractionResult:
        """Build (without dispatching) a slash-command interaction; ``name`` may be ``"group sub"``
        (in ``guild``, a :class:`FakeGuild`, default the first).

        Option values that are user dicts (e.g. ``fake.admin``) become USER options with resolved data.
        ``age`` dates the interaction's id that many seconds back, as if it reached the client late.
        """
        root, *path = name.split()
        data = command_data(self.find_command(root), path, dict(options or {}))
        self._resolve_users(data, dm)
        return self._interaction(APPLICATION_COMMAND, data, user, dm, age=age, channel=channel, guild=guild)

    def _resolve_users(self: Any, data: Json, dm: bool) -> None:
        """Turn user-dict option values into ids plus ``data.resolved`` users (and members in a guild)."""
        resolved: Json = {"users": {}, "members": {}}
        stack = list(data["options"])
        while stack:
            option = stack.pop()
            stack.extend(option.get("options") or [])
            value = option.get("value")
            if isinstance(value, dict) and "username" in value:
                option.update(type=6, value=value["id"])
                resolved["users"][value["id"]] = value
                if not dm:
                    member = self.guild_member(value, with_permissions=True)
                    member.pop("user")
                    resolved["members"][value["id"]] = member
        if resolved["users"]:
            data["resolved"] = resolved

    async def slash_command(self: Any, name: str, options: dict[str, Any] | None = None, *,
                            user: Json | None = None, dm: bool = False, age: float = 0.0,
                            channel: Json | None = None, guild: Any = None, timeout: float = 10) -> InteractionResult:
        """Invoke a synced slash command (in the guild channel, or ``channel``, e.g. a thread; in
        ``guild`` when given) and wait for its final content (or a refused callback)."""
        interaction = self.make_slash_interaction(name, options, user=user, dm=dm, age=age, channel=channel,
                                                  guild=guild)
        return await self._run(interaction, timeout)

    async def autocomplete(self: Any, name: str, options: dict[str, Any], *, focused: str,
                           user: Json | None = None, dm: bool = False, timeout: float = 10) -> list[Json]:
        """Send an autocomplete interaction for option ``focused``; returns the choices the client offered."""
        root, *path = name.split()
        data = command_data(self.find_command(root), path, dict(options), focused)
        result = await self._run(self._interaction(AUTOCOMPLETE, data, user, dm), timeout)
        return list(result.choices or [])

    async def click(self: Any, message: Json, custom_id: str, *, user: Json | None = None,
                    component_type: int = 2, values: list[str] | None = None, timeout: float = 10) -> InteractionResult:
        """Click a component (button by default; pass ``values`` for a select) on a message the bot sent."""
        live = self.messages.get(message["id"], message)
        data: Json = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        dm = "guild_id" not in live
        result = self._interaction(MESSAGE_COMPONENT, data, user, dm, message=live)
        return await self._run(result, timeout)

    # ----------------------------------------------------------------- messages
    def _user_message(self: Any, content: str, user: Json, channel_id: str, guild: bool, mentions: list[Json],
                      in_guild: Any = None) -> Json:
        """A MESSAGE_CREATE payload written by ``user`` (stored so replies can reference it)."""
        where = in_guild or self.guild_by_id(None)
        member = self.guild_member(user, guild=where) if guild else None
        message = fx.make_message(self.snowflakes.next(), channel_id, user, {"content": content},
                                  guild_id=where.id if guild else None, member=member,
                                  extra={"mentions": mentions, "nonce": secrets.token_hex(8)})
        self.messages[message["id"]] = message
        return message

    async def _send_and_wait_reply(self: Any, message: Json, timeout: float) -> Json:
        """Dispatch MESSAGE_CREATE and return the first bot message in that channel sent afterwards."""
        seen = len(self.bot_messages)
        await self.dispatch("MESSAGE_CREATE", message, timeout, shard=self.shard_for(message.get("guild_id")))
        channel_id = message["channel_id"]

        def reply() -> Json | None:
            return next((m for m in self.bot_messages[seen:] if m["channel_id"] == channel_id), None)

        return await self.wait_for(reply, timeout, f"a bot reply in channel {channel_id}")

    async def send_dm(self: Any, content: str, *, user: Json | None = None, timeout: float = 10) -> Json:
        """``user`` DMs the bot; returns the bot's first message in that DM afterwards."""
        user = user or self.member
        channel = self.dm_channel_for(user)
        return await self._send_and_wait_reply(self._user_message(content, user, channel["id"], False, []), timeout)

    async def send_mention(self: Any, content: str, *, user: Json | None = None, guild: Any = None,
                           timeout: float = 10) -> Json:
        """``user`` writes ``<@bot> content`` in the guild channel (of ``guild`` when given); returns
        the bot's next message there."""
        user = user or self.member
        guild = guild or self.guild_by_id(None)
        text = f"<@{self.bot_user['id']}> {content}"
        mention = dict(self.bot_user, member=fx.make_member(self.bot_user, guild.member_roles[self.bot_user["id"]]))
        mention["member"].pop("user")
        message = self._user_message(text, user, guild.channel["id"], True, [mention], guild)
        return await self._send_and_wait_reply(message, timeout)

    async def post_message(self: Any, content: str, *, user: Json | None = None, timeout: float = 10) -> Json:
        """``user`` posts a guild message without mentioning the bot; returns the dispatched message.

        Like Discord, the content arrives empty unless the client identified with the message-content intent.
        """
        user = user or self.member
        message = self._user_message(content, user, self.channel_id, True, [])
        sent = dict(message)
        if not int(self.intents or 0) & MESSAGE_CONTENT_INTENT:
            sent.update(content="", embeds=[], attachments=[], components=[])
        await self.dispatch("MESSAGE_CREATE", sent, timeout)
        return sent

    def channel_messages(self: Any, channel_id: str) -> list[Json]:
        """Bot messages currently stored in a channel, oldest first."""
        return [m for m in self.messages.values() if m["channel_id"] == channel_id and m["author"]["id"] == self.bot_user["id"]]
