"""Reindex throughput: ``Engine.reindex`` from article files against tantivy indexing the same raw
text, in one process, at ~100k real passages and at a grown ~1M.

Input: the shared data folder. The ~100k corpus is Reuters-21578 + the SQuAD articles
(``index.benchmark.reuters.write_corpus``). Past it the archive is grown the way docs/bench.md
grows the BM25 corpora: each synthetic paragraph is the first half of one real paragraph's words
followed by the second half of another's from the same article, so topics, vocabulary and
passage lengths stay those of the real text; each grown file copies a real article (seeded
choice) with its title numbered and every paragraph so recombined. Output: a plain dict per
size (seconds, passages/s, tantivy's seconds, their ratio, database MB, machine load), the
median of ``runs`` alternated runs of each (tantivy, articlebot, tantivy, …), so the machine's
other load falls on both alike.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from index.benchmark.answers import tantivy_index
from index.benchmark.reuters import raw_passages, write_corpus
from index.engine import Engine, EngineConfig
from index.models import ReindexProgress

SEED = 20261207
GROWN_SIZE = 1_000_000


def grow_corpus(real: Path, out: Path, passages: int, have: int) -> int:
    """Write grown article files under ``out`` until about ``passages`` passages exist in all
    (``have`` of them in ``real`` already); returns the number of files written."""
    articles = sorted(real.rglob("*.txt"))
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    while have < passages:
        source = articles[int(rng.integers(len(articles)))]
        title, _, body = source.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        if not paragraphs:
            continue
        mixed = [_recombine(paragraphs[int(rng.integers(len(paragraphs)))],
                            paragraphs[int(rng.integers(len(paragraphs)))]) for _ in paragraphs]
        text = "\n\n".join((f"{title} ({written + 1})", *mixed)) + "\n"
        (out / f"{written // 1000:04d}").mkdir(exist_ok=True)
        (out / f"{written // 1000:04d}" / f"grown_{written:07d}.txt").write_text(text, encoding="utf-8")
        written += 1
        have += len(mixed)
    return written


def _recombine(first: str, second: str) -> str:
    """The first half of ``first``'s words followed by the second half of ``second``'s."""
    a, b = first.split(), second.split()
    return " ".join(a[:len(a) // 2] + b[len(b) // 2:])


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its ended children (the reindex's pool)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


async def _reindex(folder: Path, db: Path) -> dict[str, Any]:
    """``Engine.reindex`` of every file under ``folder`` into a new database at ``db``, with where
    its wall time went: ``start_s`` until the first file's outcome is written (finding the files,
    starting the pool, the first batch parsed), ``parse_s`` from there to the last file's,
    ``tail_s`` the rest (last rows, BM25 index built and saved with the spelling index, commit)."""
    config = EngineConfig(db_path=db, article_dirs=(folder,))
    seen: list[float] = []  # when the first and the latest file's outcome were written

    def progress(_: ReindexProgress) -> None:
        now = time.perf_counter()
        if not seen:
            seen.append(now)
        seen[1:] = [now]

    async with await Engine.open(config) as engine:
        start, cpu = time.perf_counter(), _cpu_seconds()
        report = await engine.reindex([folder], progress=progress)
        end = time.perf_counter()
    for worker in multiprocessing.active_children():  # the pool's workers exit after the reindex
        worker.join()  # returned: their CPU seconds count once they are reaped
    first, last = (seen[0], seen[-1]) if seen else (end, end)
    return {"seconds": end - start, "cpu_s": _cpu_seconds() - cpu, "passages": report.passages,
            "articles": report.articles, "start_s": first - start, "parse_s": last - first, "tail_s": end - last}


def _tantivy(texts: list[str], work: Path) -> tuple[float, float]:
    """tantivy indexing ``texts``: wall seconds and CPU seconds (its threads are this process's)."""
    cpu = _cpu_seconds()
    _, seconds = tantivy_index(texts, Path(tempfile.mkdtemp(dir=work)))
    return seconds, _cpu_seconds() - cpu


def measure(folder: Path, work: Path, runs: int) -> dict[str, Any]:
    """Alternated runs of tantivy indexing the raw paragraphs and ``Engine.reindex`` from the
    files (each into a new index); medians and their ratio."""
    texts = raw_passages(folder)
    ours: list[dict[str, Any]] = []
    theirs: list[tuple[float, float]] = []
    load_before = os.getloadavg()[0]
    for run in range(runs):
        theirs.append(_tantivy(texts, work))
        db = work / f"reindex-{run}.db"
        ours.append(asyncio.run(_reindex(folder, db)))
        mb = sum(p.stat().st_size for p in work.glob(f"reindex-{run}.db*") if p.is_file()) / 1e6
        for leftover in work.glob(f"reindex-{run}.db*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    seconds, cpu, start, parse, tail = (float(np.median([r[key] for r in ours]))
                                        for key in ("seconds", "cpu_s", "start_s", "parse_s", "tail_s"))
    tantivy_s, tantivy_cpu = (float(np.median([t[i] for t in theirs])) for i in (0, 1))
    return {"runs": runs, "seconds": seconds, "seconds_runs": [r["seconds"] for r in ours], "cpu_s": cpu,
            "passages": ours[-1]["passages"], "articles": ours[-1]["articles"],
            "passages_per_s": ours[-1]["passages"] / seconds, "passages_per_cpu_s": ours[-1]["passages"] / cpu,
            "tantivy_s": tantivy_s, "tantivy_runs": [t[0] for t in theirs], "tantivy_cpu_s": tantivy_cpu,
            "tantivy_passages": len(texts), "ratio_to_tantivy": seconds / tantivy_s,
            "cpu_ratio_to_tantivy": cpu / tantivy_cpu, "database_mb": mb,
            "start_s": start, "parse_s": parse, "tail_s": tail,
            "load_avg": [load_before, os.getloadavg()[0]]}


def _measure_in_process(folder: str, work: str, runs: int) -> dict[str, Any]:
    return measure(Path(folder), Path(work), runs)


def run_reindex(shared: Path, runs: int, grown: int, say: Callable[[str], None]) -> dict[str, Any]:
    """The reindex benchmark at ~100k real passages (``runs`` alternated runs) and, when
    ``grown`` > 0, once at that many passages grown from them (each size in a fresh process)."""
    from index.benchmark.run import in_fresh_process, machine

    where = machine()
    work = Path(tempfile.mkdtemp(prefix="articlebot-reindex-"))
    try:
        folder = work / "corpus"
        say("[reindex] writing Reuters-21578 + SQuAD article files")
        files = write_corpus(Path(shared), folder / "real")
        say(f"[reindex] {files:,} files: reindex vs tantivy, {runs} alternated runs")
        sizes = {"real": in_fresh_process(_measure_in_process, str(folder / "real"), str(work), runs)}
        sizes["real"]["files"] = files
        if grown:
            more = grow_corpus(folder / "real", folder / "grown", grown, sizes["real"]["passages"])
            say(f"[reindex] grown to ~{grown:,} passages ({more:,} more files): reindex vs tantivy once")
            sizes["grown"] = in_fresh_process(_measure_in_process, str(folder), str(work), 1)
            sizes["grown"]["files"] = files + more
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"machine": where, **sizes}
