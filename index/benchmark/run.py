"""Benchmark runner: per corpus size, fast build, fast serve, rank-bm25; each in a new process.

Input: sizes, the shared data folder, the query count, how many queries rank-bm25 gets per size.
Output: one results dict (machine, parameters, per-size measurements and ratios), which
``index.benchmark.report`` writes as docs/bench.json, docs/bench.md and docs/bench.png.
"""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numba
import numpy as np

from index.benchmark import workers

# rank-bm25 takes ~2 ms per 1k passages per query; these keep a full run near 10 minutes.
DEFAULT_REF_QUERIES = {10_000: 1000, 100_000: 300, 1_000_000: 20}
RESTART_REF_MAX = 100_000  # above this, rank-bm25's restart (= rebuild) is not re-measured


def in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``fn(*args)`` in a new spawned interpreter (clean peak RSS) and return its dict."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def ref_query_count(size: int, n_queries: int, table: dict[int, int]) -> int:
    """Queries rank-bm25 gets at ``size``: the table's entry, else 20, capped at n_queries."""
    return min(n_queries, table.get(size, 20))


def run_size(size: int, shared: str, n_queries: int, n_ref: int,
             say: Callable[[str], None]) -> dict[str, Any]:
    """All measurements for one corpus size."""
    tmp = tempfile.mkdtemp(prefix="articlebot-bench-")
    fast_dir, ref_dir = os.path.join(tmp, "fast"), os.path.join(tmp, "ref")
    try:
        say(f"[{size:,}] articlebot: build")
        build = in_fresh_process(workers.fast_build, size, shared, fast_dir)
        say(f"[{size:,}] articlebot: restart + {n_queries} queries")
        serve = in_fresh_process(workers.fast_serve, size, shared, fast_dir, n_queries)
        ref: dict[str, Any] | None = None
        if n_ref > 0:
            say(f"[{size:,}] rank-bm25: build + {n_ref} queries")
            ref = in_fresh_process(workers.reference, size, shared, fast_dir, ref_dir, n_ref,
                                   size <= RESTART_REF_MAX)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    fast_ms = np.asarray(serve.pop("latency_ms"))
    row: dict[str, Any] = {"size": size, "fast": {**build, **serve}, "rank_bm25": None,
                           "ratios": None}
    if ref is not None:
        ref_ms = np.asarray(ref.pop("latency_ms"))
        same = fast_ms[: ref_ms.size]  # the same queries (the sample is a prefix)
        row["rank_bm25"] = ref
        row["ratios"] = {
            "queries": int(ref_ms.size),
            "fast_p50_ms_same_queries": float(np.median(same)),
            "speedup_p50": float(np.median(ref_ms) / np.median(same)),
            "speedup_mean": float(ref_ms.mean() / same.mean()),
            "speedup_p99": float(np.percentile(ref_ms, 99) / np.percentile(same, 99)),
            "build_speedup": ref["build_s"] / build["build_s"],
        }
    return row


def machine() -> dict[str, Any]:
    """Where the numbers come from."""
    return {"cpus": os.cpu_count(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(), "numpy": np.__version__,
            "numba": numba.__version__, "load_avg_at_start": list(os.getloadavg())}


def run_bench(sizes: list[int], shared: Path, n_queries: int, ref_queries: dict[int, int],
              say: Callable[[str], None]) -> dict[str, Any]:
    """Run every size; returns the results dict."""
    shared_s = str(Path(shared).resolve())
    where = machine()  # before the runs: its load average is the one at the start
    rows = [run_size(size, shared_s, n_queries, ref_query_count(size, n_queries, ref_queries),
                     say) for size in sizes]
    return {"machine": where, "queries": n_queries, "repeats": workers.REPEATS,
            "bm25": {"k1": 1.5, "b": 0.75, "epsilon": 0.25}, "top_k": 10, "sizes": rows,
            "load_avg_at_end": list(os.getloadavg())}
