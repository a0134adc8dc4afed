"""A large reindex writes the spelling index's deletes in a worker while it builds the BM25
index: the saved table is the one the reindex's own process would have written."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answering import saved_spelling
from index.answering.saved_spelling import DELETES, ReadyDeletes, write_deletes
from index.answering.spelling import MAX_EDITS, PREFIX, _usable
from index.answering.vocabulary import spelling_counts
from index.config import EngineConfig
from index.engine import Engine
from index.ingest.batches import POOL_MIN_FILES
from index.ingest.pool import ParsePool


def _library(folder: Path) -> Path:
    folder.mkdir()
    for number in range(POOL_MIN_FILES + 10):
        text = (f"Harvest report {number}\n\nFarmers in county {number} cut wheat and barley early; "
                f"the millers of Elmsworth paid {number} crowns.\n")
        (folder / f"report_{number:04d}.txt").write_text(text, encoding="utf-8")
    return folder


async def test_the_deletes_written_ahead_are_the_ones_written_in_process(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    library = _library(tmp_path / "library")
    used: list[bool] = []
    in_process: list[Path] = []
    real = ParsePool.deletes_ahead

    def noted(pool: ParsePool, folder: Path) -> tuple[object, ReadyDeletes] | None:
        started = real(pool, folder)
        used.append(started is not None)
        return started  # type: ignore[return-value]

    monkeypatch.setattr(ParsePool, "deletes_ahead", noted)
    config = EngineConfig(db_path=tmp_path / "db" / "articles.db", article_dirs=(library,))
    async with await Engine.open(config) as engine:  # (the empty index of a new database: written here)
        monkeypatch.setattr(saved_spelling, "write_deletes", lambda path, *_: in_process.append(path))
        await engine.reindex([library])
        monkeypatch.undo()
        searcher = engine._searcher
        assert searcher.folder is not None
        saved = (searcher.folder / DELETES).read_bytes()
        counts = _usable(spelling_counts(searcher.passages, searcher.articles).items())
    assert used == [True] and not in_process
    write_deletes(tmp_path / "in-process.table", counts, MAX_EDITS, PREFIX)
    assert saved == (tmp_path / "in-process.table").read_bytes()
    assert not list(config.index_dir.glob(".spelling-*"))  # nothing left beside the generations
