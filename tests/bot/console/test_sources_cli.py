"""``articlebot add`` and ``articlebot feeds`` as a user runs them: the real command in a
subprocess, fetching from the page server on 127.0.0.1 (allowed in its config file)."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from tests.conftest import SEED
from tests.index.sources.expected import PAGES
from tests.index.sources.server import PageServer

ARTICLEBOT = Path(sys.executable).with_name("articlebot")
HANSEN = PAGES["time_001.html"]


def write_config(folder: Path, feeds: tuple[str, ...] = ()) -> Path:
    """A config file beside its article folder, allowing fetches from 127.0.0.1."""
    (folder / "articles").mkdir()
    shutil.copy(SEED, folder / "articles" / SEED.name)
    config = folder / "config.toml"
    listed = ", ".join(f'"{url}"' for url in feeds)
    config.write_text(f'[index]\ndb_path = "data/articlebot.db"\narticle_dirs = ["articles"]\n\n'
                      f'[sources]\nfeeds = [{listed}]\nallowed_networks = ["127.0.0.1/32"]\n', encoding="utf-8")
    return config


async def articlebot(*args: str) -> tuple[int, str, str]:
    """Run the command; its exit status, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        str(ARTICLEBOT), *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()


async def test_add_prints_a_line_per_url_and_exits_1_when_one_failed(tmp_path: Path,
                                                                    page_server: PageServer) -> None:
    config = write_config(tmp_path)
    good, bad = f"{page_server.base}/pages/time_001.html", f"{page_server.base}/bad/missing"
    status, out, err = await articlebot("add", good, bad, "--config", str(config))
    assert (status, out.splitlines()) == (1, [
        "1 of 2 pages added.",
        f"Added: {HANSEN.title} — {HANSEN.url}",
        f"Not added: {bad} was not found (HTTP 404): the page does not exist or has moved.",
    ])
    assert f"Fetching 1 of 2: {good}" in err
    status, out, _ = await articlebot("ask", "When did James Hansen first warn Congress?", "--json",
                                      "--config", str(config))
    assert (status, f'"url": "{HANSEN.url}"' in out) == (0, True)


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


async def test_a_sources_limit_out_of_range_is_a_bad_configuration(tmp_path: Path) -> None:
    """max_redirects = -1 made every URL fail with "redirects more than -1 times" (and a negative
    poll_minutes silently stopped the polls): the config is refused at once, naming the key."""
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "max_redirects = -1\n", encoding="utf-8")
    status, out, err = await articlebot("add", "http://127.0.0.1:9/page.html", "--config", str(config))
    assert (status, out) == (1, "")
    assert "bad configuration: sources.max_redirects: Input should be greater than or equal to 0" in err


async def test_feeds_list_and_remove_never_create_a_database(tmp_path: Path) -> None:
    """Run where there is no index (the wrong folder, a mistyped --db): one error: line naming the
    path and exit 2, as ask and sources do; not a new empty database that reports no feeds."""
    missing = tmp_path / "nowhere" / "articlebot.db"
    for args in (("feeds", "list"), ("feeds", "remove", "https://example.com/feed.xml")):
        status, out, err = await articlebot(*args, "--db", str(missing))
        assert (status, out, "".join(err.split()).startswith(f"error:noindexat{missing};")) == (2, "", True)
    assert not missing.parent.exists()
