"""Search time of a scoped question (``masked_top_k``) against the unscoped ``top_k``.

    .venv/bin/python scripts/bench_scope_mask.py [PASSAGES ...]   (default 100000 1000000)

Builds FastBM25 over the benchmark corpus (BBC + SQuAD paragraphs, ``index.benchmark.corpus``),
asks 300 SQuAD questions for the 200 candidates the search layer takes, unscoped and in scopes
that see 50%, 10% and 1% of the passages (random articles' worth), and prints p50/p99 in ms.
Each scoped result is checked against ranking every allowed passage by hand.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from index.answering.scope_mask import masked_top_k
from index.benchmark.corpus import build_corpus, load_source, sample_queries
from index.bm25.fast import FastBM25, warm_up

SHARED = Path(__file__).resolve().parents[1].parent.parent / "shared" / "data"
K = 200


def timings(run, queries) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    seconds = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        seconds.append(time.perf_counter() - started)
    return float(np.percentile(seconds, 50) * 1000), float(np.percentile(seconds, 99) * 1000)


def main(sizes: list[int]) -> None:
    shared = SHARED if SHARED.is_dir() else Path("/work/shared/data")
    source = load_source(shared)
    queries = sample_queries(source, 300)
    warm_up()
    rng = np.random.default_rng(3)
    for n in sizes:
        engine = FastBM25.build(build_corpus(source, n))
        engine.warm_up()
        base = timings(lambda q, e=engine: e.top_k(q, K), queries)
        print(f"{n:>9} passages  unscoped top_k: p50 {base[0]:.2f} ms  p99 {base[1]:.2f} ms")
        articles = rng.integers(0, max(n // 8, 1), n)  # ~8 passages per article
        for share in (0.5, 0.1, 0.01):
            chosen = rng.random(int(articles.max()) + 1) < share
            allowed = chosen[articles]
            scoped = timings(lambda q, a=allowed, e=engine: masked_top_k(e, q, K, a), queries)
            for query in queries[:20]:  # exact: the same as ranking every allowed passage
                scores = engine.get_scores(query)
                found = masked_top_k(engine, query, K, allowed)
                held = [p for p, s in found]
                expected = sorted((-scores[p], p) for p in np.flatnonzero(allowed & (scores != 0)))[:K]
                assert held == [p for _, p in expected][:len(held)]
            print(f"{'':>9}  scope {share:>5.0%}: p50 {scoped[0]:.2f} ms  p99 {scoped[1]:.2f} ms "
                  f"(x{scoped[0] / base[0]:.1f} p50)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
