"""A place the question names, held by a passage only inside another place's name ("Inner
Mongolia" for "Mongolia"), is not found there (issue 12)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import asked

MILK = ("Police detain Chinese milk bosses\n\n"
        "Yili - full name Inner Mongolia Yili Industrial - confirmed its chairman and finance chief were in custody.\n\n"
        "The company, China's third-largest milk producer, will hold an emergency meeting.\n")
STEPPE = ("Herders return to the steppe\n\n"
          "Ulan Bator, the capital of Mongolia, emptied as herders drove their flocks back to summer pastures.\n")
FERRY = ("Ferry service resumes\n\n"
         "The island ferry to the capital resumed its crossings on Monday after the storm damaged the harbour wall.\n\n"
         "Traders in the capital said the week without the ferry had cost them dearly.\n")
BANK = ("Bank raises fresh capital\n\n"
        "The bank raised new capital from its shareholders to meet the regulator's rules.\n\n"
        "Its capital ratio is now the highest among the country's lenders.\n")


async def test_a_place_held_only_inside_another_name_is_not_an_answer(tmp_path: Path) -> None:
    """"Mongolia" is in the milk story only as "Inner Mongolia": the question is refused there,
    while "Inner Mongolia" asked for by name is found."""
    bare, named = await asked(tmp_path, {"milk.txt": MILK, "ferry.txt": FERRY, "bank.txt": BANK},
                              "What is the capital of Mongolia?", "Which company is from Inner Mongolia?")
    assert not bare.answered
    assert named.answered and named.quotes[0].citation.title == "Police detain Chinese milk bosses"


async def test_the_bare_name_is_found_where_it_is_written_alone(tmp_path: Path) -> None:
    """With a story that names Mongolia itself, the same question quotes that story."""
    answer, = await asked(tmp_path, {"milk.txt": MILK, "steppe.txt": STEPPE, "ferry.txt": FERRY, "bank.txt": BANK},
                          "What is the capital of Mongolia?")
    assert answer.answered
    assert answer.quotes[0].citation.title == "Herders return to the steppe"
