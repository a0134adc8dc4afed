"""Tests for the articlebot command line (in-process, with click's CliRunner)."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.console.chat import COMMANDS, HELP_INTRO
from bot.console.cli import main
from index.config import EngineConfig
from index.engine import Engine
from index.models import Answer
from tests.conftest import SEEDS

QUOTE_KEYS = {"text", "highlight", "title", "author", "source", "url", "paragraph", "start", "end",
              "excerpt", "excerpt_start", "excerpt_end", "score"}


@pytest.fixture
def db(tmp_path: Path, library: Path) -> Path:
    """A database with the seed and fixtures indexed through the CLI."""
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_reindex_prints_counts(tmp_path: Path, library: Path) -> None:
    """reindex reports added/skipped counts and exits 0; the second run skips all."""
    path = tmp_path / "r.db"
    first = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path), "--json"])
    second = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path), "--json"])
    assert json.loads(first.output)["added"] == 3
    assert (json.loads(second.output)["added"], json.loads(second.output)["skipped"]) == (0, 3)
    assert second.exit_code == 0


def test_reindex_names_bad_files(tmp_path: Path, library: Path) -> None:
    """A bad file is named with its reason in the summary."""
    (library / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "b.db")])
    assert "empty.txt: the file is empty" in result.output
    assert result.exit_code == 0


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


def test_chat_reads_until_eof(db: Path) -> None:
    """chat answers each stdin line and ends at EOF, highlight marked in plain text."""
    result = CliRunner().invoke(main, ["chat", "--db", str(db)], input="what did Kirby say?\n")
    assert result.exit_code == 0
    assert "**“It’s not like we’re going to go out and investigate this,”" in result.output
    assert "Dave DeCamp, ¶3" in result.output


def test_ask_prints_the_answers_note_above_the_quotes(db: Path) -> None:
    """An answer with a note (nobody quotes the person asked about) shows it before the first quote."""
    result = CliRunner().invoke(main, ["ask", "--db", str(db), "What did Putin say?"], env={"COLUMNS": "1000"})
    lines = result.output.splitlines()
    assert (lines[0], lines[1].startswith("╭─ [1] ")) == (
        "I found no quote by Putin in the articles; these are the closest passages.", True)


def test_sources_json(db: Path) -> None:
    """sources --json lists every article with its passage count."""
    result = CliRunner().invoke(main, ["sources", "--json", "--db", str(db)])
    counts = {item["title"]: item["passages"] for item in json.loads(result.output)}
    assert counts["US Not Concerned About Ukrainian Attacks in Russia Escalating the War"] == 6


def test_start_without_token_opens_chat(db: Path) -> None:
    """start with no token explains itself and runs the console chat."""
    result = CliRunner().invoke(main, ["start", "--db", str(db)], input="what did Kirby say?\n")
    assert result.exit_code == 0
    assert "DISCORD_TOKEN" in result.output
    assert "Dave DeCamp" in result.output


# -- read-only commands and missing or empty databases ------------------------------------------

WIDE = {"COLUMNS": "1000"}  # one line per message, so a sentence can be compared whole
READ_ONLY = [["ask", "what did Kirby say?"], ["ask", "--json", "what did Kirby say?"], ["chat"], ["sources"],
             ["sources", "--json"], ["start"]]


def no_index(path: Path) -> str:
    return (f"error: no index at {path}; build it with `articlebot reindex`, or point --db, "
            "ARTICLEBOT_INDEX__DB_PATH or index.db_path in the config at an existing one\n")


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_read_only_command_elsewhere_says_there_is_no_index(args: list[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a folder without data/, a read-only command names the missing index, exits 2, creates nothing."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, input="what did Kirby say?\n", env=WIDE)
    assert (result.exit_code, result.stdout, result.stderr.replace(
        "No Discord token configured (set DISCORD_TOKEN): opening the console chat.\n", "")) == (
        2, "", no_index(tmp_path / "data" / "articlebot.db"))
    assert list(tmp_path.iterdir()) == []


def test_ask_with_a_missing_db_creates_nothing(tmp_path: Path) -> None:
    """`ask --db <missing file>` exits 2 naming the path, and neither the file nor its folder appears."""
    missing = tmp_path / "nowhere" / "articlebot.db"
    result = CliRunner().invoke(main, ["ask", "what did Kirby say?", "--db", str(missing)], env=WIDE)
    assert (result.exit_code, result.stderr, (tmp_path / "nowhere").exists()) == (2, no_index(missing), False)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database that exists but holds no article (reindexed from an empty folder)."""
    (tmp_path / "empty").mkdir()
    path = tmp_path / "empty.db"
    CliRunner().invoke(main, ["reindex", str(tmp_path / "empty"), "--db", str(path)])
    assert path.is_file()
    return path


