"""End to end through the fake Discord: /add (admins only, deferred with progress), a question
about the added article answered with its link, and /feeds add|list|remove."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.sources import NO_URL_TEXT, NOT_SOURCES_ADMIN_TEXT
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, discord_settings, running
from tests.fake_discord import FakeDiscord
from tests.fake_discord.interactions import InteractionResult
from tests.index.sources.conftest import LOOPBACK
from tests.index.sources.expected import PAGES
from tests.index.sources.server import PageServer

HANSEN = PAGES["time_001.html"]
DEFERRED_WITH_THINKING = 5


@pytest.fixture
async def sources_bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[ArticleBot]:
    """The real bot, allowed to fetch from 127.0.0.1, with no polling schedule."""
    client = ArticleBot(settings=discord_settings(fake), engine=engine, guild_ready_timeout=0.1,
                        sources=replace(LOOPBACK, poll_minutes=0))
    async with running(client, fake):
        yield client
    assert fake.violations == []
    assert fake.failures == []


async def final(fake: FakeDiscord, result: InteractionResult, first_word: str) -> str:
    """The reply once its content starts with ``first_word`` (progress lines come before)."""
    def done() -> str | None:
        content = (result.final_message or {}).get("content") or ""
        return content if content.startswith(first_word) else None

    return await fake.wait_for(done, 30, f"a reply starting with {first_word!r}")


async def test_admin_add_is_deferred_shows_progress_and_names_the_page(sources_bot, fake: FakeDiscord,
                                                                        page_server: PageServer) -> None:
    url = f"{page_server.base}/pages/time_001.html"
    result = await fake.slash_command("add", {"url": url}, user=fake.admin)
    text = await final(fake, result, "1 of 1")
    assert (result.callbacks[0]["type"], result.ephemeral) == (DEFERRED_WITH_THINKING, True)
    assert text == f"1 of 1 page added.\nAdded: {HANSEN.title} — {HANSEN.url}"
    shown = [edit.get("content") for edit in result.edits]
    assert f"Fetching 1 of 1: {url}" in shown or "Indexing 1 page…" in shown


async def test_question_about_the_added_article_cites_its_link(sources_bot, fake: FakeDiscord,
                                                                page_server: PageServer) -> None:
    result = await fake.slash_command("add", {"url": f"{page_server.base}/pages/time_001.html"}, user=fake.admin)
    await final(fake, result, "1 of 1")
    answer = await fake.slash_command("ask", {"question": "When did James Hansen first warn Congress?"},
                                      user=fake.member)
    description = answer.final_message["embeds"][0]["description"]
    assert "James Hansen first warned Congress" in description
    assert description.endswith(f"— {HANSEN.title}, {HANSEN.author}, ¶1 · {HANSEN.url}")


async def test_member_add_is_refused_and_nothing_is_fetched(sources_bot, fake: FakeDiscord,
                                                            page_server: PageServer) -> None:
    result = await fake.slash_command("add", {"url": f"{page_server.base}/pages/time_001.html"}, user=fake.member)
    assert (result.final_message["content"], result.ephemeral, sum(page_server.hits.values())) == (
        NOT_SOURCES_ADMIN_TEXT, True, 0)


async def test_add_of_a_bad_page_says_why(sources_bot, fake: FakeDiscord, page_server: PageServer) -> None:
    url = f"{page_server.base}/bad/empty"
    text = await final(fake, await fake.slash_command("add", {"url": url}, user=fake.admin), "0 of 1")
    assert text == f"0 of 1 page added.\nNot added: {url}: the page is empty (no bytes to read)."


async def test_feeds_add_list_remove(sources_bot, fake: FakeDiscord, page_server: PageServer) -> None:
    """An added feed is polled at once; a broken one is listed as failing, by name; removal stops it."""
    page_server.feed_items = [("time_001.html", "Hansen")]
    good, broken = f"{page_server.base}/feed.xml", f"{page_server.base}/bad/gone.xml"
    added = await fake.slash_command("feeds add", {"url": good}, user=fake.admin)
    assert await final(fake, added, "Feed added.") == "Feed added. Saved Articles: 1 new entry indexed."
    await final(fake, await fake.slash_command("feeds add", {"url": broken}, user=fake.admin), "Feed added.")
    listing = await final(fake, await fake.slash_command("feeds list", {}, user=fake.admin), "Saved")
    assert listing.splitlines() == [
        f"Saved Articles — {good} (added by an admin; 1 indexed) — 1 new entry indexed.",
        f"{broken} (added by an admin; 0 indexed) — FAILING: The feed {broken} failed: {broken} was not found "
        "(HTTP 404): the page does not exist or has moved.",
    ]
    removed = await final(fake, await fake.slash_command("feeds remove", {"url": broken}, user=fake.admin), "Feed")
    assert removed == f"Feed removed: {broken} (its articles stay indexed)."
    refused = await fake.slash_command("feeds list", {}, user=fake.member)
    assert refused.final_message["content"] == NOT_SOURCES_ADMIN_TEXT


async def test_questions_are_answered_while_a_feed_is_polled(sources_bot, fake: FakeDiscord,
                                                             page_server: PageServer) -> None:
    """While a poll waits for a page, /ask answers; the poll then indexes the page."""
    page_server.feed_items = [("held.html", "Held")]
    started = asyncio.ensure_future(
        fake.slash_command("feeds add", {"url": f"{page_server.base}/feed.xml"}, user=fake.admin, timeout=30))
    await asyncio.wait_for(page_server.requested.wait(), 30)  # the poll waits for the held page now
    answer = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert KIRBY in answer.final_message["embeds"][0]["description"]
    [polling] = [r for r in fake.interactions.values() if r.payload["data"]["name"] == "feeds"]
    assert not ((polling.final_message or {}).get("content") or "").startswith("Feed added.")
    page_server.release.set()
    await started
    assert await final(fake, polling, "Feed added.") == "Feed added. Saved Articles: 1 new entry indexed."


async def test_add_without_an_address_and_a_feed_that_is_not_a_web_url_are_refused(
        sources_bot, fake: FakeDiscord) -> None:
    """Nothing to fetch: one sentence each, and no feed is stored."""
    blank = await final(fake, await fake.slash_command("add", {"url": "   "}, user=fake.admin), "Give")
    refused = await final(fake, await fake.slash_command("feeds add", {"url": "ftp://example.com/feed"},
                                                         user=fake.admin), "ftp")
    listing = await final(fake, await fake.slash_command("feeds list", {}, user=fake.admin), "No feeds")
    assert (blank, refused, listing) == (
        NO_URL_TEXT, "ftp://example.com/feed is not an http or https URL; only web pages can be fetched.",
        "No feeds are polled; add one with /feeds add or [sources] feeds in the config file.")


async def test_a_long_add_reply_still_names_the_pages_added(sources_bot, fake: FakeDiscord,
                                                            page_server: PageServer) -> None:
    """Fifteen URLs whose failures alone overflow one message: the reply fits Discord's 2000
    characters and still says which page was added (the cut falls on the failures)."""
    missing = [f"{page_server.base}/pages/missing-{'x' * 150}-{n}.html" for n in range(14)]
    good = f"{page_server.base}/pages/time_001.html"
    result = await fake.slash_command("add", {"url": " ".join([*missing, good])}, user=fake.admin, timeout=60)
    text = await final(fake, result, "1 of 15")
    assert len(text) <= 2000
    assert f"Added: {HANSEN.title} — {HANSEN.url}" in text.splitlines()


async def test_reindex_after_add_keeps_the_added_page(sources_bot, fake: FakeDiscord, page_server: PageServer) -> None:
    """/reindex with no path rereads the article folders and the added pages (stored beside the
    database, outside the article folders): it finishes, refetches nothing, and the page stays."""
    added = await fake.slash_command("add", {"url": f"{page_server.base}/pages/time_001.html"}, user=fake.admin)
    await final(fake, added, "1 of 1")
    reindexed = await fake.slash_command("reindex", {}, user=fake.admin)
    text = await final(fake, reindexed, "Reindex done")
    assert text.splitlines()[0] == "Reindex done: 0 added, 0 updated, 0 removed, 0 bad, 0 duplicates."
    answer = await fake.slash_command("ask", {"question": "When did James Hansen first warn Congress?"},
                                      user=fake.member)
    assert answer.final_message["embeds"][0]["description"].endswith(HANSEN.url)
    assert page_server.hits["/pages/time_001.html"] == 1
