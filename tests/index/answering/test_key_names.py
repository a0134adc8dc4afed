"""A reply warns when the quoted article never mentions a name the question asks about."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from tests.conftest import make_config, write_articles

SAG = """Foxx and Swank win actors' awards

Jamie Foxx won the best actor prize at the Screen Actors Guild awards on Saturday for his role \
as Ray Charles. Hilary Swank was named best actress for Million Dollar Baby, and the cast of \
Sideways won the prize for the best ensemble.
"""

CUP = """Oscar and World Cup tickets sold out

Tickets for the Oscar ceremony and for the World Cup final sold out within minutes on Monday.
"""

SINGER = """Beyoncé to headline festival

Beyoncé will headline the festival in Glastonbury next summer, its organisers said. The singer \
last played there in 2011, when she sang for two hours on the Pyramid stage.
"""


async def _ask(tmp_path: Path, files: dict[str, str], question: str):
    folder = write_articles(tmp_path, files)
    async with await Engine.open(make_config(tmp_path, folder, answer_threshold=0.0)) as engine:
        await engine.reindex()
        return await engine.ask(question)


async def test_a_name_the_quoted_article_never_mentions_is_warned_of(tmp_path: Path) -> None:
    """'Who won the best actor Oscar?' answered from the Screen Actors Guild story: the
    name in bold fits, but the article never says Oscar (another article does: over an archive
    that never mentions it, the reply says so, test_absent_names)."""
    answer = await _ask(tmp_path, {"sag.txt": SAG, "singer.txt": SINGER, "cup.txt": CUP}, "Who won the best actor Oscar?")
    assert answer.quotes and "Jamie Foxx" in answer.quotes[0].highlight
    assert answer.note == "The closest article does not mention Oscar, so it may not answer the question."


async def test_a_run_of_capitalised_words_is_named_whole(tmp_path: Path) -> None:
    """'World Cup' is one name: the note names it as asked, next to a figure it lacks too."""
    answer = await _ask(tmp_path, {"sag.txt": SAG, "singer.txt": SINGER, "cup.txt": CUP},
                        "Who won the best actor prize at the 2022 World Cup awards?")
    assert answer.quotes and answer.quotes[0].citation.title == "Foxx and Swank win actors' awards"
    assert "does not mention 2022, World Cup" in answer.note


async def test_names_the_article_holds_in_another_spelling_are_not_warned_of(tmp_path: Path) -> None:
    """Without its accent ('Beyonce'), with one typo ('Glastonbery') or as another form of
    the word, a name the article holds is mentioned: no note."""
    answer = await _ask(tmp_path, {"sag.txt": SAG, "singer.txt": SINGER},
                        "When did Beyonce last play at Glastonbery?")
    assert answer.quotes and answer.quotes[0].citation.title == "Beyoncé to headline festival"
    assert answer.note == ""


FESTIVAL = """Festival line-up announced

Glastonbury's organisers named the headliners for next summer's festival on Monday, with tickets \
on sale from April.

The singer played for two hours on the Pyramid stage in 2011, closing the festival with a \
song written for it.
"""


async def test_a_name_held_by_another_paragraph_of_the_article_is_not_warned_of(tmp_path: Path) -> None:
    """The quoted paragraph does not say Glastonbury, the article's first one does: the
    article mentions it, so no note (the check reads the whole article when the passage lacks a name)."""
    answer = await _ask(tmp_path, {"festival.txt": FESTIVAL, "sag.txt": SAG},
                        "How long did the singer play on the Pyramid stage at Glastonbury?")
    assert answer.quotes and "Pyramid stage" in answer.quotes[0].text
    assert "Glastonbury" not in answer.quotes[0].text
    assert answer.note == ""
