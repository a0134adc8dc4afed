"""An article file -> a ``NewArticle`` ready for the store (parsed, split, tokenized, speakers found).

This is the CPU-heavy half of a reindex and runs in a worker thread; the engine writes
what it returns. A file that cannot be indexed raises ``IngestError`` with the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from index.answering import passage_features as features
from index.errors import IngestError
from index.ingest.decode import decode
from index.ingest.files import NOT_REGULAR
from index.ingest.parse import parse_article
from index.ingest.passages import article_passages
from index.ingest.speakers import attribute
from index.models import Article
from index.sources.html import HTML_SUFFIXES, extract_article
from index.store.rows import EncodedArticle, NewArticle, NewPassage, spans_json
from index.tokenize import tokenize


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; ``IngestError`` when it is too big or unreadable."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(NOT_REGULAR)
        size = info.st_size
        if size > max_bytes:
            raise IngestError(
                f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit (index.max_file_bytes)"
            )
        return _read_all(path, size)
    except PermissionError:
        raise IngestError("permission denied (the bot cannot read it)") from None
    except IsADirectoryError:
        raise IngestError("is a folder, not a file") from None
    except OSError as error:
        raise IngestError(f"cannot be read: {error.strerror or error}") from None


def _read_all(path: Path, size: int) -> bytes:
    """The bytes of the file at ``path`` (``size``: its size when stat'ed), read to its end:
    ``Path.read_bytes`` without the file object and its second stat (~5 us a file less)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, max(size + 1, 1 << 16)):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(descriptor)


PassageValues = tuple[Any, ...]

# Bump when parsing, passages, speakers or tokens of the same bytes come out differently:
# every file then counts as changed once, so a reindex after an upgrade re-reads them all.
# 3: passage features stored (issue 14); 4: HTML character references in titles, deks and authors are read;
# 5: sentences end after a possessive or contraction, a footnote mark, and before an opening word (issue 12)
# 6: a role between a speech verb and a name ("said Yukos chief executive Steven Theede") credits the person
INGEST_VERSION = 6


def content_hash(data: bytes) -> str:
    """The content hash that decides whether a file changed (under this ``INGEST_VERSION``)."""
    return hashlib.blake2b(data, digest_size=16, salt=INGEST_VERSION.to_bytes(16, "little")).hexdigest()


def _parsed(path: Path, data: bytes) -> tuple[Article, list[PassageValues]]:
    """The article in a file's bytes (an HTML page: its extracted main text) and each passage's
    values in ``NewPassage``'s field order (the features blob last)."""
    if path.suffix.lower() in HTML_SUFFIXES:
        article = extract_article(data, fallback_title=path.stem)
    else:
        text, encoding = decode(data)
        markdown = path.suffix.lower() in {".md", ".markdown"}
        article = parse_article(text, fallback_title=path.stem, markdown=markdown, encoding=encoding)
    text = article.source
    passages = article_passages(article)
    spans = [[(s.start, s.end) for s in passage.sentences] for passage in passages]
    analysed = [features.analyse(passage.text, sentences) for passage, sentences in zip(passages, spans)]
    written = [(whole, per_sentence) if passage.text.isascii() else None
               for passage, (_, _, (per_sentence, whole)) in zip(passages, analysed)]  # ``speakers.Written``
    attributions = attribute([p.text for p in passages], [p.sentences for p in passages], written)
    rows = []
    for passage, sentences, (tokens, blob, _), found in zip(passages, spans, analysed, attributions):
        assert text[passage.start:passage.end] == passage.text, "passage offsets must round-trip"
        rows.append((passage.paragraph, passage.part, passage.start, passage.end, passage.text, sentences,
                     [(a.speaker, a.sentence, a.direct) for a in found], tokens, blob))
    return article, rows


def prepare(path: Path, data: bytes, digest: str) -> NewArticle:
    """Parse and tokenize one article file's bytes."""
    article, rows = _parsed(path, data)
    return NewArticle(path=str(path), content_hash=digest, title=article.title, dek=article.dek,
                      author=article.author, date=article.date, url=article.url, encoding=article.encoding,
                      tokens=_header_tokens(article), passages=[NewPassage(*row) for row in rows])


def prepare_encoded(path: Path, data: bytes, digest: str) -> EncodedArticle:
    """``encode(prepare(…))`` without the ``NewPassage`` objects in between (what a reindex's
    workers send: ~4 us a passage less)."""
    article, rows = _parsed(path, data)
    values = (str(path), digest, article.title, article.dek, article.author, article.date, article.url,
              article.encoding, " ".join(_header_tokens(article)))
    return EncodedArticle(str(path), digest, values, [
        (paragraph, part, start, end, text, spans_json(sentences),
         _speakers_json(speakers) if speakers else "[]", " ".join(tokens), blob)
        for paragraph, part, start, end, text, sentences, speakers, tokens, blob in rows])


# ``json.dumps(…, ensure_ascii=False)`` makes a new encoder on every call (~1 us of a passage's ~3)
_speakers_json = json.JSONEncoder(ensure_ascii=False).encode


def _header_tokens(article: Article) -> list[str]:
    return tokenize(" ".join(part for part in (article.title, article.dek, article.author) if part))
