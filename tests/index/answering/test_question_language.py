"""A question in another language is searched as written, never respelled into English."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answering.question_language import foreign_language
from index.config import EngineConfig
from index.engine import Engine

CONVERSATION_ARTICLES = Path(__file__).resolve().parents[1] / "conversation" / "articles"


@pytest.mark.parametrize(("question", "language"), [
    ("Qui a gagné le prix ?", "French"),
    ("Wer hat die Wahl gewonnen?", "German"),
    ("¿Quién ganó las elecciones?", "Spanish"),
    ("Chi ha vinto le elezioni?", "Italian"),
    ("Кто выиграл выборы?", "Russian"),  # no word list: named by CLD2
    # beyond the word lists: read by CLD2
    ("Kto wygrał wybory?", "Polish"),
    ("Hur mycket kostade filmen?", "Swedish"),
    ("Hvem vant valget?", "Norwegian"),
    ("Wie heeft de verkiezingen gewonnen?", "Dutch"),
    ("Kuka voitti vaalit?", "Finnish"),
    ("Kdo vyhrál volby?", "Czech"),
    ("Vem vann valet?", "another language"),  # CLD2 says Portuguese, but no Portuguese function word is there
    ("谁赢得了选举？", "Chinese"),  # one "word" the whole question
    ("選挙に勝ったのは誰ですか？", "Japanese"),
    ("Ποιος κέρδισε τις εκλογές;", "Greek"),
])
def test_questions_in_other_languages_are_told_apart(question: str, language: str) -> None:
    assert foreign_language(question) == language


@pytest.mark.parametrize("question", [
    "What did Ursula von der Leyen say?", "Who is Charles de Gaulle?", "Las Vegas hotel prices",
    "wat did Carter sey abut Wimbledon?", "Who owns the café in Zürich?", "Did the hat die?",
    "Yukos shares", "Blair election date", "Oscar best actor", "Zürich?", "Beyoncé",
])
def test_english_questions_with_foreign_names_or_typos_stay_english(question: str) -> None:
    assert foreign_language(question) is None


async def test_a_german_question_is_not_respelled_and_says_questions_are_read_in_english(tmp_path: Path) -> None:
    async with await Engine.open(EngineConfig(db_path=tmp_path / "db.sqlite",
                                              article_dirs=(CONVERSATION_ARTICLES,))) as engine:
        await engine.reindex()
        german = await engine.ask("Wer hat die Wahl gewonnen?")
        assert not german.answered and not german.corrected
        assert "Questions are read in English" in german.note and "German" in german.note
        typo = await engine.ask("What did the chief executvie say?")
        assert typo.answered and typo.corrected == "What did the chief executive say?"


async def test_a_polish_question_is_not_respelled_but_a_list_of_the_archives_names_is(tmp_path: Path) -> None:
    """CLD2 reads "Kto wygrał wybory?" as Polish; lower-case names the archive holds
    ("khodorkovsky yukos", which CLD2 alone reads as Tatar) are no other language: their typo
    is corrected."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "yukos.txt").write_text("Khodorkovsky quits Yukos shares\n\nMikhail Khodorkovsky has handed his "
                                      "Yukos shares to a business partner, his lawyers said.\n", encoding="utf-8")
    async with await Engine.open(EngineConfig(db_path=tmp_path / "db.sqlite", article_dirs=(folder,))) as engine:
        await engine.reindex()
        polish = await engine.ask("Kto wygrał wybory?")
        assert not polish.answered and not polish.corrected and "reads as Polish" in polish.note
        names = await engine.ask("khodorkovksy yukos")
        assert names.corrected.startswith("khodorkovsk") and names.answered
