"""Benchmark: the xapian engine on one vs two partitions (xapian-tcpsrv on loopback) vs ``fast``.

Usage: ``python -m index.benchmark.partitions --size 1000000 --out docs/`` (a few tens of minutes
at 1M on a shared 2-core machine). The corpus is the BM25 benchmark's (``index.benchmark.corpus``:
real BBC and SQuAD paragraphs, grown past ~100k by recombining them), the queries its SQuAD
questions. Per configuration: the build (writing the partitions), each query's latency for the
top 10 and top 200 (the fastest of ``REPEATS`` runs, as ``index.benchmark.workers``), the
throughput of ``CLIENTS`` processes asking at once (each with its own connections), the disk
size, and whether the top 10 equals the embedded engine's with Xapian's idf (scores to 1e-6).
Writes ``bench-partitions.json`` and prints a markdown table for docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from index.benchmark.corpus import build_corpus, load_source, sample_queries
from index.bm25.fast import FastBM25
from index.bm25.partitions import parse_partitions, write_partitions
from index.bm25.xapian_engine import XapianBM25
from index.loopback.xapian import PartitionServer, partitions_in

REPEATS = 3
CLIENTS = (1, 2, 4)


def _percentiles(ms: list[float]) -> dict[str, float]:
    """p50 / p90 / p99 / max of per-query milliseconds."""
    a = np.asarray(ms)
    return {"p50": float(np.percentile(a, 50)), "p90": float(np.percentile(a, 90)),
            "p99": float(np.percentile(a, 99)), "max": float(a.max())}


def _latencies(engine: Any, queries: list[list[str]], k: int) -> list[float]:
    """Milliseconds per query for ``top_k(query, k)`` (fastest of REPEATS)."""
    out = []
    for query in queries:
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            engine.top_k(query, k)
            best = min(best, time.perf_counter() - started)
        out.append(best * 1e3)
    return out


def _client(args: tuple[list[str], str, int, list[list[str]]]) -> int:
    """One throughput client: its own connections, ``queries`` asked once each."""
    partitions, token, n_docs, queries = args
    engine = XapianBM25(parse_partitions(partitions), token, n_docs, k1=1.5, b=0.75, epsilon=0.25)
    for query in queries:
        engine.top_k(query, 10)
    return len(queries)


def _throughput(partitions: tuple[str, ...], token: str, n_docs: int, queries: list[list[str]]) -> dict[str, float]:
    """Queries per second with 1, 2 and 4 client processes asking the same queries."""
    out = {}
    context = multiprocessing.get_context("fork")
    for clients in CLIENTS:
        chunks = [(list(partitions), token, n_docs, queries[i::clients]) for i in range(clients)]
        with context.Pool(clients) as pool:
            started = time.perf_counter()
            done = sum(pool.map(_client, chunks))
            out[str(clients)] = done / (time.perf_counter() - started)
    return out


def _disk(root: Path) -> int:
    """Bytes under ``root``."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def run_partitions(corpus: list[list[str]], queries: list[list[str]], reference: FastBM25, count: int,
                   root: Path) -> dict[str, Any]:
    """Build, serve and measure ``count`` partitions under ``root``."""
    partitions = partitions_in(root, count)
    started = time.perf_counter()
    token = write_partitions(corpus, parse_partitions(partitions))
    build_s = time.perf_counter() - started
    servers = [PartitionServer(p).start() for p in parse_partitions(partitions)]
    try:
        engine = XapianBM25(parse_partitions(partitions), token, len(corpus), k1=1.5, b=0.75, epsilon=0.25)
        same = sum(_same_top10(reference, engine, q) for q in queries)
        top10, top200 = _latencies(engine, queries, 10), _latencies(engine, queries, 200)
        throughput = _throughput(partitions, token, len(corpus), queries)
    finally:
        for server in servers:
            server.kill()
    result = {"partitions": count, "build_s": build_s, "disk_bytes": _disk(root), "top10_same": same / len(queries),
              "latency": _percentiles(top10), "latency_top200": _percentiles(top200), "qps": throughput,
              "load_average": os.getloadavg()[0]}
    shutil.rmtree(root, ignore_errors=True)
    return result


def _same_top10(reference: FastBM25, engine: XapianBM25, query: list[str]) -> bool:
    """Same top 10 positions (a tie may swap) and scores within 1e-6."""
    want, got = reference.top_k(query, 10), engine.top_k(query, 10)
    if len(want) != len(got) or any(abs(a[1] - b[1]) > 1e-6 for a, b in zip(want, got)):
        return False
    scores = reference.get_scores(query)
    return all(a[0] == b[0] or abs(scores[b[0]] - a[1]) <= 1e-6 for a, b in zip(want, got))


def main() -> None:
    """Parse arguments, run every configuration, write the JSON and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--work", type=Path, default=Path("data/bench-partitions"))
    parser.add_argument("--out", type=Path, default=Path("docs"))
    options = parser.parse_args()
    source = load_source(options.shared)
    corpus, queries = build_corpus(source, options.size), sample_queries(source, options.queries)
    started = time.perf_counter()
    reference = FastBM25.build(corpus, idf_mode="xapian")
    reference.warm_up()
    fast = {"partitions": 0, "build_s": time.perf_counter() - started,
            "latency": _percentiles(_latencies(reference, queries, 10)),
            "latency_top200": _percentiles(_latencies(reference, queries, 200)), "load_average": os.getloadavg()[0]}
    rows = [fast] + [run_partitions(corpus, queries, reference, n, options.work / f"{n}") for n in (1, 2)]
    results = {"size": options.size, "queries": len(queries), "rows": rows}
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "bench-partitions.json").write_text(json.dumps(results, indent=1))
    print(table(results))


def table(results: dict[str, Any]) -> str:
    """The markdown table of ``results``."""
    lines = ["| engine | build | disk | top-10 = fast | p50 / p99 top 10 | p50 / p99 top 200 | q/s 1 / 2 / 4 clients |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for row in results["rows"]:
        name = "fast (in process, idf xapian)" if not row["partitions"] else f"xapian, {row['partitions']} partition(s)"
        disk = f"{row['disk_bytes'] / 1e6:,.0f} MB" if "disk_bytes" in row else ""
        same = f"{row['top10_same']:.0%}" if "top10_same" in row else ""
        qps = " / ".join(f"{row['qps'][c]:.0f}" for c in ("1", "2", "4")) if "qps" in row else ""
        lat, deep = row["latency"], row["latency_top200"]
        lines.append(f"| {name} | {row['build_s']:.0f} s | {disk} | {same} | {lat['p50']:.2f} / {lat['p99']:.2f} ms "
                     f"| {deep['p50']:.2f} / {deep['p99']:.2f} ms | {qps} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
