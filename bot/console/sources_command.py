"""``articlebot add URL …`` and ``articlebot feeds list|add|remove|poll``.

``add`` fetches each page, stores it beside the database and indexes it (exit 1 when a URL
could not be added; each says why in one sentence). ``feeds poll`` polls every feed once, as the
bot does on its schedule (exit 1 when a feed failed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.console.common import engine_options, fail, run_with_engine, settings_from
from bot.settings import engine_config
from bot.sources_text import added_summary, feed_added_text, feeds_text, poll_line, removal_text
from index.engine import Engine
from index.sources.feed_store import FeedRow, FeedStore
from index.sources.feeds import FeedPoll, poll_all, poll_feed
from index.sources.fetch import web_url_problem
from index.sources.pages import Added, add_urls


@click.command(short_help="Fetch web pages by URL and index them.")
@click.argument("urls", nargs=-1, required=True)
@engine_options
def add(urls: tuple[str, ...], db: Path | None, config: Path | None) -> None:
    """Fetch web pages by URL, store them and index them (creates the database if needed)."""
    settings = settings_from(config, db)

    async def work(engine: Engine) -> list[Added]:
        return await add_urls(engine, list(urls), settings.sources.config(),
                              progress=lambda text: click.echo(text, err=True))

    results = run_with_engine(engine_config(settings), work)
    click.echo(added_summary(results))
    sys.exit(0 if all(r.ok for r in results) else 1)


@click.group()
def feeds() -> None:
    """RSS and Atom feeds polled for new articles."""


@feeds.command(name="list")
@engine_options
def list_feeds(db: Path | None, config: Path | None) -> None:
    """List the feeds with the outcome of their last poll (never creates a database)."""
    settings = settings_from(config, db)

    async def work(engine: Engine) -> list[FeedRow]:
        async with FeedStore.of(engine.config) as store:
            await store.use_configured(settings.sources.feeds)
            return await store.feeds()

    click.echo(feeds_text(run_with_engine(engine_config(settings), work, read_only=True)))


@feeds.command(name="add")
@click.argument("url")
@engine_options
def add_feed(url: str, db: Path | None, config: Path | None) -> None:
    """Poll another feed (kept in the database): its entries are indexed now, as /feeds add does,
    and its new ones at each poll. Exit 1 when this first poll failed (the feed stays listed)."""
    url = url.strip()
    problem = web_url_problem(url)
    if problem:
        fail(problem)
    settings = settings_from(config, db)

    async def work(engine: Engine) -> FeedPoll | None:
        async with FeedStore.of(engine.config) as store:
            if not await store.add(url):
                return None
            feed = await store.feed(url)
            assert feed is not None
            click.echo(f"Feed added: {url}; polling it now…", err=True)
            return await poll_feed(engine, store, feed, settings.sources.config())

    poll = run_with_engine(engine_config(settings), work)
    if poll is None:
        click.echo(f"{url} is already polled.")
        return
    click.echo(feed_added_text(poll))
    sys.exit(1 if poll.error else 0)


@feeds.command(name="remove")
@click.argument("url")
@engine_options
def remove_feed(url: str, db: Path | None, config: Path | None) -> None:
    """Stop polling a feed added with ``feeds add`` or /feeds add."""
    async def work(engine: Engine) -> str:
        async with FeedStore.of(engine.config) as store:
            return await store.remove(url)

    click.echo(removal_text(url, run_with_engine(engine_config(settings_from(config, db)), work, read_only=True)))


@feeds.command(name="poll")
@engine_options
def poll(db: Path | None, config: Path | None) -> None:
    """Poll every feed once and index its new entries."""
    settings = settings_from(config, db)

    async def work(engine: Engine) -> list[FeedPoll]:
        return await poll_all(engine, settings.sources.config())

    polls = run_with_engine(engine_config(settings), work)
    click.echo("\n".join(poll_line(p) for p in polls) or feeds_text([]))
    sys.exit(1 if any(p.error for p in polls) else 0)
