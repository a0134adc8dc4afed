"""Guarantees 1 and 2 in-process: readers keep the committed generation, leftovers of a killed
reindex never leak into the next one, and changed files never leave stale passages behind.

(Reindexing twice is a no-op, edits replace passages and deletions disappear are already
checked in ``tests/index/test_engine_reindex.py``; the SIGKILL test is ``test_kill_reindex.py``.)
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from index.engine import Engine
from index.store.database import Store
from index.store.rows import NewArticle, NewPassage
from tests.conftest import SEED, both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL

NEW = "Rhubarb festival\n\nThe rhubarb festival drew nine thousand visitors to the square on Saturday.\n"
QUESTION = "How many visitors came to the rhubarb festival in the square?"


async def pause_before_commit(engine: Engine) -> tuple[asyncio.Event, asyncio.Event]:
    """Make the engine's next reindex stop right before its commit; returns (reached, release)."""
    reached, release = asyncio.Event(), asyncio.Event()
    commit = engine.store.commit_generation

    async def gated(gen: int) -> None:
        reached.set()
        await release.wait()
        await commit(gen)

    engine.store.commit_generation = gated  # type: ignore[method-assign]
    return reached, release


async def test_readers_keep_the_committed_generation_until_the_commit(engine: Engine, library: Path) -> None:
    """With every row of the new generation written and its index saved, questions still get the old answers."""
    before = await engine.ask(QUESTION)
    (library / "rhubarb.txt").write_text(NEW, encoding="utf-8")
    reached, release = await pause_before_commit(engine)
    job = asyncio.create_task(engine.reindex())
    await reached.wait()
    async with await Engine.open(engine.config) as other_reader:
        during = (await engine.ask(QUESTION), await other_reader.ask(QUESTION), len(await other_reader.sources()))
    release.set()
    await job
    assert during == (before, before, 3)


async def test_the_commit_swaps_in_the_new_generation(engine: Engine, library: Path) -> None:
    """Once the paused reindex commits, the same reader answers from the new article."""
    (library / "rhubarb.txt").write_text(NEW, encoding="utf-8")
    reached, release = await pause_before_commit(engine)
    job = asyncio.create_task(engine.reindex())
    await reached.wait()
    release.set()
    await job
    assert "nine thousand visitors" in (await engine.ask(QUESTION)).quotes[0].text


async def test_rows_left_by_a_killed_reindex_never_join_the_next_generation(engine: Engine) -> None:
    """Rows another process wrote for the next generation before dying are dropped by this process's reindex."""
    ghost_gen = await engine.store.generation() + 1
    killed = await Store.open(engine.config.db_path, database=engine.config.database)  # what a killed `articlebot reindex` leaves behind
    text = "A ghost paragraph about rhubarb festivals and nine thousand visitors."
    await killed.add_article(ghost_gen, NewArticle(
        path="/nowhere/ghost.txt", content_hash="ghost", title="Ghost", dek=None, author=None, date=None,
        url=None, encoding="utf-8", tokens=["ghost"],
        passages=[NewPassage(1, 0, 0, len(text), text, [(0, len(text))], [], text.lower().split())]))
    await killed.commit_batch()
    await killed.close()
    (engine.config.article_dirs[0] / "rhubarb.txt").write_text(NEW, encoding="utf-8")
    report = await engine.reindex()
    assert sorted(s.title for s in await engine.sources()) == sorted(
        ["Council Approves Library Budget After Long Debate", "Growing Tomatoes on a Balcony",
         "Rhubarb festival", "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"])
    assert (report.articles, report.added) == (4, 1)


async def test_leftover_index_folders_are_removed_on_open(tmp_path: Path, library: Path, database: str) -> None:
    """A half-written index folder and a saved-but-uncommitted one are deleted when the engine opens."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
    (config.index_dir / ".gen-2.tmp-4242").mkdir()
    (config.index_dir / "gen-2").mkdir()
    async with await Engine.open(config):
        assert sorted(p.name for p in config.index_dir.iterdir()) == ["gen-1"]


async def test_file_turned_duplicate_drops_its_old_passages(engine: Engine, library: Path) -> None:
    """A file rewritten to match another file is reported as a duplicate and its old text leaves the index."""
    shutil.copy(SEED, library / "budget_vote.txt")
    report = await engine.reindex()
    assert [(Path(d.path).name, report.removed) for d in report.duplicates] == [("budget_vote.txt", 1)]
    assert "Council Approves Library Budget After Long Debate" not in [s.title for s in await engine.sources()]


async def test_copy_of_a_files_old_text_is_not_a_duplicate(engine: Engine, library: Path) -> None:
    """A new file holding the text another file held before this reindex changed it is indexed, not skipped."""
    budget = library / "budget_vote.txt"
    (library / "a_budget_copy.txt").write_bytes(budget.read_bytes())
    budget.write_text(budget.read_text(encoding="utf-8") + "\n\nA late amendment was tabled.\n", encoding="utf-8")
    report = await engine.reindex()
    assert (report.added, report.updated, report.duplicates) == (1, 1, ())