@pytest.mark.parametrize("args", [["ask", "what did Kirby say?"], ["chat"]], ids=" ".join)
def test_question_to_an_empty_index_says_to_reindex(args: list[str], empty_db: Path) -> None:
    """ask and chat on an index without articles say so and to run reindex, instead of 'no passage answers'."""
    result = CliRunner().invoke(main, [*args, "--db", str(empty_db)], input="what did Kirby say?\n", env=WIDE)
    assert (result.exit_code, result.stderr) == (2, (
        f"error: the index at {empty_db} holds no articles; run `articlebot reindex` to index the article "
        "folders (seeds)\n"))


def test_sources_of_an_empty_index_says_to_reindex(empty_db: Path) -> None:
    """sources on an index without articles says so (exit 0: an empty list is an answer)."""
    result = CliRunner().invoke(main, ["sources", "--db", str(empty_db)], env=WIDE)
    assert (result.exit_code, result.output) == (
        0, f"No articles are indexed in {empty_db}; run `articlebot reindex`.\n")


# -- refused questions ----------------------------------------------------------------------------

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


# -- reindex: empty folders, exit status, duplicates ------------------------------------------------

def test_reindex_folder_without_article_files_says_so_and_exits_1(tmp_path: Path) -> None:
    """A folder with no article file (.txt, .md, .markdown, .html, .htm) is named as such, and the reindex exits 1."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["reindex", str(folder), "--db", str(tmp_path / "r.db")])
    assert (result.exit_code, result.output.splitlines()[1:]) == (
        1, [f"  bad: {folder}: no article files (.md, .htm, .txt, .html, .markdown) found in this folder"])


@pytest.mark.parametrize("configured", [True, False], ids=["configured", "given"])
def test_reindex_with_a_missing_folder_exits_1_even_when_others_index(tmp_path: Path, library: Path,
                                                                      configured: bool) -> None:
    """A missing folder, configured or given, exits 1 although the other folder was indexed."""
    missing = tmp_path / "seeds"
    db = tmp_path / "r.db"
    if configured:
        config = tmp_path / "c.toml"
        config.write_text(f'[index]\narticle_dirs = ["{library}", "seeds"]\n')
        args = ["reindex", "--config", str(config), "--db", str(db), "--json"]
    else:
        args = ["reindex", str(library), str(missing), "--db", str(db), "--json"]
    result = CliRunner().invoke(main, args)
    report = json.loads(result.output)
    assert (result.exit_code, report["articles"], report["bad"]) == (
        1, 3, [{"path": str(missing), "reason": "no such file or folder"}])


def test_reindex_counts_duplicates_in_one_line(tmp_path: Path, library: Path) -> None:
    """Five copies of one article: one counted line naming the first three, relative to the folder."""
    seed = library / "000_d3689b044ccb29bf.txt"
    for n in range(5):
        (library / f"copy{n}.txt").write_bytes(seed.read_bytes())
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "r.db")])
    assert (result.exit_code, result.output.splitlines()[1:]) == (0, [
        "  duplicates: 5 files repeat another file's text (indexed once): copy0.txt, copy1.txt, copy2.txt "
        "and 2 more; --verbose lists each"])


# -- chat commands ------------------------------------------------------------------------------------

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


# -- sources and shared options ------------------------------------------------------------------

def test_sources_shows_paths_inside_the_article_folder_relative_to_it(db: Path, library: Path, tmp_path: Path) -> None:
    """With the folder configured, the Source column shows the file name and a caption names the folder."""
    config = tmp_path / "c.toml"
    config.write_text(f'[index]\narticle_dirs = ["{library}"]\n')
    result = CliRunner().invoke(main, ["sources", "--db", str(db), "--config", str(config)], env=WIDE)
    assert ("│ 000_d3689b044ccb29bf.txt" in result.output, str(library / "000") in result.output,
            f"Source paths are relative to {library}" in result.output) == (True, False, True)


def test_sources_folds_a_long_path_instead_of_cutting_it(db: Path, library: Path) -> None:
    """Outside the configured folders the full path is shown at 80 columns, folded over lines, never cut."""
    result = CliRunner().invoke(main, ["sources", "--db", str(db)], env={"COLUMNS": "80"})
    source_column = "".join(line.split("│")[4].strip() for line in result.output.splitlines() if line.count("│") == 5)
    assert ("…" in result.output, str(library / "000_d3689b044ccb29bf.txt") in source_column) == (False, True)


INDEX_COMMANDS = ["reindex", "ask", "chat", "sources", "start", "run", "sync", "stats"]


def test_every_command_on_the_index_takes_the_same_db_and_config() -> None:
    """The commands that open the index all take --db and --config, with the same help."""
    ctx = click.Context(main)
    helps = {name: {p.name: p.help for p in main.get_command(ctx, name).params if p.name in {"db", "config"}}
             for name in INDEX_COMMANDS}
    assert all(options == helps["ask"] for options in helps.values()) and set(helps["ask"]) == {"db", "config"}


def test_the_executable_leaves_the_garbage_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``articlebot`` pauses the collector while importing the command, not for the command."""
    from bot.console import launch

    monkeypatch.setattr(sys, "argv", ["articlebot", "--help"])
    try:
        with pytest.raises(SystemExit):
            launch.main()
        assert gc.isenabled()
    finally:
        gc.unfreeze()


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
