"""Benchmark corpora and queries from the shared BBC News and SQuAD files.

Input: the shared data folder (``bbc-news/<category>/*.txt``, ``squad-dev-v1.1-public-half.json``)
and a corpus size. Output: a deterministic tokenized corpus of exactly that many passages, and
tokenized SQuAD questions as queries.

How a corpus of n passages is made (seeded, so every process builds the same one):
1. Base passages are the real paragraphs: every SQuAD context paragraph, then BBC paragraphs
   (the text after the title, split on blank lines) in a seeded shuffle, up to n.
2. Beyond the base, each synthetic passage recombines two real paragraphs of the same group
   (BBC category or SQuAD article): the first half of paragraph A's tokens followed by the second
   half of paragraph B's. Topical co-occurrence and passage lengths stay realistic, and every
   query term's postings grow linearly with n (the vocabulary stays that of the sources).
3. The passage order is shuffled with the same seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.tokenize import tokenize

SQUAD_FILE = "squad-dev-v1.1-public-half.json"
SEED = 20261126


@dataclass(frozen=True)
class Source:
    """Tokenized real paragraphs with their group ids, plus the tokenized questions."""

    paragraphs: list[list[str]]
    groups: np.ndarray  # int64 group id per paragraph
    n_squad: int  # the first n_squad paragraphs are SQuAD contexts
    questions: list[list[str]]
    question_texts: list[str]


def _read_text(path: Path) -> str:
    """File text as UTF-8, falling back to Latin-1 (bbc sport/199.txt)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _bbc_paragraphs(root: Path) -> list[tuple[str, str]]:
    """(category, paragraph text) for every BBC article paragraph, title excluded."""
    out: list[tuple[str, str]] = []
    for path in sorted(root.glob("*/*.txt")):
        text = _read_text(path).replace("\r\n", "\n")
        _title, _, body = text.partition("\n")
        paras = [p.strip() for p in body.split("\n\n")]
        out.extend((path.parent.name, p) for p in paras if p)
    return out


def load_source(shared: Path) -> Source:
    """Read and tokenize every BBC paragraph, SQuAD context and SQuAD question."""
    squad = json.loads((shared / SQUAD_FILE).read_text(encoding="utf-8"))
    texts: list[str] = []
    group_names: list[str] = []
    questions: list[str] = []
    for article in squad["data"]:
        for para in article["paragraphs"]:
            texts.append(para["context"])
            group_names.append("squad:" + article["title"])
            questions.extend(qa["question"] for qa in para["qas"])
    n_squad = len(texts)
    for category, text in _bbc_paragraphs(shared / "bbc-news"):
        texts.append(text)
        group_names.append("bbc:" + category)
    names = {g: i for i, g in enumerate(dict.fromkeys(group_names))}
    tokenized_q = [tokenize(q) for q in questions]
    return Source(paragraphs=[tokenize(t) for t in texts],
                  groups=np.asarray([names[g] for g in group_names], np.int64),
                  n_squad=n_squad, questions=tokenized_q, question_texts=questions)


def build_corpus(src: Source, n: int, seed: int = SEED) -> list[list[str]]:
    """Exactly ``n`` passages: real paragraphs first, then same-group recombinations, shuffled."""
    rng = np.random.default_rng(seed)
    n_base = len(src.paragraphs)
    bbc_order = src.n_squad + rng.permutation(n_base - src.n_squad)
    base = np.concatenate([np.arange(src.n_squad), bbc_order])[:n]
    passages = [src.paragraphs[i] for i in base.tolist()]
    extra = n - len(passages)
    if extra > 0:
        by_group = [np.flatnonzero(src.groups == g) for g in range(int(src.groups.max()) + 1)]
        a_idx = rng.integers(0, n_base, extra)
        pick = rng.random(extra)
        paras = src.paragraphs
        for a, u in zip(a_idx.tolist(), pick.tolist()):
            members = by_group[src.groups[a]]
            bb = int(members[int(u * members.size)])
            pa, pb = paras[a], paras[bb]
            passages.append(pa[: len(pa) // 2] + pb[len(pb) // 2:])
    order = rng.permutation(n)
    return [passages[i] for i in order.tolist()]


def sample_queries(src: Source, count: int, seed: int = SEED) -> list[list[str]]:
    """``count`` SQuAD questions (seeded sample, those with at least one search token)."""
    usable = [q for q in src.questions if q]
    rng = np.random.default_rng(seed + 1)
    idx = rng.permutation(len(usable))[: min(count, len(usable))]
    return [usable[i] for i in idx.tolist()]
