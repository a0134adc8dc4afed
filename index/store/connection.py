"""Opening the SQLite file, and turning SQLite's damage errors into articlebot's sentences."""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import aiosqlite

from index.errors import StoreError
from index.store.migrate import is_unusable, unusable_database

P = ParamSpec("P")
T = TypeVar("T")


class _HasPath(Protocol):
    """A store: anything that knows its database's path."""

    path: Path


async def connect(path: Path) -> aiosqlite.Connection:
    """An aiosqlite connection with foreign keys on and a 30 s busy timeout."""
    connection = await aiosqlite.connect(path, timeout=30)
    await connection.execute("PRAGMA foreign_keys = ON")
    await connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def can_open(path: Path) -> None:
    """Create ``path``'s folder and open it once with plain sqlite3, or raise ``StoreError``.

    Tried before aiosqlite: when its connect fails, its worker thread reports the failure to an
    event loop that may be closed by then, printing a second traceback after ours.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give the path of a file such as "
                         f"{path / 'articlebot.db'}")
    if path.parent.exists() and not path.parent.is_dir():
        raise StoreError(f"cannot create the database {path}: {path.parent} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(path).close()
    except OSError as error:
        raise StoreError(f"cannot create the folder {path.parent} for the database ({error.strerror})") from None
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the database {path} ({error})") from None


def _damage_is_corrupt(method: Callable[Concatenate[_HasPath, P], Awaitable[T]]
                       ) -> Callable[Concatenate[_HasPath, P], Awaitable[T]]:
    """``method``, raising ``CorruptDatabase`` where SQLite reports a damaged file (and a
    ``StoreError`` where it may not write it)."""
    @functools.wraps(method)
    async def guarded(self: _HasPath, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            if not is_unusable(error):
                raise
            raise unusable_database(self.path, error) from None

    return guarded


def reports_damage(cls: type[T]) -> type[T]:
    """Guard every public coroutine method of ``cls`` with ``_damage_is_corrupt``.

    A large database opens without reading every page, so a damaged one can fail any later
    read; guarding the whole class keeps methods added later covered too.
    """
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.iscoroutinefunction(member):
            setattr(cls, name, _damage_is_corrupt(member))
    return cls
