"""The indexed articles counted, grouped by folder (or web site), filtered and paged.

Shared by the console's ``articlebot sources`` (and the chat's ``sources``) and Discord's
/sources: pure functions on ``SourceInfo`` lists, no Discord, no terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import urlsplit

from bot.report_text import shown_path
from index.models import SourceInfo

T = TypeVar("T")

DISCORD_PER_PAGE = 10  # articles per /sources page (an embed stays short)
CONSOLE_PER_PAGE = 50  # articles per `articlebot sources --page` page


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """A folder (or web site) of indexed articles, with how many articles and passages it holds."""

    name: str
    articles: int
    passages: int
    web: bool = False


def group_name(info: SourceInfo, roots: Sequence[Path] = ()) -> str:
    """The folder holding the article's file (relative to the deepest of ``roots`` holding it),
    or the web site of a page added by URL or from a feed."""
    if info.url:
        return urlsplit(info.url).hostname or info.url
    return shown_path(str(Path(info.source).parent), roots)


def source_groups(sources: Sequence[SourceInfo], roots: Sequence[Path] = ()) -> list[SourceGroup]:
    """The folders, then the web sites, each by name, with their counts."""
    counts: dict[tuple[bool, str], list[int]] = {}
    for info in sources:
        count = counts.setdefault((bool(info.url), group_name(info, roots)), [0, 0])
        count[0] += 1
        count[1] += info.passages
    return [SourceGroup(name, articles, passages, web) for (web, name), (articles, passages) in sorted(counts.items())]


def count_line(sources: Sequence[SourceInfo], groups: Sequence[SourceGroup]) -> str:
    """"2,127 articles, 10,246 passages in 5 folders" (and web sites, when pages were added)."""
    folders = sum(1 for g in groups if not g.web)
    sites = len(groups) - folders
    where = " and ".join(counted(n, noun) for n, noun in ((folders, "folder"), (sites, "web site")) if n)
    head = f"{counted(len(sources), 'article')}, {counted(sum(s.passages for s in sources), 'passage')}"
    return f"{head} in {where}" if where else head


def matching(sources: Sequence[SourceInfo], words: str) -> list[SourceInfo]:
    """The articles whose title or file name holds ``words`` (case ignored). The folders are not
    matched: a word of the path to the archive ("news" in ~/news/...) would match every article."""
    wanted = " ".join(words.split()).casefold()
    return [s for s in sources if any(wanted in text.casefold() for text in (s.title, file_name(s)))]


def file_name(info: SourceInfo) -> str:
    """The name of the article's file, or the last part of its page's URL path."""
    if info.url:
        return PurePosixPath(urlsplit(info.url).path).name
    return Path(info.source).name


def page_count(total: int, per_page: int = DISCORD_PER_PAGE) -> int:
    """How many pages ``total`` items need (at least one)."""
    return max(1, -(-total // per_page))


def page_of(items: Sequence[T], page: int, per_page: int = DISCORD_PER_PAGE) -> tuple[int, Sequence[T]]:
    """Page ``page`` (from 0, clamped to the pages there are) and its items."""
    page = min(max(page, 0), page_count(len(items), per_page) - 1)
    return page, items[page * per_page:(page + 1) * per_page]


def counted(n: int, noun: str) -> str:
    """"1 article", "2,127 articles"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
