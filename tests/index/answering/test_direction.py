"""A question whose verb goes one way (rise / fall) is not answered by a sentence that goes only
the other way (issue 12, eighth round: ``index.answering.direction``), asked of the real engine."""

from __future__ import annotations

from pathlib import Path

from index.answering.direction import direction, opposite
from index.engine import Engine
from index.tokenize import stem
from tests.conftest import make_config, write_articles

HARLOW = ("Harlow Mining shares jump on bid talk\n\n"
          "Harlow Mining said it would seek talks with the union. Harlow Mining shares jumped in London "
          "on Monday, climbing as much as 12% before trading was halted. The company's shares have "
          "fallen 40% since the strike began in March.\n")
GARDEN = "Garden tips\n\nWater the tomatoes every morning in summer.\n"


def stems(sentence: str) -> list[str]:
    return [stem(w) for w in sentence.lower().split()]


def test_a_sentence_goes_one_way_only_when_its_words_say_one_way() -> None:
    assert direction(stems("shares fell 5%")) == -1
    assert direction(stems("profits rose 3%")) == 1
    assert direction(stems("sales fell while costs rose")) == 0
    assert direction(stems("the board met on monday")) == 0
    assert opposite(-1, stems("shares jumped 12%"))
    assert not opposite(-1, stems("shares have fallen 40%"))
    assert not opposite(0, stems("shares jumped 12%"))


async def test_how_much_did_shares_fall_is_not_answered_by_a_jump(tmp_path: Path) -> None:
    """"Harlow Mining shares jumped …, climbing as much as 12%" holds every word of the question
    but the fall and was bold; the sentence where the shares have "fallen 40%" answers."""
    folder = write_articles(tmp_path, {"harlow.txt": HARLOW, "garden.txt": GARDEN})
    async with await Engine.open(make_config(tmp_path, folder, answer_threshold=0.0)) as engine:
        await engine.reindex()
        fall = await engine.ask("How much did Harlow Mining shares fall?")
    assert "fallen 40%" in fall.quotes[0].highlight
