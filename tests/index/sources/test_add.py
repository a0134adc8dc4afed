"""``add_urls``: real saved pages fetched from a loopback server, indexed with their metadata;
bad pages each get one sentence and lose nothing already indexed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.config import SourcesConfig
from index.engine import Engine
from index.sources.pages import add_urls
from tests.index.sources.conftest import LOOPBACK
from tests.index.sources.expected import PAGES
from tests.index.sources.server import PageServer


async def _rows(engine: Engine) -> dict[str | None, tuple[str, str | None, str | None]]:
    """``url -> (title, author, date)`` of the indexed articles."""
    generation = (await engine.searcher()).generation
    return {row.url: (row.title, row.author, row.date) for row, _ in await engine.store.articles(generation)}


async def test_add_indexes_each_page_with_its_title_author_date_and_link(engine: Engine, page_server: PageServer) -> None:
    urls = [f"{page_server.base}/pages/{name}" for name in sorted(PAGES)]
    results = await add_urls(engine, urls, LOOPBACK)
    assert [(r.ok, r.title, r.link) for r in results] == [
        (True, PAGES[name].title, PAGES[name].url) for name in sorted(PAGES)]
    rows = await _rows(engine)
    for expected in PAGES.values():
        assert rows[expected.url] == (expected.title, expected.author, expected.date)


async def test_added_page_is_stored_so_a_reindex_does_not_fetch_again(engine: Engine, page_server: PageServer) -> None:
    url = f"{page_server.base}/pages/time_001.html"
    await add_urls(engine, [url], LOOPBACK)
    stored = list(engine.config.pages_dir.glob("*.html"))
    assert [p.name.split("-")[0] for p in stored] == ["127.0.0.1"]
    report = await engine.reindex()
    assert (report.skipped, report.added, report.bad, page_server.hits["/pages/time_001.html"]) == (2, 0, (), 1)
    answer = await engine.ask("What did James Hansen warn Congress about in 1988?")
    assert answer.quotes[0].citation.url == PAGES["time_001.html"].url


async def test_adding_the_same_url_again_changes_nothing(engine: Engine, page_server: PageServer) -> None:
    url = f"{page_server.base}/pages/fox13now_001.html"
    await add_urls(engine, [url], LOOPBACK)
    before = await _rows(engine)
    again = await add_urls(engine, [url], LOOPBACK)
    assert (again[0].ok, await _rows(engine)) == (True, before)


BAD = {
    "/bad/empty": "{url}: the page is empty (no bytes to read).",
    "/bad/binary": "{url}: the page is binary data, not HTML text.",
    "/bad/huge": "{url} is too large: pages over 5.0 MB are not fetched (sources.max_page_bytes).",
    "/loop/0": "{url} redirects in a loop (back to {base}/loop/0).",
    "/bad/navigation": ("{url}: the page has no article text, only navigation, links or a stub "
                        "(31 words of main text, at least 40 needed)."),
    "/bad/missing": "{url} was not found (HTTP 404): the page does not exist or has moved.",
    "/bad/pdf": "{url} is not an HTML page (it serves application/pdf).",
    "/feed.xml": ("{url} is an RSS or Atom feed, not a page (it serves application/rss+xml); "
                  "feeds are added with `articlebot feeds add` or /feeds add."),
}


@pytest.mark.parametrize("path", sorted(BAD))
async def test_bad_page_gets_one_sentence_and_loses_nothing(engine: Engine, page_server: PageServer, path: str) -> None:
    """Empty, binary, 50 MB, a redirect loop, all navigation, 404, not HTML: nothing indexed changes."""
    await add_urls(engine, [f"{page_server.base}/pages/time_001.html"], LOOPBACK)
    before = await _rows(engine)
    url = f"{page_server.base}{path}"
    [result] = await add_urls(engine, [url], LOOPBACK)
    assert (result.ok, result.reason) == (False, BAD[path].format(url=url, base=page_server.base))
    assert await _rows(engine) == before
    assert len(list(engine.config.pages_dir.glob("*.html"))) == 1


async def test_page_that_takes_too_long_times_out(engine: Engine, page_server: PageServer) -> None:
    url = f"{page_server.base}/bad/slow"
    [result] = await add_urls(engine, [url], replace(LOOPBACK, timeout_seconds=0.5))
    assert (result.reason, result.retry) == (f"{url} timed out: no complete answer within 0.5 seconds.", True)


REFUSAL = "only public addresses and sources.allowed_networks are fetched."


@pytest.mark.parametrize(("url", "reason"), [
    ("ftp://127.0.0.1/file.html", "ftp://127.0.0.1/file.html is not an http or https URL; only web pages can be fetched."),
    ("http://127.0.0.1:9/page", f"http://127.0.0.1:9/page points to a private or local address (127.0.0.1); {REFUSAL}"),
    ("http://10.1.2.3/page", f"http://10.1.2.3/page points to a private or local address (10.1.2.3); {REFUSAL}"),
    ("http://[::1]/page", f"http://[::1]/page points to a private or local address (::1); {REFUSAL}"),
])
async def test_private_addresses_and_other_schemes_are_refused(engine: Engine, url: str, reason: str) -> None:
    """Without allowed networks, loopback and private addresses are refused before any request."""
    [result] = await add_urls(engine, [url], SourcesConfig())
    assert result.reason == reason


@pytest.mark.parametrize(("path", "reason"), [
    ("/bad/to-private", "{url} points to a private or local address (10.1.2.3) (it redirects to "
                        "http://10.1.2.3/page); " + REFUSAL),
    ("/bad/to-ftp", "{url} (it redirects to ftp://127.0.0.1/page.html) is not an http or https URL; "
                    "only web pages can be fetched."),
])
async def test_each_redirect_is_checked_again(engine: Engine, page_server: PageServer, path: str, reason: str) -> None:
    """Loopback is allowed for the first URL, but its redirect to 10.1.2.3 or to ftp is refused."""
    url = f"{page_server.base}{path}"
    [result] = await add_urls(engine, [url], LOOPBACK)
    assert result.reason == reason.format(url=url)


async def test_the_same_page_linked_with_a_fragment_is_indexed_once(engine: Engine, page_server: PageServer) -> None:
    """``…#section`` (or Chrome's ``#:~:text=`` highlight links) is the same page: one file, one article."""
    url = f"{page_server.base}/pages/time_001.html"
    results = await add_urls(engine, [url, f"{url}#:~:text=Hansen", f"{url}#top"], LOOPBACK)
    titles = [row.title for row, _ in await engine.store.articles((await engine.searcher()).generation)]
    assert all(r.ok for r in results)
    assert (titles.count(PAGES["time_001.html"].title), len(list(engine.config.pages_dir.glob("*.html")))) == (1, 1)
