"""Sync application commands only when their definition changed (or when asked to).

The hash of the command payloads (and the sync target) is stored in the engine's meta table
under ``discord.commands_hash``; ``articlebot sync`` forces a sync. With ``dev_guild_id`` the
global commands are copied to that guild and synced there, so changes show up at once.

The scope last synced (``global`` or a guild id) is stored under ``discord.commands_scope``.
When it changes, the old scope's commands are removed (a PUT of an empty list): otherwise a
guild that has both global and guild copies shows every command twice, and a dev guild left
behind keeps stale ones. A scope this database never synced is left alone: its commands may
belong to another deployment of the same application.
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
SCOPE_KEY = "discord.commands_scope"
GLOBAL = "global"


def command_payloads(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
    """The JSON Discord receives for the commands synced to ``guild`` (None: global)."""
    return [command.to_dict(tree) for command in tree.get_commands(guild=guild)]


def command_hash(tree: app_commands.CommandTree, guild_id: int | None) -> str:
    """A stable hash of the command definitions and where they are synced."""
    guild = discord.Object(guild_id) if guild_id else None
    payload = {"target": guild_id or "global", "commands": command_payloads(tree, guild)}
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def scope_of(guild_id: int | None) -> str:
    """The stored name of a sync scope: ``global`` or the guild id."""
    return str(guild_id) if guild_id else GLOBAL


def previous_scope(stored_scope: str | None, stored_hash: str | None, global_hash: str) -> str | None:
    """The scope synced last, or None when unknown.

    Databases synced before the scope was stored have only the hash; when it is the hash of
    today's global commands, the last sync was global.
    """
    if stored_scope:
        return stored_scope
    return GLOBAL if stored_hash is not None and stored_hash == global_hash else None


async def sync_commands(
    tree: app_commands.CommandTree, engine: Engine, guild_id: int | None, *, force: bool = False
) -> bool:
    """Sync when forced or when the definition hash changed, then drop the scope no longer used;
    returns whether the commands were synced."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    digest = command_hash(tree, guild_id)
    stored_hash = await engine.get_meta(META_KEY)
    stored_scope = await engine.get_meta(SCOPE_KEY)
    previous = previous_scope(stored_scope, stored_hash, command_hash(tree, None))
    scope = scope_of(guild_id)
    synced = force or stored_hash != digest
    if synced:
        commands = await tree.sync(guild=guild)
        await engine.set_meta(META_KEY, digest)
        log.info("Synced %d application commands to %s.", len(commands), _where(scope))
    else:
        log.info("Application commands unchanged; not syncing.")
    # A failed removal keeps the old scope stored, so the next start tries again.
    if previous in (None, scope) or await clear_scope(tree, previous):
        if stored_scope != scope:
            await engine.set_meta(SCOPE_KEY, scope)
    return synced


async def clear_scope(tree: app_commands.CommandTree, scope: str) -> bool:
    """Remove every command synced to ``scope`` (PUT an empty list); False (logged) on failure."""
    http, app_id = tree.client.http, tree.client.application_id
    if app_id is None:
        raise app_commands.MissingApplicationID
    try:
        if scope == GLOBAL:
            await http.bulk_upsert_global_commands(app_id, [])
        else:
            await http.bulk_upsert_guild_commands(app_id, int(scope), [])
    except discord.HTTPException:
        log.warning("Could not remove the application commands synced to %s before; will retry at the next "
                    "start.", _where(scope), exc_info=True)
        return False
    log.info("Removed the application commands synced to %s before.", _where(scope))
    return True


def _where(scope: str) -> str:
    """A scope for log lines."""
    return "all guilds (global)" if scope == GLOBAL else f"guild {scope}"
