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
