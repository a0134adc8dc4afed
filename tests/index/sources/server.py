"""A real HTTP server on 127.0.0.1 serving the saved pages, an RSS feed and bad pages.

Counts the requests per path, so tests can check a page was fetched once; the feed answers
304 to a matching ``If-None-Match``; ``/pages/held.html`` sets ``requested``, then waits for ``release``. ``FEED_ITEMS`` lists the feed's entries, and tests may
change it between polls.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from aiohttp import web

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
FEED_ITEM = """  <item>
    <title>{title}</title>
    <link>{link_base}/pages/{name}</link>
    <guid isPermaLink="false">{name}</guid>
    <pubDate>Thu, 02 Nov 2023 19:53:52 +0000</pubDate>
  </item>"""
BIG_CHUNK = b"<p>" + b"x" * (1 << 20) + b"</p>"


class PageServer:
    """The app and what it has seen; ``base`` is ``http://127.0.0.1:PORT``."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.feed_items: list[tuple[str, str]] = []  # (page file name, title)
        self.relative_links = False  # the feed's entries link to "/pages/…", as many Atom feeds do
        self.base = ""
        self.requested = asyncio.Event()
        self.release = asyncio.Event()
        self.app = web.Application(middlewares=[self._count])
        self.app.router.add_get("/pages/{name}", self.page)
        self.app.router.add_get("/feed.xml", self.feed)
        self.app.router.add_get("/bad/{kind}", self.bad)
        self.app.router.add_get("/loop/{n}", self.loop)

    @web.middleware
    async def _count(self, request: web.Request, handler: object) -> web.StreamResponse:
        self.hits[request.path] += 1
        return await handler(request)  # type: ignore[operator]

    async def page(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name == "held.html":  # the Time page, once the test lets it go
            self.requested.set()
            await self.release.wait()
            name = "time_001.html"
        path = PAGES / name
        if not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type="text/html", charset="utf-8")

    def feed_text(self) -> bytes:
        link_base = "" if self.relative_links else self.base
        items = "\n".join(FEED_ITEM.format(link_base=link_base, name=name, title=title)
                           for name, title in self.feed_items)
        return (FIXTURES / "feed.xml").read_text(encoding="utf-8").format(base=self.base, items=items).encode()

    async def feed(self, request: web.Request) -> web.Response:
        body = self.feed_text()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        modified = format_datetime(datetime(2023, 11, 2, 20, tzinfo=UTC), usegmt=True)
        return web.Response(body=body, content_type="application/rss+xml",
                            headers={"ETag": etag, "Last-Modified": modified})

    async def loop(self, request: web.Request) -> web.Response:
        following = (int(request.match_info["n"]) + 1) % 2
        raise web.HTTPFound(f"/loop/{following}")

    async def bad(self, request: web.Request) -> web.StreamResponse:
        kind = request.match_info["kind"]
        if kind == "empty":
            return web.Response(body=b"", content_type="text/html")
        if kind == "binary":
            return web.Response(body=bytes(range(256)) * 64, content_type="text/html")
        if kind == "pdf":
            return web.Response(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")
        if kind == "navigation":
            return web.Response(body=(PAGES / "cnn_main_site.html").read_bytes(), content_type="text/html")
        if kind == "huge":
            return await self._huge(request)
        if kind == "slow":
            await asyncio.sleep(30)
        if kind == "to-private":
            raise web.HTTPFound("http://10.1.2.3/page")
        if kind == "to-ftp":
            raise web.HTTPFound("ftp://127.0.0.1/page.html")
        if kind == "not-a-feed":
            return web.Response(text="this is not a feed at all", content_type="text/plain")
        raise web.HTTPNotFound()

    @staticmethod
    async def _huge(request: web.Request) -> web.StreamResponse:
        """50 MB of HTML, streamed without a Content-Length (so only reading finds the size)."""
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(50):
                await response.write(BIG_CHUNK)
        except (ConnectionResetError, RuntimeError):
            pass
        return response


@asynccontextmanager
async def serving() -> AsyncIterator[PageServer]:
    """A ``PageServer`` listening on a free port of 127.0.0.1."""
    server = PageServer()
    runner = web.AppRunner(server.app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server.base = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        await runner.cleanup()
