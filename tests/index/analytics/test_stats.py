"""The stats report on real SQLite and PostgreSQL: counts, rates, times, votes, articles and grouped gaps."""

from __future__ import annotations

import sys

import pytest

from index.analytics.chart import CHART_UNAVAILABLE, ChartUnavailable, render_chart
from index.analytics.gaps import group_gaps
from index.analytics.records import member_hash
from index.analytics.stats import gather_stats
from index.analytics.store import AnalyticsStore
from index.store.database import Store
from tests.conftest import both_backends
from tests.index.analytics.conftest import NOW, asked, record_all

pytestmark = both_backends


async def filled(store: AnalyticsStore) -> None:
    """Five questions on two days (two refused alike, one answered and voted 👎) and one too old."""
    await record_all(store, [
        asked("What did Kirby say?", seconds=0.1, key="k1", days_ago=1),
        asked("Who won the world cup?", False, seconds=0.2, days_ago=1),
        asked("who won the World Cup final", False, seconds=0.3),
        asked("What did Kirby say about Moscow?", seconds=0.4, key="k2", article="Moscow article"),
        asked("Kirby on drones", seconds=10.0, key="k3"),
        asked("ancient question", False, days_ago=40),
    ])
    main = await Store.open(store.path, database=store.database)
    await main.members.add_feedback("What did Kirby say about Moscow?", [1], member_hash(1), -1, "k2")
    await main.members.add_feedback("What did Kirby say?", [1], member_hash(2), 1, "k1")
    await main.members.add_feedback("Kirby on drones", [1], member_hash(2), 1, "k3")
    await main.close()


async def test_report_counts_the_period(store: AnalyticsStore) -> None:
    """30 days: 5 asked on 2 days, 3 answered, median 0.3 s, 2 👍 / 1 👎, Kirby article most asked."""
    await filled(store)
    report = await gather_stats(store, 30, now=NOW)
    assert [(d.asked, d.answered) for d in report.per_day] == [(2, 1), (3, 2)]
    assert (report.asked, report.answered, report.answered_rate) == (5, 3, 0.6)
    assert report.median_seconds == pytest.approx(0.3)
    assert 0.4 < report.p99_seconds <= 10.0
    assert (report.thumbs_up, report.thumbs_down, report.thumbs_up_share) == (2, 1, 2 / 3)
    assert report.top_articles == (("Kirby article", 2), ("Moscow article", 1))


async def test_gaps_group_refusals_by_wording_and_add_down_votes(store: AnalyticsStore) -> None:
    """The two world-cup wordings are one gap (2 refused); the 👎 Kirby answer is another."""
    await filled(store)
    gaps = [g.to_json() for g in (await gather_stats(store, 30, now=NOW)).gaps]
    assert [(g["asked"], g["refused"], g["voted_down"]) for g in gaps] == [(2, 2, 0), (1, 0, 1)]
    assert sorted(gaps[0]["wordings"]) == ["Who won the world cup?", "who won the World Cup final"]
    assert gaps[1]["question"] == "What did Kirby say about Moscow?"


async def test_an_empty_period_reports_nothing_known(store: AnalyticsStore) -> None:
    """No questions: zero counts, None for rates and times."""
    report = await gather_stats(store, 7, now=NOW)
    assert (report.asked, report.answered_rate, report.median_seconds, report.thumbs_up_share, report.gaps) == (
        0, None, None, None, ())


def test_grouping_keeps_unrelated_questions_apart() -> None:
    """Different topics are separate gaps, the largest first (then the most refused); a shared single
    word does not merge."""
    gaps = group_gaps([("Who won the election in Peru?", True, False), ("Peru election winner", True, False),
                       ("attacks", True, False), ("What did Kirby say about the attacks?", False, True),
                       ("weather tomorrow", True, False)])
    assert [(g.asked, g.question) for g in gaps] == [
        (2, "Who won the election in Peru?"), (1, "attacks"), (1, "weather tomorrow"),
        (1, "What did Kirby say about the attacks?")]


async def test_calendar_fills_quiet_days_with_zeros(store: AnalyticsStore) -> None:
    """Questions 3 and 1 days ago: the chart's calendar has 3 days, the quiet one at zero."""
    await record_all(store, [asked("a", days_ago=3), asked("b", False, days_ago=1)])
    calendar = (await gather_stats(store, 7, now=NOW)).calendar()
    assert [(d.asked, d.answered) for d in calendar] == [(1, 1), (0, 0), (1, 0)]


async def test_chart_is_a_png(store: AnalyticsStore) -> None:
    """The chart of a filled report is a PNG image."""
    await filled(store)
    assert render_chart(await gather_stats(store, 30, now=NOW)).startswith(b"\x89PNG\r\n\x1a\n")


async def test_chart_without_matplotlib_says_how_to_install_it(store: AnalyticsStore,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With matplotlib not importable, the chart raises the install sentence."""
    for name in [n for n in sys.modules if n == "matplotlib" or n.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ChartUnavailable, match="articlebot\\[charts\\]") as raised:
        render_chart(await gather_stats(store, 30, now=NOW))
    assert str(raised.value) == CHART_UNAVAILABLE
