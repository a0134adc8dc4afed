"""``articlebot add URL ...`` as a user runs it: the real command in a subprocess, fetching from
the page server on 127.0.0.1; and the ``[sources]`` settings it reads."""

from __future__ import annotations

from pathlib import Path

from tests.bot.console.web_sources import HANSEN, articlebot, write_config
from tests.index.sources.server import PageServer


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


async def test_a_sources_limit_out_of_range_is_a_bad_configuration(tmp_path: Path) -> None:
    """max_redirects = -1 made every URL fail with "redirects more than -1 times" (and a negative
    poll_minutes silently stopped the polls): the config is refused at once, naming the key."""
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "max_redirects = -1\n", encoding="utf-8")
    status, out, err = await articlebot("add", "http://127.0.0.1:9/page.html", "--config", str(config))
    assert (status, out) == (1, "")
    assert "bad configuration: sources.max_redirects: Input should be greater than or equal to 0" in err
