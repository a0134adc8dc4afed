"""HTML page bytes -> ``Article``: the main text without boilerplate, and the page's metadata.

trafilatura finds the article body (navigation, comments, ads and footers dropped) and reads
title, author, date and canonical URL from the page's metadata. Its plain-text output puts
one paragraph per line; that text is the article's ``source``, and every paragraph keeps its
``[start, end)`` offsets into it, so a quote is verbatim against the extracted text.

A page saved by a browser or fetched by articlebot may start with the "Mark of the Web"
comment ``<!-- saved from url=(0042)https://… -->``: its URL is used when the page names no
canonical URL of its own.
"""

from __future__ import annotations

import logging
import re

from index.errors import IngestError
from index.ingest.decode import looks_binary
from index.models import Article, Paragraph

HTML_SUFFIXES = frozenset({".html", ".htm"})
MIN_ARTICLE_WORDS = 40
"""Fewer words than this in the main text: the page is navigation, a list of links or a stub."""

_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_MARK_SEARCH_BYTES = 4096
_LINE = re.compile(r"[^\n]+")

# trafilatura logs pages it cannot use (empty, too short) as errors; the reason reaches the user anyway.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def saved_from(data: bytes) -> str | None:
    """The URL in a leading ``<!-- saved from url=(N)URL -->`` comment, or None."""
    found = _SAVED_FROM.search(data[:_MARK_SEARCH_BYTES])
    if found is None:
        return None
    url = found.group(1).decode("ascii", "replace")
    return url if url.startswith(("http://", "https://")) else None


def mark_of_the_web(url: str) -> bytes:
    """The comment ``saved_from`` reads back, to put before a fetched page's bytes."""
    encoded = url.encode("ascii", "backslashreplace")
    return b"<!-- saved from url=(%04d)%s -->\n" % (len(encoded), encoded)


def check_html_bytes(data: bytes) -> None:
    """Raise ``IngestError`` for bytes that cannot be an HTML page: empty or binary."""
    if not data.strip():
        raise IngestError("the page is empty (no bytes to read)")
    if looks_binary(data):
        raise IngestError("the page is binary data, not HTML text")


def extract_article(data: bytes, *, fallback_title: str) -> Article:
    """The article in an HTML page; ``IngestError`` when the page holds no article text."""
    import trafilatura  # here, not at the top: ~0.2 s of every reindex worker's start for folders of .txt

    check_html_bytes(data)
    url = saved_from(data)
    document = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=False, include_images=False, include_links=False, deduplicate=False,
    )
    text = (getattr(document, "text", None) or "") if document is not None else ""
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise IngestError(
            f"the page has no article text, only navigation, links or a stub ({words} words of main text, "
            f"at least {MIN_ARTICLE_WORDS} needed)"
        )
    return Article(
        source=text,
        title=_clean(getattr(document, "title", None)) or fallback_title,
        paragraphs=tuple(_paragraphs(text)),
        author=_clean(getattr(document, "author", None)),
        date=_clean(getattr(document, "date", None)),
        url=_clean(getattr(document, "url", None)) or url,
        encoding="html",
    )


def _paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line of ``text``, stripped, with its offsets."""
    found = []
    for line in _LINE.finditer(text):
        stripped = line.group().strip()
        if stripped:
            start = line.start() + (len(line.group()) - len(line.group().lstrip()))
            found.append(Paragraph(stripped, start, start + len(stripped)))
    return found


def _clean(value: object) -> str | None:
    """A metadata value on one line, or None when empty."""
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None
