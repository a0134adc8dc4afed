"""The answer path meets no full garbage collection once the engine is warmed up.

Counted with ``gc.callbacks`` (not timed): a full pass walks every long-lived object while
holding the GIL, which is what stalled one question in a few hundred by 100-300 ms. The
archive has a large vocabulary so that answers keep filling the word caches, as a real
archive's do: those survivors are what add up to full collections. The batch runs in a fresh
interpreter, as the bot does: pytest's own long-lived objects would hold full passes back
(CPython waits until a quarter of the old generation is new).
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine, EngineConfig

QUESTIONS = 1000
ARTICLES = 350
PARAGRAPHS = 10
LETTERS = "abcdefghijklmnoprstuvw"
ROOT = Path(__file__).resolve().parents[2]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    return sorted({"".join(rng.choices(LETTERS, k=rng.randint(4, 10))) for _ in range(size)})


def _write_archive(folder: Path, words: list[str], rng: random.Random) -> None:
    """ARTICLES articles of PARAGRAPHS paragraphs, each three sentences of the vocabulary: more
    passages than the re-rank caches hold, so answers keep replacing cached objects."""
    for number in range(ARTICLES):
        paragraphs = [" ".join(" ".join(rng.choices(words, k=12)).capitalize() + "." for _ in range(3))
                      for _ in range(PARAGRAPHS)]
        text = "\n\n".join([f"Report {number}", *paragraphs]) + "\n"
        (folder / f"report_{number:03d}.txt").write_text(text, encoding="utf-8")


async def _batch(work: Path, warm: bool) -> dict[str, int]:
    """Index the archive, warm up (if ``warm``), answer the questions; count full collections."""
    rng = random.Random(14)
    words = _vocabulary(rng, 6000)
    folder = work / "articles"
    folder.mkdir()
    _write_archive(folder, words, rng)
    questions = [f"What about {' '.join(rng.sample(words, 4))}?" for _ in range(QUESTIONS)]
    full = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    async with await Engine.open(EngineConfig(db_path=work / "test.db", article_dirs=(folder,))) as engine:
        await engine.reindex()
        if warm:
            await engine.warm_up()
        gc.callbacks.append(count)
        answered = sum([(await engine.ask(q)).answered for q in questions])
        gc.callbacks.remove(count)
    return {"full": len(full), "answered": answered}


def _run(work: Path, warm: bool) -> dict[str, int]:
    command = [sys.executable, "-m", "tests.index.test_collector", str(work), "warm" if warm else "cold"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.slow
def test_a_batch_of_answers_meets_no_full_collection(tmp_path: Path) -> None:
    """After ``warm_up`` (which settles the collector), 1000 answers start no generation-2
    collection; the same batch without it does (so the count can see one)."""
    (tmp_path / "warm").mkdir()
    (tmp_path / "cold").mkdir()
    warm = _run(tmp_path / "warm", warm=True)
    cold = _run(tmp_path / "cold", warm=False)
    assert warm["answered"] == cold["answered"] > 30
    assert cold["full"] > 0
    assert warm["full"] == 0


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_batch(Path(sys.argv[1]), sys.argv[2] == "warm"))))
