"""The naive rank-bm25 baseline and its text splitting, on tiny articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.evaluation.baseline import (
    NaiveBaseline,
    best_sentence,
    decode,
    read_paragraphs,
    split_blocks,
    split_sentences,
)
from index.evaluation.systems import BaselineSystem


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_sentences_keeps_closing_quote() -> None:
    """A sentence ending in a quote keeps the quote mark."""
    assert _spans('He said "Yes." Then she left! Why?') == ['He said "Yes."', "Then she left!", "Why?"]


def test_split_sentences_needs_a_capital_after() -> None:
    """A period before a lower-case word does not end a sentence."""
    assert _spans("See e.g. this. 3 came.") == ["See e.g. this.", "3 came."]


def test_split_blocks_trims_and_skips_blank_blocks() -> None:
    """Blocks are trimmed and whitespace-only blocks vanish."""
    assert split_blocks("Title\n\npara one\nline two\n\n  \n\npara 2  \n") == [(0, 5), (7, 24), (30, 36)]


def test_decode_falls_back_to_latin1() -> None:
    """Bytes that are not UTF-8 decode as Latin-1, CRLF becomes LF."""
    assert decode(b"caf\xe9\r\nok") == "café\nok"


def test_read_paragraphs_skips_title(tmp_path: Path) -> None:
    """The first block is the title; the rest are paragraphs with offsets."""
    path = tmp_path / "a.txt"
    path.write_text("Head\n\nOne.\n\nTwo.\n", encoding="utf-8")
    text, paras = read_paragraphs(path, "a.txt")
    assert [(p.text, p.start, p.title, p.source) for p in paras] == [("One.", 6, "Head", "a.txt"), ("Two.", 12, "Head", "a.txt")]
    assert text[paras[1].start:paras[1].end] == "Two."


def test_best_sentence_maximises_distinct_overlap() -> None:
    """The sentence sharing most distinct question tokens wins."""
    text = "Cats purr. Dogs bark at night. Dogs dogs dogs."
    s, e = best_sentence(text, "When do dogs bark?")
    assert text[s:e] == "Dogs bark at night."


def _baseline() -> NaiveBaseline:
    from index.evaluation.baseline import Para

    texts = ["the cat sat on the mat", "a dog barked at the cat", "rain fell all day", "sun came out"]
    return NaiveBaseline([Para("a.txt", "T", t, i * 10, i * 10 + len(t)) for i, t in enumerate(texts)])


def test_baseline_ranks_by_bm25() -> None:
    """The paragraph with the rarer query word ranks first."""
    ranked = _baseline().search("dog cat", 2)
    assert [p.text for p, _ in ranked] == ["a dog barked at the cat", "the cat sat on the mat"]


async def test_baseline_system_reports_top_score_as_confidence() -> None:
    """The response's confidence is the top BM25 score, and it answers above 0."""
    system = BaselineSystem(_baseline())
    response = await system.ask("rain", 3)
    assert response.hits[0].text == "rain fell all day"
    assert response.confidence == pytest.approx(response.hits[0].score)
    assert response.answered


async def test_baseline_system_below_threshold_does_not_answer() -> None:
    """A threshold above the top score means not answered."""
    response = await BaselineSystem(_baseline(), threshold=100.0).ask("rain", 3)
    assert not response.answered


def test_split_blocks_one_character_block() -> None:
    """A one-character block ends at the blank line after it."""
    assert split_blocks("T\n\nBody.\n") == [(0, 1), (3, 8)]
