"""Question words weighed by their rarity in English, not only in the indexed articles."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index.answering.answer import answer_question
from index.answering.data_files import OncePerPath
from index.answering.thesaurus import thesaurus
from index.answering.word_rarity import english_frequencies, rarity_factors, read_frequencies, weigh_by_rarity
from index.config import AnswerParams
from index.engine import Engine
from index.tokenize import stem
from tests.conftest import make_config

COAST = """Coastal wildlife of the north

This type of coast is made of a soft type of rock, and the type found here erodes quickly.

Puffins nest on the high cliffs every spring and leave in late summer.

Seals rest on the sand banks at low tide.
"""


def test_read_frequencies_skips_comments() -> None:
    assert read_frequencies(["# header\n", "the\t7.73\n", "puffin\t2.10\n", "\n"]) == {"the": 7.73, "puffin": 2.1}


def test_common_words_weigh_less_and_unknown_words_most() -> None:
    factors = rarity_factors("What type of puffins nest on Skomer?", {"type": 5.4, "puffins": 2.7, "nest": 3.6})
    assert factors[stem("type")] == pytest.approx((9 - 5.4) / 4.5)
    assert factors[stem("puffins")] == pytest.approx((9 - 2.7) / 4.5)
    assert factors[stem("skomer")] == 2.0  # not an English word: a name
    assert stem("what") not in factors and stem("of") not in factors  # stopwords carry no weight anyway


def test_weights_keep_terms_the_question_does_not_spell_out() -> None:
    weighted = weigh_by_rarity({"type": 2.0, "tackl": 3.0}, "What type of tackels?", {"type": 4.5})
    assert weighted == {"type": 2.0, "tackl": 3.0}  # "tackl" is a corrected typo: factor 1


def test_shipped_table_orders_common_before_rare() -> None:
    table = english_frequencies()
    assert table["the"] > table["type"] > table["puffin"] > 0
    assert "skomer" not in table


async def test_common_word_rare_in_the_archive_no_longer_hides_the_answer(tmp_path: Path, library: Path) -> None:
    """"type" is rare in these articles but common in English: the question is answered."""
    (library / "coast.txt").write_text(COAST, encoding="utf-8")
    question = "What type of bird nests on the cliffs?"
    async with await Engine.open(make_config(tmp_path, library)) as engine:
        await engine.reindex()
        searcher = await engine.searcher()
        plain = await answer_question(question, searcher=searcher, store=engine.store,
                                      params=AnswerParams(english_rarity=False))
        answer = await engine.ask(question)
    assert answer.confidence > plain.confidence  # "type" no longer counts as a missing rare word
    assert answer.answered
    assert answer.quotes[0].highlight == "Puffins nest on the high cliffs every spring and leave in late summer."


def test_unreadable_tables_are_read_as_empty_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A missing or damaged word table costs its help, not the answers: it reads as empty."""
    garbage = tmp_path / "english_frequency.tsv.gz"
    garbage.write_bytes(b"not gzip at all")
    assert english_frequencies(garbage) == {}
    assert thesaurus(tmp_path / "missing.tsv.gz") == {}
    assert "Cannot read the word table" in caplog.text
    english_frequencies.cache_clear()
    thesaurus.cache_clear()


def test_without_a_frequency_table_weights_are_unchanged() -> None:
    assert weigh_by_rarity({"type": 2.0, "puffin": 3.0}, "What type of puffin?", {}) == {"type": 2.0, "puffin": 3.0}


def test_a_table_is_read_once_when_many_threads_ask_together(tmp_path: Path) -> None:
    """The first questions after a start arrive together: one read, the other threads wait for it."""
    reads: list[Path | None] = []

    def slow_read(path: Path | None) -> dict[str, float]:
        reads.append(path)
        time.sleep(0.05)
        return {"the": 7.7}

    table = OncePerPath(slow_read)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: table(), range(16)))
    assert reads == [None]
    assert all(r == {"the": 7.7} for r in results)
