"""`articlebot ask`: the JSON contract, batches, notes, refused questions and what it imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from tests.bot.console.conftest import WIDE
from tests.conftest import SEEDS

QUOTE_KEYS = {"text", "highlight", "title", "author", "source", "url", "paragraph", "start", "end",
              "excerpt", "excerpt_start", "excerpt_end", "score"}


def test_ask_json_schema(db: Path, library: Path) -> None:
    """ask --json prints the contract, with offsets into the decoded source."""
    result = CliRunner().invoke(main, ["ask", "--json", "--db", str(db),
                                       "Which fighter jets did Poland offer to send to Ukraine?"])
    payload = json.loads(result.output)
    assert set(payload) == {"question", "answered", "quotes", "suggestions"}
    assert payload["answered"] is True
    quote = payload["quotes"][0]
    assert set(quote) == QUOTE_KEYS
    assert "MiG-29" in quote["text"]
    source = (library / "000_d3689b044ccb29bf.txt").read_text(encoding="utf-8")
    assert source[quote["start"]:quote["end"]] == quote["text"]
    assert source[quote["excerpt_start"]:quote["excerpt_end"]] == quote["excerpt"]
    assert quote["highlight"] in quote["excerpt"] and quote["excerpt"] in quote["text"]


def test_ask_unanswerable_json(db: Path) -> None:
    """An unrelated question prints answered: false."""
    result = CliRunner().invoke(main, ["ask", "--json", "--db", str(db), "What is a good recipe for banana bread?"])
    assert json.loads(result.output)["answered"] is False


def test_ask_batch_keeps_order(db: Path, tmp_path: Path) -> None:
    """--batch prints one JSON line per question, in input order."""
    questions = tmp_path / "q.txt"
    questions.write_text("what did Kirby say?\nWhat is a good recipe for banana bread?\n\nwhat is it?\n")
    result = CliRunner().invoke(main, ["ask", "--batch", str(questions), "--json", "--db", str(db)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["question"] for line in lines] == ["what did Kirby say?", "What is a good recipe for banana bread?",
                                                     "what is it?"]
    assert [line["answered"] for line in lines] == [True, False, False]
    assert "error" in lines[2]


def test_ask_too_long_exits_2(db: Path) -> None:
    """A question over the limit prints one sentence and exits 2."""
    result = CliRunner().invoke(main, ["ask", "--db", str(db), "word " * 500])
    assert result.exit_code == 2
    assert "please keep it under" in result.output


def test_ask_a_follow_up_alone_asks_for_a_question_first(db: Path) -> None:
    """"what else did he say?" has no last answer in a one-shot ask: one sentence, exit 2."""
    result = CliRunner().invoke(main, ["ask", "--db", str(db), "what else did he say?"])
    assert result.exit_code == 2
    assert "Ask a question first; “what else did he say?” follows up on the last answer." in " ".join(result.output.split())


def test_ask_prints_the_answers_note_above_the_quotes(db: Path) -> None:
    """An answer with a note (nobody quotes the person asked about) shows it before the first quote."""
    result = CliRunner().invoke(main, ["ask", "--db", str(db), "What did Putin say?"], env={"COLUMNS": "1000"})
    lines = result.output.splitlines()
    assert (lines[0], lines[1].startswith("╭─ [1] ")) == (
        "I found no quote by Putin in the articles; these are the closest passages.", True)


@pytest.mark.parametrize(("question", "error"), [
    ("", "Ask a question: the message was empty."),
    ("🤔", "That question has no words to search for; name who or what you are asking about."),
])
def test_refused_question_with_json_prints_its_object_and_exits_2(db: Path, question: str, error: str) -> None:
    """ask --json on a refused question prints the --batch object with an "error" key, and exits 2."""
    result = CliRunner().invoke(main, ["ask", "--json", "--db", str(db), question])
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (
        2, {"question": question, "answered": False, "quotes": [], "suggestions": [], "error": error}, "")


def test_refused_line_of_a_plain_batch_is_an_error_line(db: Path, tmp_path: Path) -> None:
    """ask --batch without --json reports a refused line on stderr (not as JSON) and goes on, exit 0."""
    questions = tmp_path / "q.txt"
    questions.write_text("🤔\nwhat did Kirby say?\n")
    result = CliRunner().invoke(main, ["ask", "--batch", str(questions), "--db", str(db)], env=WIDE)
    assert (result.exit_code, result.stderr, "Dave DeCamp, ¶3" in result.stdout) == (
        0, "error: That question has no words to search for; name who or what you are asking about.\n", True)


def test_ask_loads_only_what_a_question_needs(tmp_path: Path) -> None:
    """`articlebot ask` imports neither discord.py, eval or bench code, nor what reading files or
    fetching pages needs (the HTML extractor, aiohttp), nor numba (a saved index is summed in numpy)."""
    db = tmp_path / "db" / "a.db"
    subprocess.run([sys.executable, "-m", "bot", "reindex", "--db", str(db), str(SEEDS)],
                   capture_output=True, timeout=300, check=True)
    heavy = ["aiohttp", "discord", "index.benchmark", "index.evaluation", "numba", "rank_bm25", "trafilatura"]
    code = ("import sys\nfrom click.testing import CliRunner\nfrom bot.console.cli import main\n"
            f"result = CliRunner().invoke(main, ['ask', '--db', {str(db)!r}, 'what did Kirby say?'])\n"
            f"print(result.exit_code, [h for h in {heavy!r} if any(m == h or m.startswith(h + '.') for m in sys.modules)])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_ask_without_a_question_says_what_to_give(db: Path, tmp_path: Path) -> None:
    """`articlebot ask` alone said "give a QUESTION or --batch FILE (not both)", "not both" to a
    newcomer who gave neither; a question with --batch is still refused as both. Exit 2 each."""
    alone = CliRunner().invoke(main, ["ask", "--db", str(db)])
    questions = tmp_path / "q.txt"
    questions.write_text("what did Kirby say?\n", encoding="utf-8")
    both = CliRunner().invoke(main, ["ask", "what did Kirby say?", "--batch", str(questions), "--db", str(db)])
    assert (alone.exit_code, "give the question to ask" in alone.output, "not both" in alone.output) == (2, True, False)
    assert (both.exit_code, "not both" in both.output) == (2, True)
