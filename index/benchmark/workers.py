"""Benchmark measurements, each run in its own fresh process (so peak RSS is per step).

Input: a corpus size, the shared data folder, the query count and an index directory.
Output: plain dicts of measurements (seconds, bytes, milliseconds) for the runner:
``fast_build`` (build in a worker thread under the event-loop lag monitor, then save),
``fast_serve`` (restart = open the saved index + first query; latency per query),
``reference`` (rank-bm25 build, restart, latency, and agreement with the saved fast index).
"""

from __future__ import annotations

import asyncio
import gc
import resource
import time
from pathlib import Path
from typing import Any

import numpy as np

from index.benchmark.corpus import build_corpus, load_source, sample_queries
from index.bm25.fast import FastBM25, warm_up
from index.bm25.persist import disk_size
from index.bm25.reference import RankBM25
from index.loop_monitor import LoopLagMonitor

REPEATS = 3  # each query is timed this many times; its latency is the fastest run
DEEP_K = 200  # index.answering.search asks top_k for this many candidates before re-ranking


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _percentiles(ms: np.ndarray) -> dict[str, float]:
    """p50/p90/p99/max/mean of latencies in milliseconds."""
    if ms.size == 0:
        return {"p50_ms": 0.0, "p90_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0, "mean_ms": 0.0}
    return {"p50_ms": float(np.percentile(ms, 50)), "p90_ms": float(np.percentile(ms, 90)),
            "p99_ms": float(np.percentile(ms, 99)), "max_ms": float(ms.max()),
            "mean_ms": float(ms.mean())}


def fast_build(size: int, shared: str, index_dir: str) -> dict[str, Any]:
    """Build the fast index in a worker thread while the loop lag is sampled, then save it."""
    src = load_source(Path(shared))
    t0 = time.perf_counter()
    corpus = build_corpus(src, size)
    corpus_s = time.perf_counter() - t0
    n_tokens = sum(map(len, corpus))
    warm_up()  # numba kernels loaded once at startup, as the bot does, not inside the build
    gc.freeze()  # the corpus lists are long-lived: keep full GC passes off them (see bench.md)

    async def build() -> tuple[FastBM25, float, dict[str, float]]:
        async with LoopLagMonitor(interval=0.01) as mon:
            start = time.perf_counter()
            engine = await asyncio.to_thread(FastBM25.build, corpus)
            elapsed = time.perf_counter() - start
        return engine, elapsed, mon.summary()

    engine, build_s, lag = asyncio.run(build())
    t0 = time.perf_counter()
    engine.save(Path(index_dir))
    save_s = time.perf_counter() - t0
    return {"corpus_s": corpus_s, "build_s": build_s, "save_s": save_s, "loop_lag": lag,
            "tokens": n_tokens, "disk_bytes": disk_size(Path(index_dir)),
            "peak_rss_build_bytes": peak_rss_bytes(), **engine.info()}


def fast_serve(size: int, shared: str, index_dir: str, n_queries: int) -> dict[str, Any]:
    """Open the saved index (restart), then time every query: cold pass, then best of 3."""
    queries = sample_queries(load_source(Path(shared)), n_queries)
    t0 = time.perf_counter()
    engine = FastBM25.load(Path(index_dir))
    load_s = time.perf_counter() - t0
    engine.top_k(queries[0], 10)
    restart_s = time.perf_counter() - t0
    clock = time.perf_counter
    cold = np.empty(len(queries))
    for i, q in enumerate(queries):  # first touch of the memory-mapped postings
        t = clock()
        engine.top_k(q, 10)
        cold[i] = clock() - t
    warm = np.full(len(queries), np.inf)
    for _ in range(REPEATS):
        for i, q in enumerate(queries):
            t = clock()
            engine.top_k(q, 10)
            warm[i] = min(warm[i], clock() - t)
    deep = np.full(len(queries), np.inf)  # the search layer asks for 200 candidates
    for _ in range(REPEATS):
        for i, q in enumerate(queries):
            t = clock()
            engine.top_k(q, DEEP_K)
            deep[i] = min(deep[i], clock() - t)
    rss = peak_rss_bytes()  # before the update and the scipy baseline copy the postings
    update = update_one_article(engine)
    return {"n_docs": engine.n_docs, "load_s": load_s, "restart_s": restart_s,
            "queries": len(queries), "latency": _percentiles(warm * 1e3),
            "latency_cold": _percentiles(cold * 1e3), "latency_ms": (warm * 1e3).tolist(),
            "latency_top200": _percentiles(deep * 1e3), "peak_rss_serve_bytes": rss,
            "update": update, "scipy_sparse": scipy_baseline(engine, queries[:200])}


def update_one_article(engine: FastBM25) -> dict[str, Any]:
    """Incremental reindex of one changed article (10 passages out, 10 in), in a worker thread
    under the loop-lag monitor: the time ``replace_docs`` takes instead of a full build."""
    n_out = min(10, engine.n_docs)
    old = list(range(engine.n_docs // 2, engine.n_docs // 2 + n_out))
    new = [["revis", "articl", "passag", str(i)] * 10 for i in range(10)]

    async def run() -> tuple[float, dict[str, float]]:
        async with LoopLagMonitor(interval=0.01) as mon:
            start = time.perf_counter()
            await asyncio.to_thread(engine.replace_docs, old, new)
            elapsed = time.perf_counter() - start
        return elapsed, mon.summary()

    seconds, lag = asyncio.run(run())
    return {"seconds": seconds, "loop_lag": lag}


def scipy_baseline(engine: FastBM25, queries: list[list[str]]) -> dict[str, Any]:
    """A plain exact scorer for comparison: sum the query rows of a scipy CSR term x doc
    matrix of the same contributions, then argpartition for the top 10 (best of 3 per query)."""
    from scipy.sparse import csr_matrix

    matrix = csr_matrix((engine.contrib, engine.docs, engine.offsets),
                        shape=(len(engine.vocab), engine.n_docs))
    ms = np.full(len(queries), np.inf)
    for _ in range(REPEATS):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            rows = engine.encode_query(q)
            scores = np.asarray(matrix[rows].sum(axis=0)).ravel()
            top = np.argpartition(-scores, 10)[:10] if scores.size > 10 else np.arange(scores.size)
            top[np.argsort(-scores[top], kind="stable")]
            ms[i] = min(ms[i], time.perf_counter() - t)
    return {"queries": len(queries), "latency": _percentiles(ms * 1e3)}


def reference(size: int, shared: str, index_dir: str, ref_dir: str, n_queries: int,
              measure_restart: bool) -> dict[str, Any]:
    """rank-bm25 on the same corpus: build, disk, restart, latency, agreement with fast."""
    src = load_source(Path(shared))
    corpus = build_corpus(src, size)
    queries = sample_queries(src, n_queries)
    t0 = time.perf_counter()
    ref = RankBM25.build(corpus)
    build_s = time.perf_counter() - t0
    del corpus
    ref.save(Path(ref_dir))
    disk = (Path(ref_dir) / "corpus.pkl").stat().st_size
    restart_s = None
    if measure_restart:
        t0 = time.perf_counter()
        RankBM25.load(Path(ref_dir))
        restart_s = time.perf_counter() - t0
    fast = FastBM25.load(Path(index_dir))
    lat = np.empty(len(queries))
    same_top10 = 0
    overlap = 0.0
    max_abs = 0.0
    max_rel = 0.0
    for i, q in enumerate(queries):
        t = time.perf_counter()
        ref_scores = ref.get_scores(q)
        ref_top = ref.select(q, ref_scores, 10)
        lat[i] = time.perf_counter() - t
        fast_top = fast.top_k(q, 10)
        ref_ids = [d for d, _ in ref_top]
        fast_ids = [d for d, _ in fast_top]
        same_top10 += ref_ids == fast_ids
        overlap += len(set(ref_ids) & set(fast_ids)) / max(len(ref_ids), 1)
        diff = np.abs(fast.get_scores(q) - ref_scores)
        scale = np.maximum(np.abs(ref_scores), 1e-300)
        max_abs = max(max_abs, float(diff.max(initial=0.0)))
        max_rel = max(max_rel, float((diff / scale).max(initial=0.0)))
    return {"build_s": build_s, "restart_s": restart_s, "disk_bytes": disk,
            "queries": len(queries), "latency": _percentiles(lat * 1e3),
            "latency_ms": (lat * 1e3).tolist(), "top10_identical": same_top10 / len(queries),
            "top10_overlap": overlap / len(queries), "max_abs_score_diff": max_abs,
            "max_rel_score_diff": max_rel, "peak_rss_bytes": peak_rss_bytes()}
