"""What the ``articlebot`` commands share: ``--db``/``--config``, the settings, and the engine.

``run_with_engine`` opens the engine, runs one piece of work and closes it; an engine error
prints one ``error:`` line and exits 2. Commands that only read pass ``read_only=True``: a
missing database is then reported instead of created.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.markup import escape

from bot.console.config_cache import cached_engine_config
from bot.console.render import make_console
from index.config import EngineConfig
from index.errors import ArticlebotError, StoreError

if TYPE_CHECKING:  # bot.settings loads pydantic: only commands that need every setting import it
    from bot.settings import Settings
    from index.engine import Engine

T = TypeVar("T")

EXIT_USAGE = 2
"""A question, database or path the user gave cannot be used (click's own usage errors use 2 too)."""


def settings_from(config: Path | None, db: Path | None) -> Settings:
    """Settings from ``--config`` and ``--db``, or a clear error."""
    from bot.settings import ConfigError, load_settings

    try:
        settings = load_settings(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    if db is not None:
        settings.index.db_path = db
    return settings


def engine_config_from(config: Path | None, db: Path | None) -> EngineConfig:
    """The engine's config from ``--config`` and ``--db`` (see ``bot.console.config_cache``),
    or a clear error."""
    return cached_engine_config(config, db, lambda: settings_from(config, db).index.model_dump(mode="json"))


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--db`` and ``--config`` to a command."""
    command = click.option("--db", type=click.Path(path_type=Path),
                           help="Database file (default: index.db_path).")(command)
    command = click.option("--config", type=click.Path(path_type=Path),
                           help="TOML settings file (default: config.toml, or $ARTICLEBOT_CONFIG).")(command)
    return command


def fail(message: str) -> NoReturn:
    """Print one ``error:`` line on stderr and exit with ``EXIT_USAGE``."""
    make_console(stderr=True).print(f"[red]error:[/red] {escape(message)}")
    sys.exit(EXIT_USAGE)


def no_index(path: Path) -> str:
    """The sentence for a read-only command pointed at a database that does not exist."""
    return (f"no index at {path.absolute()}; build it with `articlebot reindex`, or point --db, "
            "ARTICLEBOT_INDEX__DB_PATH or index.db_path in the config at an existing one")


def run_with_engine(config: EngineConfig, work: Callable[[Engine], Awaitable[T]], *, read_only: bool = False) -> T:
    """Open the engine, run ``work`` with it, close it; engine errors exit 2.

    ``read_only`` commands never create a database (opening one would silently answer from an
    empty index and leave a ``data/`` folder wherever the command ran), and never write to it:
    they work on a full disk and on a read-only file or file system.
    """
    from index.engine import Engine

    if read_only and not config.database and not config.db_path.exists():
        fail(no_index(config.db_path))

    async def go() -> T:
        async with await Engine.open(config, read_only=read_only) as engine:
            return await work(engine)

    try:
        return asyncio.run(go())
    except ArticlebotError as error:
        fail(str(error))


async def require_articles(engine: Engine) -> None:
    """Raise ``StoreError`` when the index holds no article, which no question could change."""
    if not (await engine.searcher()).article_count:
        folders = ", ".join(str(d) for d in engine.config.article_dirs) or "none configured"
        from index.store.sql import database_name

        where = database_name(engine.config.db_path.absolute(), engine.config.database)
        raise StoreError(f"the index at {where} holds no articles; run "
                         f"`articlebot reindex` to index the article folders ({folders})")
