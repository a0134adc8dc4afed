"""Tests for index.ingest.decode, index.ingest.parse, index.ingest.sentences and index.ingest.passages."""

from __future__ import annotations

import pytest

from index.errors import IngestError
from index.ingest.decode import decode
from index.ingest.parse import parse_article
from index.ingest.passages import MAX_PASSAGE_CHARS, article_passages
from index.ingest.sentences import sentence_spans
from tests.conftest import SEED, SHARED_DATA

BBC = SHARED_DATA / "bbc-news"


def seed_article():
    text, encoding = decode(SEED.read_bytes())
    return text, parse_article(text, fallback_title="seed", encoding=encoding)


def test_seed_metadata() -> None:
    """The seed's title, dek and author are read from its lines."""
    _, article = seed_article()
    assert article.title == "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"
    assert article.dek == ("The Biden administration has been less and less concerned about the risk of "
                           "provoking a direct clash between NATO and Russia")
    assert article.author == "Dave DeCamp"


def test_seed_body_excludes_author_and_bio() -> None:
    """Six body paragraphs; the Author line and the bio after it are not body."""
    _, article = seed_article()
    assert len(article.paragraphs) == 6
    assert article.paragraphs[2].text.startswith("“It’s not like we’re going")
    assert not any("Antiwar.com" in p.text for p in article.paragraphs)


def test_seed_passage_offsets_round_trip() -> None:
    """source[start:end] == text for every passage of the seed."""
    text, article = seed_article()
    for passage in article_passages(article):
        assert text[passage.start:passage.end] == passage.text


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data is not beside the checkout")
def test_bbc_offsets_round_trip() -> None:
    """Offsets round-trip for the first 100 BBC files, the Latin-1 one included."""
    files = sorted(BBC.glob("*/*.txt"))[:99] + [BBC / "sport" / "199.txt"]
    for path in files:
        text, encoding = decode(path.read_bytes())
        article = parse_article(text, fallback_title=path.stem, encoding=encoding)
        passages = article_passages(article)
        assert passages, path
        for passage in passages:
            assert text[passage.start:passage.end] == passage.text, path


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data is not beside the checkout")
def test_latin1_file_decodes_pound_sign() -> None:
    """sport/199.txt is not UTF-8; its £ survives decoding."""
    text, encoding = decode((BBC / "sport" / "199.txt").read_bytes())
    assert encoding != "utf-8"
    assert "£15.8m" in text


def test_decode_keeps_smart_quotes_and_drops_bom() -> None:
    """UTF-8 with a BOM decodes without it; curly quotes stay."""
    assert decode("\ufeffTitle\n\n“Hi,” she said.".encode()) == ("Title\n\n“Hi,” she said.", "utf-8")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the file is empty"),
    (b"  \n\n ", "the file is empty"),
    (b"\x00\x01\x02binary\x00" * 50, "the file is binary, not text"),
])
def test_decode_rejects_non_text(data: bytes, reason: str) -> None:
    """Empty and binary files raise IngestError with the reason."""
    with pytest.raises(IngestError, match=reason):
        decode(data)


def test_title_only_is_rejected() -> None:
    """A file with a title and nothing else has nothing to quote."""
    with pytest.raises(IngestError, match="no paragraphs"):
        parse_article("Just a title\n", fallback_title="x")


def test_markdown_front_matter() -> None:
    """Front matter gives title, author, date and url; headings are not paragraphs."""
    text = "---\ntitle: T\nauthor: Sam Lee\ndate: 2024-05-01\nurl: https://e.org/a\n---\n# T\n\nOne.\n\n## Part\n\nTwo."
    article = parse_article(text, fallback_title="x", markdown=True)
    assert (article.title, article.author, article.date, article.url) == ("T", "Sam Lee", "2024-05-01", "https://e.org/a")
    assert [p.text for p in article.paragraphs] == ["One.", "Two."]
    assert all(text[p.start:p.end] == p.text for p in article.paragraphs)


def test_broken_front_matter_is_reported() -> None:
    """Invalid YAML in the front matter raises IngestError naming it."""
    with pytest.raises(IngestError, match="front matter"):
        parse_article("---\ntitle: [unclosed\n---\nBody.\n", fallback_title="x", markdown=True)


def test_unclosed_front_matter_is_reported() -> None:
    """A Markdown file whose front matter never closes is refused."""
    with pytest.raises(IngestError, match="not closed"):
        parse_article("---\ntitle: T\n\nBody text.\n", fallback_title="x", markdown=True)


def test_crlf_text_round_trips() -> None:
    """Windows line endings still split paragraphs and keep exact offsets."""
    text = "Title\r\n\r\nFirst para.\r\n\r\nSecond para."
    article = parse_article(text, fallback_title="x")
    assert [p.text for p in article.paragraphs] == ["First para.", "Second para."]
    assert all(text[p.start:p.end] == p.text for p in article.paragraphs)


def test_sentences_skip_abbreviations_and_keep_quotes() -> None:
    """Mr. and initials do not end a sentence; a closing quote stays with its sentence."""
    text = "“We won,” said Mr. J. Smith. He left at 5 p.m. today. “Why?” Nobody knew."
    assert [text[s.start:s.end] for s in sentence_spans(text)] == [
        "“We won,” said Mr. J. Smith.", "He left at 5 p.m. today.", "“Why?”", "Nobody knew."]


def test_long_paragraph_is_split_at_sentences() -> None:
    """A paragraph over the limit becomes sentence-aligned parts sharing its ¶ number."""
    sentence = "The committee reviewed the proposal in great detail and found it sound. "
    body = (sentence * 40).strip()
    text = f"Title\n\nShort first.\n\n{body}"
    article = parse_article(text, fallback_title="x")
    passages = article_passages(article)
    long_parts = [p for p in passages if p.paragraph == 2]
    assert len(long_parts) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in long_parts)
    assert [p.part for p in long_parts] == list(range(len(long_parts)))
    assert all(text[p.start:p.end] == p.text for p in passages)
    assert all(p.text.endswith(".") for p in long_parts)
