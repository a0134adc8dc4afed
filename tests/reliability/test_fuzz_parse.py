"""Guarantee 4 (parser half): on arbitrary text and bytes the ingest pipeline never crashes and
every offset round-trips.

Inputs are both arbitrary Unicode and "article-shaped" text built from the constructs the
parser looks for (front matter, headings, bylines, quotes, CRLF, blank-line runs). Examples
are derandomized so CI is deterministic; set ``ARTICLEBOT_FUZZ_EXAMPLES`` to explore more.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from index.errors import IngestError
from index.ingest.parse import parse_article
from index.ingest.passages import article_passages
from index.ingest.prepare import content_hash, prepare

EXAMPLES = int(os.environ.get("ARTICLEBOT_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)

_PIECES = st.sampled_from([
    "---", "title: A title", "author: Jane Roe", "date: 2024-01-02", "url: https://example.com/a",
    "title: [unclosed", "...", "# Heading", "## Sub heading #", "***", "By Jane Roe", "Author: John Doe",
    "“We will not stop,” Mr Smith said.", "He added: \"It is fine.\"", "Dr. Who arrived at 5 p.m. on Jan. 3.",
    "A plain sentence.", "Another one! And a question?", "\t  indented line", "", "", "\r", "\u00a0",
    "x" * 3000 + ".", "Mr. Smith — the mayor… said no.", "\ufeffBOM line", "2 > 1 and 1 < 2",
])
article_text = st.lists(st.one_of(_PIECES, st.text(max_size=80)), max_size=40).map(
    lambda lines: "\n".join(lines))
any_text = st.one_of(st.text(), article_text)


def check_offsets(text: str, markdown: bool) -> None:
    """Parse ``text``; every paragraph and passage must be exactly ``text[start:end]``."""
    try:
        article = parse_article(text, fallback_title="fallback", markdown=markdown)
    except IngestError as error:
        assert str(error)  # a reason a user can read
        return
    assert article.title and article.paragraphs
    for paragraph in article.paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text != ""
    for passage in article_passages(article):
        assert text[passage.start:passage.end] == passage.text
        for span in passage.sentences:
            assert 0 <= span.start < span.end <= len(passage.text)


@FUZZ
@given(any_text)
def test_plain_text_parse_never_crashes_and_offsets_round_trip(text: str) -> None:
    """Any text parsed as a .txt file yields paragraphs and passages that are exact slices (or a reason)."""
    check_offsets(text, markdown=False)


@FUZZ
@given(any_text)
def test_markdown_parse_never_crashes_and_offsets_round_trip(text: str) -> None:
    """Any text parsed as a .md file yields paragraphs and passages that are exact slices (or a reason)."""
    check_offsets(text, markdown=True)


@FUZZ
@given(st.one_of(st.binary(max_size=4000), article_text.map(lambda t: t.encode("utf-8")),
                 article_text.map(lambda t: t.encode("latin-1", "replace"))),
       st.sampled_from(["a.txt", "a.md"]))
def test_whole_ingest_of_arbitrary_bytes_never_crashes(data: bytes, name: str) -> None:
    """decode -> parse -> passages -> speakers -> tokens on any bytes: a prepared article or an IngestError."""
    try:
        prepared = prepare(Path(name), data, content_hash(data))
    except IngestError as error:
        assert str(error)
        return
    assert prepared.passages and all(p.text for p in prepared.passages)
