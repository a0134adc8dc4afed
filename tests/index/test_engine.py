"""Tests for index.engine: reindex, answers, speaker preference, no-answer, context."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import EmptyQuestion, PathNotAllowed, QueryError, QuestionTooLong
from index.ingest import prepare as ingest
from tests.conftest import SEED, both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL

KIRBY = "“It’s not like we’re going to go out and investigate this,”"
TITLE = "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"


async def test_kirby_question_quotes_kirby(engine: Engine) -> None:
    """'what did Kirby say?' quotes Kirby's sentence, highlighted, with the citation."""
    answer = await engine.ask("what did Kirby say?")
    top = answer.quotes[0]
    assert answer.answered
    assert top.highlight.startswith(KIRBY)
    assert top.citation.title == TITLE
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


async def test_speaker_preferred_over_mention(engine: Engine) -> None:
    """Asked what Okafor said, the quote is one Okafor speaks, not one that names him."""
    answer = await engine.ask("What did Okafor say about money?")
    assert answer.quotes[0].speaker is not None
    assert "We cannot spend money" in answer.quotes[0].highlight


async def test_person_mentioned_but_never_quoted_is_said_so(engine: Engine) -> None:
    """Putin is named in the seed but never quoted: the answer says so before the passages."""
    answer = await engine.ask("What did Putin say?")
    assert answer.answered and "Putin" in answer.quotes[0].text
    assert answer.note == "I found no quote by Putin in the articles; these are the closest passages."
    assert answer.to_json()["note"] == answer.note
    quoted = await engine.ask("What did Kirby say?")
    assert quoted.note == "" and "note" not in quoted.to_json()
    about = await engine.ask("What did Putin say about drones?")
    assert about.note == "I found no quote by Putin about drones in the articles; these are the closest passages."


async def test_misspelt_speaker_is_found_when_nobody_has_the_name_as_written(engine: Engine) -> None:
    """"Okafore" is one letter off "Okafor": his quote, not a note that nobody quotes him."""
    answer = await engine.ask("What did Okafore say about money?")
    assert answer.note == ""
    assert answer.quotes[0].speaker == "Ben Okafor"
    assert "We cannot spend money" in answer.quotes[0].highlight


async def test_highlight_is_the_speakers_sentence_about_the_topic(engine: Engine) -> None:
    """Asked what Okafor said about potholes, the bold sentence is his quote on potholes."""
    answer = await engine.ask("What did Okafor say about potholes?")
    assert answer.quotes[0].highlight == "\"The library matters, but so does the pothole on every street.\""


async def test_pronoun_resolves_to_last_named_speaker(engine: Engine) -> None:
    """'he added' after a quote by Okafor counts as Okafor speaking."""
    answer = await engine.ask("What did Okafor say about Sundays?")
    assert "We will open on Sundays" in answer.quotes[0].highlight
    assert answer.quotes[0].speaker == "Ben Okafor"  # credited under the full name the article gives


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


async def test_reindex_twice_is_a_noop(engine: Engine) -> None:
    """A second reindex skips every unchanged file and commits no new generation."""
    before = (await engine.searcher()).generation
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 0, 0, 3)
    assert (await engine.searcher()).generation == before


