"""``make eval-scaled``: the evaluations on the scaled configuration against the default, in one run.

Two ``articlebot eval all`` processes run side by side on the same articles and questions:

- **default**: the store in an SQLite file, the passages' index in process (``fast``);
- **scaled**: the store on a throwaway PostgreSQL cluster, the passages' index on Xapian
  partitions served by ``xapian-tcpsrv`` (``index.loopback.scaled``).

Both use Xapian's idf (``idf = "xapian"``), the one formula both engines can compute; it is the
only setting that differs from ``make eval``'s. Both processes get the same random hash seed
(recorded), so the store and the engine are the only differences (answers no longer depend on
the seed since the re-ranking's sums over sets are ``math.fsum``, but one seed keeps this
comparison about the configuration alone). Every figure of the two ``eval.json`` files is
compared: quality figures must be identical, timings are reported side by side.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.loopback.scaled import scaled_services

REFERENCE = "default (SQLite, fast)"
SCALED = "scaled (PostgreSQL, xapian)"
COMMON_SETTINGS = {"idf": "xapian"}


def figures(data: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of an ``eval.json`` as ``(path, value)``; list items that are systems' scores
    are named by their system (``squad/articlebot/acc1``), other list items by their index."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key != "system":
                yield from figures(value, f"{path}/{key}" if path else str(key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            name = item["system"] if isinstance(item, Mapping) and "system" in item else str(index)
            yield from figures(item, f"{path}/{name}")
    else:
        yield path, data


def is_timing(path: str) -> bool:
    """Whether the figure at ``path`` is a time (it differs from run to run)."""
    last = path.rsplit("/", 1)[-1]
    return last.endswith("_ms") or "seconds" in last


ROUNDING = 1e-9  # relative: the engines' BM25 scores agree to ~1e-14 (scripts/xapian_parity.py)


def rounding_apart(left: Any, right: Any) -> bool:
    """Whether two figures are floats that differ only by rounding."""
    if not (isinstance(left, float) and isinstance(right, float)):
        return False
    return abs(left - right) <= ROUNDING * max(1.0, abs(left), abs(right))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two runs' figures side by side: ``(path, default, scaled)`` each."""

    quality: tuple[tuple[str, Any, Any], ...]
    timings: tuple[tuple[str, Any, Any], ...]

    @property
    def differences(self) -> list[tuple[str, Any, Any]]:
        """The quality figures that differ by more than float rounding (a figure missing on
        one side is one)."""
        return [row for row in self.quality if row[1] != row[2] and not rounding_apart(row[1], row[2])]

    @property
    def rounding(self) -> list[tuple[str, Any, Any]]:
        """The quality figures that differ only in their last digits: a score-valued figure (a
        best threshold is some question's confidence) carries the engines' rounding."""
        return [row for row in self.quality if row[1] != row[2] and rounding_apart(row[1], row[2])]

    def to_json(self) -> dict[str, Any]:
        """The comparison as ``eval-scaled.json`` holds it."""
        return {
            "quality_figures": len(self.quality),
            "identical": len(self.quality) - len(self.differences) - len(self.rounding),
            "differences": [{"figure": p, "default": a, "scaled": b} for p, a, b in self.differences],
            "rounding": [{"figure": p, "default": a, "scaled": b} for p, a, b in self.rounding],
            "timings": [{"figure": p, "default": a, "scaled": b} for p, a, b in self.timings],
        }


def compare(reference: Mapping[str, Any], scaled: Mapping[str, Any]) -> Comparison:
    """Every figure of ``reference`` and ``scaled`` (two ``eval.json`` documents), paired."""
    left, right = dict(figures(reference)), dict(figures(scaled))
    paths = list(left) + [p for p in right if p not in left]
    rows = [(p, left.get(p), right.get(p)) for p in paths]
    return Comparison(tuple(r for r in rows if not is_timing(r[0])), tuple(r for r in rows if is_timing(r[0])))


def eval_command(squad: Path, bbc: Path, out: Path, limit: int | None, settings: Mapping[str, Any]) -> list[str]:
    """The ``articlebot eval all`` command line for one configuration."""
    sets = [f"{key}={','.join(value) if isinstance(value, (tuple, list)) else value}"
            for key, value in settings.items()]
    return [sys.executable, "-m", "bot", "eval", "all", "--squad", str(squad), "--bbc", str(bbc), "--out", str(out),
            "--quiet", *(["--limit", str(limit)] if limit else []), *(a for s in sets for a in ("--set", s))]


def run_eval(command: Sequence[str], out: Path, seed: int) -> dict[str, Any]:
    """Run one ``eval all`` process with hash seed ``seed``; its ``eval.json``. Its output goes
    to ``out/eval.log``; a failure raises with the log's end."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    log = out / "eval.log"
    with log.open("w", encoding="utf-8") as handle:
        done = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, check=False,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)})
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-15:])
        raise RuntimeError(f"{' '.join(command[2:5])} exited with status {done.returncode}:\n{tail}")
    result: dict[str, Any] = json.loads((out / "eval.json").read_text(encoding="utf-8"))
    return result


@dataclass(frozen=True, slots=True)
class ScaledRun:
    """Both configurations' ``eval.json``, how they ran, and their comparison."""

    reference: dict[str, Any]
    scaled: dict[str, Any]
    settings: dict[str, Any]
    seed: int
    comparison: Comparison


def run_scaled(squad: Path, bbc: Path, limit: int | None = None, partitions: int = 2,
               progress: Callable[[str], None] = lambda _m: None) -> ScaledRun:
    """Start the scaled servers, run both configurations' evaluations at once, compare them."""
    seed = random.randrange(1, 2**32)
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-scaled-") as tmp:
        work = Path(tmp)
        progress(f"starting PostgreSQL and {partitions} xapian-tcpsrv partitions on loopback")
        with scaled_services(work / "servers", partitions) as services:
            scaled_settings = {**services, **COMMON_SETTINGS}
            commands = [eval_command(squad, bbc, work / name, limit, s)
                        for name, s in (("default", COMMON_SETTINGS), ("scaled", scaled_settings))]
            progress("running eval all on both configurations (logs in " + str(work) + "/*/eval.log)")
            with ThreadPoolExecutor(2) as pool:
                reference, scaled = pool.map(run_eval, commands, (work / "default", work / "scaled"), (seed, seed))
    shown = {**scaled_settings, "database": "postgresql://articlebot@127.0.0.1 (a throwaway cluster)",
             "partitions": f"{partitions} xapian-tcpsrv on 127.0.0.1"}
    return ScaledRun(reference, scaled, shown, seed, compare(reference, scaled))
