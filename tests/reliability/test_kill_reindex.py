"""Guarantee 1, the hard way: SIGKILL ``articlebot reindex`` of the BBC folder at random moments.

The base index holds part of the BBC corpus (two folders held back, 20 files changed, 10 extra
files). The killed reindex runs on the full 2225-file folder, so it adds, updates and removes.
After every kill: ``PRAGMA integrity_check`` is ok and every question answers exactly as
before (or, if the kill came after the commit, exactly as after a clean reindex) — both for a
fresh open and for a reader that stayed open the whole time. Then the next reindex completes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.engine import Engine
from tests.reliability.conftest import (
    ARTICLEBOT,
    BBC_FILES,
    CHANGED,
    EXTRA,
    ROOT,
    answers,
    bbc_copy,
    clean_env,
    cli,
    committed_generation,
    integrity,
    needs_bbc,
    report_of,
    stage_base,
    stage_full,
    uncommitted_rows,
)

KILLS = 8
SEED = int(os.environ.get("ARTICLEBOT_KILL_SEED", "6"))
PROBES = [
    "What did the councillor say about the rhubarb levy?",
    "Which paragraph was added for the base index and later withdrawn?",
    "What did Kirby say about investigating the attacks?",
]


def questions_from(titles: list[str]) -> list[str]:
    """Every 40th title as a question, plus probes whose answers differ between the states."""
    return PROBES + titles[::40]


def kill_moments(total: float, rng: random.Random) -> list[float]:
    """One random moment in each of ``KILLS`` equal slices of ``[0.1, 0.8] * total`` (ascending).

    The commit comes near the end of a run; a run that commits anyway makes the later ones no-ops.
    """
    start, width = 0.1 * total, 0.7 * total / KILLS
    return [start + width * (i + rng.random()) for i in range(KILLS)]


def start_reindex(library: Path, db: Path) -> subprocess.Popen[str]:
    """``articlebot reindex <library> --db <db> --json`` in its own process group."""
    return subprocess.Popen([str(ARTICLEBOT), "reindex", str(library), "--db", str(db), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(),
                            cwd=ROOT, start_new_session=True)


def kill_at(process: subprocess.Popen[str], moment: float) -> bool:
    """SIGKILL ``process`` ``moment`` seconds after it started; False if it finished first."""
    try:
        process.wait(timeout=moment)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return True
    return False


def copy_db(source: Path, target: Path) -> None:
    """Copy a closed database and its persisted index."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    shutil.copytree(source.with_name(source.name + ".index"), target.with_name(target.name + ".index"))


@needs_bbc
@pytest.mark.slow
async def test_sigkilled_bbc_reindex_never_loses_the_index(tmp_path: Path) -> None:
    """Killed at 8 random moments, the index still answers as before, passes integrity_check, and the next reindex completes."""
    library, aside = bbc_copy(tmp_path / "bbc"), tmp_path / "aside"
    db, reference_db = tmp_path / "db" / "bbc.db", tmp_path / "ref" / "bbc.db"
    config = EngineConfig(db_path=db, article_dirs=(library,))
    changed = stage_base(library, aside)
    async with await Engine.open(config) as base:
        await base.reindex()
        questions = questions_from([s.title for s in await base.sources()])
        before = await answers(base, questions)
    base_generation = committed_generation(db)
    stage_full(library, aside, changed)

    copy_db(db, reference_db)
    started = time.monotonic()
    reference = cli("reindex", str(library), "--db", str(reference_db), "--json")
    duration = time.monotonic() - started
    full = report_of(reference)
    assert (reference.returncode, full["added"], full["updated"], full["removed"]) == (0, 1255, CHANGED - 1, EXTRA + 1)
    async with await Engine.open(EngineConfig(db_path=reference_db, article_dirs=(library,))) as after_engine:
        after = await answers(after_engine, questions)
    assert before != after  # the probes tell the two states apart

    rng = random.Random(SEED)
    outcomes = []
    reader = await Engine.open(config)  # a reader that stays open through every kill
    try:
        for number, moment in enumerate(kill_moments(duration, rng), start=1):
            killed = kill_at(start_reindex(library, db), moment)
            left = uncommitted_rows(db)
            state = before if committed_generation(db) == base_generation else after
            assert (integrity(db), await answers(reader, questions)) == ("ok", state)
            outcomes.append((round(moment, 2), killed, left, state is after))
            if number < KILLS:  # after the last kill, the open reader reindexes before any reopen
                async with await Engine.open(config) as reopened:
                    assert (await answers(reopened, questions), uncommitted_rows(db)) == (state, 0)
        report = await reader.reindex()
        assert (integrity(db), await answers(reader, questions)) == ("ok", after)
        assert (report.articles, report.passages) == (full["articles"], full["passages"])
        again = await reader.reindex()
        assert (again.added, again.updated, again.removed, again.skipped) == (0, 0, 0, BBC_FILES - 98)
    finally:
        await reader.close()
    async with await Engine.open(config) as reopened:
        assert await answers(reopened, questions) == after
    print(f"\nfull reindex {duration:.1f} s, {len(questions)} questions; (moment s, killed, "
          f"uncommitted articles left, after commit): {outcomes}")
    assert any(left > 0 for _, _, left, _ in outcomes)  # at least one kill landed mid-write


