"""The evaluation's check in small: the same articles indexed on SQLite and on PostgreSQL give
the same answers (quotes, scores, highlights, notes) to the same questions.

``make eval`` runs on PostgreSQL with ``articlebot eval all --set database=postgresql://…``;
this test asks a spread of the SQuAD questions and the BBC speaker set's articles' questions
of both stores in one run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.engine import Engine
from index.evaluation import squad
from index.evaluation.scores import sample
from index.loopback.postgres import Cluster
from index.models import Answer
from tests.conftest import SHARED_DATA

SQUAD = SHARED_DATA / "squad-dev-v1.1-public-half.json"
BBC = SHARED_DATA / "bbc-news"
BBC_QUESTIONS = [
    "What did Gordon Brown say about the economy?",
    "What did the chancellor say about interest rates?",
    "Who won the match?",
    "What did Tony Blair say about the election?",
    "How much did the shares fall?",
    "What did the manager say after the defeat?",
]


async def answers_on(config: EngineConfig, questions: list[str]) -> list[Answer]:
    """Index ``config``'s folder and ask every question (top 5, as the eval's top-k)."""
    async with await Engine.open(config) as engine:
        await engine.reindex()
        return [await engine.ask(question, top=5) for question in questions]


async def both_stores(tmp_path: Path, folder: Path, questions: list[str], postgres: Cluster
                      ) -> tuple[list[Answer], list[Answer]]:
    """The answers from an SQLite store and from a PostgreSQL one over the same ``folder``."""
    on_sqlite = await answers_on(EngineConfig(db_path=tmp_path / "sqlite" / "a.db", article_dirs=(folder,)), questions)
    config = EngineConfig(db_path=tmp_path / "pg" / "a.db", article_dirs=(folder,), database=postgres.new_database())
    return on_sqlite, await answers_on(config, questions)


@pytest.mark.skipif(not SQUAD.is_file(), reason=f"the SQuAD file is not at {SQUAD}")
async def test_squad_answers_on_postgresql_equal_sqlites(tmp_path: Path, postgres: Cluster) -> None:
    """150 SQuAD questions spread over the half set (all 24 articles indexed): equal answers."""
    data = squad.load_squad(SQUAD)
    folder = tmp_path / "squad"
    squad.write_articles(data, folder)
    questions = [q.question for q in sample(data.questions, 150)]
    on_sqlite, on_postgres = await both_stores(tmp_path, folder, questions, postgres)
    assert sum(a.answered for a in on_sqlite) > 100
    assert on_postgres == on_sqlite


@pytest.mark.skipif(not BBC.is_dir(), reason=f"the BBC articles are not at {BBC}")
async def test_bbc_answers_on_postgresql_equal_sqlites(tmp_path: Path, postgres: Cluster) -> None:
    """Two BBC sections (business and politics, ~900 articles): equal answers, speakers included."""
    folder = tmp_path / "bbc"
    for section in ("business", "politics"):
        shutil.copytree(BBC / section, folder / section)
    on_sqlite, on_postgres = await both_stores(tmp_path, folder, BBC_QUESTIONS, postgres)
    assert sum(a.answered for a in on_sqlite) >= 3
    assert on_postgres == on_sqlite
