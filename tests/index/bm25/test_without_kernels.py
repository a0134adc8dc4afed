"""A saved index opened without the numba kernels (``articlebot ask``) ranks exactly as with them."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from index.bm25.fast import FastBM25

ROOT = Path(__file__).resolve().parents[3]
WORDS = [f"w{i}" for i in range(300)]

# Opens the saved index in a new interpreter, where nothing has built an index or warmed up.
_PROBE = """
import json, sys
from index.bm25 import fast
engine = fast.FastBM25.load(sys.argv[1])
queries = json.loads(sys.argv[2])
assert not fast._KERNELS_WANTED.is_set()
print(json.dumps([[engine.top_k(q, 10), engine.get_scores(q).tolist()] for q in queries]))
print(json.dumps("numba" in sys.modules))
"""


def test_numpy_sums_rank_like_the_kernels(tmp_path: Path) -> None:
    """Same top 10 (positions and scores, bit for bit) and same score vectors, and numba is never imported."""
    rng = random.Random(14)
    corpus = [rng.choices(WORDS[:rng.randint(20, 300)], k=rng.randint(1, 40)) for _ in range(2000)]
    engine = FastBM25.build(corpus)
    engine.save(tmp_path / "index")
    engine.warm_up()  # this process's answers come from the kernels
    queries = [rng.choices(WORDS, k=rng.randint(1, 6)) for _ in range(60)] + [["w0", "w0"], ["nowhere"]]
    done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "index"), json.dumps(queries)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    results, numba_loaded = (json.loads(line) for line in done.stdout.splitlines())
    assert not numba_loaded
    for query, (top, scores) in zip(queries, results):
        assert [tuple(pair) for pair in top] == engine.top_k(query, 10)
        assert scores == engine.get_scores(query).tolist()
