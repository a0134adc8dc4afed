"""Feed polling against a real RSS feed on a loopback server: new entries indexed once, 304 when
unchanged, a broken feed reported by name while the others are polled."""

from __future__ import annotations

from dataclasses import replace

from index.engine import Engine
from index.sources.feed_store import FeedStore
from index.sources.feeds import poll_all
from tests.conftest import both_backends
from tests.index.sources.conftest import LOOPBACK
from tests.index.sources.expected import PAGES
from tests.index.sources.server import PageServer

HANSEN = ("time_001.html", "James Hansen Calls for Geoengineering")
LAWS = ("fox13now_001.html", "New Year, new laws")
pytestmark = both_backends  # the feed tables on SQLite and on PostgreSQL
MANCHIN = ("fivethirtyeight_manchin.html", "Could Manchin Actually Leave The Democratic Party?")


async def _urls(engine: Engine) -> set[str | None]:
    generation = (await engine.searcher()).generation
    return {row.url for row, _ in await engine.store.articles(generation)}


async def test_feed_entries_are_indexed_once_and_an_unchanged_feed_costs_a_304(
        engine: Engine, page_server: PageServer) -> None:
    config = replace(LOOPBACK, feeds=(f"{page_server.base}/feed.xml",))
    page_server.feed_items = [HANSEN, LAWS]
    [first] = await poll_all(engine, config)
    assert (first.title, [a.ok for a in first.added], first.summary()) == (
        "Saved Articles", [True, True], "2 new entries indexed.")
    assert {PAGES["time_001.html"].url, PAGES["fox13now_001.html"].url} <= await _urls(engine)

    [second] = await poll_all(engine, config)
    assert (second.unchanged, second.summary()) == (True, "Unchanged since the last poll (HTTP 304).")

    page_server.feed_items = [MANCHIN, HANSEN, LAWS]
    [third] = await poll_all(engine, config)
    assert [a.url for a in third.added] == [f"{page_server.base}/pages/{MANCHIN[0]}"]
    assert PAGES[MANCHIN[0]].url in await _urls(engine)
    assert [page_server.hits[f"/pages/{name}"] for name, _ in (HANSEN, LAWS, MANCHIN)] == [1, 1, 1]
    assert page_server.hits["/feed.xml"] == 3


async def test_a_broken_feed_is_reported_by_name_and_the_others_are_polled(
        engine: Engine, page_server: PageServer) -> None:
    good, missing, not_feed = (f"{page_server.base}/feed.xml", f"{page_server.base}/bad/gone.xml",
                               f"{page_server.base}/bad/not-a-feed")
    config = replace(LOOPBACK, feeds=(missing, not_feed, good))
    page_server.feed_items = [HANSEN]
    polls = {poll.url: poll for poll in await poll_all(engine, config)}
    assert polls[missing].error == (f"The feed {missing} failed: {missing} was not found (HTTP 404): "
                                    "the page does not exist or has moved.")
    assert polls[not_feed].error.startswith(f"The feed {not_feed} failed: {not_feed} is not an RSS or Atom feed")
    assert (polls[good].error, polls[good].summary()) == (None, "1 new entry indexed.")
    async with FeedStore.of(engine.config) as store:
        listed = {row.url: (row.failing, row.status, row.entries) for row in await store.feeds()}
    assert listed[missing] == (True, polls[missing].error, 0)
    assert listed[good] == (False, "1 new entry indexed.", 1)


async def test_feeds_added_by_an_admin_are_kept_and_configured_ones_cannot_be_removed(
        engine: Engine, page_server: PageServer) -> None:
    configured, added = f"{page_server.base}/feed.xml", f"{page_server.base}/other.xml"
    async with FeedStore.of(engine.config) as store:
        await store.use_configured([configured])
        assert (await store.add(added), await store.add(added)) == (True, False)
        assert (await store.remove(configured), await store.remove(added), await store.remove(added)) == (
            "configured", "removed", "missing")
        assert [(row.url, row.origin) for row in await store.feeds()] == [(configured, "config")]


async def test_entries_with_relative_links_are_fetched_from_the_feeds_site(
        engine: Engine, page_server: PageServer) -> None:
    """A feed whose entries link to "/pages/…" (relative to the feed's address): the pages are
    fetched and indexed, not remembered as failed for not being http(s) URLs."""
    config = replace(LOOPBACK, feeds=(f"{page_server.base}/feed.xml",))
    page_server.feed_items, page_server.relative_links = [HANSEN], True
    [poll] = await poll_all(engine, config)
    assert (poll.summary(), [a.url for a in poll.added]) == (
        "1 new entry indexed.", [f"{page_server.base}/pages/{HANSEN[0]}"])
    assert PAGES[HANSEN[0]].url in await _urls(engine)
