"""Short replies: the bold sentence with one sentence either side, and only quotes worth reading."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.console.render import render_answer
from bot.discord_bot import render
from index.engine import Engine
from tests.conftest import make_config

LONG = ("Harbour plans unveiled\n\n"
        "The council met on Monday. Officials discussed the weather. The harbour will be rebuilt "
        "for 12 million pounds, the mayor said. Work starts in May. Fishermen welcomed the news. "
        "Several shops will close during the works. The ferry keeps running.\n")
TYPO_COPY = ("Harbour repairs\n\n"
             "Readers wrote in. The harbour will be rebuilt for 12 milion pounds, the mayor said. "
             "Nothing else changed.\n")
OTHER = ("Bridge repairs\n\n"
         "The old bridge will be rebuilt next year, engineers said.\n")


async def ask(tmp_path: Path, files: dict[str, str], question: str, **options: object):
    folder = tmp_path / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        return await engine.ask(question, **options)


async def test_a_quote_shows_its_bold_sentence_with_one_sentence_either_side(tmp_path: Path) -> None:
    answer = await ask(tmp_path, {"harbour.txt": LONG}, "For what will the harbour be rebuilt, in pounds?")
    quote = answer.quotes[0]
    assert quote.highlight == "The harbour will be rebuilt for 12 million pounds, the mayor said."
    assert quote.excerpt == ("Officials discussed the weather. The harbour will be rebuilt for 12 million pounds, "
                             "the mayor said. Work starts in May.")
    assert quote.text.startswith("The council met on Monday.")  # the whole paragraph stays in the answer
    shown = render.quote_markdown(quote)
    assert shown.startswith("… Officials discussed") and shown.endswith("Work starts in May. …")
    assert "Fishermen" not in shown
    console = Console(file=io.StringIO(), width=300)
    console.print(render_answer(answer, plain=True))
    printed = console.file.getvalue()
    assert "… Officials discussed the weather. **The harbour will be rebuilt" in printed
    assert "Fishermen" not in printed


async def test_the_same_sentence_with_a_typo_elsewhere_is_one_quote(tmp_path: Path) -> None:
    """The repost ("milion") and the original are near-copies: one is shown, the other waits behind More."""
    answer = await ask(tmp_path, {"harbour.txt": LONG, "copy.txt": TYPO_COPY, "bridge.txt": OTHER},
                       "For what will the harbour be rebuilt, in pounds?", top=3, every=True)
    highlights = [q.highlight for q in answer.quotes]
    assert sum("12 mil" in h for h in highlights) == 1
    assert any("12 mil" in q.highlight for q in answer.more)
    assert [q.citation.title for q in answer.quotes][-1] == "Bridge repairs"  # shown however it scores: asked for


async def test_quotes_far_below_the_first_are_not_shown_unless_asked_for(tmp_path: Path) -> None:
    files = {"harbour.txt": LONG, "bridge.txt": OTHER}
    question = "For what will the harbour be rebuilt, in pounds?"
    default = await ask(tmp_path, files, question)
    asked_for = await ask(tmp_path / "again", files, question, top=2, every=True)
    assert [q.citation.title for q in default.quotes] == ["Harbour plans unveiled"]
    assert [q.citation.title for q in default.more] == ["Bridge repairs"]
    assert [q.citation.title for q in asked_for.quotes] == ["Harbour plans unveiled", "Bridge repairs"]


def test_a_first_reply_fits_two_thousand_characters() -> None:
    """Three long quotes with long titles: content and embeds of the first reply stay within 2,000."""
    from index.models import Citation, Quote

    sentence = "A sentence of the passage that goes on and on about the harbour works. " * 6
    text = sentence + "The harbour will cost 12 million pounds. " + sentence
    start = len(sentence)
    quotes = [Quote(text, text[start:start + 40], start, start + 40, Citation("T" * 250, "A" * 100, n, "s"),
                    0, len(text), 1.0, n, n, excerpt_start=0, excerpt_end=len(text)) for n in (1, 2, 3)]
    embeds = render.quote_embeds(quotes, 3, render.REPLY_CHARS - 60)
    assert sum(len(e) for e in embeds) <= render.REPLY_CHARS - 60
    assert all("**The harbour will cost 12 million pounds.**" in e.description for e in embeds)
