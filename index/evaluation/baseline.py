"""The naive baseline: rank-bm25 ``BM25Okapi`` defaults over lowercase ``\\w+`` tokens.

One passage per paragraph of each ``.txt`` file (title line, blank line, paragraphs); the
title is not indexed. Its "highlight" is the passage's sentence sharing the most distinct
question tokens (ties: the earlier sentence) — a naive rule, reported for comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from index.tokenize import naive_tokenize

_BLOCK = re.compile(r"\S(?:.*?\S)??(?=\n[ \t]*\n|\s*\Z)", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of an article file, with offsets into the file's decoded text."""

    source: str
    title: str
    text: str
    start: int
    end: int


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Latin-1; line endings normalised to ``\\n``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each blank-line-separated block of ``text``, trimmed."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text`` (end punctuation kept)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() - len(m.group()) + len(m.group().rstrip())
        spans.append((start, end))
        start = m.end()
    if start < len(text.rstrip()) or not spans:
        spans.append((start, len(text.rstrip())))
    return spans


def read_paragraphs(path: Path, source: str | None = None) -> tuple[str, list[Para]]:
    """The decoded text of ``path`` and its body paragraphs (every block after the title)."""
    text = decode(path.read_bytes())
    blocks = split_blocks(text)
    if not blocks:
        return text, []
    title = text[blocks[0][0] : blocks[0][1]]
    key = source if source is not None else str(path)
    return text, [Para(key, title, text[s:e], s, e) for s, e in blocks[1:]]


def best_sentence(text: str, question: str) -> tuple[int, int]:
    """Span of the sentence of ``text`` sharing the most distinct question tokens."""
    wanted = set(naive_tokenize(question))
    spans = split_sentences(text)
    overlaps = [len(wanted & set(naive_tokenize(text[s:e]))) for s, e in spans]
    return spans[overlaps.index(max(overlaps))]


class NaiveBaseline:
    """``BM25Okapi`` (k1=1.5, b=0.75, epsilon=0.25) over naive tokens of paragraphs."""

    def __init__(self, paragraphs: list[Para]) -> None:
        """Index ``paragraphs`` (at least one)."""
        if not paragraphs:
            raise ValueError("the baseline needs at least one paragraph")
        self.paragraphs = paragraphs
        self.bm25 = BM25Okapi([naive_tokenize(p.text) for p in paragraphs])

    @classmethod
    def from_folder(cls, folder: Path) -> NaiveBaseline:
        """Index every ``*.txt`` file under ``folder`` (sources are paths relative to it)."""
        paragraphs: list[Para] = []
        for path in sorted(folder.rglob("*.txt")):
            rel = path.relative_to(folder).as_posix()
            paragraphs.extend(read_paragraphs(path, rel)[1])
        return cls(paragraphs)

    def search(self, question: str, top: int) -> list[tuple[Para, float]]:
        """The ``top`` paragraphs by BM25 score, best first (ties: earlier paragraph)."""
        scores = self.bm25.get_scores(naive_tokenize(question))
        order = np.argsort(-scores, kind="stable")[:top]
        return [(self.paragraphs[i], float(scores[i])) for i in order]
