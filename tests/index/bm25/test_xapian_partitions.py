"""The ``xapian`` engine: BBC split across two real ``xapian-tcpsrv`` partitions on loopback.

Parity: the same top-10 passages, scores within 1e-6, as the embedded ``fast`` engine with
Xapian's idf, for a sample of the SQuAD and BBC evaluation questions
(``scripts/xapian_parity.py`` runs all of them). Availability: a killed partition gives an
answer from the other one that says part of the archive is unavailable; once the partition is
back, answers are whole again without reopening the engine.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.answering.search import Searcher
from index.bm25 import xapian_engine
from index.bm25.fast import FastBM25
from index.bm25.partitions import parse_partitions
from index.engine import Engine
from index.evaluation.bbc_questions import read_questions
from index.evaluation.parity import compare
from index.evaluation.squad import load_squad
from index.loopback.xapian import PartitionServer, partitions_in
from index.tokenize import tokenize
from tests.conftest import SHARED_DATA, make_config

ROOT = Path(__file__).resolve().parents[3]
BBC = SHARED_DATA / "bbc-news"
SQUAD = SHARED_DATA / "squad-dev-v1.1-public-half.json"
pytestmark = [
    pytest.mark.skipif(shutil.which("xapian-tcpsrv") is None, reason="xapian-tools is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc-news is not beside the checkout"),
]
xapian = pytest.importorskip("xapian", reason="python3-xapian is not installed (.ci/run installs it)")


@dataclass
class Partitioned:
    """BBC indexed twice: an engine on two Xapian partitions, and the embedded reference."""

    engine: Engine
    servers: list[PartitionServer]
    reference: FastBM25


@pytest.fixture(scope="module")
def bbc_partitioned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """A config folder where reindex writes BBC into two partitions (built once per module)."""
    root = tmp_path_factory.mktemp("xapian")
    yield root, partitions_in(root / "partitions", 2)


@pytest.fixture
async def partitioned(bbc_partitioned: tuple[Path, tuple[str, ...]]) -> AsyncIterator[Partitioned]:
    """The engine over the partitions, their servers running, and the reference engine."""
    root, partitions = bbc_partitioned
    config = make_config(root, BBC, bm25="xapian", idf="xapian", partitions=partitions)
    async with await Engine.open(config) as engine:
        searcher = await engine.searcher()
        if searcher.size == 0:
            await engine.reindex()
            searcher = await engine.searcher()
        servers = [PartitionServer(p).start() for p in parse_partitions(partitions)]
        rows = await engine.store.index_rows(searcher.generation)
        reference = FastBM25.build([t.split() for t in rows.passage_tokens], idf_mode="xapian")
        try:
            yield Partitioned(engine, servers, reference)
        finally:
            for server in servers:
                server.kill()


def sample(questions: list[str], count: int) -> list[str]:
    """Every n-th question, ``count`` of them."""
    step = max(1, len(questions) // count)
    return questions[::step][:count]


async def test_two_partitions_score_like_one_embedded_index(partitioned: Partitioned) -> None:
    searcher = await partitioned.engine.searcher()
    assert searcher.passages.__class__.__name__ == "XapianBM25"
    bbc = [q.question for q in read_questions(ROOT / "docs" / "bbc-questions.tsv")]
    squad = [q.question for q in load_squad(SQUAD).questions]
    report = compare(partitioned.reference, searcher.passages, sample(bbc, 30) + sample(squad, 30))
    assert report.questions == 60
    assert report.disagreements == []
    assert report.max_difference <= 1e-6
    # and the engine's statistics are the global ones, not one partition's
    assert searcher.passages.avgdl == pytest.approx(partitioned.reference.avgdl, abs=1e-9)
    assert searcher.idf("shares") == pytest.approx(partitioned.reference.idf_of("shares"), abs=1e-12)


async def test_a_killed_partition_leaves_an_answer_from_the_rest(partitioned: Partitioned,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    engine, servers = partitioned.engine, partitioned.servers
    question = "How much did Yukos have to pay in back taxes?"
    whole = await engine.ask(question, top=10)
    assert whole.quotes and "unavailable" not in whole.note

    servers[1].kill()
    partial = await engine.ask(question, top=10)
    assert partial.note.startswith("Part of the archive is unavailable right now (1 of 2 search partitions")
    searcher = await engine.searcher()
    positions = {int(p) for p in searcher.passages.documents_with(tokenize("Yukos")[0])}
    assert positions and all(p % 2 == 0 for p in positions)  # only partition 0's passages are left
    assert {q.passage_id for q in partial.quotes} <= {q.passage_id for q in whole.quotes} | _ids(searcher, positions)

    monkeypatch.setattr(xapian_engine, "RETRY_SECONDS", 0.0)
    servers[1].start()
    again = await engine.ask(question, top=10)
    assert "unavailable" not in again.note
    assert [q.passage_id for q in again.quotes] == [q.passage_id for q in whole.quotes]


def _ids(searcher: Searcher, positions: set[int]) -> set[int]:
    """The passage ids at ``positions``."""
    return {int(searcher.passage_ids[p]) for p in positions}


async def test_every_partition_down_is_said_not_raised(partitioned: Partitioned) -> None:
    for server in partitioned.servers:
        server.kill()
    answer = await partitioned.engine.ask("Who won the Six Nations?")
    assert answer.note.startswith("Part of the archive is unavailable right now (2 of 2 search partitions did "
                                  "not answer), so this answer comes from article titles only.")
