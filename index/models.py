"""Values passed between the pipeline's steps.

file bytes -> ``Article`` (parsed, with paragraph offsets) -> ``Passage`` list -> store rows ->
``Hit`` (from search) -> ``Answer`` (``Quote`` + ``Citation``). All frozen; none holds markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of an article; ``start``/``end`` index the decoded source text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article file, parsed. ``source`` is the decoded text that every offset refers to."""

    source: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    dek: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Passage:
    """A quotable piece of an article: a paragraph, or part of a long one.

    ``paragraph`` counts body paragraphs from 1 (the ¶ number users see); ``start``/``end``
    index the article's decoded source; ``sentences`` are spans relative to ``text``.
    """

    paragraph: int
    text: str
    start: int
    end: int
    sentences: tuple[Span, ...]
    part: int = 0


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a quote comes from."""

    title: str
    author: str | None
    paragraph: int
    source: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage and its best sentence.

    ``text == source_text[start:end]`` and ``highlight == text[highlight_start:highlight_end]``.
    ``excerpt_start``/``excerpt_end`` (into ``text``; None: the whole text) delimit what a
    reply shows: the highlight and at most a sentence either side.
    """

    text: str
    highlight: str
    highlight_start: int
    highlight_end: int
    citation: Citation
    start: int
    end: int
    score: float
    passage_id: int
    article_id: int
    speaker: str | None = None
    excerpt_start: int | None = None
    excerpt_end: int | None = None

    @property
    def excerpt_span(self) -> tuple[int, int]:
        """``(start, end)`` of the excerpt in ``text``."""
        start = 0 if self.excerpt_start is None else self.excerpt_start
        return start, len(self.text) if self.excerpt_end is None else self.excerpt_end

    @property
    def excerpt(self) -> str:
        """What a reply shows: the highlight and at most one sentence either side."""
        start, end = self.excerpt_span
        return self.text[start:end]

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` contract for one quote (``excerpt_start``/``excerpt_end`` are source
        offsets like ``start``/``end``)."""
        start, end = self.excerpt_span
        return {
            "text": self.text,
            "highlight": self.highlight,
            "title": self.citation.title,
            "author": self.citation.author,
            "source": self.citation.source,
            "url": self.citation.url,
            "paragraph": self.citation.paragraph,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "excerpt_start": self.start + start,
            "excerpt_end": self.start + end,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """What the engine says to a question: quotes when ``answered``, else nearby titles."""

    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    suggestions: tuple[str, ...] = ()
    more: tuple[Quote, ...] = field(default=(), compare=False)
    # The number ``answered`` was decided on (the top passage's share of the question's idf
    # mass; 1.0 when the asked speaker is quoted), so evaluations can sweep the threshold.
    confidence: float = field(default=0.0, compare=False)
    # Said before the quotes when they are not quite what was asked for (e.g. nobody quotes
    # the person asked about, so the passages only mention them).
    note: str = ""
    # The question as searched when it had typos ("Krispy Kreme shares" for "Krispy Kream
    # shares"), shown as "Showing results for …"; empty when it was searched as typed.
    corrected: str = ""

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` contract: one object per question (``note`` only when there is one)."""
        payload: dict[str, Any] = {
            "question": self.question,
            "answered": self.answered,
            "quotes": [q.to_json() for q in self.quotes],
            "suggestions": list(self.suggestions),
        }
        if self.note:
            payload["note"] = self.note
        if self.corrected:
            payload["corrected"] = self.corrected
        return payload


@dataclass(frozen=True, slots=True)
class BadFile:
    """A file reindex could not index, and why (one sentence)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReindexReport:
    """What a reindex did. ``usable`` is true when the committed index can answer."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    bad: tuple[BadFile, ...] = ()
    duplicates: tuple[BadFile, ...] = ()
    ignored: tuple[BadFile, ...] = ()  # files of the article folders that are not articles, and why
    articles: int = 0
    passages: int = 0
    seconds: float = 0.0
    patched: bool = False  # the index was patched for the changed articles, not rebuilt

    @property
    def usable(self) -> bool:
        """True when the index holds at least one article."""
        return self.articles > 0

    def to_json(self) -> dict[str, Any]:
        """Counts and named problems, for ``--json`` and logs."""
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "skipped": self.skipped,
            "bad": [{"path": b.path, "reason": b.reason} for b in self.bad],
            "duplicates": [{"path": b.path, "reason": b.reason} for b in self.duplicates],
            "ignored": [{"path": b.path, "reason": b.reason} for b in self.ignored],
            "articles": self.articles,
            "passages": self.passages,
            "seconds": round(self.seconds, 3),
            "patched": self.patched,
        }


@dataclass(frozen=True, slots=True)
class ReindexProgress:
    """Reported while a reindex runs: ``done`` of ``total`` files looked at."""

    done: int
    total: int
    path: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One indexed article, for listings."""

    article_id: int
    title: str
    author: str | None
    source: str
    url: str | None
    passages: int


@dataclass(frozen=True, slots=True)
class ContextParagraph:
    """A paragraph shown around a quote; ``is_quote`` marks the quoted one."""

    paragraph: int
    text: str
    is_quote: bool
