"""Within the first quote's article, the passage whose figure sits beside more of the question comes first."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from tests.conftest import make_config, write_articles

SALES = ("Carmakers report February sales\n\n"
         "Carmakers reported their figures on Tuesday.\n\n"  # a lede: the paragraphs below are no lede
         "Honda's sales rose strongly in February, dealers said: sales of Honda cars rose in February and "
         "sales of Honda trucks rose too, and Honda expects the same in March.\n\n"
         "The firm, whose factories in Ohio and Alabama worked extra shifts through the winter to meet demand "
         "from dealers across the country, said its own sales rose 9% on the month.\n\n"
         "Analysts expect a quieter March.\n")
FILLER = {f"council{i}.txt": f"Council meeting {i}\n\nThe council met on day {i} to talk about roads and parks.\n\n"
          "Residents asked about bins and buses.\n" for i in range(8)}


async def ask(tmp_path: Path, question: str, **overrides: object) -> tuple[str, int]:
    """The top quote's bold sentence and paragraph number over SALES and a few other stories."""
    folder = write_articles(tmp_path, {"sales.txt": SALES, **FILLER})
    async with await Engine.open(make_config(tmp_path, folder, **overrides)) as engine:
        await engine.reindex()
        answer = await engine.ask(question)
    assert answer.answered
    return answer.quotes[0].highlight, answer.quotes[0].citation.paragraph


async def test_the_figure_beside_the_asked_subject_comes_first(tmp_path: Path) -> None:
    """"How much did Honda's sales rise?": the re-rank puts first the paragraph saying Honda, sales,
    rose and February, which holds no figure; the one below, where "its own sales rose 9%", is quoted first."""
    assert (await ask(tmp_path, "How much did Honda's sales rise in February?"))[1] == 3


async def test_without_the_rule_the_paragraph_without_a_figure_comes_first(tmp_path: Path) -> None:
    """With ``figure_first_share = 0`` the same question quotes the Honda paragraph (the test above can fail)."""
    assert (await ask(tmp_path, "How much did Honda's sales rise in February?", figure_first_share=0.0))[1] == 2


async def test_a_question_asking_no_figure_keeps_the_first_quote(tmp_path: Path) -> None:
    """"Who expects the same in March?" asks for a name, not a figure."""
    assert (await ask(tmp_path, "Who expects the same in March?"))[1] == 2
