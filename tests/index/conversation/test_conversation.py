"""Follow-ups, expiry and archive questions through ``Conversations`` on a real engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.conversation import ContextStore, Conversations, Topic
from index.conversation.archive import Ask, archive_question
from index.conversation.followup import Reading, read_follow_up
from index.engine import Engine
from index.errors import QuestionTooLong
from tests.conftest import make_config, write_articles


async def test_shares_follow_up_stays_in_the_last_article(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "Why did SkyLark shares slip?")
    turn = await talk.ask("a", "what did the chief executive say?")
    assert turn.resolved is not None and turn.resolved.title == "SkyLark shares slip on fuel warning"
    assert "Mark Olsen" in turn.answer.quotes[0].text


async def test_context_expires(engine: Engine) -> None:
    now = [0.0]
    talk = Conversations(engine, ContextStore(expiry=600, clock=lambda: now[0]))
    await talk.ask("a", "What did Carter say about the juniors?")
    now[0] = 601.0
    turn = await talk.ask("a", "what else did she say?")
    assert turn.resolved is None


@pytest.mark.parametrize("question", ["what else did he say?", "what did she say?", "why?", "when was that?",
                                      "tell me more", "anything else?", "what did they say?", "what else did it say?"])
async def test_a_follow_up_with_no_earlier_answer_quotes_nothing(engine: Engine, question: str) -> None:
    """Asked first, a follow-up has no one to follow: it says so instead of quoting whatever its
    words ("else", "say") find."""
    turn = await Conversations(engine).ask("a", question)
    assert turn.answer is not None and not turn.answer.answered and not turn.answer.quotes
    assert turn.sentence == f"Ask a question first; “{question}” follows up on the last answer."


async def test_when_after_a_listing_gives_the_listed_articles_dates_not_the_answer_befores(engine: Engine) -> None:
    """"when?" after "which articles mention …?" asks about the articles listed (testers on the
    BBC archive got the date of the answer before the list); after "who wrote it?", when the
    article was published."""
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    listed = await talk.ask("a", "which articles mention shares?")
    assert listed.archive is not None and len(listed.archive.items) == 2
    when = await talk.ask("a", "when?")
    assert when.archive is not None and when.answer is None and when.resolved is not None
    assert when.archive.text == ("None of the 2 articles listed carries a date: their files do not say when they "
                                 "were published.")
    await talk.ask("a", "which articles mention the budget?")
    dated = await talk.ask("a", "when?")
    assert dated.archive is not None and dated.archive.text == "The articles listed, newest first: (1 article listed carries no date.)"
    assert [(item.title, item.detail) for item in dated.archive.items] == [("Carter backs young British players", "2024-03-12")]
    await talk.ask("b", "What did Carter say about the juniors?")
    await talk.ask("b", "who wrote it?")
    published = await talk.ask("b", "when?")
    assert published.archive is not None
    assert published.archive.text == "*Carter backs young British players* was published on 2024-03-12."


async def test_an_overlong_follow_up_is_too_long_before_it_is_a_follow_up(engine: Engine) -> None:
    with pytest.raises(QuestionTooLong):
        await Conversations(engine).ask("a", "why " * 500)


async def test_a_first_question_with_a_subject_of_its_own_is_searched(engine: Engine) -> None:
    """"what else did she say about the juniors?" has "juniors" to search for, even asked first."""
    turn = await Conversations(engine).ask("a", "what else did she say about the juniors?")
    assert turn.answer is not None and turn.answer.answered
    assert turn.answer.quotes[0].citation.title == "Carter backs young British players"


async def test_dates_filter_when_articles_have_them(engine: Engine) -> None:
    talk = Conversations(engine)
    march = await talk.ask("a", "what did Carter say in March 2024?")
    assert march.answer.answered and march.answer.quotes[0].citation.date == "2024-03-12"
    earlier = await talk.ask("b", "what did Carter say in 2023?")
    assert not earlier.answer.answered


async def test_articles_by_an_author_and_how_many(engine: Engine) -> None:
    talk = Conversations(engine)
    by = await talk.ask("a", "articles by Sam Reed")
    assert [item.title for item in by.archive.items] == ["Carter backs young British players"]
    count = await talk.ask("a", "how many articles are there?")
    assert count.archive.text == "3 articles are indexed."


def test_readings() -> None:
    topic = Topic("what did Jimmy Connors say about Britain?", 1, "Connors boost", "Jimmy Connors")
    assert read_follow_up("what else did he say?", topic).reading is Reading.MORE_FROM_SPEAKER
    assert read_follow_up("and in 2005?", topic).reading is Reading.CONTINUED
    assert read_follow_up("what did he say about Wimbledon?", topic).question == \
        "what did Jimmy Connors say about Wimbledon?"
    assert read_follow_up("what did Tony Blair say?", topic) is None
    assert read_follow_up("what else did he say?", None) is None
    assert archive_question("which articles mention BitTorrent?").ask is Ask.MENTIONS
    assert archive_question("what did Kirby say?") is None


def test_follow_up_set_has_forty_pairs_each_naming_an_article() -> None:
    from index.evaluation.followups import load_pairs

    pairs = load_pairs()
    assert len(pairs) >= 40
    assert all(p.first and p.follow_up and all(a.endswith(".txt") for a in p.articles) for p in pairs)


async def test_a_pronoun_follow_up_takes_the_articles_best_passage(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    turn = await talk.ask("a", "what did they blame?")
    assert turn.answer.quotes[0].citation.title == "Crumbly Bakeries shares tumble"
    assert "flour and sugar" in turn.answer.quotes[0].text


def test_date_words_name_day_ranges() -> None:
    import datetime as dt

    from index.conversation.dates import date_filter

    today = dt.date(2024, 3, 20)
    assert date_filter("what did Kirby say in March 2024?", today)[0] == "what did Kirby say?"
    _, march = date_filter("what did Kirby say in March 2024?", today)
    assert (march.first, march.last) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    _, week = date_filter("articles from last week", today)
    assert (week.first, week.last, week.words) == (dt.date(2024, 3, 13), today, "from last week")
    assert date_filter("what did he say", today) == ("what did he say", None)


async def test_why_shows_the_next_passage_then_says_plainly_there_is_no_more(engine: Engine) -> None:
    """"why?" after the shares' fall shows the article's next passage (what the company blamed),
    not the same passage again; asked past the article's last passage, it says there is no reason."""
    talk = Conversations(engine)
    first = await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    why = await talk.ask("a", "why?")
    assert why.answer is not None and why.resolved is not None
    assert why.answer.quotes[0].passage_id != first.answer.quotes[0].passage_id
    assert "flour and sugar" in why.answer.quotes[0].text
    replies = [await talk.ask("a", question) for question in ("how come?", "why did he say that?", "why?")]
    assert [r.answer.quotes[0].citation.paragraph for r in replies[:2]] == [3, 4]
    assert replies[2].sentence == ("*Crumbly Bakeries shares tumble* gives no further reason: nothing in it "
                                   "follows the passages shown.")


