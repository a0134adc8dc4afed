"""Tests for index.store: migrations, reopening, bad database files, generations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.errors import CorruptDatabase, SchemaTooNew
from index.migrate import SCHEMA_VERSION
from index.store import NewArticle, NewPassage, Store


def passage(text: str) -> NewPassage:
    return NewPassage(1, 0, 0, len(text), text, [(0, len(text))], [], text.lower().split())


async def add(store: Store, gen: int, path: str) -> int:
    return await store.add_article(gen, NewArticle(path=path, content_hash=path, title=path.upper(), dek=None,
                                                   author=None, date=None, url=None, encoding="utf-8",
                                                   tokens=[path], passages=[passage(f"text of {path}")]))


async def test_new_database_is_migrated_and_in_wal(tmp_path: Path) -> None:
    """Opening creates the schema at the latest version, in WAL mode."""
    store = await Store.open(tmp_path / "a.db")
    await store.close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_uncommitted_generation_is_invisible(tmp_path: Path) -> None:
    """Rows of generation 1 stay hidden until commit_generation(1)."""
    store = await Store.open(tmp_path / "a.db")
    await add(store, 1, "x")
    await store.commit_batch()
    assert await store.articles(await store.generation()) == []
    await store.commit_generation(1)
    assert [row.title for row, _ in await store.articles(await store.generation())] == ["X"]
    await store.close()


async def test_reopen_discards_interrupted_generation(tmp_path: Path) -> None:
    """Rows written past the committed generation are dropped on the next open."""
    store = await Store.open(tmp_path / "a.db")
    kept = await add(store, 1, "kept")
    await store.commit_generation(1)
    await add(store, 2, "half-written")
    await store.remove_articles(2, [kept])
    await store.commit_batch()
    await store.close()
    store = await Store.open(tmp_path / "a.db")
    assert await store.discard_uncommitted() == 1
    assert [row.title for row, _ in await store.articles(1)] == ["KEPT"]
    await store.close()


async def test_garbage_collection_deletes_passages(tmp_path: Path) -> None:
    """Removing an article and collecting garbage deletes its passages too."""
    store = await Store.open(tmp_path / "a.db")
    article = await add(store, 1, "x")
    await store.commit_generation(1)
    await store.remove_articles(2, [article])
    await store.commit_generation(2)
    await store.collect_garbage(2)
    assert await store.article_passages(article) == []
    await store.close()


async def test_corrupt_file_raises_clear_error(tmp_path: Path) -> None:
    """A file that is not SQLite stops the open with CorruptDatabase, untouched."""
    path = tmp_path / "a.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabase, match="not a readable articlebot database"):
        await Store.open(path)
    assert path.read_bytes() == b"this is not a database" * 100


async def test_newer_schema_raises_clear_error(tmp_path: Path) -> None:
    """A database from a newer articlebot stops the open with SchemaTooNew."""
    path = tmp_path / "a.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="newer articlebot"):
        await Store.open(path)


async def test_meta_and_feedback(tmp_path: Path) -> None:
    """Meta values round-trip; feedback is counted by sign."""
    store = await Store.open(tmp_path / "a.db")
    await store.set_meta("k", "v1")
    await store.set_meta("k", "v2")
    await store.add_feedback("q", [1, 2], "u", 1)
    await store.add_feedback("q", [1], "u", -1)
    await store.add_feedback("q", [3], "w", 1)
    assert await store.get_meta("k") == "v2"
    assert await store.feedback_counts() == (2, 1)
    await store.close()
