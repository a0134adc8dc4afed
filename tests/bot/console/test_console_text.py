"""How the console prints: bold where a terminal shows it, Discord's hints for small talk, help
wrapped at words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.chat import COMMANDS, HELP_INTRO
from bot.console.cli import ASK_HELP_HINT, main
from bot.questions import VAGUE_TEXT, greeting_text

GREETING_TEXT = greeting_text(ASK_HELP_HINT)

WIDE = {"COLUMNS": "1000"}
KIRBY = "what did Kirby say?"
BOLD = "\x1b[1"


@pytest.fixture
def db(seed_db: Path) -> Path:
    return seed_db


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env={**WIDE, **(env or {})}, input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_terminal_shows_the_sentence_bold_and_no_stars(db: Path, command: str) -> None:
    # TTY_COMPATIBLE=1: rich takes the output for a terminal, as it does a real one.
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color"}
    output = run(command, "--db", str(db), *([KIRBY] if command == "ask" else []), env=terminal,
                 stdin=f"{KIRBY}\n" if command == "chat" else None)
    assert BOLD in output and "**" not in output


def test_a_terminal_without_styles_and_a_pipe_mark_the_sentence_with_stars(db: Path) -> None:
    dumb = run("ask", "--db", str(db), KIRBY, env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
    piped = run("ask", "--db", str(db), KIRBY)
    assert ("**" in dumb, BOLD in dumb, "**" in piped, BOLD in piped) == (True, False, True, False)


def test_json_answers_carry_no_marks(db: Path) -> None:
    answer = json.loads(run("ask", "--db", str(db), "--json", KIRBY, env={"TTY_COMPATIBLE": "1"}))
    assert answer["answered"] and not any("**" in quote["text"] or BOLD in quote["text"] for quote in answer["quotes"])


@pytest.mark.parametrize(("question", "reply"), [("hi", GREETING_TEXT), ("how many", VAGUE_TEXT),
                                                 ("How many?", VAGUE_TEXT)])
def test_ask_gives_small_talk_the_discord_reply_instead_of_quotes(db: Path, question: str, reply: str) -> None:
    assert run("ask", "--db", str(db), question) == reply + "\n"


def test_ask_small_talk_names_the_console_help_not_discords(db: Path) -> None:
    """`articlebot ask hi` points at `articlebot ask --help`: /help is a Discord command."""
    reply = run("ask", "--db", str(db), "hi")
    assert ("/help" in reply, "`articlebot ask --help` has more." in reply) == (False, True)


def test_ask_batch_answers_small_talk_in_its_place(db: Path, tmp_path: Path) -> None:
    batch = tmp_path / "questions.txt"
    batch.write_text(f"hello\n{KIRBY}\n", encoding="utf-8")
    lines = run("ask", "--db", str(db), "--batch", str(batch)).splitlines()
    assert lines[0] == GREETING_TEXT and lines[1].startswith("╭─ [1] ")


def test_chat_help_wraps_at_words_and_keeps_descriptions_in_their_column(db: Path) -> None:
    wide = run("chat", "--db", str(db), stdin="help\n").splitlines()
    assert wide[1] == HELP_INTRO  # one paragraph, not broken where the source line ended
    narrow = run("chat", "--db", str(db), env={"COLUMNS": "50"}, stdin="help\n").splitlines()[1:]
    intro = next(n for n, line in enumerate(narrow) if line.startswith("  "))
    assert " ".join(" ".join(narrow[:intro]).split()) == HELP_INTRO
    assert all(line.startswith("  ") and len(line) <= 50 for line in narrow[intro:])
    described = " ".join(line[14:].strip() for line in narrow[intro:])
    assert described == " ".join(what for _, what in COMMANDS)
