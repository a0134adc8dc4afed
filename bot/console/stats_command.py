"""``articlebot stats [--days N] [--json]``: what the bot was asked, as tables (or JSON).

Reads the database's ``question_log`` (written by the Discord bot) and its 👍/👎 table; never
creates a database. The same numbers as /stats, from ``index.analytics.stats``.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import click
from rich.console import Group
from rich.table import Table

from bot import stats_text as words
from bot.console.common import engine_options, fail, no_index, settings_from
from bot.console.render import make_console
from index.analytics.stats import MAX_DAYS, StatsReport, gather_stats
from index.analytics.store import AnalyticsStore
from index.errors import ArticlebotError
from index.store.sql import DATABASE_ERRORS, database_name


def render_stats(report: StatsReport) -> Group:
    """The report as console tables: summary, per day, most asked articles, gaps."""
    summary = Table(title=f"Questions, last {report.days} days", show_header=False)
    for label, value in words.summary_rows(report):
        summary.add_row(label, value)
    per_day = Table("Day", "Asked", "Answered", title="Per day")
    for day in report.per_day:
        per_day.add_row(day.day, str(day.asked), str(day.answered))
    articles = Table("Questions", "Article", title="Most asked articles")
    for title, count in report.top_articles:
        articles.add_row(str(count), title)
    gaps = Table("Asked", "Refused", "👎", "Question (most common wording)", title="Gaps: refused or 👎")
    for gap in report.gaps:
        gaps.add_row(str(gap.asked), str(gap.refused), str(gap.voted_down), gap.question)
    note = words.gaps_note(report)
    return Group(summary, per_day, articles, gaps, *([note] if note else []))


async def _read_stats(path: Path, database: str, days: int, text_stored: bool) -> StatsReport:
    store = await AnalyticsStore.open(path, database=database)
    try:
        return await gather_stats(store, days, text_stored=text_stored)
    finally:
        await store.close()


@click.command(short_help="Questions asked and answered, answer times, votes and gaps.")
@click.option("--days", type=click.IntRange(1, MAX_DAYS), default=None,
              help="How many days back (default: analytics.stats_days).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@engine_options
def stats(days: int | None, as_json: bool, db: Path | None, config: Path | None) -> None:
    """Questions asked and answered, answer times, 👍/👎, most asked articles and the gaps."""
    settings = settings_from(config, db)
    path, database = settings.index.db_path, settings.index.database
    if not database and not path.exists():
        fail(no_index(path))
    analytics = settings.analytics.config()
    try:
        report = asyncio.run(_read_stats(path, database, days or analytics.stats_days, analytics.store_question_text))
    except ArticlebotError as error:
        fail(str(error))
    except DATABASE_ERRORS as error:
        fail(f"cannot read the statistics in {database_name(path, database)} ({error})")
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        make_console().print(render_stats(report))
