"""`articlebot chat` (and `start` without a token): questions until the end of input, and the words that are commands."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.chat import COMMANDS, HELP_INTRO, NO_INPUT
from bot.console.cli import main
from index.config import EngineConfig
from index.engine import Engine
from index.models import Answer
from tests.bot.console.conftest import WIDE


def test_chat_reads_until_eof(db: Path) -> None:
    """chat answers each stdin line and ends at EOF, highlight marked in plain text."""
    result = CliRunner().invoke(main, ["chat", "--db", str(db)], input="what did Kirby say?\n")
    assert result.exit_code == 0
    assert "**“It’s not like we’re going to go out and investigate this,”" in result.output
    assert "Dave DeCamp, ¶3" in result.output


def test_start_without_token_opens_chat(db: Path) -> None:
    """start with no token explains itself and runs the console chat."""
    result = CliRunner().invoke(main, ["start", "--db", str(db)], input="what did Kirby say?\n")
    assert result.exit_code == 0
    assert "DISCORD_TOKEN" in result.output
    assert "Dave DeCamp" in result.output


BUDGET = "What did the council vote on the budget?"


async def _answer(db: Path, question: str, top: int) -> Answer:
    async with await Engine.open(EngineConfig(db_path=db)) as engine:
        return await engine.ask(question, top=top)


def chat(db: Path, lines: str, *args: str) -> str:
    """The output of `articlebot chat` fed ``lines`` (one line per panel line: no wrapping)."""
    result = CliRunner().invoke(main, ["chat", "--db", str(db), *args], input=lines, env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("word", ["help", "?", " HELP "])
def test_chat_help_lists_the_commands(db: Path, word: str) -> None:
    """help (or ?) in the chat lists what can be typed instead of being asked as a question."""
    output = chat(db, f"{word}\n")
    assert ([line.split() for line in output.splitlines()[1:]], "No passage" in output) == (
        [HELP_INTRO.split(), *([*names.split(), *what.split()] for names, what in COMMANDS)], False)


def test_chat_more_shows_the_next_quotes_of_the_last_answer(db: Path) -> None:
    """more prints the answer's next quotes, numbered on from the first ones, then says none are left."""
    answer = asyncio.run(_answer(db, BUDGET, top=1))
    assert len(answer.more) >= 2  # the question must have further quotes for this test to mean anything
    output = chat(db, f"{BUDGET}\nmore\n" + "more\n" * len(answer.more), "--top", "1")
    pages = output.split("> more\n")
    assert (answer.quotes[0].highlight in pages[0], [answer.more[n].highlight in pages[n + 1]
                                                     for n in range(len(answer.more))]) == (
        True, [True] * len(answer.more))
    assert ("╭─ [2] " in pages[1], pages[-1]) == (True, "No more quotes for the last question.\n")


def test_chat_more_before_any_question_says_to_ask_first(db: Path) -> None:
    """more with no answer yet is not asked as a question."""
    assert chat(db, "more\n").splitlines()[1:] == ["Ask a question first; `more` then shows its further quotes."]


def test_chat_sources_lists_the_indexed_articles(db: Path) -> None:
    """sources in the chat prints the articles table."""
    output = chat(db, "sources\n")
    assert ("US Not Concerned About Ukrainian Attacks in Russia Escalating the War" in output,
            "Council Approves Library Budget After Long Debate" in output, "No passage" in output) == (
        True, True, False)


def test_chat_quit_stops_before_the_next_line(db: Path) -> None:
    """quit ends the chat: the question after it is not answered."""
    assert chat(db, "quit\nwhat did Kirby say?\n") == ""


def test_chat_help_option_names_the_commands() -> None:
    """chat --help says which words are commands, and no longer mentions 'repeats nothing'."""
    text = " ".join(CliRunner().invoke(main, ["chat", "--help"]).output.split())
    assert ("type help for the commands" in text, "`more` shows the next quotes of the last answer" in text,
            "repeats nothing" in text) == (True, True, False)


def test_chat_says_an_option_word_is_no_chat_option_and_answers_the_rest(db: Path) -> None:
    """"--json" typed in the chat was respelled and searched ("Showing results for *--jason*");
    it is named as no chat option, with where it is one, and the question is answered without it."""
    alone, asked = chat(db, "--json\n"), chat(db, "what did Kirby say? --json\n")
    assert ("is not an option in the chat" in alone, "Showing results" in alone, "No passage" in alone) == (
        True, False, False)
    assert ('articlebot ask "QUESTION"' in asked, "Dave DeCamp, ¶3" in asked, "Showing results" in asked) == (
        True, True, False)


def test_chat_top_after_a_question_sets_its_quotes(db: Path) -> None:
    output = chat(db, f"{BUDGET} --top 1\n{BUDGET} --top 11\n")
    first, second = output.split(f"> {BUDGET} --top 11")
    assert ("╭─ [1] " in first, "╭─ [2] " in first, second.strip()) == (True, False, "--top needs a number from 1 to 10.")


def test_chat_sources_takes_words_and_says_where_sources_are_added(db: Path) -> None:
    """sources WORDS lists the articles whose title holds them, as `articlebot sources WORDS`;
    sources add/remove (not commands of the CLI's sources either) name the commands that change the index."""
    listed = chat(db, "sources library budget\n")
    assert ("Council Approves Library Budget After Long Debate" in listed,
            "US Not Concerned About Ukrainian Attacks" in listed, "No passage" in listed) == (True, False, False)
    added = chat(db, "sources add /srv/articles\nsources remove Council\n")
    assert (added.count("The chat only reads the index."), "articlebot reindex PATH" in added, "No passage" in added,
            "Council Approves" in added) == (2, True, False, False)


def test_chat_with_no_input_says_how_to_give_questions(db: Path) -> None:
    """`make run < /dev/null` without a token opened the chat and ended saying nothing."""
    assert chat(db, "").strip() == NO_INPUT
    assert NO_INPUT not in chat(db, "quit\n")


def test_chat_with_no_input_keeps_its_echo_command_on_one_line_on_80_columns(db: Path) -> None:
    """Piped to a log (rich's 80 columns), the sentence was cut inside the command to copy:
    `…pipe them in: echo` then `"your question" | articlebot chat` on the next line."""
    result = CliRunner().invoke(main, ["chat", "--db", str(db)], input="", env={"COLUMNS": "80"})
    assert result.output.splitlines() == [NO_INPUT]


def test_the_commands_help_names_the_first_steps_and_each_command_in_one_line() -> None:
    """`articlebot --help` cut most commands' descriptions short ("(creates the...")."""
    text = CliRunner().invoke(main, ["--help"], terminal_width=80).output.split("Commands:")
    assert ("First steps" in text[0], "articlebot reindex [FOLDER]" in text[0], "..." in text[1]) == (True, True, False)
