"""index.engine reindex: a no-op when nothing changed, changed, removed, bad and duplicate files,
a new ingest version, the persisted index and the configured folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import PathNotAllowed
from index.ingest import prepare as ingest
from tests.conftest import SEED, SEED_TITLE, both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL


async def test_reindex_twice_is_a_noop(engine: Engine) -> None:
    """A second reindex skips every unchanged file and commits no new generation."""
    before = (await engine.searcher()).generation
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 0, 0, 3)
    assert (await engine.searcher()).generation == before


async def test_new_ingest_version_reads_every_file_again(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade that parses differently, unchanged files are re-read once, then skipped."""
    monkeypatch.setattr(ingest, "INGEST_VERSION", ingest.INGEST_VERSION + 1)
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 3, 0, 0)
    report = await engine.reindex()
    assert (report.updated, report.skipped) == (0, 3)


async def test_changed_and_removed_files(engine: Engine, library: Path) -> None:
    """An edited file replaces its passages; a deleted one disappears."""
    (library / "garden_notes.md").unlink()
    budget = library / "budget_vote.txt"
    budget.write_text(budget.read_text().replace("mobile library van", "bookmobile"), encoding="utf-8")
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 1, 1, 1)
    assert [s.title for s in await engine.sources()] == [
        "Council Approves Library Budget After Long Debate", SEED_TITLE]
    answer = await engine.ask("bookmobile")
    assert "bookmobile" in answer.quotes[0].text


async def test_bad_files_reported_and_rest_indexed(tmp_path: Path, library: Path, database: str) -> None:
    """Empty, binary and oversized files are named with a reason; the others index."""
    (library / "empty.txt").write_text("")
    (library / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (library / "huge.txt").write_text("Big\n\n" + "word " * 300_000)
    async with await Engine.open(make_config(tmp_path, library, max_file_bytes=1_000_000, database=database)) as engine:
        report = await engine.reindex()
    reasons = {Path(b.path).name: b.reason for b in report.bad}
    assert report.added == 3
    assert reasons == {"empty.txt": "the file is empty", "binary.txt": "the file is binary, not text",
                       "huge.txt": "the file is 1.5 MB, over the 1.0 MB limit (index.max_file_bytes)"}


async def test_bad_new_version_keeps_old_one(engine: Engine, library: Path) -> None:
    """A file that turns unreadable keeps its previously indexed passages."""
    (library / "budget_vote.txt").write_bytes(b"")
    report = await engine.reindex()
    assert [Path(b.path).name for b in report.bad] == ["budget_vote.txt"]
    assert (await engine.ask("library budget council")).answered


async def test_duplicate_is_indexed_once(engine: Engine, library: Path) -> None:
    """The same text under a second name is reported and not indexed again."""
    shutil.copy(SEED, library / "copy_of_seed.txt")
    report = await engine.reindex()
    assert report.added == 0
    assert [Path(d.path).name for d in report.duplicates] == ["copy_of_seed.txt"]


async def test_reopen_uses_persisted_index(tmp_path: Path, library: Path, database: str) -> None:
    """Reopening answers the same without reindexing."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        first = await engine.ask("what did Kirby say?")
    async with await Engine.open(config) as engine:
        assert await engine.ask("what did Kirby say?") == first


async def test_only_configured_refuses_outside_paths(engine: Engine, tmp_path: Path) -> None:
    """reindex(only_configured=True) refuses a path outside the article folders."""
    with pytest.raises(PathNotAllowed):
        await engine.reindex([tmp_path / "elsewhere"], only_configured=True)
