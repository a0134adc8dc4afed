"""Shared fixtures: a clean environment for settings, and an engine over small articles."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest

from index.config import EngineConfig
from index.engine import Engine
from index.loopback.postgres import Cluster, binaries, running_cluster
from index.models import Answer
from index.store.connection import open_side_connection
from tests.index.sources.server import PageServer, serving

# Property tests check behaviour, not speed: no per-example deadline (a loaded machine missed
# Hypothesis's 200 ms default). Speed is measured by `make bench`.
hypothesis.settings.register_profile("articlebot", deadline=None)
hypothesis.settings.load_profile("articlebot")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_d3689b044ccb29bf.txt"
SEED_TITLE = "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared corpora beside the checkout; a worktree elsewhere points SHARED_DATA at them.
SHARED_DATA = Path(os.environ.get("SHARED_DATA") or ROOT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def table_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the mapped word tables of the whole run (index.answering.mapped_table)."""
    return tmp_path_factory.mktemp("table-cache")


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch, table_cache: Path) -> Iterator[None]:
    """Strip ARTICLEBOT_* and DISCORD_TOKEN so a developer's shell cannot change a test; word
    tables are mapped from the run's own cache, not the developer's."""
    for name in list(os.environ):
        if name.startswith("ARTICLEBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(table_cache))
    yield


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder with the seed and the hand-written fixture articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    for item in FIXTURES.glob("*"):
        shutil.copy(item, folder / item.name)
    return folder


def write_articles(tmp_path: Path, files: dict[str, str]) -> Path:
    """The folder ``tmp_path/articles`` holding ``files`` (file name -> article text)."""
    folder = tmp_path / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_config(tmp_path: Path, folder: Path, **overrides: object) -> EngineConfig:
    """An engine config over ``folder`` with its database in ``tmp_path``."""
    return EngineConfig(db_path=tmp_path / "db" / "test.db", article_dirs=(folder,)).with_values(**overrides)


async def asked(tmp_path: Path, files: dict[str, str], *questions: str) -> list[Answer]:
    """The real engine's answers to ``questions``, in order, over an archive of ``files`` indexed anew."""
    async with await Engine.open(make_config(tmp_path, write_articles(tmp_path, files))) as engine:
        await engine.reindex()
        return [await engine.ask(question) for question in questions]


def damage_table(db: Path, table: str) -> None:
    """Overwrite the first page of ``table`` in the closed database ``db`` (the header stays valid)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))


BACKENDS = ("sqlite", "postgresql")
# Runs the marked tests that use the ``database`` fixture (``engine`` does) on both stores; a
# module opts in with ``pytestmark = both_backends``.
both_backends = pytest.mark.both_backends


# A test in such a module that needs SQLite itself (a trigger made with sqlite3, damaged pages).
sqlite_only = pytest.mark.sqlite_only


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``both_backends`` tests that use ``database`` over SQLite and PostgreSQL."""
    marked = metafunc.definition.get_closest_marker
    if marked("both_backends") and not marked("sqlite_only") and "database" in metafunc.fixturenames:
        metafunc.parametrize("database", BACKENDS, indirect=True)


async def db_rows(config: EngineConfig, sql: str, *args: object) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (committed ones) read from the engine's database, SQLite or PostgreSQL,
    through a connection of the test's own; a statement that writes is committed."""
    db = await open_side_connection(config.db_path, config.database)
    try:
        if sql.lstrip().upper().startswith("SELECT"):
            return [tuple(row) for row in await db.fetchall(sql, args)]
        await db.execute(sql, args)
        await db.commit()
        return []
    finally:
        await db.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster on a free loopback port for the whole run."""
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("CI_REQUIRE_POSTGRES"):
            pytest.fail("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin, and CI requires them")
        pytest.skip("no PostgreSQL server installed (/usr/lib/postgresql/*/bin/initdb): "
                    "apt-get install postgresql (.ci/run does)")
    with running_cluster(bin_dir) as cluster:
        yield cluster


@pytest.fixture
def new_database(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes ``database`` settings of the test's backend: "" (SQLite, the file at db_path) or a
    fresh, empty PostgreSQL database when the test is parametrised with ``both_backends``."""
    callspec = getattr(request.node, "callspec", None)
    if (callspec.params.get("database", "sqlite") if callspec else "sqlite") == "sqlite":
        return lambda: ""
    cluster: Cluster = request.getfixturevalue("postgres")
    return cluster.new_database


@pytest.fixture
def database(new_database: Callable[[], str]) -> str:
    """The engine's ``database`` setting for this test (see ``new_database``)."""
    return new_database()


@pytest.fixture
async def engine(tmp_path: Path, library: Path, database: str) -> AsyncIterator[Engine]:
    """An engine with the seed and fixtures indexed (on PostgreSQL too under ``both_backends``)."""
    async with await Engine.open(make_config(tmp_path, library, database=database)) as opened:
        await opened.reindex()
        yield opened


@pytest.fixture
async def page_server() -> AsyncIterator[PageServer]:
    """Real saved pages, an RSS feed and bad pages served on a free port of 127.0.0.1."""
    async with serving() as running:
        yield running
