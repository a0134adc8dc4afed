"""URLs -> pages stored under ``<db>.pages/`` -> indexed like files in an article folder.

Each page is fetched (``fetch``), checked (HTML, not empty, not binary, holds article text)
and only then written, atomically, as ``<host>-<hash of the URL>.html`` with the
``<!-- saved from url=… -->`` comment that names where it came from. A reindex reads the
stored file, never the network; adding the same URL again replaces its file, and the
reindex's content hash decides whether anything changed. A URL that fails is reported with
one sentence and changes nothing: its old file, and what was indexed from it, stay.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from yarl import URL

from index.config import SourcesConfig
from index.errors import IngestError, ReindexInProgress
from index.models import ReindexReport
from index.sources.fetch import Fetched, Fetcher, FetchError
from index.sources.html import check_html_bytes, extract_article, mark_of_the_web

if TYPE_CHECKING:
    from index.engine import Engine

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REINDEX_WAIT_SECONDS = 600.0
"""How long an add waits for a reindex already running before giving up."""

_UNSAFE = re.compile(r"[^a-z0-9.-]+")


@dataclass(frozen=True, slots=True)
class Added:
    """What became of one URL: indexed (``title``, ``link``) or not (``reason``, one sentence)."""

    url: str
    title: str | None = None
    link: str | None = None
    reason: str | None = None
    path: Path | None = None
    retry: bool = False  # the failure may pass (a timeout, a server error): worth trying again later

    @property
    def ok(self) -> bool:
        """True when the page is indexed (new, updated or unchanged)."""
        return self.reason is None


FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml"})
"""Content types of RSS and Atom feeds (and of plain XML, which is how many servers send them)."""


def page_path(folder: Path, url: str) -> Path:
    """Where the page of ``url`` is stored: one file per URL, named for its host."""
    host = _UNSAFE.sub("-", (URL(url).host or "page").lower()).strip("-.") or "page"
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).hexdigest()
    return folder / f"{host}-{digest}.html"


def page_from(fetched: Fetched, url: str) -> tuple[bytes, str, str | None]:
    """The bytes to store for a fetched page, its title and link; ``IngestError`` if it is no article."""
    if fetched.content_type in FEED_TYPES:  # a feed given to `add`: say where feeds go
        raise IngestError(f"{url} is an RSS or Atom feed, not a page (it serves {fetched.content_type}); "
                          "feeds are added with `articlebot feeds add` or /feeds add")
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise IngestError(f"{url} is not an HTML page (it serves {fetched.content_type})")
    try:
        check_html_bytes(fetched.body)
        data = mark_of_the_web(fetched.url) + fetched.body
        article = extract_article(data, fallback_title=url)
    except IngestError as error:
        raise IngestError(f"{url}: {error}") from None
    return data, article.title, article.url


def store_page(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a hidden temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def without_fragment(url: str) -> str:
    """``url`` without its ``#fragment``: the server sends the same page, so it is stored and indexed once."""
    try:
        return str(URL(url).with_fragment(None)) if "#" in url else url
    except (ValueError, TypeError):
        return url


async def fetch_page(fetcher: Fetcher, folder: Path, url: str) -> Added:
    """Fetch, check and store one page (not indexed yet); failures become ``reason``."""
    try:
        fetched = await fetcher.get(without_fragment(url))
        data, title, link = await asyncio.to_thread(page_from, fetched, url)
    except FetchError as error:
        return Added(url, reason=as_sentence(str(error)), retry=not error.permanent)
    except IngestError as error:
        return Added(url, reason=as_sentence(str(error)))
    path = page_path(folder, without_fragment(url))
    await asyncio.to_thread(store_page, path, data)
    return Added(url, title=title, link=link or fetched.url, path=path)


async def add_urls(engine: Engine, urls: Sequence[str], config: SourcesConfig,
                   progress: Callable[[str], None] | None = None, folder: Path | None = None) -> list[Added]:
    """Fetch and index ``urls`` in one reindex; one ``Added`` per URL, in order. Pages are kept
    in ``folder`` (default: the shared pages folder; a server's own, see ``index.scopes``)."""
    folder = folder or engine.config.pages_dir
    results: list[Added] = []
    async with Fetcher(config) as fetcher:
        for number, url in enumerate(urls, start=1):
            if progress:
                progress(f"Fetching {number} of {len(urls)}: {url}")
            results.append(await fetch_page(fetcher, folder, url.strip()))
    stored = [r.path for r in results if r.path is not None]
    if not stored:
        return results
    if progress:
        progress(f"Indexing {len(stored)} page{'s' if len(stored) != 1 else ''}…")
    report = await reindex_when_free(engine, stored)
    return [_indexed(result, report) for result in results]


async def reindex_when_free(engine: Engine, paths: list[Path]) -> ReindexReport:
    """``engine.reindex(paths)``, waiting for a reindex already running to end first."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + REINDEX_WAIT_SECONDS
    while True:
        try:
            return await engine.reindex(paths)
        except ReindexInProgress:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.5)


def _indexed(result: Added, report: ReindexReport) -> Added:
    """``result`` with the reindex's verdict on its file (a bad file becomes its reason)."""
    if result.path is None:
        return result
    for bad in report.bad:
        if bad.path == str(result.path):
            return Added(result.url, reason=as_sentence(f"{result.url} could not be indexed: {bad.reason}"))
    return result


def as_sentence(text: str) -> str:
    """``text`` ending with a full stop (each reason already starts with the URL or a capital)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."

