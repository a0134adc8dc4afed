"""``articlebot feeds poll|add|list|remove`` as a user runs them: the real command in a
subprocess, polling the page server's feed on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from tests.bot.console.web_sources import articlebot, write_config
from tests.index.sources.server import PageServer


async def test_feeds_poll_indexes_new_entries_then_gets_304(tmp_path: Path, page_server: PageServer) -> None:
    page_server.feed_items = [("time_001.html", "Hansen")]
    config = write_config(tmp_path, (f"{page_server.base}/feed.xml",))
    first = await articlebot("feeds", "poll", "--config", str(config))
    second = await articlebot("feeds", "poll", "--config", str(config))
    assert (first[0], first[1], second[0], second[1]) == (
        0, "Saved Articles: 1 new entry indexed.\n", 0, "Saved Articles: Unchanged since the last poll (HTTP 304).\n")
    listing = await articlebot("feeds", "list", "--config", str(config))
    assert listing[1] == (f"Saved Articles — {page_server.base}/feed.xml (config file; 1 indexed) — "
                          "Unchanged since the last poll (HTTP 304).\n")


async def test_feeds_add_refuses_what_is_not_a_web_address(tmp_path: Path) -> None:
    """As /feeds add does: one sentence, exit 2, and no feed stored to fail at every poll."""
    config = write_config(tmp_path)
    status, out, err = await articlebot("feeds", "add", "ftp://example.com/feed", "--config", str(config))
    assert (status, out, " ".join(err.split())) == (
        2, "", "error: ftp://example.com/feed is not an http or https URL; only web pages can be fetched.")
    assert not (tmp_path / "data").exists()  # refused before any database (and feed) was written


async def test_feeds_list_and_remove_never_create_a_database(tmp_path: Path) -> None:
    """Run where there is no index (the wrong folder, a mistyped --db): one error: line naming the
    path and exit 2, as ask and sources do; not a new empty database that reports no feeds."""
    missing = tmp_path / "nowhere" / "articlebot.db"
    for args in (("feeds", "list"), ("feeds", "remove", "https://example.com/feed.xml")):
        status, out, err = await articlebot(*args, "--db", str(missing))
        assert (status, out, "".join(err.split()).startswith(f"error:noindexat{missing};")) == (2, "", True)
    assert not missing.parent.exists()


async def test_feeds_add_polls_the_new_feed_at_once_and_says_what_it_indexed(tmp_path: Path,
                                                                            page_server: PageServer) -> None:
    """As /feeds add does: the feed's entries are indexed now, not at some later `feeds poll`
    (it used to print only "Feed added: URL", leaving the feed "not polled yet" and unanswered)."""
    page_server.feed_items = [("time_001.html", "Hansen")]
    config = write_config(tmp_path)
    status, out, _ = await articlebot("feeds", "add", f"{page_server.base}/feed.xml", "--config", str(config))
    assert (status, out) == (0, "Feed added. Saved Articles: 1 new entry indexed.\n")
    listing = await articlebot("feeds", "list", "--config", str(config))
    assert "(added by an admin; 1 indexed) — 1 new entry indexed." in listing[1]
    again = await articlebot("feeds", "add", f"{page_server.base}/feed.xml", "--config", str(config))
    assert again[:2] == (0, f"{page_server.base}/feed.xml is already polled.\n")


async def test_feeds_add_of_an_address_that_is_no_feed_says_why_and_exits_1(tmp_path: Path,
                                                                            page_server: PageServer) -> None:
    """A 404 or a plain page as a feed: the first poll's sentence at once and exit 1 (the feed stays
    listed as FAILING, so `feeds remove` drops it), not a silent "Feed added"."""
    config = write_config(tmp_path)
    missing = f"{page_server.base}/bad/missing"
    status, out, _ = await articlebot("feeds", "add", missing, "--config", str(config))
    assert (status, out.startswith(f"Feed added. The feed {missing} failed: "), "HTTP 404" in out) == (1, True, True)
    listing = await articlebot("feeds", "list", "--config", str(config))
    assert "FAILING" in listing[1]
    page = f"{page_server.base}/bad/not-a-feed"
    status, out, _ = await articlebot("feeds", "add", page, "--config", str(config))
    assert (status, "not an RSS or Atom feed" in out) == (1, True)
