"""Snowflakes and payload builders for the fake Discord (users, guild, channels, messages)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

DISCORD_EPOCH_MS = 1420070400000

#: Permission bits used by the fixtures.
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
EVERYONE_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS

Json = dict[str, Any]


class Snowflakes:
    """Generates increasing, realistic-looking snowflake ids."""

    def __init__(self) -> None:
        """Start the worker counter at 1."""
        self._counter = itertools.count(1)

    def next(self) -> str:
        """Return a fresh snowflake as a string (as Discord sends them)."""
        now_ms = int(datetime.datetime.now(datetime.UTC).timestamp() * 1000)
        return str(((now_ms - DISCORD_EPOCH_MS) << 22) | (next(self._counter) & 0x3FFFFF))


def iso_now() -> str:
    """Current UTC time in Discord's ISO 8601 format."""
    return datetime.datetime.now(datetime.UTC).isoformat()


def make_user(user_id: str, name: str, *, bot: bool = False) -> Json:
    """A user object."""
    return {
        "id": user_id,
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
        "verified": True,
        "mfa_enabled": False,
    }


def make_member(user: Json, role_ids: list[str], *, permissions: int | None = None) -> Json:
    """A guild member object (``permissions`` only inside interactions)."""
    member: Json = {
        "user": user,
        "nick": None,
        "avatar": None,
        "roles": list(role_ids),
        "joined_at": iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
    }
    if permissions is not None:
        member["permissions"] = str(permissions)
    return member


def make_role(role_id: str, name: str, permissions: int, position: int) -> Json:
    """A role object."""
    return {
        "id": role_id,
        "name": name,
        "color": 0,
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def make_text_channel(channel_id: str, guild_id: str, name: str) -> Json:
    """A guild text channel object."""
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": guild_id,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": None,
    }


def make_dm_channel(channel_id: str, recipient: Json) -> Json:
    """A DM channel object."""
    return {"id": channel_id, "type": 1, "last_message_id": None, "recipients": [recipient], "flags": 0}


def make_guild(guild_id: str, owner_id: str, roles: list[Json], channels: list[Json], members: list[Json]) -> Json:
    """A GUILD_CREATE payload; ``member_count`` equals the members sent so no chunking is needed."""
    return {
        "id": guild_id,
        "name": "Fake Guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": owner_id,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": iso_now(),
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "voice_states": [],
        "members": members,
        "channels": channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def make_message(
    message_id: str,
    channel_id: str,
    author: Json,
    payload: Json,
    *,
    guild_id: str | None = None,
    member: Json | None = None,
    extra: Json | None = None,
) -> Json:
    """A full message object built from an outgoing (or injected) message payload."""
    embeds = [dict(e, type=e.get("type", "rich")) for e in payload.get("embeds") or []]
    message: Json = {
        "id": message_id,
        "channel_id": channel_id,
        "author": author,
        "content": payload.get("content") or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(payload.get("tts", False)),
        "mention_everyone": False,
        "mentions": list(payload.get("mentions", [])),
        "mention_roles": [],
        "attachments": attachments_of(payload),
        "embeds": embeds,
        "components": list(payload.get("components") or []),
        "pinned": False,
        "type": 0,
        "flags": int(payload.get("flags") or 0),
    }
    if guild_id is not None:
        message["guild_id"] = guild_id
    if member is not None:
        message["member"] = {k: v for k, v in member.items() if k != "user"}
    if extra:
        message.update(extra)
    return message


def attachments_of(payload: Json) -> list[Json]:
    """The attachment objects of the files uploaded with ``payload`` (``data``: their bytes)."""
    return [{"id": str(int(a.get("id") or 0) + 1), "filename": a["filename"], "size": a.get("size", 0),
             "url": f"https://cdn.invalid/{a['filename']}", "proxy_url": f"https://cdn.invalid/{a['filename']}",
             "data": a.get("data", b"")}
            for a in payload.get("attachments") or [] if "filename" in a]


def apply_edit(message: Json, payload: Json) -> Json:
    """Apply a PATCH payload to a stored message, in place, and return it."""
    for key in ("content", "components", "flags"):
        if key in payload and payload[key] is not None:
            message[key] = payload[key]
    if "embeds" in payload and payload["embeds"] is not None:
        message["embeds"] = [dict(e, type=e.get("type", "rich")) for e in payload["embeds"]]
    if "attachments" in payload and payload["attachments"] is not None:
        message["attachments"] = attachments_of(payload)
    message["edited_timestamp"] = iso_now()
    return message
