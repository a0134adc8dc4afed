"""Saving and loading the BM25 engines: round trips, mapped arrays, atomic replacement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import index.bm25.persist as persist
from index.bm25.fast import FastBM25
from index.bm25.reference import RankBM25
from tests.index.bm25.corpora import HAND, zipf_corpus


def test_save_load_round_trip(tmp_path: Path) -> None:
    """A loaded index is mapped read-only (not copied) and answers like the saved one."""
    corpus = zipf_corpus(300, seed=2)
    fast = FastBM25.build(corpus, k1=1.2, b=0.6, epsilon=0.1)
    fast.tag = "index-v7"
    fast.save(tmp_path / "bm25")
    loaded = FastBM25.load(tmp_path / "bm25")
    query = ["t1", "t2", "t30"]
    assert (loaded.contrib.flags.owndata, loaded.contrib.flags.writeable, loaded.tag,
            loaded.top_k(query, 20)) == (False, False, "index-v7", fast.top_k(query, 20))
    assert np.array_equal(loaded.get_scores(query), fast.get_scores(query))


def test_mapped_arrays_read_as_numpy_loads_them(tmp_path: Path) -> None:
    """Each saved array maps with numpy's own shape, dtype and values, whether its header is the
    plain kind read directly or one left to numpy (Fortran order, records)."""
    arrays = [np.arange(7, dtype=np.int64), np.zeros((3, 4), np.float32), np.zeros(0, np.uint8),
              np.array([True, False]), np.arange(3, dtype=">i4"), np.asfortranarray(np.ones((2, 3))),
              np.zeros(2, dtype=[("a", "<i4")]), np.arange(100_000, dtype=np.int32).reshape(25_000, 4)]
    for number, array in enumerate(arrays):
        np.save(tmp_path / f"{number}.npy", array)
        mapped, loaded = persist.map_array(tmp_path / f"{number}.npy"), np.load(tmp_path / f"{number}.npy")
        assert (mapped.shape, mapped.dtype) == (loaded.shape, loaded.dtype) and np.array_equal(mapped, loaded)


def test_save_replaces_and_cleans_up(tmp_path: Path) -> None:
    """A second save swaps in the new index and removes the old data directory."""
    FastBM25.build([["a"]]).save(tmp_path / "bm25")
    FastBM25.build([["b"], ["b"]]).save(tmp_path / "bm25")
    assert (FastBM25.load(tmp_path / "bm25").n_docs, len(list(tmp_path.iterdir()))) == (2, 2)


def test_failed_save_leaves_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails midway, the old index still loads and no temp files remain."""
    FastBM25.build([["a"]]).save(tmp_path / "bm25")
    before = sorted(p.name for p in tmp_path.iterdir())
    calls = {"n": 0}
    real_save = np.save

    def failing_save(fh: object, arr: np.ndarray) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_save(fh, arr)

    monkeypatch.setattr(persist.np, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        FastBM25.build([["b"], ["b"]]).save(tmp_path / "bm25")
    monkeypatch.undo()
    assert (FastBM25.load(tmp_path / "bm25").n_docs,
            sorted(p.name for p in tmp_path.iterdir())) == (1, before)


def test_load_missing_index_raises(tmp_path: Path) -> None:
    """Loading where nothing was saved is FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        FastBM25.load(tmp_path / "absent")


def test_rank_bm25_save_load(tmp_path: Path) -> None:
    """The reference engine round-trips through save/load."""
    ref = RankBM25.build(HAND)
    ref.save(tmp_path / "ref")
    assert RankBM25.load(tmp_path / "ref").top_k(["a", "c"], 3) == ref.top_k(["a", "c"], 3)
