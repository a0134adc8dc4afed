"""Guarantee 4 (renderer and query halves) with hypothesis.

Renderer: for arbitrary quote text, titles, authors, paths and questions, every message stays
within Discord's limits (the fake Discord's own checker), carries no live mention, and leaves
no markdown of the article's making: after dropping backslash escapes, the only markdown left
in a quote embed is the one ``**…**`` pair around the highlight. (``tests/bot/discord_bot/test_render.py``
already fuzzes quote lengths and mentions in quote text.)
Query path: arbitrary Unicode questions, empty or 10k characters, never raise anything but a
``QueryError`` with a sentence; over the limit it is always the "too long" sentence.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord_bot import render
from index.engine import Engine
from index.errors import QueryError, QuestionTooLong
from index.models import Answer, BadFile, Citation, Quote, ReindexReport
from tests.conftest import make_config
from tests.fake_discord.limits import CONTENT_MAX, check_embeds

EXAMPLES = int(os.environ.get("ARTICLEBOT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)
MARKDOWN = set("\\*_~|`>#-[]()<:")
LIVE_MENTION = re.compile(r"@everyone|@here|(?<!\\)<[@#][!&]?\d+>")
TOO_LONG = "That question is {:,} characters long; please keep it under 1,000."

hostile = st.one_of(st.text(), st.sampled_from([
    "@everyone", "@here", "<@123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>",
    "**bold**", "__under__", "~~strike~~", "||spoiler||", "`code`", "```block```", "> quote", "# heading",
    "[link](https://evil.example)", "\\", "\\*", "*", "_", ":smile:", "<t:1700000000>", "-# small",
]))
long_text = st.lists(hostile, max_size=30).map("".join)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    """A quote of arbitrary text, highlight span and citation (url left out: links are shown raw)."""
    text = draw(long_text)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    citation = Citation(draw(long_text), draw(st.none() | long_text), draw(st.integers(1, 10**6)), "s")
    return Quote(text, text[start:end], start, end, citation, 0, len(text), 1.0, 1, 1)


def without_escapes(text: str) -> str:
    """``text`` with every backslash-escaped character removed."""
    return re.sub(r"\\.", "", text, flags=re.S)


@FUZZ
@given(st.lists(quotes(), min_size=1, max_size=5))
def test_quote_embeds_stay_within_discord_limits(chosen: list[Quote]) -> None:
    """Any quotes with any titles and authors render to embeds the fake Discord accepts."""
    embeds = [embed.to_dict() for embed in render.quote_embeds(chosen, 3)]
    assert check_embeds(embeds, "fuzz") == []


@FUZZ
@given(quotes())
def test_quote_embed_has_no_live_mention(quote: Quote) -> None:
    """No @everyone, @here or raw user/role/channel mention survives in a quote embed."""
    assert LIVE_MENTION.search(render.quote_embed(quote).description or "") is None


@FUZZ
@given(quotes())
def test_quote_embed_markdown_is_only_the_highlight(quote: Quote) -> None:
    """Unescaped markdown in a quote embed is exactly zero or one ``**`` pair, nothing from the article."""
    rest = without_escapes(render.quote_embed(quote).description or "")
    assert (rest.count("**") in (0, 2), set(rest.replace("**", "")) & MARKDOWN) == (True, set())


@FUZZ
@given(long_text, st.lists(long_text, max_size=8))
def test_not_found_text_fits_and_pings_nobody(question: str, titles: list[str]) -> None:
    """A "not found" for any question and titles fits a message and has no live mention."""
    text = render.not_found_text(Answer(question, False, (), tuple(titles)))
    assert (len(text) <= CONTENT_MAX, LIVE_MENTION.search(text)) == (True, None)


@FUZZ
@given(st.lists(st.tuples(long_text, long_text), max_size=40), st.lists(st.tuples(long_text, long_text), max_size=5))
def test_reindex_reply_fits_and_pings_nobody(bad: list[tuple[str, str]], duplicates: list[tuple[str, str]]) -> None:
    """The /reindex report for any file names and reasons fits a message and has no live mention."""
    report = ReindexReport(bad=tuple(BadFile(*b) for b in bad), duplicates=tuple(BadFile(*d) for d in duplicates))
    text = render.reindex_report_text(report)
    assert (len(text) <= CONTENT_MAX, LIVE_MENTION.search(text)) == (True, None)


questions = st.one_of(
    st.text(max_size=1200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=990, max_size=1100),
    st.sampled_from(["", " ", "\x00", "\u200b", "?" * 5, "🦀" * 999, "a" * 10_000, "what did Kirby say?" * 600]),
)


@pytest.fixture
def engine_loop(tmp_path: Path, library: Path):  # type: ignore[no-untyped-def]
    """A real indexed engine and the event loop it runs on (hypothesis tests are synchronous)."""
    loop = asyncio.new_event_loop()

    async def opened() -> Engine:
        engine = await Engine.open(make_config(tmp_path, library))
        await engine.reindex()
        return engine

    engine = loop.run_until_complete(opened())
    yield engine, loop
    loop.run_until_complete(engine.close())
    loop.close()


def test_query_path_never_crashes_on_arbitrary_unicode(engine_loop) -> None:  # type: ignore[no-untyped-def]
    """Any question gets an Answer or a QueryError sentence; over 1,000 characters always the "too long" one."""
    engine, loop = engine_loop

    @FUZZ
    @given(questions)
    def ask(question: str) -> None:
        length = len(" ".join(question.split()))
        try:
            answer = loop.run_until_complete(engine.ask(question))
        except QueryError as error:
            if length > 1000:
                assert (type(error), str(error)) == (QuestionTooLong, TOO_LONG.format(length))
            else:
                assert not isinstance(error, QuestionTooLong) and str(error).endswith(".")
            return
        assert length <= 1000 and (answer.quotes or not answer.answered)

    ask()


async def test_ten_thousand_character_question_gets_the_too_long_sentence(engine: Engine) -> None:
    """A 10,000-character question is refused with the exact "too long" sentence."""
    with pytest.raises(QuestionTooLong) as refused:
        await engine.ask("a" * 10_000)
    assert str(refused.value) == TOO_LONG.format(10_000)
