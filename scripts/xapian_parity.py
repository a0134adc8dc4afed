"""Score parity of the xapian engine (two partitions on loopback) with the embedded engine, for
every SQuAD and BBC evaluation question.

Usage: ``.venv/bin/python scripts/xapian_parity.py [--shared ../shared/data] [--partitions 2]``.
Indexes the BBC folder and the SQuAD evaluation articles into one archive whose passages are
split across the partitions (real ``xapian-tcpsrv`` processes), builds the embedded ``fast``
engine with Xapian's idf over the same passages, and compares both engines' top 10 for each
question (``index.evaluation.parity``). Exits 1 when any question disagrees.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from index.bm25.fast import FastBM25
from index.bm25.partitions import parse_partitions
from index.config import EngineConfig
from index.engine import Engine
from index.evaluation.bbc_questions import read_questions
from index.evaluation.parity import compare
from index.evaluation.squad import load_squad, write_articles
from index.loopback.xapian import PartitionServer, partitions_in

ROOT = Path(__file__).resolve().parents[1]


async def run(shared: Path, count: int, work: Path) -> int:
    """Index, serve, compare; print the report; 1 if any question disagreed."""
    squad = load_squad(shared / "squad-dev-v1.1-public-half.json")
    write_articles(squad, work / "squad")
    partitions = partitions_in(work / "partitions", count)
    config = EngineConfig(db_path=work / "db" / "parity.db", article_dirs=(shared / "bbc-news", work / "squad"))
    config = config.with_values(bm25="xapian", idf="xapian", partitions=partitions)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        searcher = await engine.searcher()
        rows = await engine.store.index_rows(searcher.generation)
        reference = FastBM25.build([t.split() for t in rows.passage_tokens], idf_mode="xapian")
        servers = [PartitionServer(p).start() for p in parse_partitions(partitions)]
        try:
            failed = 0
            sets = {"SQuAD": [q.question for q in squad.questions],
                    "BBC": [q.question for q in read_questions(ROOT / "docs" / "bbc-questions.tsv")]}
            for name, questions in sets.items():
                report = compare(reference, searcher.passages, questions)
                print(f"{name} ({searcher.size:,} passages, {count} partitions): {report.line()}")
                for line in report.disagreements[:20]:
                    print("  ", line)
                failed += len(report.disagreements)
        finally:
            for server in servers:
                server.kill()
    return 1 if failed else 0


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--partitions", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xapian-parity-") as work:
        sys.exit(asyncio.run(run(options.shared, options.partitions, Path(work))))


if __name__ == "__main__":
    main()
