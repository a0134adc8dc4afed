"""Decoding article bytes as written (issues 15 and 18): Western text in cp1252 or Latin-1 stays
Western, byte-order-marked UTF-16/32 is read, and lone-CR line ends separate paragraphs."""

from __future__ import annotations

import pytest

from index.errors import IngestError
from index.ingest.decode import decode
from index.ingest.parse import parse_article
from index.ingest.passages import article_passages

ZURICH = "It costs £5 in Zürich."


def test_short_latin1_line_decodes_as_written() -> None:
    """One short Latin-1 line: charset detection alone read it as "Ł5" (cp1250) or "｣5"."""
    assert decode(ZURICH.encode("latin-1")) == (ZURICH, "cp1252")


def test_latin1_article_keeps_pound_and_umlaut() -> None:
    """A title and a paragraph in Latin-1: the quoted paragraph is what was written."""
    text = f"Prices abroad\n\n{ZURICH} A coffee in Köln is €3 – cheaper.\n"
    decoded, _ = decode(text.encode("cp1252"))
    assert parse_article(decoded, fallback_title="x").paragraphs[0].text == text.split("\n\n")[1].strip()


@pytest.mark.parametrize(("text", "code_page"), [
    ("Москва сегодня объявила, что переговоры продолжатся в пятницу утром.", "cp1251"),
    ("Zażółć gęślą jaźń, powiedział wczoraj minister w Warszawie.", "cp1250"),
])
def test_strong_evidence_for_another_code_page_wins(text: str, code_page: str) -> None:
    """Cyrillic (mostly non-ASCII letters) and Polish ("ł" is "³" in cp1252) are not taken as Western."""
    decoded, encoding = decode(text.encode(code_page))
    assert (decoded, encoding != "cp1252") == (text, True)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_unicode_with_a_byte_order_mark_is_decoded(encoding: str) -> None:
    """UTF-16 and UTF-32 files with a BOM (both byte orders) decode; they were refused as binary."""
    text = f"Title\n\n{ZURICH} “Quoted,” she said."
    data = text.encode(encoding) if encoding in ("utf-16", "utf-32") else "\ufeff".encode(encoding) + text.encode(encoding)
    assert decode(data)[0] == text


def test_bom_with_broken_body_is_named() -> None:
    """A UTF-16 mark followed by an odd byte count says what is wrong."""
    with pytest.raises(IngestError, match="starts with a UTF-16 byte-order mark but is not valid UTF-16"):
        decode(b"\xff\xfeT\x00i\x00t")


def test_cr_only_line_ends_separate_paragraphs() -> None:
    """Classic Mac line ends: the title and three paragraphs, each quotable exactly."""
    raw = b"A headline\r\rFirst paragraph.\r\rSecond one,\rwrapped.\r\rThird."
    text, _ = decode(raw)
    article = parse_article(text, fallback_title="x")
    assert article.title == "A headline"
    assert [p.text for p in article.paragraphs] == ["First paragraph.", "Second one,\nwrapped.", "Third."]
    assert all(text[p.start:p.end] == p.text for p in article_passages(article))
