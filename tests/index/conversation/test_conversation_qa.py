"""Conversations found wanting by QA on BBC, replayed on the small test articles."""

from __future__ import annotations

from index.conversation import Conversations
from index.engine import Engine


def _passages(turn: object) -> set[int]:
    answer = getattr(turn, "answer", None)
    return {quote.passage_id for quote in (*answer.quotes, *answer.more)} if answer is not None else set()


async def test_what_else_without_a_speaker_shows_only_passages_not_shown(engine: Engine) -> None:
    # "How many planes is Air Deccan buying?" then "what else did he say?" showed the same
    # passages again: the last answer named no speaker, so "he" fell through to "refers back".
    talk = Conversations(engine)
    first = await talk.ask("a", "How far did Crumbly Bakeries shares fall?", top=1)
    shown = {quote.passage_id for quote in first.answer.quotes}
    turn = await talk.ask("a", "what else did he say?", top=1)
    assert turn.resolved is not None and turn.resolved.title == "Crumbly Bakeries shares tumble"
    if turn.answer is not None:
        assert turn.answer.quotes and not (_passages(turn) & shown)
    else:
        assert turn.text is not None and turn.text.startswith("That is all")


async def test_tell_me_more_after_an_archive_reply_quotes_that_article(engine: Engine) -> None:
    # "what is it about?" then "tell me more" answered "That question has no words to search
    # for": the follow-up re-asked "what is it about?" as a search.
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares fall?")
    about = await talk.ask("a", "what is it about?")
    assert about.archive is not None and about.archive.title == "Crumbly Bakeries shares tumble"
    turn = await talk.ask("a", "tell me more")
    assert turn.answer is not None and turn.answer.quotes
    assert {quote.citation.title for quote in turn.answer.quotes} == {"Crumbly Bakeries shares tumble"}


def test_held_out_sets_name_an_article_for_every_question() -> None:
    import json

    from index.evaluation.followups import ARCHIVE_HELD_OUT, FOLLOWUPS_HELD_OUT, load_pairs

    pairs = load_pairs(FOLLOWUPS_HELD_OUT)
    archive = [json.loads(line) for line in ARCHIVE_HELD_OUT.read_text(encoding="utf-8").splitlines() if line]
    assert len(pairs) >= 25 and len(archive) >= 15
    assert all(p.first and p.follow_up and all(a.endswith(".txt") for a in p.articles) for p in pairs)
    assert all(row["question"] and row["article"].endswith(".txt") for row in archive)
