"""Tests for index.store.database: migrations, reopening, bad database files, generations."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from index.errors import CorruptDatabase, SchemaTooNew
from index.store.database import Store
from index.store.migrate import SCHEMA_VERSION
from index.store.rows import NewArticle, NewPassage
from tests.conftest import damage_table


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


async def closed_store_with(path: Path, name: str) -> int:
    """Write a database at ``path`` holding one committed article; returns its id."""
    store = await Store.open(path)
    article = await add(store, 1, name)
    await store.commit_generation(1)
    await store.close()
    return article


async def test_database_up_to_the_limit_is_checked_at_open(tmp_path: Path) -> None:
    """A file no larger than check_at_open_mb has every page read when it opens."""
    await closed_store_with(tmp_path / "a.db", "x")
    store = await Store.open(tmp_path / "a.db", check_at_open_mb=1)
    assert store.checked is True
    await store.close()


async def test_larger_database_opens_without_reading_every_page(tmp_path: Path) -> None:
    """Above check_at_open_mb the open skips the page check: damaged passages do not stop it."""
    await closed_store_with(tmp_path / "a.db", "x")
    damage_table(tmp_path / "a.db", "passages")
    store = await Store.open(tmp_path / "a.db", check_at_open_mb=0)
    titles = [row.title for row, _ in await store.articles(1)]
    await store.close()
    assert (store.checked, titles) == (False, ["X"])


async def test_check_passes_a_healthy_larger_database(tmp_path: Path) -> None:
    """check() reads every page of a database opened unchecked and marks it checked."""
    await closed_store_with(tmp_path / "a.db", "x")
    store = await Store.open(tmp_path / "a.db", check_at_open_mb=0)
    await store.check()
    assert store.checked is True
    await store.close()


async def test_check_finds_damaged_pages_of_a_larger_database(tmp_path: Path) -> None:
    """check() refuses damaged pages with the CorruptDatabase sentence of a refused open."""
    path = tmp_path / "a.db"
    await closed_store_with(path, "x")
    damage_table(path, "passages")
    store = await Store.open(path, check_at_open_mb=0)
    try:
        with pytest.raises(CorruptDatabase, match=r"\(damaged pages: .*\); move it aside and reindex$"):
            await store.check()
        assert store.checked is False
    finally:
        await store.close()


async def test_damaged_page_met_by_a_read_raises_corrupt_database(tmp_path: Path) -> None:
    """A read that meets a damaged page raises CorruptDatabase, not sqlite3.DatabaseError."""
    path = tmp_path / "a.db"
    article = await closed_store_with(path, "x")
    damage_table(path, "passages")
    store = await Store.open(path, check_at_open_mb=0)
    try:
        with pytest.raises(CorruptDatabase) as raised:
            await store.article_passages(article)
    finally:
        await store.close()
    assert str(raised.value) == (f"{path} is not a readable articlebot database (damaged pages: database disk "
                                 "image is malformed); move it aside and reindex")


async def test_the_answer_paths_reads_give_the_stores_rows_and_damage_sentence(tmp_path: Path) -> None:
    """``Store.thread_reads`` (the answer path's reads, in its worker thread) returns what the
    async reads return, and a damaged page raises the same CorruptDatabase sentence."""
    path = tmp_path / "a.db"
    article = await closed_store_with(path, "x")
    store = await Store.open(path)
    try:
        ids = [row.id for row in await store.article_passages(article)]
        assert await asyncio.to_thread(store.thread_reads.passages_by_ids, ids) == await store.passages_by_ids(ids)
        assert await asyncio.to_thread(store.thread_reads.generation) == await store.generation()
    finally:
        await store.close()
    damage_table(path, "passages")
    store = await Store.open(path, check_at_open_mb=0)
    try:
        with pytest.raises(CorruptDatabase) as raised:
            await asyncio.to_thread(store.thread_reads.passages_by_ids, ids)
    finally:
        await store.close()
    assert str(raised.value) == (f"{path} is not a readable articlebot database (damaged pages: database disk "
                                 "image is malformed); move it aside and reindex")


async def test_bad_header_is_refused_without_the_page_check(tmp_path: Path) -> None:
    """A damaged header stops the open even when the file is too large for the page check."""
    path = tmp_path / "a.db"
    await closed_store_with(path, "x")
    with path.open("r+b") as handle:
        handle.write(b"not SQLite at all")
    with pytest.raises(CorruptDatabase, match=r"\(file is not a database\)"):
        await Store.open(path, check_at_open_mb=0)


async def test_newer_schema_is_refused_without_the_page_check(tmp_path: Path) -> None:
    """A newer schema stops the open even when the file is too large for the page check."""
    path = tmp_path / "a.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="newer articlebot"):
        await Store.open(path, check_at_open_mb=0)


async def test_meta_and_feedback(tmp_path: Path) -> None:
    """Meta values round-trip; feedback is counted by sign."""
    store = await Store.open(tmp_path / "a.db")
    await store.set_meta("k", "v1")
    await store.set_meta("k", "v2")
    await store.members.add_feedback("q", [1, 2], "u", 1)
    await store.members.add_feedback("q", [1], "u", -1)
    await store.members.add_feedback("q", [3], "w", 1)
    assert await store.get_meta("k") == "v2"
    assert await store.feedback_counts() == (2, 1)
    await store.close()
