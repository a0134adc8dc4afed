"""Archive questions answered from the article records: titles, authors, dates, deks.

Where the files carry no author or date, the reply says so plainly instead of guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from index.answering.speaker_questions import same_person
from index.conversation.archive import ArchiveQuestion, Ask, article_reference
from index.conversation.context import Topic
from index.conversation.dates import DateRange, parse_day
from index.engine import Engine, title_order
from index.store.database import ArticleRow, PassageRow
from index.tokenize import tokenize


@dataclass(frozen=True, slots=True)
class Listed:
    """One article in a listing, with what to show beside its title."""

    title: str
    detail: str = ""
    article_id: int | None = None


@dataclass(frozen=True, slots=True)
class ArchiveReply:
    """An answer about the archive: a sentence, and the listed articles (all; front ends page)."""

    text: str
    items: tuple[Listed, ...] = ()
    article_id: int | None = None  # the one article it was about, if any
    title: str | None = None


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
NO_ARTICLE = "Which article? Ask a question about it first, or give words of its title."


async def answer_archive(engine: Engine, asked: ArchiveQuestion, topic: Topic | None,
                         dates: DateRange | None = None) -> ArchiveReply:
    """The reply to one archive question (``topic`` is the conversation's, for "the article")."""
    generation = (await engine.searcher()).generation
    visible = await engine.visible_articles()  # the asker's scope (index.scopes)
    records = [row for row, _ in await engine.store.articles(generation) if visible is None or row.id in visible]
    if asked.ask is Ask.MENTIONS:
        return await _mentions(engine, generation, asked.subject, records, dates)
    if asked.ask in (Ask.BY_AUTHOR, Ask.NEWEST, Ask.COUNT):
        return _listing(asked, records, dates)
    record = await find_article(engine, asked.subject, topic, records)
    if record is None:
        return ArchiveReply(NO_ARTICLE)
    if asked.ask is Ask.ABOUT:
        text = await _about(engine, record)
    else:
        text = _author(record) if asked.ask is Ask.AUTHOR else _date(record)
    return ArchiveReply(text, article_id=record.id, title=record.title)


async def archive_dates(engine: Engine, article_ids: Sequence[int]) -> ArchiveReply:
    """"when?" after an archive reply: when the article it was about was published (or that its
    file does not say), or, after a listing, the listed articles' dates, newest first."""
    generation = (await engine.searcher()).generation
    visible = await engine.visible_articles()
    by_id = {row.id: row for row, _ in await engine.store.articles(generation) if visible is None or row.id in visible}
    records = [by_id[i] for i in article_ids if i in by_id]
    if len(records) == 1:
        return ArchiveReply(_date(records[0]), article_id=records[0].id, title=records[0].title)
    dated = sorted((row for row in records if parse_day(row.date)), key=lambda r: (r.date or "", r.id), reverse=True)
    if not dated:
        return ArchiveReply(f"None of the {_count(len(records))} listed carries a date: their files do not say "
                            "when they were published.")
    undated = len(records) - len(dated)
    note = f" ({_count(undated)} listed {'carries' if undated == 1 else 'carry'} no date.)" if undated else ""
    items = told_apart(tuple(Listed(row.title, row.date or "", row.id) for row in dated), records)
    return ArchiveReply(f"The articles listed, newest first:{note}", items)


async def find_article(engine: Engine, subject: str, topic: Topic | None,
                       records: Sequence[ArticleRow]) -> ArticleRow | None:
    """The article ``subject`` means: the conversation's ("the article"), the only one, or the
    one whose title (else text) best matches its words."""
    by_id = {row.id: row for row in records}
    current, words = article_reference(subject)
    if current or not words:
        if topic is not None and topic.article_id in by_id:
            return by_id[topic.article_id]
        return records[0] if len(records) == 1 else None
    exact = [row for row in records if row.title.casefold() == words.casefold()]
    if exact:
        return exact[0]
    searcher = await engine.searcher()
    scores = searcher.article_scores(tokenize(words))
    if scores:
        best = max(scores.items(), key=lambda kv: kv[1])[0]
        if best in by_id:
            return by_id[best]
    hits = searcher.search(tokenize(words), 1)
    return by_id.get(hits[0].article_id) if hits else None


def _author(record: ArticleRow) -> str:
    if record.author:
        return f"*{record.title}* was written by {record.author}."
    return f"*{record.title}* does not say who wrote it: its file carries no author."


def _date(record: ArticleRow) -> str:
    if record.date:
        return f"*{record.title}* was published on {record.date}."
    return f"*{record.title}* carries no date: its file does not say when it was published."


async def _about(engine: Engine, record: ArticleRow) -> str:
    if record.dek:
        return f"*{record.title}*: “{record.dek}”"
    passages = await engine.store.article_passages(record.id)
    if not passages:
        return f"*{record.title}* has no text indexed."
    first = passages[0]
    start, end = first.sentences[0] if first.sentences else (0, len(first.text))
    return f"*{record.title}* begins: “{first.text[start:end].strip()}” (¶{first.paragraph})"


async def _mentions(engine: Engine, generation: int, phrase: str, records: Sequence[ArticleRow],
                    dates: DateRange | None) -> ArchiveReply:
    """Each article whose text names ``phrase`` (as a whole word), with its first such sentence."""
    phrase = _LEADING_ARTICLE.sub("", phrase.strip())  # "the lighthouse": articles say "the old lighthouse"
    if not phrase:
        return ArchiveReply("Which words should the articles mention?")
    dated = {row.id: row.date for row in records}
    word = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I)
    found: dict[int, Listed] = {}
    for row in await engine.store.passages_mentioning(generation, phrase):
        if row.article_id in found or row.article_id not in dated or (dates and not dates.holds(dated.get(row.article_id))):
            continue
        sentence = _sentence_with(row, word)
        if sentence is not None:
            found[row.article_id] = Listed(row.title, sentence, row.article_id)
    items = told_apart(tuple(sorted(found.values(), key=lambda item: title_order(item.title))), records)
    when = f" {dates.words}" if dates else ""
    note = _no_dates_note(records, dates)
    if not items:
        return ArchiveReply(f"No article{when} mentions “{phrase}”.{note}")
    many = "article mentions" if len(items) == 1 else "articles mention"
    return ArchiveReply(f"{len(items)} {many} “{phrase}”{when}:{note}", items)


