"""Sync application commands only when their definition changed (or when asked to).

The hash of the command payloads (and the sync target) is stored in the engine's meta table
under ``discord.commands_hash``; ``articlebot sync`` forces a sync. With ``dev_guild_id`` the
global commands are copied to that guild and synced there, so changes show up at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

if TYPE_CHECKING:
    from index.engine import Engine

log = logging.getLogger(__name__)

META_KEY = "discord.commands_hash"


def command_payloads(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
    """The JSON Discord receives for the commands synced to ``guild`` (None: global)."""
    return [command.to_dict(tree) for command in tree.get_commands(guild=guild)]


def command_hash(tree: app_commands.CommandTree, guild_id: int | None) -> str:
    """A stable hash of the command definitions and where they are synced."""
    guild = discord.Object(guild_id) if guild_id else None
    payload = {"target": guild_id or "global", "commands": command_payloads(tree, guild)}
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree, engine: Engine, guild_id: int | None, *, force: bool = False
) -> bool:
    """Sync when forced or when the definition hash changed; returns whether it synced."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    digest = command_hash(tree, guild_id)
    if not force and await engine.get_meta(META_KEY) == digest:
        log.info("Application commands unchanged; not syncing.")
        return False
    synced = await tree.sync(guild=guild)
    await engine.set_meta(META_KEY, digest)
    where = f"guild {guild_id}" if guild_id else "all guilds (global)"
    log.info("Synced %d application commands to %s.", len(synced), where)
    return True
