"""A small store of tables beside the engine's (feeds, scopes) on a connection of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from index.config import DATABASE, EngineConfig
from index.store.connection import open_side_connection
from index.store.sql import Database


class SideStore:
    """Opens and closes its own connection to the engine's database (the schema is the
    engine's: ``Store.open`` applied it); use as an async context manager or ``open``/``close``."""

    def __init__(self, db_path: Path, database: str = DATABASE) -> None:
        self.db_path = db_path
        self.database = database  # a PostgreSQL URL, or "" for the SQLite file db_path
        self._db: Database | None = None

    @classmethod
    def of(cls, config: EngineConfig) -> Self:
        """The store on the engine's database."""
        return cls(config.db_path, config.database)

    async def open(self) -> Self:
        """Connect (once)."""
        if self._db is None:
            self._db = await open_side_connection(self.db_path, self.database)
        return self

    async def close(self) -> None:
        """Disconnect."""
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def db(self) -> Database:
        """The open connection."""
        assert self._db is not None, f"open the {type(self).__name__} first (or use it in `async with`)"
        return self._db
