"""Date words in questions: "in March 2024", "in 2005", "last week", "this month", "yesterday".

``date_filter`` finds one such phrase and returns the question without it and the day range it
names, so questions can be asked of the articles dated in that range (when articles have dates).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PHRASE = re.compile(
    rf"\s*\b(?:(?:in|from|during|of)\s+)?(?:(?P<month>{_MONTH})\.?\s+(?P<month_year>(?:19|20)\d\d)"
    rf"|(?P<relative>(?:last|this|past|previous)\s+(?:week|month|year)|yesterday|today)"
    rf"|(?:in|from|during)\s+(?P<year>(?:19|20)\d\d))\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days ``first`` to ``last`` inclusive, and the words that named them."""

    first: dt.date
    last: dt.date
    words: str

    def holds(self, date_text: str | None) -> bool:
        """True when an article's date (ISO ``YYYY-MM-DD…``) falls in the range."""
        day = parse_day(date_text)
        return day is not None and self.first <= day <= self.last


def parse_day(text: str | None) -> dt.date | None:
    """The day of an ISO date (``2024-03-05`` or a timestamp starting so), None otherwise."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def date_filter(question: str, today: dt.date | None = None) -> tuple[str, DateRange | None]:
    """``question`` without its date phrase, and the range the phrase names (None if none)."""
    match = _PHRASE.search(question)
    if match is None:
        return question, None
    today = today or dt.date.today()
    found = _range(match, today)
    rest = " ".join((question[:match.start()] + " " + question[match.end():]).split())
    rest = re.sub(r"\s+([?.!,])", r"\1", rest)
    return rest, DateRange(found[0], found[1], match.group(0).strip())


def _range(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day the matched phrase names."""
    if match.group("month"):
        year, month = int(match.group("month_year")), _MONTHS[match.group("month").lower()]
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if match.group("year"):
        year = int(match.group("year"))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    words = match.group("relative").lower().split()
    if words[0] in ("today", "yesterday"):
        day = today - dt.timedelta(days=0 if words[0] == "today" else 1)
        return day, day
    unit = words[-1]
    if words[0] == "this":
        started = {"week": today - dt.timedelta(days=today.weekday()), "month": today.replace(day=1),
                   "year": today.replace(month=1, day=1)}[unit]
        return started, today
    return today - dt.timedelta(days={"week": 7, "month": 31, "year": 366}[unit]), today
