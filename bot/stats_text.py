"""A ``StatsReport`` in words, shared by /stats (Discord) and ``articlebot stats`` (console)."""

from __future__ import annotations

from index.analytics.gaps import Gap
from index.analytics.stats import StatsReport

NO_TEXT_NOTE = ("Question text is not stored ([analytics] store_question_text = false), "
                "so the gaps cannot be listed.")
NO_GAPS = "No question was refused or voted 👎."


def percent(share: float | None) -> str:
    """0.754 -> '75%'; None -> '–'."""
    return "–" if share is None else f"{share:.0%}"


def seconds_text(seconds: float | None) -> str:
    """0.1234 -> '0.123 s'; None -> '–'."""
    return "–" if seconds is None else f"{seconds:.3f} s"


def summary_rows(report: StatsReport) -> list[tuple[str, str]]:
    """``(label, value)`` lines: questions, answered, answer time, feedback."""
    return [
        ("Questions", f"{report.asked} in {report.days} days"),
        ("Answered", f"{report.answered} ({percent(report.answered_rate)})"),
        ("Answer time", f"median {seconds_text(report.median_seconds)}, p99 {seconds_text(report.p99_seconds)}"),
        ("Feedback", feedback_text(report)),
    ]


def feedback_text(report: StatsReport) -> str:
    """'👍 3 · 👎 1 (75% 👍)', or 'no votes yet' (not '👍 0 · 👎 0 (– 👍)')."""
    if report.thumbs_up_share is None:
        return "no votes yet"
    return f"👍 {report.thumbs_up} · 👎 {report.thumbs_down} ({percent(report.thumbs_up_share)} 👍)"


def gap_counts(gap: Gap) -> str:
    """'4 asked · 3 refused · 1 👎'."""
    return f"{gap.asked} asked · {gap.refused} refused · {gap.voted_down} 👎"


def gaps_note(report: StatsReport) -> str | None:
    """Why no gap is listed, or None when some are."""
    if report.gaps:
        return None
    return NO_TEXT_NOTE if not report.text_stored else NO_GAPS
