"""index.engine answers: the quote, its exact offsets and citation, no answer, titles offered, the
article filter and unusable questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import EmptyQuestion, QueryError, QuestionTooLong
from tests.conftest import SEED, SEED_TITLE, both_backends

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL


KIRBY = "“It’s not like we’re going to go out and investigate this,”"


async def test_kirby_question_quotes_kirby(engine: Engine) -> None:
    """'what did Kirby say?' quotes Kirby's sentence, highlighted, with the citation."""
    answer = await engine.ask("what did Kirby say?")
    top = answer.quotes[0]
    assert answer.answered
    assert top.highlight.startswith(KIRBY)
    assert top.citation.title == SEED_TITLE
    assert top.citation.author == "Dave DeCamp"
    assert top.citation.paragraph == 3
    assert top.speaker == "John Kirby"


async def test_quote_text_is_exact_substring_of_source(engine: Engine) -> None:
    """Every quote is source[start:end] and its highlight lies inside it."""
    answer = await engine.ask("Which fighter jets did Poland offer to send to Ukraine?", top=5)
    source = SEED.read_text(encoding="utf-8")
    for quote in answer.quotes:
        if quote.citation.source.endswith(SEED.name):
            assert source[quote.start:quote.end] == quote.text
        assert quote.text[quote.highlight_start:quote.highlight_end] == quote.highlight
    assert "MiG-29" in answer.quotes[0].text


async def test_unrelated_question_is_not_answered(engine: Engine) -> None:
    """A question no article covers gets answered=false and titles, not a passage."""
    answer = await engine.ask("What is a good recipe for banana bread?")
    assert not answer.answered
    assert answer.quotes == ()
    assert answer.suggestions


async def test_a_paragraph_reposted_in_another_article_is_quoted_once(engine: Engine, library: Path) -> None:
    """Two versions of a story share a paragraph: it appears once, the next quote is a different one."""
    original = (library / "budget_vote.txt").read_text(encoding="utf-8")
    (library / "budget_vote_updated.txt").write_text(
        original.replace("Council Approves Library Budget After Long Debate", "Library Budget Passes")
        + "\nThe mayor will sign the budget on Friday.\n", encoding="utf-8")
    await engine.reindex()
    answer = await engine.ask("What budget did the city council approve for the public library system?", top=5)
    texts = [" ".join(q.text.split()) for q in (*answer.quotes, *answer.more)]
    assert "$4.2 million" in texts[0]
    assert len(texts) == len(set(texts))


async def test_no_titles_are_offered_when_no_word_matches(engine: Engine) -> None:
    """A question none of whose words is indexed gets no "closest articles" (they would be random)."""
    answer = await engine.ask("Что сказал Фергюсон?")
    assert not answer.answered
    assert answer.suggestions == ()


async def test_question_about_one_article_offers_no_other_articles(engine: Engine) -> None:
    """Asked within one article, a miss does not suggest articles the asker did not choose."""
    answer = await engine.ask("What is a good recipe for banana bread?",
                              article="Council Approves Library Budget After Long Debate")
    assert not answer.answered
    assert answer.suggestions == ()


async def test_title_and_author_are_searchable(engine: Engine) -> None:
    """A question naming only an author finds that author's article."""
    answer = await engine.ask("Sam Lee balcony")
    assert answer.quotes[0].citation.title == "Growing Tomatoes on a Balcony"
    assert answer.quotes[0].citation.url == "https://example.org/tomatoes"


async def test_article_filter_restricts_quotes(engine: Engine) -> None:
    """ask(article=title) only quotes that article; an unknown title is a QueryError."""
    answer = await engine.ask("budget", article="Council Approves Library Budget After Long Debate")
    assert {q.citation.title for q in answer.quotes} == {"Council Approves Library Budget After Long Debate"}
    with pytest.raises(QueryError, match="No indexed article"):
        await engine.ask("budget", article="No Such Title")


@pytest.mark.parametrize(("question", "error"), [("   ", EmptyQuestion), ("what is it?", EmptyQuestion),
                                                 ("word " * 400, QuestionTooLong)])
async def test_unusable_questions_raise(engine: Engine, question: str, error: type[Exception]) -> None:
    """Empty, stopword-only and overlong questions raise a QueryError with a message."""
    with pytest.raises(error):
        await engine.ask(question)
