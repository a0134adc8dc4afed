"""What a "when was that?" follow-up shows: the date of what the last answer showed.

"when was that?" (or "when?", "when did that happen?", "on what date?") asks when the shown
sentence happened, not the last question again. Only a date that is about what was shown is
given as its date: one the shown sentence itself names (a day, month or year, a weekday, "last
week"), quoted with that sentence bold; else the article's own date when its record has one.
A date another sentence names mostly dates another event ("Khodorkovsky … following his
arrest in October 2003" beside the sale shown), so for an undated article the reply is a plain
sentence saying that the sentence shown names no date, then naming the nearest date the
article gives and the words around it, as maybe about something else; else that the article
gives none. A year merely mentioned ("unlike in 2000", "since 2003", "up from 2003's figure",
"Windows 2000", "his 2001 election defeat": ``year_mentions``) is no date here.
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
    """The answer quoting the shown sentence when it names a date; else the article's date, or
    that the shown sentence names none (with the nearest date elsewhere, told as such), as a
    plain sentence; None when no passage was shown."""
    if topic.article_id is None or topic.focus is None:
        return None
    rows = await engine.store.article_passages(topic.article_id)
    passage_id, bold_start = topic.focus
    at = next((n for n, row in enumerate(rows) if row.id == passage_id), None)
    if at is None:
        return None
    row = rows[at]
    shown = shown_sentence(row, bold_start)
    if phrase := date_phrase(row, shown):
        note = f"When: “{phrase}”, in the sentence in bold."
        if row.date:
            note += f" The article is dated {row.date}."
        return Answer(topic.question, True, quotes=(sentence_quote(row, shown),), note=note)
    if row.date:
        return undated_text(topic, row.date)
    found = nearest_dated(rows, at, shown)
    if found is None:
        return undated_text(topic, None)
    other, sentence = found
    where = "another sentence of the same paragraph" if other.id == row.id else f"¶{other.paragraph}"
    return (f"The sentence shown (¶{row.paragraph}) names no date, and {_title(topic)} carries none of its own. "
            f"The nearest date it names, “{date_phrase(other, sentence)}”, is in {where} and may be about "
            f"something else: “{around_date(other, sentence)}”")


def shown_sentence(row: PassageRow, bold_start: int) -> int:
    """The number of the sentence of ``row`` the bold starting at ``bold_start`` lies in (0 if none)."""
    return next((n for n, (start, end) in enumerate(_sentences(row)) if start <= bold_start < end), 0)


def around_date(row: PassageRow, sentence: int, width: int = 160) -> str:
    """The ``sentence``-th sentence of ``row``, clipped to about ``width`` characters around its
    date with "…" where words are left out."""
    start, end = _bounds(row, sentence)
    text = row.text[start:end].strip()
    if len(text) <= width:
        return text
    phrase = date_phrase(row, sentence)
    at = text.find(phrase)
    left = max(0, min(at - width // 2, len(text) - width))
    clip = text[left:left + width]
    if left:
        clip = "…" + clip.split(" ", 1)[-1]
    if left + width < len(text):
        clip = clip.rsplit(" ", 1)[0] + " …"
    return clip


def nearest_dated(rows: list[PassageRow], at: int, shown: int) -> tuple[PassageRow, int] | None:
    """Of the sentences of ``rows``, the one naming a date nearest the ``shown``-th sentence of
    ``rows[at]`` (in sentences; the earlier of two as near); None when none names one."""
    order = [(row, n) for row in rows for n in range(len(_sentences(row)))]
    here = next(i for i, (row, n) in enumerate(order) if row.id == rows[at].id and n == shown)
    dated = [i for i, (row, n) in enumerate(order) if date_phrase(row, n)]
    if not dated:
        return None
    return order[min(dated, key=lambda i: (abs(i - here), i))]


def date_phrase(row: PassageRow, sentence: int) -> str:
    """The first date the ``sentence``-th sentence of ``row`` names that is not a year's mere
    mention ("unlike in 2000", "Windows 2000": ``year_mentions``); "" when it names none."""
    start, end = _bounds(row, sentence)
    return next((found.group() for found in DATE_PHRASE.finditer(row.text, start, end)
                 if not is_mention(row.text, found.start(), found.end(), start)), "")


def undated_text(topic: Topic, date: str | None) -> str:
    """The plain reply when the sentence shown names no date and no other sentence is offered."""
    where = _title(topic, "The article")
    if date:
        return f"{where} is dated {date}; the sentence shown names no date of its own."
    return f"{where} gives no date for that: neither its passages nor its record name one."


def _title(topic: Topic, untitled: str = "the article") -> str:
    return f"*{topic.title}*" if topic.title else untitled


def _sentences(row: PassageRow) -> list[tuple[int, int]]:
    return list(row.sentences) or [(0, len(row.text))]


def _bounds(row: PassageRow, sentence: int) -> tuple[int, int]:
    return _sentences(row)[sentence]
