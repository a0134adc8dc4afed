"""HTML pages -> articles: real saved pages of several sites, and pages with no article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import IngestError
from index.sources.html import extract_article, mark_of_the_web, saved_from
from tests.index.sources.expected import PAGES
from tests.index.sources.server import PAGES as PAGE_FOLDER


@pytest.mark.parametrize("name", sorted(PAGES))
def test_saved_page_gives_its_metadata_and_verbatim_paragraphs(name: str) -> None:
    """Title, author, date and canonical URL come from the page; every paragraph is a slice of the text."""
    article = extract_article((PAGE_FOLDER / name).read_bytes(), fallback_title=name)
    expected = PAGES[name]
    assert (article.title, article.author, article.date, article.url) == tuple(expected)
    assert len(article.paragraphs) >= 5
    assert all(article.source[p.start:p.end] == p.text for p in article.paragraphs)


def test_navigation_is_dropped_from_the_main_text() -> None:
    """The Time page's menus and footer are not in the extracted text; its first paragraph is."""
    article = extract_article((PAGE_FOLDER / "time_001.html").read_bytes(), fallback_title="time")
    assert article.paragraphs[0].text.startswith("James Hansen first warned Congress of the threat")
    assert "Newsletters" not in article.source and "Subscribe" not in article.source


def test_home_page_that_is_all_navigation_is_refused() -> None:
    """CNN's home page has no article: one sentence says so."""
    with pytest.raises(IngestError, match=r"^the page has no article text, only navigation, links or a stub"):
        extract_article((PAGE_FOLDER / "cnn_main_site.html").read_bytes(), fallback_title="cnn")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the page is empty (no bytes to read)"),
    (b"  \n\t ", "the page is empty (no bytes to read)"),
    (bytes(range(256)) * 8, "the page is binary data, not HTML text"),
])
def test_empty_or_binary_page_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        extract_article(data, fallback_title="x")
    assert str(caught.value) == reason


def test_saved_from_url_is_the_link_when_the_page_names_none() -> None:
    """A page without a canonical URL is cited by the URL it was saved from."""
    page = b"<html><head><title>Plain</title></head><body><article>" + b"<p>" + b" word" * 60 + b".</p></article></body></html>"
    article = extract_article(mark_of_the_web("https://example.org/plain?a=1") + page, fallback_title="x")
    assert (saved_from(mark_of_the_web("https://example.org/plain?a=1")), article.url) == (
        "https://example.org/plain?a=1", "https://example.org/plain?a=1")


async def test_html_files_in_an_article_folder_are_indexed(engine: Engine) -> None:
    """A saved page dropped into an article folder is indexed on reindex, with its metadata."""
    folder = engine.config.article_dirs[0]
    shutil.copy(PAGE_FOLDER / "time_001.html", folder / "hansen.htm")
    shutil.copy(PAGE_FOLDER / "cnn_main_site.html", folder / "cnn_home.html")
    report = await engine.reindex()
    assert report.added == 1
    assert [(Path(b.path).name, b.reason.split(" (")[0]) for b in report.bad] == [
        ("cnn_home.html", "the page has no article text, only navigation, links or a stub")]
    answer = await engine.ask("Who first warned Congress of the threat from climate change in 1988?")
    top = answer.quotes[0]
    assert (top.citation.title, top.citation.url) == (PAGES["time_001.html"].title, PAGES["time_001.html"].url)
    assert "James Hansen first warned Congress" in top.text