def test_why_reads_as_the_reason_only_without_words_of_its_own() -> None:
    topic = Topic("How far did Crumbly Bakeries shares drop?", 1, "Crumbly Bakeries shares tumble")
    readings = [read_follow_up(q, topic).reading for q in ("why?", "and why?", "How come?", "why did she say that?",
                                                           "why did the sugar price rise?")]
    assert readings == [Reading.WHY] * 4 + [Reading.MAYBE]


async def test_an_archive_question_about_the_same_article_keeps_the_speaker_and_the_shown_passages(
        engine: Engine) -> None:
    """"who wrote it?" between an answer and "why?" or "what else did she say?" (found asking
    the BBC archive in the console chat: "why?" said the article gave no reason, with nothing
    shown; "what else did he say?" quoted others than the speaker)."""
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    await talk.ask("a", "who wrote it?")
    why = await talk.ask("a", "why?")
    assert why.answer is not None and "flour and sugar" in why.answer.quotes[0].text
    await talk.ask("b", "what did Carter say about the juniors?")
    await talk.ask("b", "when was it published?")
    more = await talk.ask("b", "what else did she say?")
    assert more.resolved is not None and more.resolved.speaker == "Ellen Carter"
    assert all(q.speaker == "Ellen Carter" for q in more.answer.quotes)


async def test_what_about_someone_the_last_article_lacks_is_a_fresh_question(engine: Engine) -> None:
    """"what about SkyLark?" after the bakery's answer asks about SkyLark (found in the console
    chat: "what about Wenger?" after a Microsoft article was answered from that article)."""
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    turn = await talk.ask("a", "what about SkyLark?")
    assert turn.resolved is None and turn.answer.quotes[0].citation.title == "SkyLark shares slip on fuel warning"
    again = await talk.ask("a", "and in 2024?")
    assert again.resolved is not None and again.resolved.title == "SkyLark shares slip on fuel warning"


async def test_a_listing_tells_apart_two_files_with_one_title(tmp_path: Path) -> None:
    """Two files with different text and one title: each line names its file, not the same line twice."""
    folder = write_articles(tmp_path, {
        "harbour1.txt": "Harbour reopens\n\nThe harbour reopened after the storm.\n",
        "harbour2.txt": "Harbour reopens\n\nThe harbour reopened after the storm, the port said on Monday.\n",
        "ferry.txt": "Ferry fares rise\n\nThe ferry to the harbour costs more.\n"})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        reply = (await Conversations(engine).ask("a", "which articles mention the harbour?")).archive
    assert reply is not None
    assert sorted(item.title for item in reply.items) == [
        "Ferry fares rise", "Harbour reopens (articles/harbour1.txt)", "Harbour reopens (articles/harbour2.txt)"]
