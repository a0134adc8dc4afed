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


async def test_when_after_why_does_not_give_the_ledes_date_as_the_shown_sentences(engine: Engine) -> None:
    """"why?" shows ¶2, which names no date; the article has none either: the lede's "Tuesday"
    is named as the nearest date, in a plain sentence saying it may be about something else,
    not quoted as the date of what was shown."""
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    await talk.ask("a", "why?")
    when = await talk.ask("a", "when did that happen?")
    assert when.answer is None
    assert when.sentence == ("The sentence shown (¶2) names no date, and *Crumbly Bakeries shares tumble* carries none "
                             "of its own. The nearest date it names, “Tuesday”, is in ¶1 and may be about something "
                             "else: “Shares in the doughnut chain Crumbly Bakeries fell 15% on Tuesday after it cut "
                             "its profit forecast for the second time this year.”")


async def test_when_gives_the_articles_date_when_the_passage_names_none(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "What did Carter say about Wimbledon?")
    when = await talk.ask("a", "when did she say that?")
    assert when.sentence == ("*Carter backs young British players* is dated 2024-03-12; the sentence shown "
                             "names no date of its own.")


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


async def test_when_does_not_give_another_sentences_date_as_the_shown_ones(tmp_path: Path) -> None:
    """A date in the next sentence of the shown paragraph dates another event (the sale shown,
    the arrest dated): told as the nearest date, clipped around it, not as the sale's date."""
    when = await _when_after(tmp_path, "Ferry line sold\n\nThe island ferry line was sold by the county to pay its "
                             "debts to the national treasury and to the harbour board. Its former owner, once the "
                             "richest man on the island and the best known skipper of the whole northern coast, is "
                             "on trial for fraud following his arrest in October 2003.\n\nThe buyer has not said "
                             "what it paid.\n", "Who sold the island ferry line?")
    assert when.answer is None and when.sentence is not None
    assert when.sentence.startswith("The sentence shown (¶1) names no date, and *Ferry line sold* carries none of its "
                                    "own. The nearest date it names, “October 2003”, is in another sentence of the same "
                                    "paragraph and may be about something else: “…")
    assert when.sentence.endswith("following his arrest in October 2003.”")


async def test_when_gives_the_articles_date_rather_than_another_sentences(tmp_path: Path) -> None:
    when = await _when_after(tmp_path, "---\ntitle: Ferry line sold\ndate: 2024-05-02\n---\n\nThe island ferry line "
                             "was sold by the county. Its former owner was arrested in October 2003.\n",
                             "Who sold the island ferry line?")
    assert when.sentence == "*Ferry line sold* is dated 2024-05-02; the sentence shown names no date of its own."


async def test_when_tells_a_date_far_from_the_shown_passage_as_such(tmp_path: Path) -> None:
    """An undated article whose only date is two paragraphs away: named, not as the date of what was shown."""
    when = await _when_after(tmp_path, "Ferry fares rise\n\nThe island ferry will charge more for cars.\n\n"
                             "The operator blamed the price of fuel.\n\nThe new fares start on Monday.\n",
                             "Will the ferry charge more for cars?")
    assert when.sentence == ("The sentence shown (¶1) names no date, and *Ferry fares rise* carries none of its own. "
                             "The nearest date it names, “Monday”, is in ¶3 and may be about something else: "
                             "“The new fares start on Monday.”")


async def test_when_does_not_offer_a_year_merely_mentioned(tmp_path: Path) -> None:
    """"unlike in 2000", "since 2003", "Windows 2000": years the article names, not the date of anything shown."""
    when = await _when_after(tmp_path, "Ferry fares rise\n\nThe island ferry will charge more for cars, unlike in "
                             "2000.\n\nFares have risen every year since 2003.\n\nTickets are sold on Windows 2000 "
                             "machines at the port.\n", "Will the ferry charge more for cars?")
    assert when.sentence == "*Ferry fares rise* gives no date for that: neither its passages nor its record name one."


async def test_when_gives_the_year_of_the_subject_the_sentence_tells_of(tmp_path: Path) -> None:
    """"The 2001 election cost £80m.": the year describes the sentence's subject, whose event it
    tells (testers on the BBC archive got "names no date")."""
    when = await _when_after(tmp_path, "Election bill\n\nThe 2001 election cost the taxpayer £80m in printing.\n\n"
                             "Councils paid for most of the ballot papers.\n", "How much did the election printing cost?")
    assert when.answer is not None and when.answer.note.startswith("When: “2001”, in the sentence in bold.")


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("The quick result was welcome, unlike in 2000.", ["2000"]),
    ("Its best growth since 2000, and the highest level since October 2004.", ["2000", "October 2004"]),
    ("Computers running Microsoft Windows 95, 98, 2000, NT and XP are at risk.", ["2000"]),
    ("The game is set in 1992; it won at the 2004 Olympics and beat 2003's total.", ["1992", "2004", "2003"]),
    ("In 2004 Microsoft sold more, and profits rose in 2005 as sales grew on 5 May 2005.", []),
    ("Sales were up 64% on 2003, profits fell from 2002's figure and beat the 2001 record.", ["2003", "2002", "2001"]),
    ("He stepped down after his party's 2001 election defeat and the 2003 champion won.", ["2001", "2003"]),
    ("He was elected in the 2001 election and the firm grew in the 1990s.", []),
    ("The 2001 election cost £80m, and Labour's 2005 manifesto promised more.", ["2005"]),
    ("Labour's 2005 manifesto promised tax cuts.", []),
    ("\u201cThe 2004 season was our best,\u201d he said.", []),
    ("The 2002 champion Thomas Johansson fought back to win.", ["2002"]),
    ("The 2004 winner, Paul Cavanagh, went on to sign a deal.", ["2004"]),
])
def test_year_mentions(sentence: str, mentions: list[str]) -> None:
    assert [m.group() for m in DATE_PHRASE.finditer(sentence) if is_mention(sentence, m.start(), m.end())] == mentions
