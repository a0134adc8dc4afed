"""Recording questions in real SQLite: what is kept, retention, /forget-me, failed writes."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import pytest

import index.store.locked_writes as locked_writes
from index.analytics.recorder import Recorder
from index.analytics.records import member_hash
from index.analytics.store import AnalyticsStore, iso
from index.config import AnalyticsConfig
from index.store.database import Store
from tests.index.analytics.conftest import DM, NOW, asked, record_all


def rows(store: AnalyticsStore, sql: str, *args: object) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read with plain sqlite3."""
    with sqlite3.connect(store.path) as db:
        return db.execute(sql, args).fetchall()


async def test_a_record_keeps_the_question_and_where_it_came_from_but_no_name(store: AnalyticsStore) -> None:
    """Text, place, ids, member hash, answered, article, time and key are stored; the name is not."""
    await record_all(store, [asked("What did Kirby say?", key="abcd1234")])
    assert rows(store, "SELECT question, place, guild_id, channel_id, member_hash, member_name, answered, "
                       "top_article, seconds, answer_key FROM question_log") == [
        ("What did Kirby say?", "guild", "11", "22", member_hash(1), None, 1, "Kirby article", 0.1, "abcd1234")]


async def test_switches_drop_question_text_or_keep_member_names(store: AnalyticsStore) -> None:
    """store_question_text = false stores no text; store_member_names = true stores the name."""
    await record_all(store, [asked("secret question")], AnalyticsConfig(store_question_text=False))
    await record_all(store, [asked("named question")], AnalyticsConfig(store_member_names=True))
    assert rows(store, "SELECT question, member_name FROM question_log ORDER BY id") == [
        (None, None), ("named question", "reader")]


async def test_prune_deletes_questions_and_votes_past_the_retention(store: AnalyticsStore) -> None:
    """Rows older than the retention go, newer ones stay; the recorder prunes when it starts."""
    await record_all(store, [asked("old", days_ago=100), asked("recent", days_ago=10)])
    main = await Store.open(store.path)
    await main.members.add_feedback("recent", [1], member_hash(1), 1, "k1")
    await main.close()
    with sqlite3.connect(store.path) as db:
        db.execute("INSERT INTO feedback (question, passage_ids, user_hash, value, created_at) "
                   "VALUES ('old', '[1]', 'h', -1, ?)", (iso(NOW - 100 * 86400),))
    await record_all(store, [asked("today")], AnalyticsConfig(retention_days=90))
    assert rows(store, "SELECT question FROM question_log ORDER BY asked_at") == [("recent",), ("today",)]
    assert rows(store, "SELECT question FROM feedback") == [("recent",)]


async def test_forget_deletes_one_members_questions_and_votes_only(store: AnalyticsStore) -> None:
    """Member 1's two questions and vote go; member 2's question and vote stay."""
    await record_all(store, [asked("one"), asked("two"), asked("three", origin=DM)])
    main = await Store.open(store.path)
    await main.members.add_feedback("one", [1], member_hash(1), -1, "k1")
    await main.members.add_feedback("three", [1], member_hash(2), 1, "k3")
    await main.close()
    assert await store.forget(member_hash(1)) == (2, 1)
    assert rows(store, "SELECT question, member_hash FROM question_log") == [("three", member_hash(2))]
    assert rows(store, "SELECT question FROM feedback") == [("three",)]


async def test_a_failed_write_is_logged_and_recording_goes_on(store: AnalyticsStore, caplog: Any) -> None:
    """An insert SQLite refuses loses that batch, logged with its size; the next batch is written."""
    with sqlite3.connect(store.path) as db:
        db.execute("CREATE TRIGGER refuse BEFORE INSERT ON question_log BEGIN SELECT RAISE(ABORT, 'no'); END")
    recorder = Recorder(store, AnalyticsConfig())
    recorder.start()
    with caplog.at_level(logging.WARNING, logger="index.analytics.recorder"):
        recorder.record(asked("lost"))
        await recorder.flush()
    with sqlite3.connect(store.path) as db:
        db.execute("DROP TRIGGER refuse")
    recorder.record(asked("kept"))
    await recorder.close()
    assert "Could not record 1 question(s)" in caplog.text
    assert (recorder.lost, recorder.written, rows(store, "SELECT question FROM question_log")) == (1, 1, [("kept",)])


async def test_a_locked_database_fails_the_write_not_the_caller(store: AnalyticsStore, caplog: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """While another connection holds the write lock past the busy timeout of every attempt, the
    write fails with a logged 'database is locked' and the recorder stays usable. (A lock
    released meanwhile costs nothing: tests/reliability/test_locked_writes.py.)"""
    monkeypatch.setattr(locked_writes, "BUSY_PAUSE", 0.01)  # the attempts, without their pauses
    impatient = await AnalyticsStore.open(store.path, busy_timeout_ms=50)
    recorder = Recorder(impatient, AnalyticsConfig())
    recorder.start()
    locker = sqlite3.connect(store.path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.WARNING, logger="index.analytics.recorder"):
            recorder.record(asked("while locked"))
            await recorder.flush()
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    recorder.record(asked("after the lock"))
    await recorder.close()
    await impatient.close()
    assert "database is locked" in caplog.text
    assert (recorder.lost, rows(store, "SELECT question FROM question_log")) == (1, [("after the lock",)])
