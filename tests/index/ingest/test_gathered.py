"""A new database's BM25 index is built from the terms the workers sent while parsing: the same
index as one built from the rows written (the tokens read back), duplicates and bad files left out."""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
import pytest

from index.answering.search import Searcher
from index.bm25.fast import FastBM25
from index.bm25.gathered import Gathered
from index.bm25.postings import encode
from index.config import EngineConfig
from index.engine import Engine
from index.ingest.batches import POOL_MIN_FILES
from index.ingest.pool import BatchTerms
from index.store.database import Store

WORDS = ("wheat", "barley", "harbour", "council", "millers", "crowns", "river", "ferry", "storm", "lantern",
         "granary", "orchard", "tannery", "quarry", "beacon", "chapel")


def _library(folder: Path) -> Path:
    folder.mkdir()
    for number in range(POOL_MIN_FILES + 30):
        # terms first met in different files (so in different batches and workers)
        words = " ".join(WORDS[(number * 7 + k) % len(WORDS)] for k in range(number % 5 + 1))
        text = (f"Report {number} on {WORDS[number % len(WORDS)]}\n\nIn county {number} the {words} "
                f"word{number // 3} stood.\n\nA second paragraph names term{number % 40}.\n")
        (folder / f"report_{number:04d}.txt").write_text(text, encoding="utf-8")
    (folder / "copy_of_report_0005.txt").write_bytes((folder / "report_0005.txt").read_bytes())  # a duplicate
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00" * 10)  # a file that cannot be indexed
    return folder


def _arrays(engine: object) -> dict[str, object]:
    assert isinstance(engine, FastBM25)
    return {"vocab": engine.vocab, "avgdl": engine.avgdl, "average_idf": engine.average_idf,
            **{name: getattr(engine, name).tolist()
               for name in ("offsets", "docs", "tf", "doc_len", "idf", "contrib", "max_contrib")}}


async def test_the_index_gathered_while_parsing_is_the_one_built_from_the_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = _library(tmp_path / "library")
    read_back: list[int] = []
    real = Store.index_rows

    async def noted(store: Store, gen: int, **kwargs: object) -> object:
        read_back.append(gen)
        return await real(store, gen, **kwargs)  # type: ignore[arg-type]

    config = EngineConfig(db_path=tmp_path / "db" / "articles.db", article_dirs=(library,))
    async with await Engine.open(config) as engine:
        monkeypatch.setattr(Store, "index_rows", noted)
        report = await engine.reindex([library])
        monkeypatch.undo()
        gathered = engine._searcher
        built = Searcher.build(gathered.generation, await engine.store.index_rows(gathered.generation),
                               config.search)
    assert read_back == []  # the tokens were not read back
    assert len(report.duplicates) == 1 and len(report.bad) == 1 and report.passages == 2 * (POOL_MIN_FILES + 30)
    for name in ("passage_ids", "passage_articles", "article_ids"):
        assert getattr(gathered, name).tolist() == getattr(built, name).tolist()
    assert _arrays(gathered.passages) == _arrays(built.passages)
    assert _arrays(gathered.articles) == _arrays(built.articles)


def _batch(worker: int, before: int, local: list[str], articles: list[list[list[str]]]) -> BatchTerms:
    """A worker's batch of articles (each a header then its passages) in ``local``'s ids."""
    ids = {term: number for number, term in enumerate(local)}
    headers = [article[0] for article in articles]
    passages = [passage for article in articles for passage in article[1:]]
    return BatchTerms(worker, before, local[before:],
                      array("i", [ids[t] for p in passages for t in p]), array("i", map(len, passages)),
                      array("i", [ids[t] for h in headers for t in h]), array("i", map(len, headers)))


def test_two_workers_terms_become_first_occurrence_ids() -> None:
    """Ids in the order the written articles first use the terms, whichever worker met them first;
    an article not written adds nothing."""
    gathered = Gathered()
    first = [["storm"], ["storm", "ferry", "storm"], []]
    skipped = [["lantern"], ["quarry", "lantern"]]
    second = [["ferry"], ["beacon", "quarry", "ferry"]]
    third = [["chapel"], ["orchard", "storm"]]
    gathered.add(_batch(1, 0, ["storm", "ferry"], [first]), [True], [2])
    gathered.add(_batch(2, 0, ["lantern", "quarry", "ferry", "beacon"], [skipped, second]), [False, True], [1, 1])
    gathered.add(_batch(1, 2, ["storm", "ferry", "chapel", "orchard"], [third]), [True], [1])
    kept = [first, second, third]
    for field, docs in ((gathered.passages, [p for a in kept for p in a[1:]]), (gathered.headers, [a[0] for a in kept])):
        ids, offsets, vocab = field.corpus()
        want_vocab, want_ids, want_offsets = encode(docs)
        assert vocab == want_vocab and ids.tolist() == want_ids.tolist() and offsets.tolist() == want_offsets.tolist()
    assert gathered.passage_articles([7, 8, 9]).tolist() == [7, 7, 8, 9]
    assert not gathered.broken


def test_a_batch_out_of_order_or_parsed_elsewhere_breaks_the_gathering() -> None:
    gathered = Gathered()
    gathered.add(_batch(1, 2, ["a", "b", "c"], [[["c"], ["c"]]]), [True], [1])  # ids 0-1 never came
    assert gathered.broken
    elsewhere = Gathered()
    elsewhere.add(None, [True], [1])
    assert elsewhere.broken
    assert np.asarray(elsewhere.articles).size == 0
