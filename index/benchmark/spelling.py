"""Spelling correction at a large vocabulary: the symmetric-delete index against a full scan.

``python -m index.benchmark.spelling [--data=PATH] [SIZE ...]`` builds, for each vocabulary size, the
vocabulary (the real stems of the shared BBC and SQuAD texts, then seeded made-up words of
the same lengths up to SIZE), misspells 300 real words with the typo set's slips, and times:

- before: the scan issue 12 replaced (rapidfuzz's optimal string alignment over every term
  of a length within reach, as ``index/spelling.py`` did before);
- after: ``index.answering.spelling.Spelling`` (symspellpy), build and lookup.

It prints one JSON line per size: build seconds, median and p99 lookup milliseconds and the
memory the index added (RSS, MB).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import string
import sys
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.answering.spelling import Spelling, max_edits
from index.evaluation.typos import SLIPS
from index.tokenize import tokenize

DATA = Path("../shared/data")  # as `articlebot eval` and `bench` find it; --data=PATH for another
SEED = 20261207


def real_terms(data: Path = DATA) -> list[str]:
    """The distinct alphabetic stems of the BBC articles and the SQuAD contexts."""
    terms: set[str] = set()
    for path in sorted((data / "bbc-news").glob("*/*.txt")):
        terms.update(tokenize(path.read_text(encoding="latin-1")))
    for article in json.loads((data / "squad-dev-v1.1-public-half.json").read_text())["data"]:
        for paragraph in article["paragraphs"]:
            terms.update(tokenize(paragraph["context"]))
    return sorted(t for t in terms if t.isalpha())


def vocabulary(real: list[str], size: int, rng: random.Random) -> list[str]:
    """``real`` padded with made-up words of the same lengths to ``size`` terms."""
    words = set(real)
    lengths = [len(t) for t in real]
    while len(words) < size:
        words.add("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.choice(lengths))))
    return sorted(words)


def scan(term: str, by_length: dict[int, list[str]]) -> str | None:
    """The replaced correction: every term of a reachable length scanned with rapidfuzz."""
    edits = max_edits(term)
    found = []
    for length in range(len(term) - edits, len(term) + edits + 1):
        for choice, distance, _ in process.extract(term, by_length.get(length, []), scorer=OSA.distance,
                                                   score_cutoff=edits, limit=None):
            found.append((distance, choice))
    return min(found)[1] if found else None


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, real: list[str]) -> dict[str, float]:
    """Before/after timings at ``size`` terms."""
    rng = random.Random(SEED + size)
    terms = vocabulary(real, size, rng)
    sources = rng.sample([t for t in real if len(t) >= 6], 300)
    typos = [SLIPS[rng.choice(sorted(SLIPS))](t, rng) for t in sources]
    by_length: dict[int, list[str]] = {}
    for term in terms:
        by_length.setdefault(len(term), []).append(term)
    scan_ms = []
    for typo in typos[:60]:  # the scan is slow: 60 are enough for a median
        began = time.perf_counter()
        scan(typo, by_length)
        scan_ms.append((time.perf_counter() - began) * 1000)
    rss = _rss_mb()
    began = time.perf_counter()
    index = Spelling((t, 1) for t in terms)
    build = time.perf_counter() - began
    grown = _rss_mb() - rss
    lookup_ms = []
    for typo in typos:
        began = time.perf_counter()
        index.candidates(typo)
        lookup_ms.append((time.perf_counter() - began) * 1000)
    return {"terms": len(terms), "scan_median_ms": statistics.median(scan_ms),
            "symspell_build_s": build, "symspell_median_ms": statistics.median(lookup_ms),
            "symspell_p99_ms": statistics.quantiles(lookup_ms, n=100)[98], "symspell_rss_mb": grown}


if __name__ == "__main__":
    data = next((Path(a.partition("=")[2]) for a in sys.argv[1:] if a.startswith("--data=")), DATA)
    known = real_terms(data)
    for arg in [a for a in sys.argv[1:] if not a.startswith("--")] or ["100000", "500000", "1000000"]:
        print(json.dumps({k: round(v, 3) for k, v in measure(int(arg), known).items()}), flush=True)
