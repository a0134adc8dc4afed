"""What /stats and ``articlebot stats`` report: a ``StatsReport`` over the last N days.

Questions per day, the share answered, median and p99 time to answer, the 👍/👎 share, the
articles quoted first most often, and the gaps (``index.analytics.gaps``). Sorting times and
grouping wordings run in a worker thread, so a bot's event loop keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from index.analytics.gaps import Gap, group_gaps
from index.analytics.store import AnalyticsStore
from index.config import DAY

TOP_ARTICLES = 5
"""Articles listed as most asked about."""
TOP_GAPS = 10
"""Gap groups listed."""
MAX_DAYS = 3650
"""The longest period /stats and ``articlebot stats --days`` report on."""
GAP_QUESTIONS = 5_000
"""The newest refused or 👎 questions grouped into gaps (bounds the work of one report)."""


@dataclass(frozen=True, slots=True)
class DayCount:
    """Questions asked and answered on one UTC day."""

    day: str  # YYYY-MM-DD
    asked: int
    answered: int


@dataclass(frozen=True)
class StatsReport:
    """Everything the admin sees about the last ``days`` days."""

    days: int
    per_day: tuple[DayCount, ...]
    median_seconds: float | None
    p99_seconds: float | None
    thumbs_up: int
    thumbs_down: int
    top_articles: tuple[tuple[str, int], ...]
    gaps: tuple[Gap, ...]
    text_stored: bool = True

    @property
    def asked(self) -> int:
        """Questions asked in the period."""
        return sum(d.asked for d in self.per_day)

    @property
    def answered(self) -> int:
        """Questions answered with quotes in the period."""
        return sum(d.answered for d in self.per_day)

    @property
    def answered_rate(self) -> float | None:
        """Share of questions answered (None when none was asked)."""
        return self.answered / self.asked if self.asked else None

    @property
    def thumbs_up_share(self) -> float | None:
        """Share of votes that were 👍 (None without votes)."""
        votes = self.thumbs_up + self.thumbs_down
        return self.thumbs_up / votes if votes else None

    def calendar(self) -> list[DayCount]:
        """Every day from the first to the last with a question, quiet days as zeros (for the chart)."""
        if not self.per_day:
            return []
        counted = {d.day: d for d in self.per_day}
        first, last = date.fromisoformat(self.per_day[0].day), date.fromisoformat(self.per_day[-1].day)
        days = ((first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1))
        return [counted.get(day, DayCount(day, 0, 0)) for day in days]

    def to_json(self) -> dict[str, object]:
        """The report as plain JSON values (``articlebot stats --json``)."""
        return {
            "days": self.days, "asked": self.asked, "answered": self.answered,
            "answered_rate": self.answered_rate, "median_seconds": self.median_seconds,
            "p99_seconds": self.p99_seconds, "thumbs_up": self.thumbs_up, "thumbs_down": self.thumbs_down,
            "thumbs_up_share": self.thumbs_up_share,
            "per_day": [{"day": d.day, "asked": d.asked, "answered": d.answered} for d in self.per_day],
            "top_articles": [{"title": title, "questions": count} for title, count in self.top_articles],
            "gaps": [gap.to_json() for gap in self.gaps], "question_text_stored": self.text_stored,
        }


def _percentiles(seconds: list[float]) -> tuple[float | None, float | None]:
    """Median and 99th percentile of ``seconds`` (None, None when empty)."""
    if not seconds:
        return None, None
    median, p99 = np.percentile(np.asarray(seconds), [50, 99])
    return float(median), float(p99)


async def gather_stats(store: AnalyticsStore, days: int, *, text_stored: bool = True,
                       now: float | None = None, guild_id: str | None = None) -> StatsReport:
    """The report on the ``days`` days up to ``now`` (default: this moment), on the questions
    asked in server ``guild_id`` only when given."""
    since = (now if now is not None else time.time()) - days * DAY
    per_day = tuple(DayCount(*row) for row in await store.daily(since, guild_id))
    median, p99 = await asyncio.to_thread(_percentiles, await store.answer_seconds(since, guild_id))
    up, down = await store.votes(since, guild_id)
    top = tuple(await store.top_articles(since, TOP_ARTICLES, guild_id))
    gaps = await asyncio.to_thread(group_gaps, await store.gap_questions(since, GAP_QUESTIONS, guild_id), TOP_GAPS)
    return StatsReport(days, per_day, median, p99, up, down, top, tuple(gaps), text_stored)
