"""What a "when was that?" follow-up shows: the date of what the last answer showed.

"when was that?" (or "when?", "when did that happen?", "on what date?") asks when the shown
sentence happened, not the last question again. The reply is, in this order: the shown passage
with the sentence bold that names a date (a day, month or year, a weekday, "last week") — the
shown sentence itself when it names one, else the nearest one in that passage, the earlier of
two as near; else the article's own date; else, for an undated article, the nearest such
sentence in its other passages (a news story's time is often in its lede), the note saying
that the article gives no date for the passage shown and naming where the nearest is; else the
plain sentence that the article gives none, rather than the same passage again. A year merely
mentioned ("unlike in 2000", "since 2003", "set in 1992", "Windows 2000") is no date here.
"""

from __future__ import annotations

import calendar
import re

from index.answering.answer import sentence_quote
from index.conversation.context import Topic
from index.conversation.year_mentions import is_mention
from index.engine import Engine
from index.models import Answer
from index.store.rows import PassageRow

_MONTH = "|".join(calendar.month_name[1:])
_WEEKDAY = "|".join(calendar.day_name)
_PERIOD = r"(?:week|month|year|night|weekend|summer|winter|spring|autumn|season|decade|century)"
DATE_PHRASE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})(?:\s+(?:19|20)\d\d)?"  # 5 May (2005)
    rf"|(?:{_MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"  # May 5, 2005 / May 2005 / May
    rf"|(?:19|20)\d\d(?:s\b)?"  # 2004, the 1990s
    rf"|(?:{_WEEKDAY})s?"  # on Thursday
    rf"|yesterday|today|tonight|tomorrow"
    rf"|(?:last|next|this|earlier\s+this|later\s+this|past)\s+(?:{_PERIOD}|{_WEEKDAY})"
    rf"|(?:a|one|two|three|four|five|six|several|\d+)\s+{_PERIOD}s?\s+ago)\b"
)


async def date_answer(engine: Engine, topic: Topic) -> Answer | str | None:
    """The answer quoting the dated sentence nearest the one ``topic`` showed; the article's
    date, or that it gives none, as a plain sentence; None when no passage was shown."""
    if topic.article_id is None or topic.focus is None:
        return None
    rows = await engine.store.article_passages(topic.article_id)
    passage_id, bold_start = topic.focus
    at = next((n for n, row in enumerate(rows) if row.id == passage_id), None)
    if at is None:
        return None
    found = nearest_dated(rows, at, bold_start, 0)
    if found is None and not rows[at].date:
        found = nearest_dated(rows, at, bold_start, len(rows))
    if found is None:
        return undated_text(topic, rows[at].date)
    row, sentence = found
    phrase = date_phrase(row, sentence)
    if row.id == passage_id:
        note = f"When: “{phrase}”, in the sentence in bold."
    else:  # far from what was shown: said as such, not offered as its date
        note = (f"The article gives no date for the passage shown (¶{rows[at].paragraph}); the nearest date it "
                f"names is “{phrase}”, in ¶{row.paragraph} in bold, which may be about something else.")
    if row.date:
        note += f" The article is dated {row.date}."
    return Answer(topic.question, True, quotes=(sentence_quote(row, sentence),), note=note)


def nearest_dated(rows: list[PassageRow], at: int, bold_start: int, near: int) -> tuple[PassageRow, int] | None:
    """Of the sentences of ``rows[at]`` and the ``near`` passages either side, the one naming a
    date nearest the sentence starting at ``bold_start`` of ``rows[at]`` (in sentences; the
    earlier of two as near); None when none names one."""
    order: list[tuple[PassageRow, int]] = []
    for row in rows[max(at - near, 0):at + near + 1]:
        order.extend((row, n) for n in range(len(_sentences(row))))
    shown = next((i for i, (row, n) in enumerate(order)
                  if row.id == rows[at].id and _bounds(row, n)[0] <= bold_start < _bounds(row, n)[1]), None)
    if shown is None:
        shown = next(i for i, (row, _) in enumerate(order) if row.id == rows[at].id)
    dated = [i for i, (row, n) in enumerate(order) if date_phrase(row, n)]
    if not dated:
        return None
    return order[min(dated, key=lambda i: (abs(i - shown), i))]


def date_phrase(row: PassageRow, sentence: int) -> str:
    """The first date the ``sentence``-th sentence of ``row`` names that is not a year's mere
    mention ("unlike in 2000", "Windows 2000": ``year_mentions``); "" when it names none."""
    start, end = _bounds(row, sentence)
    return next((found.group() for found in DATE_PHRASE.finditer(row.text, start, end)
                 if not is_mention(row.text, found.start(), found.end(), start)), "")


def undated_text(topic: Topic, date: str | None) -> str:
    """The plain reply when no sentence near the one shown names a date."""
    where = f"*{topic.title}*" if topic.title else "The article"
    if date:
        return f"{where} is dated {date}; the passages shown name no date of their own."
    return f"{where} gives no date for that: neither its passages nor its record name one."


def _sentences(row: PassageRow) -> list[tuple[int, int]]:
    return list(row.sentences) or [(0, len(row.text))]


def _bounds(row: PassageRow, sentence: int) -> tuple[int, int]:
    return _sentences(row)[sentence]
