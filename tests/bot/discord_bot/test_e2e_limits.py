"""End to end: hostile article text (mentions, markdown, huge paragraphs) stays inert and within limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord_bot.render import QUOTE_CHARS
from index.engine import Engine
from tests.fake_discord import FakeDiscord

HOSTILE_TITLE = "Zebra **News** @everyone " + "very long title words " * 15
MENTIONS = "Giraffes gathered @everyone and <@123456789012345678> and @here at the lake."
MARKDOWN = "Okapis hide *stars* `code` ||spoiler|| ~~strike~~ __under__ in forests."
LONG = "Zebras crossed " + ", ".join(f"river number {n} at dawn" for n in range(200)) + " and kept moving north."


@pytest.fixture
async def hostile(articles: Path, engine: Engine) -> None:
    """Index an article written to break naive rendering."""
    text = f"{HOSTILE_TITLE}\n\n{MENTIONS}\n\n{MARKDOWN}\n\n{LONG}\n\nAuthor: Mal **Icious** @here\n"
    (articles / "hostile.txt").write_text(text, encoding="utf-8")
    await engine.reindex()


async def ask(fake: FakeDiscord, question: str) -> str:
    """The first embed description of the answer to ``question``."""
    result = await fake.slash_command("ask", {"question": question}, user=fake.member)
    return result.final_message["embeds"][0]["description"]


async def test_mentions_in_quotes_are_defused(bot, fake: FakeDiscord, hostile: None) -> None:
    """@everyone, @here and user mentions in a quote get a zero-width space and escaped brackets."""
    description = await ask(fake, "Where did the giraffes gather?")
    assert description.split("\n\n")[0] == (
        "**Giraffes gathered @\u200beveryone and \\<@\u200b123456789012345678\\> and @\u200bhere at the lake.**")


async def test_markdown_in_quotes_is_escaped(bot, fake: FakeDiscord, hostile: None) -> None:
    """Markdown characters in a quote are shown literally."""
    description = await ask(fake, "Where do okapis hide?")
    assert description.split("\n\n")[0] == (
        "**Okapis hide \\*stars\\* \\`code\\` \\|\\|spoiler\\|\\| \\~\\~strike\\~\\~ \\_\\_under\\_\\_ in forests.**")


async def test_long_quote_is_cut_with_ellipsis_and_keeps_its_citation(bot, fake: FakeDiscord, hostile: None) -> None:
    """A 5,000-character one-sentence passage is cut with "…" and still cites ¶3."""
    description = await ask(fake, "Which river did the zebras cross at dawn number 57?")
    quote, citation = description.split("\n\n")
    assert (quote.endswith("…**"), len(quote) <= QUOTE_CHARS, citation.endswith(", ¶3")) == (True, True, True)


async def test_hostile_article_payloads_respect_discord_rules(bot, fake: FakeDiscord, hostile: None) -> None:
    """Every payload sent while answering about the hostile article passes the fake's checks."""
    for question in ("Where did the giraffes gather?", "Where do okapis hide?", "zebras river dawn"):
        await fake.slash_command("ask", {"question": question}, user=fake.member)
        await fake.send_mention(question, user=fake.member)
    await fake.slash_command("sources", {}, user=fake.member)
    assert (fake.violations, fake.failures) == ([], [])
