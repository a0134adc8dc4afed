"""The /stats chart: questions per day, answered and refused, as a PNG (matplotlib, Agg).

matplotlib is optional (``pip install 'articlebot[charts]'``): without it ``render_chart``
raises ``ChartUnavailable`` with that sentence, and /stats sends its numbers without a chart.
Built on a ``Figure`` of its own (no pyplot state), so it is safe in a worker thread; call it
with ``asyncio.to_thread`` from an event loop.
"""

from __future__ import annotations

import io

from index.analytics.stats import StatsReport

CHART_UNAVAILABLE = ("The chart needs matplotlib, which is not installed; "
                     "install it with `pip install 'articlebot[charts]'`.")


class ChartUnavailable(RuntimeError):
    """matplotlib is not installed; ``str()`` says how to install it."""


def render_chart(report: StatsReport) -> bytes:
    """A PNG of questions per day over the report's period (answered stacked under refused)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        raise ChartUnavailable(CHART_UNAVAILABLE) from None
    figure = Figure(figsize=(8, 3.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    per_day = report.calendar()
    days = [d.day[5:] for d in per_day]  # MM-DD
    answered = [d.answered for d in per_day]
    refused = [d.asked - d.answered for d in per_day]
    axes.bar(days, answered, color="#2e7d32", label="answered")
    axes.bar(days, refused, bottom=answered, color="#c62828", label="refused")
    axes.set_title(f"Questions per day, last {report.days} days")
    axes.set_ylabel("questions")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left")
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    if not days:
        axes.text(0.5, 0.5, "no questions yet", ha="center", va="center", transform=axes.transAxes)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()

