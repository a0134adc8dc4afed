"""A large reindex's files are parsed by a process pool: same outcomes, same order, as in a thread."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from index.answering.stored_terms import counts_of, terms_of
from index.errors import IngestError
from index.ingest.batches import POOL_MIN_FILES, prepare_batch, prepared
from index.ingest.files import Found
from index.ingest.prepare import prepare, prepare_encoded
from index.store.rows import EncodedArticle, encode


@dataclass
class _Stored:
    text: str
    sentences: list[tuple[int, int]]
    features: bytes | None


def _readable(article: object) -> object:
    """``article`` with its passages' feature blobs read back: a blob holds a set's items in
    the set's order, which differs between processes (string hashing is salted per process)."""
    assert isinstance(article, EncodedArticle)
    stored = [_Stored(row[4], [tuple(s) for s in json.loads(row[5])], row[8]) for row in article.passages]
    return article._replace(passages=[row[:8] for row in article.passages]), [
        (terms_of(p), counts_of(p)) for p in stored]


def _files(folder: Path) -> list[Found]:
    found = []
    for number in range(POOL_MIN_FILES + 20):
        path = folder / f"story_{number:04d}.txt"
        said = f'"Prices rose {number} percent," said Anna Berg. She added that the harbour was calm.'
        path.write_text(f"Story {number}\n\nThe council met on day {number}.\n\n{said}\n", encoding="utf-8")
        found.append(Found(path))
    found.append(Found(folder / "missing.txt", reason="no such file or folder"))
    return found


async def test_the_pool_gives_what_a_thread_gives(tmp_path: Path) -> None:
    """Every file's outcome (article, passages, speakers, features) in order; an unchanged file
    comes back as its hash and a bad one as its error."""
    found = _files(tmp_path)
    expected = prepare_batch(found, {}, 1_000_000)
    unchanged = {str(found[3].path): (7, expected[3].content_hash)}
    got, numbers = [], []
    async for first, files, outcomes in prepared(found, unchanged, 1_000_000, 50):
        assert len(files) == len(outcomes)
        numbers.append(first)
        got.extend(outcomes)
    assert numbers == list(range(0, len(found), 50))
    assert isinstance(expected[3], EncodedArticle) and got[3] == expected[3].content_hash
    assert isinstance(got[-1], IngestError) and str(got[-1]) == "no such file or folder"
    for mine, theirs in zip(got[:3] + got[4:-1], expected[:3] + expected[4:-1]):
        assert _readable(mine) == _readable(theirs)
    assert isinstance(got[10], EncodedArticle)
    assert json.loads(got[10].passages[1][6]) == [["Anna Berg", 0, True], ["Anna Berg", 1, False]]


def test_a_worker_encodes_what_the_store_would(tmp_path: Path) -> None:
    """``prepare_encoded`` (no passage objects in between) gives ``encode(prepare(…))``."""
    path = tmp_path / "said.txt"
    path.write_text('Harbour levy\n\n"Rates rise," said Zoë Berg. She added more.\n\nThe council met.\n',
                    encoding="utf-8")
    data = path.read_bytes()
    assert prepare_encoded(path, data, "h") == encode(prepare(path, data, "h"))
