"""Plain-text lines about added pages and feeds, shared by the console and Discord."""

from __future__ import annotations

from collections.abc import Sequence

from index.sources.feed_store import FeedRow
from index.sources.feeds import FeedPoll
from index.sources.pages import Added


def added_line(result: Added) -> str:
    """``Added: Title — link`` or ``Not added: reason``."""
    if result.ok:
        return f"Added: {result.title} — {result.link or result.url}"
    return f"Not added: {result.reason}"


def added_summary(results: Sequence[Added]) -> str:
    """One line per URL, after a count: the pages added first, so a reply cut to fit a Discord
    message loses failures, never which pages were added."""
    done = sum(1 for r in results if r.ok)
    head = f"{done} of {len(results)} page{'s' if len(results) != 1 else ''} added."
    ordered = [r for r in results if r.ok] + [r for r in results if not r.ok]
    return "\n".join([head, *(added_line(r) for r in ordered)])


def feed_line(feed: FeedRow) -> str:
    """A feed with where it comes from and the outcome of its last poll."""
    name = f"{feed.title} — {feed.url}" if feed.title else feed.url
    origin = "config file" if feed.origin == "config" else "added by an admin"
    state = "FAILING: " if feed.failing else ""
    last = f"{state}{feed.status}" if feed.status else "not polled yet"
    return f"{name} ({origin}; {feed.entries} indexed) — {last}"


def feeds_text(feeds: Sequence[FeedRow]) -> str:
    """Every feed on its own line, or how to add one."""
    if not feeds:
        return "No feeds are polled; add one with /feeds add or [sources] feeds in the config file."
    return "\n".join(feed_line(feed) for feed in feeds)


def poll_line(poll: FeedPoll) -> str:
    """A feed's name and what its poll did."""
    return poll.summary() if poll.error else f"{poll.name}: {poll.summary()}"


def feed_added_text(poll: FeedPoll) -> str:
    """What adding a feed says: it was added, then what polling it at once did (or why it failed)."""
    return f"Feed added. {poll_line(poll)}"


def removal_text(url: str, outcome: str) -> str:
    """The sentence for ``FeedStore.remove``'s outcome."""
    return {
        "removed": f"Feed removed: {url} (its articles stay indexed).",
        "configured": f"{url} comes from the config file ([sources] feeds); remove it there.",
    }.get(outcome, f"{url} is not a polled feed.")
