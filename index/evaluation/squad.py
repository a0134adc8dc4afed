"""SQuAD v1.1 JSON -> articles with questions, and -> a folder of ``.txt`` article files.

Each SQuAD article becomes one article (title line, blank line, paragraphs separated by
blank lines), so the throw-away index is built by the same ingest pipeline as real files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_NEWLINES = re.compile(r"\s*\n\s*")
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class SquadQuestion:
    """One question, its gold answer strings, and where it comes from."""

    qid: str
    question: str
    answers: tuple[str, ...]
    article: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class SquadArticle:
    """One SQuAD article: its title (underscores as spaces) and paragraph texts."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SquadSet:
    """A SQuAD file, loaded: articles in file order, questions in file order."""

    articles: tuple[SquadArticle, ...]
    questions: tuple[SquadQuestion, ...]


def clean_paragraph(text: str) -> str:
    """``text`` on one line: any whitespace run holding a newline becomes one space."""
    return _NEWLINES.sub(" ", text).strip()


def parse_squad(data: dict) -> SquadSet:
    """Articles and questions from parsed SQuAD v1.1 JSON (``data[].paragraphs[].qas[]``)."""
    articles: list[SquadArticle] = []
    questions: list[SquadQuestion] = []
    for a_index, raw in enumerate(data["data"]):
        paragraphs = []
        for p_index, para in enumerate(raw["paragraphs"]):
            paragraphs.append(clean_paragraph(para["context"]))
            for qa in para["qas"]:
                golds = tuple(dict.fromkeys(a["text"] for a in qa["answers"]))
                questions.append(
                    SquadQuestion(qa["id"], qa["question"].strip(), golds, a_index, p_index)
                )
        articles.append(SquadArticle(raw["title"].replace("_", " "), tuple(paragraphs)))
    return SquadSet(tuple(articles), tuple(questions))


def load_squad(path: Path) -> SquadSet:
    """Articles and questions of the SQuAD v1.1 JSON file at ``path``."""
    return parse_squad(json.loads(Path(path).read_text(encoding="utf-8")))


def article_filename(index: int, article: SquadArticle) -> str:
    """A stable, filesystem-safe file name for article ``index``."""
    slug = _UNSAFE.sub("-", article.title).strip("-").lower()[:60] or "article"
    return f"{index:03d}_{slug}.txt"


def article_text(article: SquadArticle) -> str:
    """The ``.txt`` seed shape: title line, blank line, paragraphs separated by blank lines."""
    return "\n\n".join((article.title, *article.paragraphs)) + "\n"


def write_articles(
    squad: SquadSet, folder: Path, only: frozenset[int] | None = None
) -> list[Path]:
    """Write the articles (those in ``only`` when given) as ``.txt`` files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, article in enumerate(squad.articles):
        if only is not None and index not in only:
            continue
        path = folder / article_filename(index, article)
        path.write_text(article_text(article), encoding="utf-8")
        written.append(path)
    return written


def split_halves(n_articles: int) -> tuple[frozenset[int], frozenset[int]]:
    """Even-numbered articles (indexed) and odd-numbered ones (left out)."""
    indexed = frozenset(range(0, n_articles, 2))
    return indexed, frozenset(range(n_articles)) - indexed
