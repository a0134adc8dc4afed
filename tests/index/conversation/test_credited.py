""""he" and "she" after an answer go to the person it credits, never to an organisation.

Over two articles written for these tests, on a real SQLite engine: a company whose chief
executive is quoted as "said Orbex chief executive Dana Whitfield" (the company's name nearest
the verb), and a player named in the answer and quoted further on under a misspelt surname.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.conversation import Conversations
from index.conversation.credited import asked_people, named_people, named_speaker, person_behind
from index.engine import Engine

HERE = Path(__file__).resolve().parent


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    folder = tmp_path / "articles"
    shutil.copytree(HERE / "credited", folder)
    opened = await Engine.open(EngineConfig(db_path=tmp_path / "db.sqlite", article_dirs=(folder,)))
    await opened.reindex()
    async with opened:
        yield opened


async def test_he_or_she_after_a_role_quote_is_the_person_not_the_company(engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "Who is the chief executive of Orbex?")
    assert "Dana Whitfield" in first.answer.quotes[0].highlight
    more = await talk.ask("a", "what else did she say?")
    assert more.resolved is not None and more.resolved.label().startswith("Dana Whitfield")
    assert more.answer is not None and "We never hid a single account" in more.answer.quotes[0].highlight


async def test_she_after_an_answer_naming_a_player_is_the_player_not_a_spokesperson(engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "Who is Maria Kessler?")
    assert "Maria Kessler" in first.answer.quotes[0].highlight
    said = await talk.ask("a", "what did she say?")
    assert said.resolved is not None and said.resolved.label().startswith("Maria Kessler")
    assert said.answer is not None and "Women train as hard as men" in said.answer.quotes[0].highlight


async def test_he_is_the_person_asked_about_when_quoted_elsewhere_not_another_named_beside_him(
        engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "Who is Tomas Quill?")
    assert "Sir Alan Pryce has offered Rovers manager Tomas Quill" in first.answer.quotes[0].highlight
    more = await talk.ask("a", "what else did he say?")
    assert more.resolved is not None and more.resolved.label().startswith("Tomas Quill")
    assert more.answer is not None and "We were unlucky" in more.answer.quotes[0].highlight


def test_a_role_names_the_person_a_verb_does_not() -> None:
    assert person_behind("Orbex", "\"It helps,\" said Orbex chief executive Dana Whitfield.") == "Dana Whitfield"
    assert person_behind("Woodward", "\"Respect,\" Woodward told the Sunday Independent.") == "Woodward"
    assert named_people("Mr Bush's win came as Mr Blair said so.") == ["Bush", "Blair"]
    assert named_people("Top seed Lindsay Davenport beat Nicole Vaidisova.") == ["Lindsay Davenport", "Nicole Vaidisova"]
    assert named_people("Sir Bobby Robson has offered Chelsea boss Jose Mourinho advice.") == ["Bobby Robson", "Jose Mourinho"]


def test_of_two_people_quoted_the_one_asked_about_is_credited() -> None:
    sentence = "Sir Bobby Robson has offered Chelsea boss Jose Mourinho some advice."
    quoted = ["Robson", "Mourinho"]
    assert named_speaker(sentence, quoted, "Who is Jose Mourinho?") == "Jose Mourinho"
    assert named_speaker(sentence, quoted, "What advice did Chelsea get?") == "Bobby Robson"
    assert named_speaker(sentence, ["Abramovich"], "Who is Jose Mourinho?") is None
    assert asked_people(sentence, "Who is Jose Mourinho?") == ["Jose Mourinho"]
    assert asked_people(sentence, "Mourinho?") == ["Jose Mourinho"]
    assert asked_people(sentence, "Who advised Jose Mourinho?") == []
