"""The whole answer against peers on the archive grown past its real passages (``index.benchmark.grown``).

Input: the written Reuters + SQuAD folder, the shared data folder, sizes in passages, the questions,
a work folder. Output: per size, a dict: files written, ``Engine.reindex`` of the grown folder
(seconds, passages/s) and ``index.benchmark.answers.answers`` on it (the same interleaved timing of
``Engine.ask`` against bm25s and tantivy top-10 as at ~100k). Each part runs in a fresh process.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.benchmark.answers import _answers_in_process, reindex
from index.benchmark.grown import grow_corpus


def _reindex_in_process(folder: str, db: str) -> dict[str, Any]:
    return asyncio.run(reindex(Path(folder), Path(db)))


def grown_answers(sizes: Sequence[int]) -> Callable[[Path, Path, list[str], Path, Callable[[str], None]],
                                                     list[dict[str, Any]]]:
    """What ``run_answers`` calls to time the answers on its archive grown to each of ``sizes``."""
    return lambda folder, shared, questions, work, say: answers_grown(folder, shared, sizes, questions, work, say)


def answers_grown(folder: Path, shared: Path, sizes: Sequence[int], questions: list[str], work: Path,
                  say: Callable[[str], None]) -> list[dict[str, Any]]:
    """For each size: grow a copy of ``folder`` to it, reindex it, time the answers on it."""
    from index.benchmark.run import in_fresh_process

    rows = []
    for size in sizes:
        grown = work / f"corpus-{size}"
        for part in ("reuters", "squad"):
            shutil.copytree(folder / part, grown / part)
        start = time.perf_counter()
        files = grow_corpus(grown, shared, size)
        say(f"[answers {size:,}] grew the archive by {files:,} files in {time.perf_counter() - start:.0f} s; reindex")
        db = work / f"grown-{size}.db"
        reindexed = in_fresh_process(_reindex_in_process, str(grown), str(db))
        say(f"[answers {size:,}] {len(questions)} questions: Engine.ask vs bm25s and tantivy top-10")
        answered = in_fresh_process(_answers_in_process, str(grown), str(db), questions,
                                    str(work / f"tantivy-{size}"))
        rows.append({"size": size, "grown_files": files, "reindex": reindexed, "answers": answered})
        shutil.rmtree(grown, ignore_errors=True)
        shutil.rmtree(work / f"tantivy-{size}", ignore_errors=True)
    return rows
