""""when was that?" after an answer: the date of what was shown, through ``Conversations``."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.conversation import Conversations, Topic, Turn
from index.conversation.followup import Reading, read_follow_up
from index.conversation.when import DATE_PHRASE
from index.conversation.year_mentions import is_mention
from index.engine import Engine
from tests.conftest import make_config, write_articles


async def test_when_quotes_the_date_of_the_shown_sentence(engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    when = await talk.ask("a", "when was that?")
    assert when.resolved is not None and when.answer is not None and when.answer.answered
    assert when.answer.quotes[0].passage_id == first.answer.quotes[0].passage_id
    assert "Tuesday" in when.answer.quotes[0].highlight and "“Tuesday”" in when.answer.note


async def test_when_after_why_finds_the_nearest_date_of_an_undated_article(engine: Engine) -> None:
    """"why?" shows ¶2, which names no date; the article has none either: the lede's "Tuesday"
    is the nearest, and the reply says it is not in the passage shown."""
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    why = await talk.ask("a", "why?")
    when = await talk.ask("a", "when did that happen?")
    assert when.answer is not None and when.answer.quotes[0].passage_id != why.answer.quotes[0].passage_id
    assert "Tuesday" in when.answer.quotes[0].highlight and "nearest" in when.answer.note


async def test_when_gives_the_articles_date_when_the_passage_names_none(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "What did Carter say about Wimbledon?")
    when = await talk.ask("a", "when did she say that?")
    assert when.sentence == ("*Carter backs young British players* is dated 2024-03-12; the passages shown "
                             "name no date of their own.")


async def test_when_says_plainly_that_no_date_is_given(tmp_path: Path) -> None:
    folder = write_articles(tmp_path, {"ferry.txt": "Ferry fares rise\n\nThe island ferry will charge more for cars.\n\n"
                                                    "The operator blamed the price of fuel.\n"})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        talk = Conversations(engine)
        first = await talk.ask("a", "Will the ferry charge more for cars?")
        assert first.answer.answered
        when = await talk.ask("a", "when?")
    assert when.sentence == "*Ferry fares rise* gives no date for that: neither its passages nor its record name one."


def test_when_reads_as_the_date_only_without_words_of_its_own() -> None:
    topic = Topic("How far did Crumbly Bakeries shares drop?", 1, "Crumbly Bakeries shares tumble")
    asked = ("when was that?", "when?", "And when did it happen?", "when did he say that?", "on what date?",
             "when could it appear?")  # a word of its own: not the date of what was shown
    assert [read_follow_up(q, topic).reading for q in asked] == [Reading.WHEN] * 5 + [Reading.REFERS]


async def _when_after(tmp_path: Path, text: str, question: str) -> Turn:
    folder = write_articles(tmp_path, {"ferry.txt": text})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        talk = Conversations(engine)
        first = await talk.ask("a", question)
        assert first.answer.answered and first.answer.quotes[0].citation.paragraph == 1
        return await talk.ask("a", "when?")


async def test_when_tells_a_date_far_from_the_shown_passage_as_such(tmp_path: Path) -> None:
    """An undated article whose only date is two paragraphs away: quoted, but not as the date of
    what was shown."""
    when = await _when_after(tmp_path, "Ferry fares rise\n\nThe island ferry will charge more for cars.\n\n"
                             "The operator blamed the price of fuel.\n\nThe new fares start on Monday.\n",
                             "Will the ferry charge more for cars?")
    assert when.answer is not None and when.answer.quotes[0].citation.paragraph == 3
    assert when.answer.note == ("The article gives no date for the passage shown (¶1); the nearest date it names "
                                "is “Monday”, in ¶3 in bold, which may be about something else.")


async def test_when_does_not_offer_a_year_merely_mentioned(tmp_path: Path) -> None:
    """"unlike in 2000", "since 2003", "Windows 2000": years the article names, not the date of anything shown."""
    when = await _when_after(tmp_path, "Ferry fares rise\n\nThe island ferry will charge more for cars, unlike in "
                             "2000.\n\nFares have risen every year since 2003.\n\nTickets are sold on Windows 2000 "
                             "machines at the port.\n", "Will the ferry charge more for cars?")
    assert when.sentence == "*Ferry fares rise* gives no date for that: neither its passages nor its record name one."


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("The quick result was welcome, unlike in 2000.", ["2000"]),
    ("Its best growth since 2000, and the highest level since October 2004.", ["2000", "October 2004"]),
    ("Computers running Microsoft Windows 95, 98, 2000, NT and XP are at risk.", ["2000"]),
    ("The game is set in 1992; it won at the 2004 Olympics and beat 2003's total.", ["1992", "2004", "2003"]),
    ("In 2004 Microsoft sold more, and profits rose in 2005 as sales grew on 5 May 2005.", []),
])
def test_year_mentions(sentence: str, mentions: list[str]) -> None:
    assert [m.group() for m in DATE_PHRASE.finditer(sentence) if is_mention(sentence, m.start(), m.end())] == mentions
