"""Typos in questions: the indexed words a typed word may misspell, and the question as meant."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

from click.testing import CliRunner
from rapidfuzz.distance import OSA

from bot.console.cli import main
from index.answering.spelling import Spelling, english_words, max_edits
from index.answering.word_rarity import english_frequencies
from index.engine import Engine
from index.tokenize import stem
from tests.conftest import make_config, write_articles

COUNTS = {"accomplish": 3, "tackl": 3, "ukrain": 5, "council": 1, "counsel": 2, "torn": 3,
          "intercept": 3, "championship": 3, "hunt": 3}


def spelling() -> Spelling:
    return Spelling(COUNTS.items())


def nearest(word: str) -> str | None:
    found = spelling().candidates(word)
    return found[0].term if found else None


def test_one_edit_or_a_swap_is_a_candidate() -> None:
    assert nearest("tackel") == "tackl"  # "tackels", stemmed
    assert nearest("ukrian") == "ukrain"  # two neighbours swapped count as one edit
    assert nearest("accomlish") == "accomplish"


def test_two_edits_only_from_nine_letters() -> None:
    assert nearest("intrcpetoin") is None  # 3 edits from "intercept"
    with_english = Spelling(COUNTS.items(), english_words(english_frequencies())).candidates("intercpetion")
    assert (with_english[0].word, with_english[0].term) == ("interception", "intercept")  # 1 from the word
    assert nearest("champonshipt") == "championship"
    assert nearest("acomlishh") is None  # 3 edits


def test_words_under_four_letters_and_numbers_have_no_candidates() -> None:
    assert max_edits("tor") == 0 and spelling().candidates("tor") == []
    assert spelling().candidates("1990s") == []


def test_the_commoner_of_equally_close_terms_comes_first() -> None:
    assert nearest("counsil") == "counsel"  # both one edit; in more documents
    assert Spelling({"council": 9, "counsel": 1}.items()).candidates("counsil")[0].term == "council"


def test_a_word_the_stemmer_mangles_is_found_through_english() -> None:
    """"cuting" stems to "cute"; the English word "cutting" one edit off is read as "cut"."""
    found = Spelling({"cut": 5}.items(), english_words(english_frequencies())).candidates("cuting")
    assert [(c.word, c.term, c.distance) for c in found][:1] == [("cutting", "cut", 1)]


def test_symmetric_delete_finds_what_a_full_scan_finds() -> None:
    """The prefix-limited delete index finds what a scan of every term finds (within the typed
    word's allowance, from the word and from its stem)."""
    rng = random.Random(7)
    vocabulary = {"".join(rng.choice("abcdefgh") for _ in range(rng.randint(4, 11))) for _ in range(3000)}
    index = Spelling((t, 1) for t in vocabulary)
    for _ in range(200):
        word = "".join(rng.choice("abcdefgh") for _ in range(rng.randint(4, 11)))
        edits = max_edits(word)
        scanned = {t for t in vocabulary for typed in (word, stem(word)) if OSA.distance(typed, t) <= edits}
        assert {c.term for c in index.candidates(word)} == scanned, word
    assert not set(string.digits) & set("".join(vocabulary))


async def test_question_with_typos_finds_its_passage(tmp_path: Path, library: Path) -> None:
    """"Councilor" and "libary" are in no article: read as "councillor" and "library", it is answered."""
    question = "Which councilor opposed the libary budget?"
    async with await Engine.open(make_config(tmp_path, library)) as engine:
        await engine.reindex()
        answer = await engine.ask(question)
    assert answer.answered
    assert answer.question == question
    assert answer.corrected == "Which councillor opposed the library budget?"
    assert answer.quotes[0].highlight == "Councillor Ben Okafor opposed the plan."


DOUGHNUTS = ("Krispy Kreme shares hit\n\n"
             "Shares in Krispy Kreme Doughnuts fell after the firm said it would restate its accounts.\n")
DAIRY = ("Dairy farmers cheer\n\n"
         "Cream prices rose again, and farmers said the dream of a fair price was coming true. "
         "Shares in the dairy group rose too.\n")
HUNTING = ("Fox hunting ban\n\nThe hunt met for the last time before the ban, and the hunt master spoke "
           "outside the building.\n")


async def short_word_engine(tmp_path: Path) -> Engine:
    folder = write_articles(tmp_path, {"kreme.txt": DOUGHNUTS, "dairy.txt": DAIRY, "hunt.txt": HUNTING})
    engine = await Engine.open(make_config(tmp_path, folder))
    await engine.reindex()
    return engine


async def test_a_short_word_is_read_as_the_title_word_beside_the_questions_other_words(tmp_path: Path) -> None:
    """"Kream" is one edit from "cream" and "dream" but two from "Kreme", which shares its title
    with "Krispy": it is read as "Kreme"."""
    async with await short_word_engine(tmp_path) as engine:
        answer = await engine.ask("Krispy Kream shares")
    assert answer.answered
    assert answer.corrected == "Krispy Kreme shares"
    assert answer.quotes[0].citation.title == "Krispy Kreme shares hit"


async def test_a_common_english_word_is_taken_as_written(tmp_path: Path) -> None:
    """"hurt" is one edit from the indexed "hunt" but is an English word: it is not changed."""
    async with await short_word_engine(tmp_path) as engine:
        answer = await engine.ask("Who was hurt at the hunt?")
        rebuilding = await engine.ask("Who spoke about rebuilding after the hunt?")
    assert answer.corrected == ""
    assert rebuilding.corrected == ""  # "rebuilding" is one edit from "building", and English


def test_ask_json_and_console_say_what_was_searched(tmp_path: Path) -> None:
    """`ask --json` has "corrected"; the console prints "Showing results for *…*"."""
    folder = write_articles(tmp_path, {"kreme.txt": DOUGHNUTS, "dairy.txt": DAIRY})
    db = str(tmp_path / "db" / "test.db")
    runner = CliRunner()
    assert runner.invoke(main, ["reindex", "--db", db, str(folder)]).exit_code == 0
    asked = json.loads(runner.invoke(main, ["ask", "--db", db, "--json", "Krispy Kream shares"]).output)
    printed = runner.invoke(main, ["ask", "--db", db, "Krispy Kream shares"]).output
    plain = json.loads(runner.invoke(main, ["ask", "--db", db, "--json", "Krispy Kreme shares"]).output)
    assert asked["question"] == "Krispy Kream shares"
    assert asked["corrected"] == "Krispy Kreme shares"
    assert "corrected" not in plain
    assert printed.startswith("Showing results for *Krispy Kreme shares*")


SPEAKER = ("Levy plan announced\n\n"
           "\"It is a fair plan for every town,\" said Tom Berson, the council leader.\n")
PERSON = ("Rights of a person\n\nA person may say no to the survey, officials say.\n\n"
          "Each person can say what they think at the hearing.\n\n"
          "No person has to say where they live, the rules say.\n")


async def test_an_indexed_name_is_read_as_written(tmp_path: Path) -> None:
    """"Berson" is in one passage, unknown to English and one edit from "person", which shares
    passages with "say": written as a name, it is taken as meant (the speaker eval lost
    "What did Berson say?" to "What did Person say?")."""
    folder = write_articles(tmp_path, {"levy.txt": SPEAKER, "person.txt": PERSON})
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Berson say?")
        lower = await engine.ask("what did the persn say about the survey?")
    assert answer.corrected == ""
    assert answer.quotes[0].speaker == "Tom Berson"
    assert lower.corrected == "what did the person say about the survey?"  # a lower-case typo is still read as meant
