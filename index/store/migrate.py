"""Schema files -> an up-to-date database, or a clear refusal.

``index/migrations/NNNN_name.sql`` files are applied in order inside one transaction each;
``PRAGMA user_version`` holds the last applied number. A file that is not a readable SQLite
database, or has damaged pages, raises ``CorruptDatabase``; one written by a newer articlebot
raises ``SchemaTooNew``. Neither is ever rebuilt silently.

Every open reads the header, the schema table and the schema version: that catches a file that
is not SQLite, a bad header and a newer schema for any size. ``check_pages`` (``PRAGMA
quick_check``) reads every page, about 2 ms per MB, so ``Store.open`` runs it only for files up
to ``CHECK_AT_OPEN_MB``; larger ones are checked before a reindex writes and in the background
once the bot answers, and a damaged page met by any read raises the same ``CorruptDatabase``.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

from index.errors import CorruptDatabase, SchemaTooNew, StoreError

_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
# The file (or its folder, where SQLite keeps the -wal and -shm files) may not be written.
_ACCESS_CODES = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)


def migrations() -> list[tuple[int, str]]:
    """``(version, sql)`` of every schema file, in order."""
    folder = resources.files("index.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in migrations())


def _code(error: sqlite3.Error | str) -> int:
    """SQLite's primary result code carried by ``error`` (0 for none)."""
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite says the file is damaged or not a database (not busy, full or locked)."""
    return _code(error) in _DAMAGE_CODES


def is_busy(error: BaseException) -> bool:
    """True when SQLite gave up waiting for another connection's lock ("database is locked"):
    the same write can succeed once that writer commits."""
    return isinstance(error, sqlite3.Error) and _code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def is_unusable(error: sqlite3.Error) -> bool:
    """True when the file is damaged (``is_damage``) or may not be written."""
    return is_damage(error) or _code(error) in _ACCESS_CODES


def unusable_database(path: Path, error: sqlite3.Error) -> StoreError:
    """The one-sentence refusal of ``path``: damaged (move it aside) or not writable (fix access).

    A file this process may not write is not damaged: telling its admin to move it aside and
    reindex would throw a good index away.
    """
    if _code(error) in _ACCESS_CODES:
        return StoreError(f"{path} cannot be written ({error}); articlebot needs write access to the "
                          f"database file and its folder {path.parent}: check their owner and permissions")
    return corrupt_database(path, error)


def corrupt_database(path: Path, error: sqlite3.Error | str) -> CorruptDatabase:
    """The one-sentence refusal of a damaged ``path``, whenever the damage is found."""
    reason = f"damaged pages: {error}" if _code(error) == sqlite3.SQLITE_CORRUPT else str(error)
    return CorruptDatabase(f"{path} is not a readable articlebot database ({reason}); move it aside and reindex")


async def check_pages(db: aiosqlite.Connection, path: Path) -> None:
    """Read every page (``PRAGMA quick_check``); raise ``CorruptDatabase`` on damage."""
    try:
        async with db.execute("PRAGMA quick_check(1)") as cur:
            check = await cur.fetchone()
    except sqlite3.DatabaseError as error:
        raise unusable_database(path, error) from None
    if check is None or check[0] != "ok":
        found = " ".join(str(check[0]).split()) if check else "no answer"
        raise corrupt_database(path, f"damaged pages: {found}")


async def migrate(db: aiosqlite.Connection, path: Path, *, full_check: bool = True, read_only: bool = False) -> None:
    """Apply the schema files newer than the database; refuse newer or corrupt files.

    The header and schema table are always read; ``full_check`` adds ``check_pages``.
    ``read_only`` applies nothing: an older schema is refused with what to run.
    """
    try:
        async with db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        async with db.execute("SELECT count(*) FROM sqlite_master") as cur:
            await cur.fetchone()
    except sqlite3.DatabaseError as error:
        raise unusable_database(path, error) from None
    if full_check:
        await check_pages(db, path)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} was written by a newer articlebot (schema {version}, this one knows {SCHEMA_VERSION}); upgrade articlebot"
        )
    if read_only and version < SCHEMA_VERSION:
        raise StoreError(f"{path} has an older schema ({version}, this articlebot needs {SCHEMA_VERSION}); "
                         "run `articlebot reindex` once to upgrade it")
    for number, sql in migrations():
        if number > version:
            try:
                await db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as error:
                raise StoreError(f"could not apply schema {number} to {path}: {error}") from None
