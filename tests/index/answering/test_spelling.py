"""Typos in questions: the indexed term a question term most likely misspells."""

from __future__ import annotations

from pathlib import Path

from index.answering.spelling import Spelling
from index.engine import Engine
from index.tokenize import tokenize
from tests.conftest import make_config

COMMON = {"accomplish": 1.0, "tackl": 1.0, "ukrain": 0.5, "council": 2.0, "counsel": 1.0, "torn": 1.0,
          "intercept": 1.0, "championship": 1.0, "hunt": 1.0}


def spelling() -> Spelling:
    return Spelling(COMMON, COMMON.__getitem__)


def test_one_edit_or_a_swap_is_corrected_from_six_letters() -> None:
    assert spelling().correction("tackel") == "tackl"  # "tackels", stemmed
    assert spelling().correction("ukrian") == "ukrain"  # two neighbours swapped count as one edit
    assert spelling().correction("accomlish") == "accomplish"


def test_two_edits_only_from_nine_letters() -> None:
    assert spelling().correction("intercpetion") is None  # 3 edits from "intercept"
    assert spelling().correction("champonshipt") == "championship"
    assert spelling().correction("acomlishh") is None  # 3 edits


def test_short_words_and_numbers_are_left_alone() -> None:
    assert spelling().correction("tore") is None  # "torn" is one edit away, but "tore" is a word
    assert spelling().correction("hurt") is None
    assert spelling().correction("1990s") is None


def test_the_commoner_of_equally_close_terms_wins() -> None:
    assert spelling().correction("counsil") == "counsel"  # both one edit; lower idf wins
    assert Spelling(COMMON, lambda t: {"council": 0.1}.get(t, 9.0)).correction("counsil") == "council"


async def test_question_with_typos_finds_its_passage(tmp_path: Path, library: Path) -> None:
    """"Councilor" and "libary" are in no article: read as "councillor" and "library", it is answered."""
    question = "Which councilor opposed the libary budget?"
    async with await Engine.open(make_config(tmp_path, library)) as engine:
        await engine.reindex()
        searcher = await engine.searcher()
        assert searcher.corrected(tokenize(question)) == ["councillor", "oppos", "librari", "budget"]
        answer = await engine.ask(question)
    assert answer.answered
    assert answer.quotes[0].highlight == "Councillor Ben Okafor opposed the plan."
