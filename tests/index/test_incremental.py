"""A reindex of a few changed articles patches the BM25 index; answers equal a full build's."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from index.engine import Engine
from tests.conftest import both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL

QUESTIONS = [
    "what did Kirby say?",
    "Which fighter jets did Poland offer to send to Ukraine?",
    "What did Okafor say about money?",
    "bookmobile weekend hours",
    "tomatoes containers sun",
    "library budget vote",
]


def edit(folder: Path) -> None:
    """Change one article, delete one, add one."""
    budget = folder / "budget_vote.txt"
    budget.write_text(budget.read_text().replace("mobile library van", "bookmobile"), encoding="utf-8")
    (folder / "garden_notes.md").unlink()
    (folder / "ferry.txt").write_text(
        "Ferry Service Resumes\n\nThe island ferry resumed service on Monday after storms, "
        "and the captain said the library van would travel on it.\n", encoding="utf-8")


async def answers(engine: Engine) -> list[list[tuple[int, str, float]]]:
    """Paragraph, text and score of every quote for each question."""
    result = []
    for question in QUESTIONS:
        answer = await engine.ask(question, top=5)
        result.append([(q.citation.paragraph, q.text, q.score) for q in answer.quotes])
    return result


async def test_patched_index_answers_like_a_full_build(tmp_path: Path, library: Path, database: str,
                                                      new_database: Callable[[], str]) -> None:
    """Edit/delete/add, reindex: the index is patched, and answers match a fresh full index."""
    async with await Engine.open(make_config(tmp_path, library, database=database)) as engine:
        await engine.reindex()
        edit(library)
        report = await engine.reindex()
        patched = await answers(engine)
    fresh_folder = tmp_path / "fresh"
    shutil.copytree(library, fresh_folder)
    async with await Engine.open(make_config(tmp_path / "other", fresh_folder, database=new_database())) as fresh:
        full = await fresh.reindex()
        rebuilt = await answers(fresh)
    assert (report.patched, full.patched) == (True, False)
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert [[(p, t) for p, t, _ in a] for a in patched] == [[(p, t) for p, t, _ in a] for a in rebuilt]
    for mine, theirs in zip(patched, rebuilt):
        for (_, _, a), (_, _, b) in zip(mine, theirs):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(b))


async def test_patched_index_survives_restart(tmp_path: Path, library: Path, database: str) -> None:
    """The patched index is persisted: reopening answers the same without a rebuild."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        edit(library)
        assert (await engine.reindex()).patched
        before = await answers(engine)
    async with await Engine.open(config) as engine:
        assert await answers(engine) == before
