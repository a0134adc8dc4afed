"""What a /reindex or /add in a server may touch: its own archive, never another server's.

In a server, ``/reindex PATH`` refuses a folder another server claimed (and, with ``[scopes]
per_guild``, claims the folder for this server); ``/reindex`` alone reindexes the server's own
folders, or, for a server without any, the shared archive leaving every claimed folder alone.
In a DM (only ``admin_user_ids`` may) it reindexes everything, as a single-archive bot always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import discord

from bot.discord_bot.scopes import BotScopes
from index.engine import Engine
from index.errors import PathNotAllowed
from index.scopes import is_under

OTHER_ARCHIVE_TEXT = "That folder belongs to another server's archive; only that server's admins can reindex it."
SHARED_FOLDER_TEXT = ("That folder holds articles of the shared archive, which every server searches; the bot's "
                      "operator can make it this server's own with `articlebot scopes claim`.")


@dataclass(frozen=True, slots=True)
class ReindexPlan:
    """The paths a reindex reads (None: the configured folders) and the folders it leaves alone."""

    paths: list[Path] | None
    exclude: list[Path]
    only_configured: bool  # a path a member typed must lie inside the article folders


async def reindex_plan(scopes: BotScopes, engine: Engine, interaction: discord.Interaction,
                       target: Path | None) -> ReindexPlan:
    """The plan of a /reindex of ``target`` (None: the whole archive of this place)."""
    guild_id = interaction.guild_id
    if guild_id is None:
        return ReindexPlan([target] if target else None, [], True)
    guild = str(guild_id)
    claims = await scopes.store.claims()
    others = [Path(folder) for owner, folders in claims.items() if owner != guild for folder in folders]
    if target is not None:
        if await scopes.store.owner_of(str(target), besides=guild) is not None:
            raise PathNotAllowed(OTHER_ARCHIVE_TEXT)
        if scopes.policy.per_guild and str(target) not in claims.get(guild, []):
            if await holds_shared_articles(engine, target, claims):  # claiming would take them from everyone
                raise PathNotAllowed(SHARED_FOLDER_TEXT)
            await scopes.store.claim(guild, str(target), str(interaction.user.id))
            scopes.forget()
        return ReindexPlan([target], others, True)
    own = [Path(folder) for folder in claims.get(guild, [])]
    return ReindexPlan(own or None, others, False)


async def holds_shared_articles(engine: Engine, folder: Path, claims: dict[str, list[str]]) -> bool:
    """True when articles of the shared archive (under no claimed folder) are indexed under ``folder``."""
    claimed = [path for folders in claims.values() for path in folders]
    generation = (await engine.searcher()).generation
    return any(is_under(row.path, str(folder)) and not any(is_under(row.path, c) for c in claimed)
               for row, _ in await engine.store.articles(generation))


async def pages_folder(scopes: BotScopes, interaction: discord.Interaction, shared: Path) -> Path:
    """Where /add keeps a server's pages: its own folder (claimed) with ``per_guild``, else ``shared``."""
    if interaction.guild_id is None or not scopes.policy.per_guild:
        return shared
    folder = shared / str(interaction.guild_id)
    await scopes.store.claim(str(interaction.guild_id), str(folder), str(interaction.user.id))
    scopes.forget()
    return folder


def own_guild(scopes: BotScopes, interaction: discord.Interaction) -> str | None:
    """The server whose own archive a /feeds command works on (None: the shared archive's)."""
    return str(interaction.guild_id) if interaction.guild_id is not None and scopes.policy.per_guild else None


async def feed_guild(scopes: BotScopes, interaction: discord.Interaction, shared: Path) -> str | None:
    """The server a feed added here fills (its pages folder claimed), or None for the shared archive."""
    await pages_folder(scopes, interaction, shared)
    return own_guild(scopes, interaction)
