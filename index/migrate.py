"""Schema files -> an up-to-date database, or a clear refusal.

``index/migrations/NNNN_name.sql`` files are applied in order inside one transaction each;
``PRAGMA user_version`` holds the last applied number. A file that is not a readable SQLite
database, or has damaged pages, raises ``CorruptDatabase``; one written by a newer articlebot
raises ``SchemaTooNew``. Neither is ever rebuilt silently.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

from index.errors import CorruptDatabase, SchemaTooNew, StoreError


def _migrations() -> list[tuple[int, str]]:
    """``(version, sql)`` of every schema file, in order."""
    folder = resources.files("index") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in _migrations())


async def migrate(db: aiosqlite.Connection, path: Path) -> None:
    """Apply the schema files newer than the database; refuse newer or corrupt files."""
    try:
        async with db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        async with db.execute("SELECT count(*) FROM sqlite_master") as cur:
            await cur.fetchone()
        async with db.execute("PRAGMA quick_check(1)") as cur:  # damaged pages, not only a bad header
            check = await cur.fetchone()
        if check is None or check[0] != "ok":
            found = " ".join(str(check[0]).split()) if check else "no answer"
            raise sqlite3.DatabaseError(f"damaged pages: {found}")
    except sqlite3.DatabaseError as error:
        raise CorruptDatabase(
            f"{path} is not a readable articlebot database ({error}); move it aside and reindex"
        ) from None
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} was written by a newer articlebot (schema {version}, this one knows {SCHEMA_VERSION}); upgrade articlebot"
        )
    for number, sql in _migrations():
        if number > version:
            try:
                await db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as error:
                raise StoreError(f"could not apply schema {number} to {path}: {error}") from None
