"""A question that names its own subject starts fresh; one that leans on the last answer follows up.

Over the conversation articles (the bakery one mentions Pemberton Securities in passing) and an
article about Pemberton Securities itself, on a real SQLite engine.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.conversation import Conversations, topics
from index.engine import Engine
from index.tokenize import stemmed, tokenize, words

HERE = Path(__file__).resolve().parent
BAKERY = "Crumbly Bakeries shares tumble"
PEMBERTON = "Pemberton Securities to cut 400 jobs"


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    folder = tmp_path / "articles"
    shutil.copytree(HERE / "articles", folder)
    shutil.copy(HERE / "new_subject" / "pemberton.txt", folder)
    opened = await Engine.open(EngineConfig(db_path=tmp_path / "db.sqlite", article_dirs=(folder,)))
    await opened.reindex()
    async with opened:
        yield opened


async def test_a_question_naming_its_own_subject_is_asked_afresh(engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    assert first.answer.quotes[0].citation.title == BAKERY
    # The bakery article names Pemberton Securities (and "cut"), but says nothing of its jobs.
    turn = await talk.ask("a", "how many jobs will Pemberton Securities cut?")
    assert turn.resolved is None
    assert turn.answer.quotes[0].citation.title == PEMBERTON


async def test_a_name_the_last_article_holds_with_only_question_words_follows_up(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    turn = await talk.ask("a", "what did Tom Baker say?")
    assert turn.answer.quotes[0].citation.title == BAKERY
    assert "too many shops" in turn.answer.quotes[0].text


async def test_questions_leaning_on_the_last_answer_still_follow_up(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "What did Hugh Lister say about costs?")
    more = await talk.ask("a", "what else did he say?")
    assert more.resolved is not None and more.resolved.title == PEMBERTON
    where = await talk.ask("a", "and the research team?")
    assert where.resolved is not None and where.resolved.title == PEMBERTON
    assert "Dublin" in where.answer.quotes[0].text
    when = await talk.ask("a", "when was that?")
    assert when.resolved is not None and when.resolved.title == PEMBERTON


async def test_starts_fresh_reads_the_last_articles_text_once(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding whether "how many jobs will Pemberton Securities cut?" starts fresh reads the
    bakery article's text once (it was split into words, then tokenized again), and its search
    terms are still exactly the article's tokens."""
    talk = Conversations(engine)
    first = await talk.ask("a", "How far did Crumbly Bakeries shares drop?")
    passages = await engine.store.article_passages(first.answer.quotes[0].article_id)
    text = " ".join([passages[0].title, *(p.text for p in passages)])
    reads: list[str] = []

    def counted(read):  # the real function, noting when it is given the article's whole text
        def call(given: str):
            reads.extend([given] if given == text else [])
            return read(given)
        return call

    monkeypatch.setattr(topics, "words", counted(topics.words))
    monkeypatch.setattr(topics, "tokenize", counted(tokenize), raising=False)
    await talk.ask("a", "how many jobs will Pemberton Securities cut?")
    assert (len(reads), set(stemmed(set(words(text))))) == (1, set(tokenize(text)))
