"""The store through its public methods on SQLite and on a real PostgreSQL server: generations,
case-insensitive search and ordering, saved answers and votes, schema versions; and how a query
written for SQLite is rendered for PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.errors import SchemaTooNew, StoreError
from index.loopback.postgres import Cluster
from index.store.database import Store
from index.store.migrate import SCHEMA_VERSION
from index.store.postgres import render, render_schema
from index.store.sql import in_schema
from tests.conftest import both_backends, db_rows, make_config
from tests.index.store.test_database import add

pytestmark = both_backends


@pytest.fixture
async def store(tmp_path: Path, database: str) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "a.db", database=database)
    try:
        yield opened
    finally:
        await opened.close()


async def test_generations_commit_discard_and_collect(store: Store) -> None:
    """Uncommitted rows are invisible, discarded on demand; collected articles lose their passages."""
    kept = await add(store, 1, "kept")
    await store.commit_batch()
    assert await store.articles(await store.generation()) == []
    await store.commit_generation(1)
    await add(store, 2, "half-written")
    await store.remove_articles(2, [kept])
    await store.commit_batch()
    assert await store.discard_uncommitted() == 1
    assert [row.title for row, count in await store.articles(1)] == ["KEPT"]
    await store.remove_articles(2, [kept])
    await store.commit_generation(2)
    await store.collect_garbage(2)
    assert (await store.articles(2), await store.article_passages(kept)) == ([], [])


async def test_titles_sort_and_match_ignoring_ascii_case(store: Store) -> None:
    """Titles list as SQLite's NOCASE sorts them and match case-insensitively, `_` and `%` literally."""
    for name in ("beta", "Alpha", "alpha_2", "ALPHA%", "gamma"):
        await add(store, 1, name)
    await store.commit_generation(1)
    assert [title for _, title in await store.titled(1)] == ["ALPHA", "ALPHA%", "ALPHA_2", "BETA", "GAMMA"]
    assert await store.titles_like(1, "Alpha", 10) == ["ALPHA", "ALPHA%", "ALPHA_2"]
    assert await store.titles_like(1, "a_", 10) == ["ALPHA_2"]
    assert await store.titles_like(1, "a%", 10) == ["ALPHA%"]
    assert [p.text for p in await store.passages_mentioning(1, "TEXT OF BETA")] == ["text of beta"]


async def test_saved_answers_keep_the_newest_and_votes_replace(store: Store) -> None:
    """A re-saved key counts as newest; a user's second vote replaces the first."""
    for key in ("a", "b", "a", "c"):
        await store.members.save_answer(key, f"question {key}", [1, 2], keep=2)
    assert [await store.saved_answer(k) for k in ("a", "b", "c")] == [
        ("question a", [1, 2]), None, ("question c", [1, 2])]
    await store.members.add_feedback("q", [1], "user", 1, "k")
    await store.members.add_feedback("q", [1], "user", -1, "k")
    await store.members.add_feedback("q", [1], "other", -1, "k")
    assert await store.feedback_counts() == (0, 2)
    await store.set_meta("ingest", "1")
    await store.set_meta("ingest", "2")
    assert await store.get_meta("ingest") == "2"


async def test_reopening_keeps_the_schema_and_rows(tmp_path: Path, database: str, store: Store) -> None:
    """A second open of the same database migrates nothing and sees the committed rows."""
    await add(store, 1, "x")
    await store.commit_generation(1)
    again = await Store.open(tmp_path / "a.db", database=database)
    try:
        assert [title for _, title in await again.titled(await again.generation())] == ["X"]
    finally:
        await again.close()


async def test_a_newer_schema_is_refused(tmp_path: Path, database: str, store: Store) -> None:
    """A database a newer articlebot wrote is refused with SchemaTooNew, untouched."""
    if database:
        await db_rows(make_config(tmp_path, tmp_path, database=database),
                      f"INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION + 1})")
    else:
        await store._writer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="newer articlebot"):
        await Store.open(tmp_path / "a.db", database=database)


async def test_an_unreachable_server_is_one_sentence_without_the_password(tmp_path: Path,
                                                                           postgres: Cluster) -> None:
    """A server nobody listens on: StoreError naming it, never its password."""
    url = f"postgresql://articlebot:hunter2@127.0.0.1:{postgres.port + 1}/nowhere"
    with pytest.raises(StoreError, match=r"cannot connect to the PostgreSQL database postgresql://127\.0\.0\.1") as error:
        await Store.open(tmp_path / "a.db", database=url)
    assert "hunter2" not in str(error.value)


async def test_schemas_keep_two_stores_apart_in_one_database(tmp_path: Path, postgres: Cluster) -> None:
    """Two stores in two schemas of one database see only their own articles."""
    url = postgres.new_database()
    first = await Store.open(tmp_path / "a.db", database=in_schema(url, "first"))
    second = await Store.open(tmp_path / "b.db", database=in_schema(url, "second"))
    try:
        await add(first, 1, "only in first")
        await first.commit_generation(1)
        assert (await second.generation(), await second.titled(1)) == (0, [])
    finally:
        await first.close()
        await second.close()


def test_placeholders_become_numbered_outside_strings_and_names() -> None:
    assert render("""SELECT '?', "?" FROM t WHERE a = ? AND d LIKE ? ESCAPE '\\'""") == (
        """SELECT '?', "?" FROM t WHERE a = $1 AND d ILIKE $2 ESCAPE '\\'""", None)
    assert render("SELECT ':gen' FROM t WHERE b > :gen AND c < :limit AND e = :gen ORDER BY t.x COLLATE NOCASE") == (
        'SELECT \':gen\' FROM t WHERE b > $1 AND c < $2 AND e = $1 ORDER BY lower(t.x) COLLATE "C"', ("gen", "limit"))


def test_schema_types_and_rowid() -> None:
    rendered = render_schema("CREATE TABLE t (\n    id INTEGER PRIMARY KEY,\n    x REAL,\n    b BLOB\n);\n"
                             "CREATE TABLE u (\n    k TEXT PRIMARY KEY,\n    n INTEGER\n);")
    assert "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" in rendered
    assert "x DOUBLE PRECISION" in rendered and "b BYTEA" in rendered
    assert "CREATE TABLE u (\n    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY,\n    k TEXT PRIMARY KEY,\n    n BIGINT" in rendered
