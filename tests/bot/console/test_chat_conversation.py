"""``articlebot chat`` keeps a conversation on the seed: archive questions, follow-ups, small talk."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.chat import HELP_HINT
from bot.console.cli import main
from bot.questions import THANKS_TEXT, greeting_text

GREETING_TEXT = greeting_text(HELP_HINT)

WIDE = {"COLUMNS": "1000"}  # one line per message, so a sentence can be compared whole

TITLE = "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"


@pytest.fixture
def db(seed_db: Path) -> Path:
    return seed_db


def chat(db_path: Path, *lines: str) -> list[str]:
    result = CliRunner().invoke(main, ["chat", "--db", str(db_path)], input="\n".join(lines) + "\n", env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_who_wrote_the_article_names_dave_decamp_with_the_title(db: Path) -> None:
    assert f"{TITLE} was written by Dave DeCamp." in chat(db, "who wrote the article?")


def test_what_else_did_he_say_is_honest_when_kirby_has_nothing_more(db: Path) -> None:
    lines = chat(db, "what did Kirby say?", "what else did he say?")
    assert f"↪ Following up on John Kirby, in {TITLE}" in lines
    assert "That is all John Kirby says in the articles." in lines


def test_greetings_and_thanks_get_the_discord_replies(db: Path) -> None:
    lines = chat(db, "hello!", "thanks")
    assert " ".join(lines).count(GREETING_TEXT) == 1 and THANKS_TEXT in lines


def test_small_talk_names_the_chats_help_command_not_discords(db: Path) -> None:
    """In the chat, the hint says to type `help` (which lists the chat's commands), never /help."""
    text = " ".join(chat(db, "hi", "?!"))
    assert ("/help" in text, text.count("`help` has more.")) == (False, 2)


def test_files_without_dates_say_so(db: Path) -> None:
    lines = chat(db, "when was the article published?", "articles from last week")
    assert f"{TITLE} carries no date: its file does not say when it was published." in lines
    assert any("The indexed files carry no dates" in line for line in lines)


def test_the_newest_articles_of_undated_files_name_no_discord_command(db: Path) -> None:
    """The chat's reply names no /sources (a Discord command; the chat's own is `sources`)."""
    reply = " ".join(chat(db, "what is the newest article?"))
    assert ("carry no dates" in reply, "/sources" in reply) == (True, False)


def test_which_articles_mention_lists_them_with_their_sentence(db: Path) -> None:
    lines = chat(db, "which articles mention Putin?")
    assert "1 article mentions “Putin”:" in lines and f"1. {TITLE}" in lines


def test_a_listed_articles_sentence_wraps_under_its_title_not_at_the_margin(db: Path) -> None:
    """On 80 columns the sentence naming X ran on at the left margin, under the numbers."""
    result = CliRunner().invoke(main, ["chat", "--db", str(db)], input="which articles mention Putin?\n",
                                env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    start = lines.index(f"1. {TITLE}") + 1
    detail = list(itertools.takewhile(lambda line: not line[:1].isdigit(), lines[start:]))
    assert len(detail) > 1 and all(line.startswith("   ") and len(line) <= 80 for line in detail)


def test_a_date_that_filters_out_every_quote_says_so(tmp_path: Path) -> None:
    folder = Path(__file__).resolve().parents[2] / "index" / "conversation" / "articles"
    path = tmp_path / "conversation.db"
    assert CliRunner().invoke(main, ["reindex", str(folder), "--db", str(path)]).exit_code == 0
    lines = chat(path, "what did Carter say in 2023?")
    assert "No quote from articles dated in 2023 answers that." in lines


def test_a_question_naming_its_own_subject_is_not_a_follow_up(tmp_path: Path) -> None:
    conversation = Path(__file__).resolve().parents[2] / "index" / "conversation"
    folder = tmp_path / "articles"
    shutil.copytree(conversation / "articles", folder)
    shutil.copy(conversation / "new_subject" / "pemberton.txt", folder)
    path = tmp_path / "pemberton.db"
    assert CliRunner().invoke(main, ["reindex", str(folder), "--db", str(path)]).exit_code == 0
    lines = chat(path, "How far did Crumbly Bakeries shares drop?", "how many jobs will Pemberton Securities cut?",
                 "when was that?")
    asked = lines.index("> how many jobs will Pemberton Securities cut?")
    answer = lines[asked + 1:lines.index("> when was that?")]
    assert not any("Following up" in line for line in answer)
    assert any("Pemberton Securities to cut 400 jobs" in line for line in answer)
    assert "↪ Following up on Pemberton Securities to cut 400 jobs" in lines
