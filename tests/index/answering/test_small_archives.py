"""Tiny archives (BM25's idf is negative or zero there) and titles written with HTML entities."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from index.engine import Engine
from tests.conftest import make_config, write_articles

PARK = ("Council approves new park\n\n"
        "The city council voted on Tuesday to approve a new riverside park, said mayor Jane Doe. "
        "\"It will open next spring,\" she said.\n")
TOMATOES = ("Growing tomatoes on a balcony\n\n"
            "Cherry tomatoes grow well in containers of at least twenty litres, placed where they get six hours "
            "of sun. Water deeply twice a week rather than a little every day; shallow watering makes weak roots.\n")
FERRY = ("Ferry service resumes\n\n"
         "The island ferry resumed its crossings on Monday after the storm damaged the harbour wall.\n")


async def test_the_only_article_of_a_one_paragraph_archive_answers(tmp_path: Path) -> None:
    """With one article every term's BM25 idf is negative: asking about it still quotes it."""
    folder = write_articles(tmp_path, {"park.txt": PARK})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        answer = await engine.ask("What did the council vote to approve?")
        unrelated = await engine.ask("Who won the football cup final?")
    assert answer.answered
    assert answer.quotes[0].citation.title == "Council approves new park"
    assert not unrelated.answered


async def test_a_one_paragraph_archive_answers_a_question_it_only_mostly_holds(tmp_path: Path) -> None:
    """The confidence model, not the every-word rule, answers here ("how many" is not in the
    article). It counts the question's idf mass in units of the archive's largest idf: the raw
    mass grows with the archive (idf ~ log N), and one paragraph's would make this 0.03."""
    folder = write_articles(tmp_path, {"tomatoes.txt": TOMATOES})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        answer = await engine.ask("How many hours of sun do cherry tomatoes get?")
        unrelated = await engine.ask("How many hours of sleep do teenagers get?")
    assert answer.answered and answer.confidence < 1.0
    assert answer.quotes[0].citation.title == "Growing tomatoes on a balcony"
    assert not unrelated.answered


async def test_two_article_archive_answers_each(tmp_path: Path) -> None:
    """With two articles a term in one of them has idf 0: each article is still found."""
    folder = write_articles(tmp_path, {"park.txt": PARK, "ferry.txt": FERRY})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        park = await engine.ask("When will the riverside park open?")
        ferry = await engine.ask("When did the ferry resume its crossings?")
    assert park.answered and park.quotes[0].citation.title == "Council approves new park"
    assert ferry.answered and ferry.quotes[0].citation.title == "Ferry service resumes"


def test_html_entities_in_a_title_show_the_character(tmp_path: Path) -> None:
    """'&#163;1.8m' in a headline is '£1.8m' in answers, suggestions and the sources list."""
    folder = write_articles(tmp_path, {"fine.txt": (
        "Broadcaster hit with &#163;1.8m indecency fine\n\n"
        "The regulator fined the broadcaster over a half-time show watched by millions.\n")})
    (folder / "park.txt").write_text(PARK, encoding="utf-8")
    db = str(tmp_path / "db" / "test.db")
    runner = CliRunner()
    assert runner.invoke(main, ["reindex", "--db", db, str(folder)]).exit_code == 0
    asked = runner.invoke(main, ["ask", "--db", db, "--json", "Why was the broadcaster fined?"])
    sources = runner.invoke(main, ["sources", "--db", db, "--json"])
    answer = json.loads(asked.output)
    assert answer["quotes"][0]["title"] == "Broadcaster hit with £1.8m indecency fine"
    assert "Broadcaster hit with £1.8m indecency fine" in [s["title"] for s in json.loads(sources.output)]
    assert "&#163;" not in asked.output + sources.output
