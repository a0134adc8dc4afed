"""The store's records: articles and passages as read, as written, and what a BM25 index is built from."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class ArticleFields:
    """What the store keeps of an article besides its passages."""

    path: str
    content_hash: str
    title: str
    dek: str | None
    author: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ArticleRow(ArticleFields):
    """An article as stored, without its passages."""

    id: int


@dataclass(frozen=True, slots=True)
class PassageFields:
    """What the store keeps of a passage's own text: ¶N (and part), offsets, sentences, speakers."""

    paragraph: int
    part: int
    start: int
    end: int
    text: str
    sentences: list[tuple[int, int]]
    speakers: list[tuple[str, int, bool]]


@dataclass(frozen=True, slots=True)
class PassageRow(PassageFields):
    """A passage as stored, joined with its article's citation fields."""

    id: int
    article_id: int
    title: str
    author: str | None
    path: str
    url: str | None
    date: str | None
    dek: str | None = None
    features: bytes | None = None  # see index.answering.passage_features


@dataclass(frozen=True, slots=True)
class NewPassage(PassageFields):
    """A passage ready to be written."""

    tokens: list[str]
    features: bytes | None = None  # see index.answering.passage_features

    def __reduce__(self) -> tuple[type[NewPassage], tuple[Any, ...]]:
        return NewPassage, _NEW_PASSAGE_VALUES(self)


_VISIBLE = "a.added_gen <= :gen AND (a.removed_gen IS NULL OR a.removed_gen > :gen)"
_PASSAGE_COLUMNS = """p.id, p.article_id, p.paragraph, p.part, p.start, p."end", p.text,
    p.sentences, p.speakers, a.title, a.author, a.path, a.url, a.date, a.dek, p.features"""
MENTIONS_SQL = f"""SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id
    WHERE {_VISIBLE} AND p.text LIKE :pattern ESCAPE '\\' ORDER BY a.title COLLATE NOCASE, a.id, p.paragraph, p.part"""


@dataclass(frozen=True, slots=True)
class NewArticle(ArticleFields):
    """An article ready to be written, with its passages."""

    encoding: str
    tokens: list[str]
    passages: list[NewPassage]

    def __reduce__(self) -> tuple[type[NewArticle], tuple[Any, ...]]:
        return NewArticle, _NEW_ARTICLE_VALUES(self)


# A reindex's worker processes send these back pickled as their values: a slotted dataclass's
# own state functions call ``dataclasses.fields`` per object (a fifth slower both ways).
_NEW_PASSAGE_VALUES = attrgetter(*(f.name for f in fields(NewPassage)))
_NEW_ARTICLE_VALUES = attrgetter(*(f.name for f in fields(NewArticle)))


@dataclass(frozen=True, slots=True)
class IndexRows:
    """What a BM25 index of one generation is built from, in id order."""

    passage_ids: list[int]
    passage_articles: list[int]  # the article of each passage
    passage_tokens: list[str]  # space-separated tokens
    article_ids: list[int]
    article_tokens: list[str]  # title, dek and author tokens


def passage_row(row: Sequence[Any]) -> PassageRow:
    """A ``PassageRow`` from a row selected with ``_PASSAGE_COLUMNS``."""
    return PassageRow(
        id=row[0], article_id=row[1], paragraph=row[2], part=row[3], start=row[4], end=row[5], text=row[6],
        sentences=[tuple(s) for s in json.loads(row[7])],
        speakers=[tuple(s) for s in json.loads(row[8])],
        title=row[9], author=row[10], path=row[11], url=row[12], date=row[13], dek=row[14], features=row[15],
    )


def article_filters(gen: int, article_ids: Sequence[int] | None, chunk: int = 500
                     ) -> list[tuple[str, dict[str, Any]]]:
    """``(extra WHERE clause, parameters)`` pairs covering ``article_ids`` (all when None)."""
    if article_ids is None:
        return [("", {"gen": gen})]
    filters = []
    for first in range(0, len(article_ids), chunk):
        ids = article_ids[first:first + chunk]
        names = ",".join(f":a{n}" for n in range(len(ids)))
        params: dict[str, Any] = {"gen": gen} | {f"a{n}": i for n, i in enumerate(ids)}
        filters.append((f" AND a.id IN ({names})", params))
    return filters


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ``text`` anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


INSERT_ARTICLE = """INSERT INTO articles (id, path, content_hash, title, dek, author, date, url, encoding,
    tokens, indexed_at, added_gen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_PASSAGE = """INSERT INTO passages (article_id, paragraph, part, start, "end", text, sentences,
    speakers, tokens, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


class EncodedArticle(NamedTuple):
    """A ``NewArticle`` as the reindex's workers send it: its INSERT parameters but the ones the
    store adds (ids, time, generation), so the writer only prepends them. Plain strings and
    tuples pickle and unpickle ~3x faster than the objects with their lists of tokens and spans."""

    path: str
    content_hash: str
    values: tuple[Any, ...]  # INSERT_ARTICLE's from path to tokens
    passages: list[tuple[Any, ...]]  # INSERT_PASSAGE's after article_id


def spans_json(spans: Sequence[tuple[int, int]]) -> str:
    """``json.dumps(spans)`` of integer pairs, 4x faster (json.dumps costs ~6 us a call, twice a passage)."""
    return "[" + ", ".join([f"[{int(start)}, {int(end)}]" for start, end in spans]) + "]"


def encode(article: NewArticle) -> EncodedArticle:
    """``article``'s INSERT parameters (sentences and speakers as JSON, tokens space-separated)."""
    a = article
    return EncodedArticle(a.path, a.content_hash, (
        a.path, a.content_hash, a.title, a.dek, a.author, a.date, a.url, a.encoding, " ".join(a.tokens),
    ), [(p.paragraph, p.part, p.start, p.end, p.text, spans_json(p.sentences),
         json.dumps(p.speakers, ensure_ascii=False) if p.speakers else "[]", " ".join(p.tokens), p.features)
        for p in a.passages])


def _encoded(articles: Sequence[NewArticle | EncodedArticle]) -> list[EncodedArticle]:
    return [a if isinstance(a, EncodedArticle) else encode(a) for a in articles]


def article_values(ids: Sequence[int], articles: Sequence[NewArticle | EncodedArticle], gen: int, now: str
                   ) -> list[tuple[Any, ...]]:
    """``INSERT_ARTICLE`` parameters of ``articles`` under ``ids`` in generation ``gen``."""
    return [(i, *a.values, now, gen) for i, a in zip(ids, _encoded(articles))]


def passage_values(ids: Sequence[int], articles: Sequence[NewArticle | EncodedArticle]) -> list[tuple[Any, ...]]:
    """``INSERT_PASSAGE`` parameters of the passages of ``articles`` (under ``ids``)."""
    return [(i, *row) for i, a in zip(ids, _encoded(articles)) for row in a.passages]
