"""``articlebot scopes list|claim|release``: the servers' own archives, set up by the operator.

The same table the Discord commands fill (``archive_folders``, ``index.store.scopes``): a folder
claimed for a server is searched only by that server (and by DMs when ``[scopes] dm_archive =
"all"``); ``release`` returns it to the shared archive. A folder another server claimed is refused.
Changes apply at the next question in every running bot process; no reindex is needed.
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.console.common import engine_config_from, engine_options, fail, run_with_engine
from index.engine import Engine
from index.store.scopes import ScopeStore


@click.group()
def scopes() -> None:
    """Servers' own archives (folders only one Discord server searches)."""


@scopes.command(name="list")
@engine_options
def list_scopes(db: Path | None, config: Path | None) -> None:
    """List each server's folders and the limited channels (never creates a database)."""
    async def work(engine: Engine) -> tuple[dict[str, list[str]], list[tuple[str, str, str]]]:
        async with ScopeStore.of(engine.config) as store:
            return await store.claims(), await store.channel_limits()

    claims, limits = run_with_engine(engine_config_from(config, db), work, read_only=True)
    if not claims and not limits:
        click.echo("No server has an archive of its own: every server searches the shared archive.")
    for guild_id, folders in claims.items():
        click.echo(f"server {guild_id}: {', '.join(folders)}")
    for guild_id, channel_id, path in limits:
        click.echo(f"server {guild_id} channel {channel_id}: limited to {path}")


@scopes.command(name="claim")
@click.argument("guild_id")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@engine_options
def claim(guild_id: str, folder: Path, db: Path | None, config: Path | None) -> None:
    """Make FOLDER part of server GUILD_ID's own archive."""
    async def work(engine: Engine) -> str | None:
        async with ScopeStore.of(engine.config) as store:
            owner = await store.owner_of(str(folder.absolute()), besides=guild_id)
            if owner is None:
                await store.claim(guild_id, str(folder.absolute()), "console")
            return owner

    owner = run_with_engine(engine_config_from(config, db), work)
    if owner is not None:
        fail(f"{folder} overlaps server {owner}'s archive; release it there first.")
    click.echo(f"{folder.absolute()} is now server {guild_id}'s archive.")


@scopes.command(name="release")
@click.argument("guild_id")
@click.argument("folder", type=click.Path(path_type=Path))
@engine_options
def release(guild_id: str, folder: Path, db: Path | None, config: Path | None) -> None:
    """Return FOLDER from server GUILD_ID's archive to the shared archive."""
    async def work(engine: Engine) -> bool:
        async with ScopeStore.of(engine.config) as store:
            return await store.release(guild_id, str(folder.absolute()))

    if not run_with_engine(engine_config_from(config, db), work):
        fail(f"{folder.absolute()} is not server {guild_id}'s archive.")
    click.echo(f"{folder.absolute()} is back in the shared archive.")
