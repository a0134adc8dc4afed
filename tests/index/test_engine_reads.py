"""index.engine reads beside answers: a quote's neighbouring paragraphs, the sources list and the
titles for autocomplete."""

from __future__ import annotations

from pathlib import Path

from index.engine import Engine
from tests.conftest import SEED_TITLE, both_backends

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL


async def test_context_returns_neighbours(engine: Engine) -> None:
    """context() gives the quoted paragraph and its neighbours, the quote marked."""
    quote = (await engine.ask("what did Kirby say?")).quotes[0]
    around = await engine.context(quote.passage_id)
    assert [(c.paragraph, c.is_quote) for c in around] == [(2, False), (3, True), (4, False)]


async def test_sources_sort_titles_by_their_first_word_not_a_quote_mark(engine: Engine, library: Path) -> None:
    """"'Tomato' festival" lists with the Ts, not before every letter because of its quote mark."""
    (library / "festival.txt").write_text("'Tomato' festival\n\nThe festival opened on Sunday.\n\nIt ends on Monday.\n",
                                          encoding="utf-8")
    await engine.reindex()
    titles = [s.title for s in await engine.sources()]
    assert titles.index("'Tomato' festival") > titles.index("Growing Tomatoes on a Balcony")
    assert titles.index("'Tomato' festival") < titles.index(SEED_TITLE)


async def test_titles_for_autocomplete(engine: Engine) -> None:
    """titles() matches case-insensitively anywhere in the title."""
    assert await engine.titles("balcony") == ["Growing Tomatoes on a Balcony"]
    assert len(await engine.titles("", limit=2)) == 2
