"""index.engine's remembered answers (for buttons): re-quoted after reopening, without removed
passages, only the newest kept."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from tests.conftest import both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL


async def test_remembered_answer_is_requoted_after_reopening(tmp_path: Path, library: Path, database: str) -> None:
    """An answer stored under a key comes back, same passages and highlights, from a new engine."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Okafor say about potholes?")
        await engine.remember_answer("k1", answer)
    async with await Engine.open(config) as engine:
        recalled = await engine.recall_answer("k1")
        assert await engine.recall_answer("unknown") is None
    assert recalled is not None
    question, quotes = recalled
    shown = (*answer.quotes, *answer.more)
    assert question == answer.question
    assert [(q.passage_id, q.highlight) for q in quotes] == [(q.passage_id, q.highlight) for q in shown]


async def test_remembered_answer_leaves_out_removed_passages(engine: Engine, library: Path) -> None:
    """Passages of an article removed since the answer are not quoted again."""
    answer = await engine.ask("What did Okafor say about potholes?")
    await engine.remember_answer("k2", answer)
    (library / "budget_vote.txt").unlink()
    await engine.reindex()
    recalled = await engine.recall_answer("k2")
    shown = (*answer.quotes, *answer.more)
    kept = [q.passage_id for q in shown if "Budget" not in q.citation.title]
    assert len(kept) < len(shown)
    assert ([q.passage_id for q in recalled[1]] if recalled else []) == kept


async def test_only_the_newest_answers_are_kept(engine: Engine) -> None:
    """Past ``keep`` answers, the oldest are dropped."""
    answer = await engine.ask("What did Okafor say about potholes?")
    for key in ("a", "b", "c"):
        await engine.remember_answer(key, answer, keep=2)
    assert [await engine.recall_answer(k) is not None for k in ("a", "b", "c")] == [False, True, True]