def _sentence_with(row: PassageRow, word: re.Pattern[str]) -> str | None:
    """The first sentence of ``row`` matching ``word`` (None when only a part of a word did)."""
    for start, end in row.sentences or [(0, len(row.text))]:
        if word.search(row.text[start:end]):
            return row.text[start:end].strip()
    return None


def _listing(asked: ArchiveQuestion, records: Sequence[ArticleRow], dates: DateRange | None) -> ArchiveReply:
    """Articles by an author, the newest, or how many there are (within ``dates`` if given)."""
    note = _no_dates_note(records, dates)
    if dates and not note:
        records = [row for row in records if dates.holds(row.date)]
    when = f" {dates.words}" if dates and not note else ""
    if dates and not note and not records:
        return ArchiveReply(f"No indexed article is dated {dates.words}.")
    if asked.ask is Ask.COUNT:
        return ArchiveReply(f"{_count(len(records))}{when} {_are(records)} indexed.{note}")
    if asked.ask is Ask.BY_AUTHOR:
        return _by_author(asked.subject, records, note)
    dated = sorted((row for row in records if parse_day(row.date)), key=lambda r: (r.date or "", r.id), reverse=True)
    if not dated:
        return ArchiveReply(f"The indexed files carry no dates, so I can't tell which articles are newest; "
                            f"{_count(len(records))} {_are(records)} indexed.")  # no front end's command: /sources is Discord's
    items = told_apart(tuple(Listed(row.title, row.date or "", row.id) for row in dated), records)
    return ArchiveReply(f"The newest articles{when}, newest first:{note}", items)


def _by_author(author: str, records: Sequence[ArticleRow], note: str) -> ArchiveReply:
    if not any(row.author for row in records):
        return ArchiveReply(f"The indexed files carry no authors, so I can't tell which articles {author} wrote.")
    mine = [row for row in records if row.author and same_person(author, row.author)]
    if not mine:
        return ArchiveReply(f"No indexed article is by {author}.{note}")
    items = told_apart(tuple(Listed(row.title, row.date or "", row.id)
                             for row in sorted(mine, key=lambda r: (r.date or "", r.id), reverse=True)), records)
    return ArchiveReply(f"{_count(len(mine))} by {mine[0].author}:{note}", items)


def told_apart(items: tuple[Listed, ...], records: Sequence[ArticleRow]) -> tuple[Listed, ...]:
    """``items`` with their file (folder and name) after each title that more than one of them
    carries: two files with one title would otherwise read as the same line twice."""
    repeated = {title for title, n in Counter(item.title for item in items).items() if n > 1}
    if not repeated:
        return items
    paths = {row.id: PurePath(row.path) for row in records}
    return tuple(replace(item, title=f"{item.title} ({paths[item.article_id].parent.name}/{paths[item.article_id].name})")
                 if item.title in repeated and item.article_id in paths else item for item in items)


def _no_dates_note(records: Sequence[ArticleRow], dates: DateRange | None) -> str:
    """What to say when a question names dates the files do not carry."""
    if dates is None or any(parse_day(row.date) for row in records):
        return ""
    return f" (The indexed files carry no dates, so “{dates.words}” could not narrow this.)"


def _count(number: int) -> str:
    return f"{number} article" if number == 1 else f"{number:,} articles"


def _are(records: Sequence[ArticleRow]) -> str:
    return "is" if len(records) == 1 else "are"
