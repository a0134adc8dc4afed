"""Long questions written the way members write on Discord: a story first, then the question
(issue 12). The story's words must not sink a question whose ending the archive answers,
nor make one it cannot answer answered."""

from __future__ import annotations

from pathlib import Path

from index.answering.question_core import clauses, question_cores
from tests.conftest import asked

TOMATOES = ("Growing tomatoes on a balcony\n\n"
            "Cherry tomatoes grow well in containers of at least twenty litres, placed where they get six hours "
            "of sun. Water deeply twice a week rather than a little every day; shallow watering makes weak roots.\n")
FERRY = ("Ferry service resumes\n\n"
         "The island ferry resumed its crossings on Monday after the storm damaged the harbour wall.\n")
PARK = ("Council approves new park\n\n"
        "The city council voted on Tuesday to approve a new riverside park, said mayor Jane Doe. "
        "\"It will open next spring,\" she said.\n")
ARCHIVE = {"tomatoes.txt": TOMATOES, "ferry.txt": FERRY, "park.txt": PARK}
STORY = ("My neighbour was moaning at the barbecue yesterday that nothing ever grows on her windowsill, "
         "and her cousin swears by some clever trick she picked up from a gardening programme, "
         "so I wondered, ")


async def test_a_long_question_is_answered_by_its_ending(tmp_path: Path) -> None:
    short, long = await asked(tmp_path, ARCHIVE, "How many hours of sun do cherry tomatoes get?",
                              STORY + "how many hours of sun do cherry tomatoes get?")
    assert short.answered
    assert long.answered
    assert long.quotes[0].citation.title == "Growing tomatoes on a balcony"
    assert long.question == STORY + "how many hours of sun do cherry tomatoes get?"


async def test_a_long_question_the_archive_cannot_answer_is_still_refused(tmp_path: Path) -> None:
    short, long = await asked(tmp_path, ARCHIVE, "How many hours of sleep do teenagers get?",
                              STORY + "how many hours of sleep do teenagers get?")
    assert not short.answered
    assert not long.answered


def test_cores_are_the_last_clauses_of_a_long_question_only() -> None:
    assert clauses("a b, c d; e f? g") == ["a b,", "c d;", "e f?", "g"]
    assert question_cores("Who won, and when?", 20, 3) == []
    question = "one two three four five, six seven eight nine ten; eleven twelve thirteen fourteen fifteen sixteen, why?"
    assert question_cores(question, 10, 3) == [
        "six seven eight nine ten; eleven twelve thirteen fourteen fifteen sixteen, why?",
        "eleven twelve thirteen fourteen fifteen sixteen, why?",
        "why?",
    ]
    assert question_cores(question, 10, 1) == ["why?"]
    assert question_cores(question, 0, 3) == []
