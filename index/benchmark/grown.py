"""The full-answer archive grown past its ~105k real passages, the way the BM25 tables grow theirs.

Input: a folder written by ``index.benchmark.reuters.write_corpus``, the shared data folder (for
the Reuters topics), a target number of passages. Output: article files under ``<folder>/grown/``
until the folder holds about that many paragraphs.

Each grown article takes a real article's title and, for each of its paragraphs, a recombined
paragraph: the first half of that paragraph's words followed by the second half of another
paragraph of the same group (the Reuters story's first topic, or the SQuAD article). Topical
co-occurrence and paragraph lengths stay realistic, every term's postings grow with the archive,
and the vocabulary stays that of the sources. The real articles (and so every SQuAD answer) stay
in the archive unchanged; the grown ones are distractors. Seeded: the same files every run.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

from index.benchmark.reuters import raw_passages

SEED = 20261207
_PER_FOLDER = 1000  # files per sub-folder of grown/
_TOPICS = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\".*?<TOPICS>(.*?)</TOPICS>", re.S)
_TOPIC = re.compile(r"<D>(.*?)</D>")


def reuters_topics(shared: Path) -> dict[int, str]:
    """Each Reuters story's first topic (``""`` when it has none), by NEWID."""
    found: dict[int, str] = {}
    for path in sorted((shared / "reuters21578").glob("reut2-*.sgm")):
        for match in _TOPICS.finditer(path.read_bytes().decode("latin-1")):
            topics = _TOPIC.findall(match.group(2))
            found[int(match.group(1))] = topics[0] if topics else ""
    return found


def _articles(folder: Path, topics: dict[int, str]) -> list[tuple[str, str, list[str]]]:
    """``(group, title, paragraphs)`` of every real article file under ``folder``."""
    articles = []
    for source in ("reuters", "squad"):
        for path in sorted((folder / source).glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            paragraphs = [p for p in body.split("\n\n") if p.strip()]
            group = f"reuters:{topics.get(int(path.stem), '')}" if source == "reuters" else f"squad:{path.stem}"
            if paragraphs:
                articles.append((group, title.strip(), paragraphs))
    return articles


def recombined(first: str, second: str) -> str:
    """The first half of ``first``'s words followed by the second half of ``second``'s."""
    a, b = first.split(), second.split()
    return " ".join(a[: len(a) // 2] + b[len(b) // 2:])


def grow_corpus(folder: Path, shared: Path, passages: int, seed: int = SEED) -> int:
    """Write grown articles under ``folder/grown`` until ``folder`` holds ``passages`` paragraphs;
    returns the number of files written."""
    have = len(raw_passages(folder))
    articles = _articles(folder, reuters_topics(shared))
    pools: dict[str, list[str]] = defaultdict(list)
    for group, _, paragraphs in articles:
        pools[group].extend(paragraphs)
    rng = random.Random(seed)
    written = 0
    while have < passages:
        group, title, paragraphs = articles[rng.randrange(len(articles))]
        pool = pools[group]
        body = [recombined(p, pool[rng.randrange(len(pool))]) for p in paragraphs[: passages - have]]
        target = folder / "grown" / f"{written // _PER_FOLDER:04d}" / f"{written:07d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join((title, *body)) + "\n", encoding="utf-8")
        have += len(body)
        written += 1
    return written
