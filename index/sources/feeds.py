"""Poll RSS/Atom feeds: conditional GET, new entries fetched and indexed once, failures named.

Each poll sends the feed's stored ETag and Last-Modified (``If-None-Match`` /
``If-Modified-Since``); a 304 costs nothing more. Otherwise feedparser reads the feed, and the
entries not taken before (by id, else link) are fetched as pages and indexed in one reindex
(``pages.add_urls``). An entry is remembered once indexed, or once it failed for good (a 404,
not an article); one that timed out is tried again at the next poll. A feed that fails is
recorded with its one-sentence reason (``/feeds list`` shows it) and logged; the other feeds
are polled all the same.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import feedparser

from index.config import SourcesConfig
from index.errors import ArticlebotError
from index.sources.feed_store import FeedRow, FeedStore
from index.sources.fetch import Fetcher, FetchError
from index.sources.pages import Added, add_urls, as_sentence

if TYPE_CHECKING:
    from index.engine import Engine

log = logging.getLogger(__name__)

NEW_ENTRIES_PER_POLL = 25
"""At most this many new entries are fetched per feed and poll; the rest wait for the next."""
FEED_TYPES_REFUSED = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What one poll of one feed did; ``error`` (one sentence) when the feed itself failed."""

    url: str
    title: str | None = None
    unchanged: bool = False
    added: tuple[Added, ...] = ()
    error: str | None = None

    @property
    def name(self) -> str:
        """The feed's title when known, else its URL."""
        return self.title or self.url

    def summary(self) -> str:
        """The poll's outcome as one sentence."""
        if self.error:
            return self.error
        if self.unchanged:
            return "Unchanged since the last poll (HTTP 304)."
        indexed = sum(1 for a in self.added if a.ok)
        failed = [a for a in self.added if not a.ok]
        text = f"{indexed} new entr{'y' if indexed == 1 else 'ies'} indexed"
        if failed:
            text += f", {len(failed)} failed (first: {failed[0].reason.rstrip('.')})"  # type: ignore[union-attr]
        return text + "."


async def poll_all(engine: Engine, config: SourcesConfig) -> list[FeedPoll]:
    """Poll every feed (configured and added by admins), one after another; never raises for a feed."""
    async with FeedStore.of(engine.config) as store:
        await store.use_configured(config.feeds)
        polls = []
        for feed in await store.feeds():
            polls.append(await poll_feed(engine, store, feed, config))
    return polls


async def poll_feed(engine: Engine, store: FeedStore, feed: FeedRow, config: SourcesConfig) -> FeedPoll:
    """Poll one feed and record the outcome; a failure becomes ``FeedPoll.error`` and a log line."""
    try:
        poll = await _poll(engine, store, feed, config)
    except ArticlebotError as error:
        poll = FeedPoll(feed.url, feed.title, error=as_sentence(f"The feed {feed.title or feed.url} failed: {error}"))
    except Exception as error:  # a bug or a broken feed must not stop the other feeds
        log.exception("polling the feed %s failed", feed.url)
        poll = FeedPoll(feed.url, feed.title, error=f"The feed {feed.title or feed.url} failed ({type(error).__name__}).")
    if poll.error:
        log.warning("%s", poll.error)
        await store.record_poll(feed.url, status=poll.error, failing=True)
    return poll


async def _poll(engine: Engine, store: FeedStore, feed: FeedRow, config: SourcesConfig) -> FeedPoll:
    """One conditional GET of the feed, then its new entries fetched and indexed."""
    async with Fetcher(config) as fetcher:
        fetched = await fetcher.get(feed.url, _conditional_headers(feed))
    if fetched.status == 304:
        poll = FeedPoll(feed.url, feed.title, unchanged=True)
        await store.record_poll(feed.url, status=poll.summary(), failing=False)
        return poll
    if fetched.content_type in FEED_TYPES_REFUSED:
        raise FetchError(f"{feed.url} is a web page ({fetched.content_type}), not an RSS or Atom feed")
    parsed = await asyncio.to_thread(feedparser.parse, fetched.body)
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"{feed.url} is not an RSS or Atom feed ({_bozo_reason(parsed)})")
    title = parsed.feed.get("title") or None
    seen = await store.seen(feed.url)
    new = [(key, link) for key, link in _entries(parsed, fetched.url) if key not in seen][:NEW_ENTRIES_PER_POLL]
    folder = engine.config.pages_dir / feed.guild_id if feed.guild_id else None  # a server's own feed
    added = await add_urls(engine, [link for _, link in new], config, folder=folder) if new else []
    poll = FeedPoll(feed.url, title, added=tuple(added))
    remembered = [(key, link, "indexed" if result.ok else result.reason or "")
                  for (key, link), result in zip(new, added) if result.ok or not result.retry]
    await store.record_poll(feed.url, status=poll.summary(), failing=False, title=title,
                            etag=fetched.headers.get("ETag"), last_modified=fetched.headers.get("Last-Modified"),
                            entries=remembered)
    return poll


def _conditional_headers(feed: FeedRow) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from the last poll that got the feed."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _entries(parsed: Any, feed_url: str) -> list[tuple[str, str]]:
    """``(key, link)`` of the feed's entries that link to a page, in the feed's order; a relative
    link ("/news/1.html", common in Atom feeds) is taken from the feed's address, as a browser would."""
    found = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            found.append((entry.get("id") or link, urljoin(feed_url, link)))
    return found


def _bozo_reason(parsed: Any) -> str:
    """Why feedparser could not read a feed, in a few words."""
    problem = parsed.get("bozo_exception")
    return str(problem).split("\n")[0] if problem else "no feed elements found"
