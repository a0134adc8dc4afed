"""A question about a name the archive never mentions is refused saying so; a quote whose
article names what the question asks about comes before one whose article does not."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from index.models import Answer
from tests.conftest import asked, make_config, write_articles

SAG = """Foxx and Swank win actors' awards

Jamie Foxx won the best actor prize at the Screen Actors Guild awards on Saturday for his role \
as Ray Charles. Hilary Swank was named best actress for Million Dollar Baby, and the cast of \
Sideways won the prize for the best ensemble.
"""

CEREMONY = """Oscar ceremony date set

The Oscar ceremony will be held at the Kodak Theatre in Los Angeles on 27 February, its \
organisers said, with Chris Rock as host.
"""

GROCER = """Grocer files for bankruptcy

US supermarket group Winn-Dixie has filed for bankruptcy protection after succumbing to stiff \
competition in a market dominated by Wal-Mart.
"""

OIL = """Oil firm's US court case

Yukos made its surprise bankruptcy filing in Houston in December in an attempt to halt the \
auction of its main oil unit by the Russian authorities, which want $27bn in back taxes.

Yukos shares have fallen sharply since the tax claims began, and its founder is in jail.

Russian officials say Yukos must pay its tax debts in full.
"""

SHARES = """Yukos shares slide again

Shares in Yukos fell 10% in Moscow on Monday as investors weighed the tax claims against Yukos.

Yukos said it would keep pumping oil for now.
"""

UNIT = """Yukos unit sold at auction

Yukos lost its main unit at an auction in Moscow, where a little-known firm paid $9bn for it.
"""


async def _ask(tmp_path: Path, files: dict[str, str], question: str) -> Answer:
    folder = write_articles(tmp_path, files)
    async with await Engine.open(make_config(tmp_path, folder, answer_threshold=0.0)) as engine:
        await engine.reindex()
        return await engine.ask(question)


async def test_a_name_no_article_mentions_is_said_when_refused_and_when_answered(tmp_path: Path) -> None:
    """Over an archive that never names Freedonia nor the Oscars: 'Who is the president of
    Freedonia?' is refused saying why, with the closest article still offered; 'Who won the
    best actor Oscar?' is answered from the Screen Actors Guild story, saying that the archive
    never mentions Oscar (the reply names what is missing, not only the quoted article)."""
    refused, answered = await asked(tmp_path, {"sag.txt": SAG, "grocer.txt": GROCER},
                                    "Who is the president of Freedonia?", "Who won the best actor Oscar?")
    assert (refused.answered, refused.quotes) == (False, ())
    assert refused.note == "The archive never mentions Freedonia, so no article answers that."
    assert answered.quotes and "Jamie Foxx" in answered.quotes[0].highlight
    assert answered.note == "The archive never mentions Oscar, so this may not answer the question."


async def test_a_name_the_archive_holds_elsewhere_is_answered_with_the_warning(tmp_path: Path) -> None:
    """With an article about the Oscar ceremony indexed too, the archive mentions Oscar: the
    Screen Actors Guild story still answers first (the ceremony story holds none of the
    question's other words), warned that its article does not mention Oscar."""
    answer = await _ask(tmp_path, {"sag.txt": SAG, "ceremony.txt": CEREMONY}, "Who won the best actor Oscar?")
    assert answer.quotes and "Jamie Foxx" in answer.quotes[0].highlight
    assert answer.note == "The closest article does not mention Oscar, so it may not answer the question."


async def test_a_misspelt_name_the_respelling_corrects_is_not_refused(tmp_path: Path) -> None:
    """'Yukkos' is respelt to the archive's 'Yukos': the archive mentions it."""
    answer = await _ask(tmp_path, {"grocer.txt": GROCER, "oil.txt": OIL}, "Why did Yukkos file for bankruptcy?")
    assert answer.answered and answer.quotes[0].citation.title == "Oil firm's US court case"


async def test_the_quote_whose_article_names_the_subject_comes_first(tmp_path: Path) -> None:
    """'Why did Yukos file for bankruptcy?': the grocer's filing is worded closer to the question,
    but its article never names Yukos; the Yukos story, which holds the question's words too,
    comes first and nothing is warned of."""
    answer = await _ask(tmp_path, {"grocer.txt": GROCER, "oil.txt": OIL, "shares.txt": SHARES, "unit.txt": UNIT},
                        "Why did Yukos file for bankruptcy?")
    assert answer.quotes[0].citation.title == "Oil firm's US court case"
    assert "Grocer files for bankruptcy" in [q.citation.title for q in (*answer.quotes, *answer.more)]
    assert answer.note == ""
