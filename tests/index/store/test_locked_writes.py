"""The writes beside the reindex's (saved answers, votes, question records) take SQLite's write
lock only while a statement runs, never across the event loop's work between two awaits, and
wait out another writer's lock instead of failing (index.store.locked_writes)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import pytest

import index.store.locked_writes as locked_writes
from index.analytics.records import Origin, QuestionRecord, member_hash
from index.analytics.store import AnalyticsStore
from index.store.database import Store


async def lock_seen_between_awaits(path: Path, write: Awaitable[None]) -> bool:
    """Run ``write`` while, at every turn of the event loop, another connection tries to take
    the write lock (waiting 0.2 s, longer than any one statement): True when it could not."""
    probe = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    task = asyncio.ensure_future(write)
    seen = False
    try:
        while not task.done():
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                seen = True
            await asyncio.sleep(0)
        await task
    finally:
        probe.close()
    return seen


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "a.db")
    yield opened
    await opened.close()


async def test_saving_an_answer_holds_the_lock_only_while_a_statement_runs(store: Store) -> None:
    await store.members.save_answer("k0", "warm-up", [1], keep=10)  # the connection is opened
    for key in ("k1", "k2", "k3"):
        assert not await lock_seen_between_awaits(store.path, store.members.save_answer(key, "q", [1, 2], keep=2))
    assert await store.saved_answer("k3") == ("q", [1, 2])


async def test_a_vote_holds_the_lock_only_while_a_statement_runs(store: Store) -> None:
    await store.members.add_feedback("warm-up", [1], "u", 1)
    assert not await lock_seen_between_awaits(store.path, store.members.add_feedback("q", [1], "u", -1, "k"))
    assert await store.feedback_counts() == (1, 1)


async def test_recording_questions_holds_the_lock_only_while_a_statement_runs(store: Store) -> None:
    analytics = await AnalyticsStore.open(store.path)
    records = [QuestionRecord(f"question {n}", Origin("dm", member_hash=member_hash(n)), True, 0.1) for n in range(50)]
    try:
        assert not await lock_seen_between_awaits(store.path, analytics.add(records))
        assert not await lock_seen_between_awaits(store.path, forget(analytics, member_hash(3)))
    finally:
        await analytics.close()
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT count(*) FROM question_log").fetchone() == (49,)


async def forget(analytics: AnalyticsStore, member: str) -> None:
    """/forget-me's deletes, as an awaitable of nothing."""
    await analytics.forget(member)


async def test_two_votes_at_once_by_one_member_leave_one(store: Store) -> None:
    """A double click: both votes run interleaved; one row is left, that member's last."""
    await asyncio.gather(store.members.add_feedback("q", [1], "u", 1), store.members.add_feedback("q", [1], "u", -1))
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT user_hash, value FROM feedback").fetchall()
        newest = db.execute("SELECT value FROM feedback ORDER BY id DESC LIMIT 1").fetchone()
    assert len(rows) == 1 and rows[0][1] == newest[0]


async def test_a_write_waits_out_a_lock_held_past_its_busy_timeout(store: Store, monkeypatch: pytest.MonkeyPatch
                                                                  ) -> None:
    """Another writer holds the lock 0.5 s, ten times the connection's patience: the write is
    run again until it gets in, and is kept."""
    monkeypatch.setattr(locked_writes, "BUSY_PAUSE", 0.05)
    impatient = await AnalyticsStore.open(store.path, busy_timeout_ms=50)
    locker = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: locker.execute("COMMIT"))
    release.start()
    try:
        await impatient.add([QuestionRecord("kept", Origin("dm"), True, 0.1)])
    finally:
        release.join()
        locker.close()
        await impatient.close()
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT question FROM question_log").fetchall() == [("kept",)]
