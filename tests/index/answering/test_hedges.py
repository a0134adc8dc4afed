"""The warning above an answer whose bold sentence may not answer: the kind asked for, and the
question's own words besides the names it asks about."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from index.models import Answer
from tests.conftest import make_config, write_articles

WITHDRAWAL = """Capriati out of Australian Open

Jennifer Capriati has withdrawn from the Australian Open because of a shoulder injury. Capriati \
also decided against competing in the Australian Open warm-up event, the Sydney International.
"""

FINAL = """Williams takes Melbourne title

Serena Williams won the Australian Open on Saturday, beating Lindsay Davenport in three sets.
"""

PIERO = """Piero gives rugby perspective

BBC Sport unveils its new analysis tool Piero at the Wales v England rugby union match on \
Saturday. But what does it do and how does it work?
"""

CARDIFF = """Wales beat England in Cardiff

Wales beat England 11-9 in Cardiff, where the match was played in front of 74,000 fans.
"""

JUKEBOX = """Speak easy plan for media players

Gracenote provides music library information for millions of albums for jukeboxes such as \
Apple's iTunes. The new technology lets people play any song just by saying its name.
"""

PLAYERS = """Music players sell well

Apple said sales of its music players rose sharply last month.
"""


async def _ask(tmp_path: Path, files: dict[str, str], question: str) -> Answer:
    async with await Engine.open(make_config(tmp_path, write_articles(tmp_path, files), answer_threshold=0.0)) as engine:
        await engine.reindex()
        return await engine.ask(question)


async def test_a_person_without_the_question_s_verb_is_hedged(tmp_path: Path) -> None:
    """'Who won the Australian Open?' answered by Capriati's withdrawal: the sentence names a
    person and the Australian Open but says nothing of winning."""
    answer = await _ask(tmp_path, {"withdrawal.txt": WITHDRAWAL}, "Who won the Australian Open?")
    assert answer.quotes and "Capriati" in answer.quotes[0].highlight
    assert answer.note == "The closest passage does not say “won”, so it may not answer the question."


async def test_a_sentence_saying_the_verb_in_another_form_is_not_hedged(tmp_path: Path) -> None:
    """'Who wins …' asked of the sentence saying 'won': another form of the same verb is said."""
    answer = await _ask(tmp_path, {"withdrawal.txt": WITHDRAWAL, "final.txt": FINAL},
                        "Who wins the Australian Open?")
    assert answer.quotes and "Serena Williams" in answer.quotes[0].highlight
    assert answer.note == ""


async def test_a_weekday_is_no_place(tmp_path: Path) -> None:
    """'Where was the Wales v England match played?' answered by 'at the … match on Saturday':
    'Saturday' after 'on' is no place, so the reply is hedged; 'in Cardiff' is one."""
    hedged = await _ask(tmp_path / "a", {"piero.txt": PIERO}, "Where was the Wales v England match played?")
    answered = await _ask(tmp_path / "b", {"cardiff.txt": CARDIFF}, "Where was the Wales v England match played?")
    assert hedged.quotes and "Saturday" in hedged.quotes[0].highlight
    assert hedged.note == "The closest passage names no place that fits the question, so it may not answer it."
    assert answered.quotes and "Cardiff" in answered.quotes[0].highlight
    assert answered.note == ""


async def test_the_name_of_a_thing_is_a_name(tmp_path: Path) -> None:
    """'What is the name of Apple's music player?' asks for a thing's name: 'iTunes' is one, so
    no hedge; a sentence with none is said to name no name (not "no person or organisation")."""
    named = await _ask(tmp_path / "a", {"jukebox.txt": JUKEBOX}, "What is the name of Apple's music player?")
    unnamed = await _ask(tmp_path / "b", {"players.txt": PLAYERS}, "What is the name of Apple's music player?")
    assert named.quotes and "iTunes" in named.quotes[0].highlight
    assert named.note == ""
    assert unnamed.quotes and "sales of its music players" in unnamed.quotes[0].highlight
    assert unnamed.note == "The closest passage names no name that fits the question, so it may not answer it."