async def test_new_ingest_version_reads_every_file_again(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade that parses differently, unchanged files are re-read once, then skipped."""
    monkeypatch.setattr(ingest, "INGEST_VERSION", ingest.INGEST_VERSION + 1)
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 3, 0, 0)
    report = await engine.reindex()
    assert (report.updated, report.skipped) == (0, 3)


async def test_changed_and_removed_files(engine: Engine, library: Path) -> None:
    """An edited file replaces its passages; a deleted one disappears."""
    (library / "garden_notes.md").unlink()
    budget = library / "budget_vote.txt"
    budget.write_text(budget.read_text().replace("mobile library van", "bookmobile"), encoding="utf-8")
    report = await engine.reindex()
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 1, 1, 1)
    assert [s.title for s in await engine.sources()] == [
        "Council Approves Library Budget After Long Debate", TITLE]
    answer = await engine.ask("bookmobile")
    assert "bookmobile" in answer.quotes[0].text


async def test_bad_files_reported_and_rest_indexed(tmp_path: Path, library: Path, database: str) -> None:
    """Empty, binary and oversized files are named with a reason; the others index."""
    (library / "empty.txt").write_text("")
    (library / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (library / "huge.txt").write_text("Big\n\n" + "word " * 300_000)
    async with await Engine.open(make_config(tmp_path, library, max_file_bytes=1_000_000, database=database)) as engine:
        report = await engine.reindex()
    reasons = {Path(b.path).name: b.reason for b in report.bad}
    assert report.added == 3
    assert reasons == {"empty.txt": "the file is empty", "binary.txt": "the file is binary, not text",
                       "huge.txt": "the file is 1.5 MB, over the 1.0 MB limit (index.max_file_bytes)"}


async def test_bad_new_version_keeps_old_one(engine: Engine, library: Path) -> None:
    """A file that turns unreadable keeps its previously indexed passages."""
    (library / "budget_vote.txt").write_bytes(b"")
    report = await engine.reindex()
    assert [Path(b.path).name for b in report.bad] == ["budget_vote.txt"]
    assert (await engine.ask("library budget council")).answered


async def test_duplicate_is_indexed_once(engine: Engine, library: Path) -> None:
    """The same text under a second name is reported and not indexed again."""
    shutil.copy(SEED, library / "copy_of_seed.txt")
    report = await engine.reindex()
    assert report.added == 0
    assert [Path(d.path).name for d in report.duplicates] == ["copy_of_seed.txt"]


async def test_reopen_uses_persisted_index(tmp_path: Path, library: Path, database: str) -> None:
    """Reopening answers the same without reindexing."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        first = await engine.ask("what did Kirby say?")
    async with await Engine.open(config) as engine:
        assert await engine.ask("what did Kirby say?") == first


async def test_only_configured_refuses_outside_paths(engine: Engine, tmp_path: Path) -> None:
    """reindex(only_configured=True) refuses a path outside the article folders."""
    with pytest.raises(PathNotAllowed):
        await engine.reindex([tmp_path / "elsewhere"], only_configured=True)


async def test_context_returns_neighbours(engine: Engine) -> None:
    """context() gives the quoted paragraph and its neighbours, the quote marked."""
    quote = (await engine.ask("what did Kirby say?")).quotes[0]
    around = await engine.context(quote.passage_id)
    assert [(c.paragraph, c.is_quote) for c in around] == [(2, False), (3, True), (4, False)]


async def test_quoted_speaker_is_someone_quoted_directly(engine: Engine, tmp_path: Path,
                                                         new_database: Callable[[], str]) -> None:
    """An example speaker for /help comes from the index; an empty index has none."""
    assert await engine.quoted_speaker() in {"John Kirby", "Mayor Ana Torres", "Ben Okafor"}
    async with await Engine.open(make_config(tmp_path / "empty", tmp_path / "nothing", database=new_database())) as empty:
        assert await empty.quoted_speaker() is None


async def test_sources_sort_titles_by_their_first_word_not_a_quote_mark(engine: Engine, library: Path) -> None:
    """"'Tomato' festival" lists with the Ts, not before every letter because of its quote mark."""
    (library / "festival.txt").write_text("'Tomato' festival\n\nThe festival opened on Sunday.\n\nIt ends on Monday.\n",
                                          encoding="utf-8")
    await engine.reindex()
    titles = [s.title for s in await engine.sources()]
    assert titles.index("'Tomato' festival") > titles.index("Growing Tomatoes on a Balcony")
    assert titles.index("'Tomato' festival") < titles.index(TITLE)


async def test_titles_for_autocomplete(engine: Engine) -> None:
    """titles() matches case-insensitively anywhere in the title."""
    assert await engine.titles("balcony") == ["Growing Tomatoes on a Balcony"]
    assert len(await engine.titles("", limit=2)) == 2


async def test_remembered_answer_is_requoted_after_reopening(tmp_path: Path, library: Path, database: str) -> None:
    """An answer stored under a key comes back, same passages and highlights, from a new engine."""
    config = make_config(tmp_path, library, database=database)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Okafor say about potholes?")
        await engine.remember_answer("k1", answer)
    async with await Engine.open(config) as engine:
        recalled = await engine.recall_answer("k1")
        assert await engine.recall_answer("unknown") is None
    assert recalled is not None
    question, quotes = recalled
    shown = (*answer.quotes, *answer.more)
    assert question == answer.question
    assert [(q.passage_id, q.highlight) for q in quotes] == [(q.passage_id, q.highlight) for q in shown]


async def test_remembered_answer_leaves_out_removed_passages(engine: Engine, library: Path) -> None:
    """Passages of an article removed since the answer are not quoted again."""
    answer = await engine.ask("What did Okafor say about potholes?")
    await engine.remember_answer("k2", answer)
    (library / "budget_vote.txt").unlink()
    await engine.reindex()
    recalled = await engine.recall_answer("k2")
    shown = (*answer.quotes, *answer.more)
    kept = [q.passage_id for q in shown if "Budget" not in q.citation.title]
    assert len(kept) < len(shown)
    assert ([q.passage_id for q in recalled[1]] if recalled else []) == kept


async def test_only_the_newest_answers_are_kept(engine: Engine) -> None:
    """Past ``keep`` answers, the oldest are dropped."""
    answer = await engine.ask("What did Okafor say about potholes?")
    for key in ("a", "b", "c"):
        await engine.remember_answer(key, answer, keep=2)
    assert [await engine.recall_answer(k) is not None for k in ("a", "b", "c")] == [False, True, True]


HARBOUR_DUES = """Harbour dues to rise in spring

Mayor Ana Torres believes the harbour dues will have to rise again next spring. "The harbour \
dues are a burden on every fisherman in this town, and I know it," she said.
"""


async def test_speakers_own_words_are_highlighted_rather_than_narration(tmp_path: Path, library: Path,
                                                                      database: str) -> None:
    """Asked what Torres said about the dues, the bold sentence is her quote, not "Torres believes…"."""
    (library / "harbour_dues.txt").write_text(HARBOUR_DUES, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, library, database=database)) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Torres say about harbour dues?")
    assert answer.quotes[0].highlight.startswith('"The harbour dues are a burden')
    assert answer.quotes[0].speaker == "Mayor Ana Torres"
