"""The reindex's worker processes: they parse the batches (``index.ingest.batches``), note the
terms the spelling index will hold (into a new database, they send every batch's terms as their
own ids, which the BM25 index is built from: ``index.bm25.gathered``), and at the end of the
parsing write that index's symmetric deletes while the reindex's own process builds the BM25
index.

One process per core, started with ``spawn`` (no thread of the running bot is copied); each
ends as soon as the process that started it is gone, so a killed reindex leaves no orphan.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from array import array
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import connection, get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from index.answering.spelling_terms import usable
from index.store.rows import EncodedArticle

if TYPE_CHECKING:  # the spelling modules load numpy: a worker imports them for the deletes only
    from index.answering.saved_spelling import ReadyDeletes


def end_with_parent() -> None:
    """In a spawned helper: end it as soon as the process that started it is gone (killed), so
    no orphan keeps parsing (a pool worker blocks on its task queue forever otherwise)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


class _LocalVocab(dict[str, int]):
    """In a worker: every term of the passages and headers it parsed -> its id in this worker
    (first-occurrence order); ``fresh`` collects the terms added since it was last emptied."""

    def __init__(self) -> None:
        super().__init__()
        self.fresh: list[str] = []

    def __missing__(self, term: str) -> int:
        self[term] = local = len(self)
        self.fresh.append(term)
        return local


_VOCAB = _LocalVocab()


class BatchTerms(NamedTuple):
    """The terms of one batch's parsed articles as a worker's own term ids (``array('i')``:
    compact to send, no object per word), for the BM25 index built while the files are parsed
    (``index.bm25.gathered``). ``new`` are the terms first met in this batch, whose ids follow
    ``before`` in order; lengths count each passage's (each header's) terms, in outcome order."""

    worker: int  # the worker's process id
    before: int
    new: list[str]
    passage_ids: array[int]
    passage_lengths: array[int]
    header_ids: array[int]
    header_lengths: array[int]


def batch_terms(outcomes: list[Any]) -> BatchTerms:
    """In a worker: the terms of ``outcomes``' articles (their stored token strings, split) as
    ids of this worker's vocabulary, which keeps growing over its batches."""
    vocab, before = _VOCAB, len(_VOCAB)
    vocab.fresh = []
    lookup = vocab.__getitem__
    passage_ids, passage_lengths, header_ids, header_lengths = array("i"), array("i"), array("i"), array("i")
    for outcome in outcomes:
        if isinstance(outcome, EncodedArticle):
            words = outcome.values[8].split()
            header_lengths.append(len(words))
            header_ids.extend(map(lookup, words))
            for row in outcome.passages:
                words = row[7].split()
                passage_lengths.append(len(words))
                passage_ids.extend(map(lookup, words))
    return BatchTerms(os.getpid(), before, vocab.fresh, passage_ids, passage_lengths, header_ids, header_lengths)


_SENT: set[str] = set()  # in a worker not gathering term ids: the spelling terms it already reported


def new_terms(outcomes: list[Any], gather: bool) -> tuple[list[str], BatchTerms | None]:
    """In a worker: the spelling terms (tokens of passages and titles that spelling correction
    offers, ``index.answering.spelling_terms.usable``) of ``outcomes`` that this worker has not
    reported before, and when ``gather``, all their terms as ids (``batch_terms``)."""
    if gather:
        terms = batch_terms(outcomes)
        return [term for term in terms.new if usable(term)], terms
    found: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, EncodedArticle):
            found.update(outcome.values[8].split())
            for row in outcome.passages:
                found.update(row[7].split())
    fresh = [term for term in found - _SENT if usable(term)]
    _SENT.update(found)
    return fresh, None


class ParsePool:
    """The worker processes of one reindex (created on first use); ``terms`` collects the
    spelling terms of every batch they parsed, ``latest`` holds the last batch's as term ids."""

    def __init__(self) -> None:
        self.workers = os.cpu_count() or 1
        self.terms: set[str] = set()
        self.complete = True  # False once a batch was parsed elsewhere (its terms are unknown)
        self.gather = False  # whether the workers send each batch's terms as ids (``batch_terms``)
        self.latest: BatchTerms | None = None  # those of the batch given last (None: not sent)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Any, *args: Any) -> Future[Any] | None:
        """``fn(*args)`` in a worker; None once the pool is broken."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                             initializer=end_with_parent)
        try:
            return self._pool.submit(fn, *args)
        except BrokenProcessPool:
            return None

    def start(self) -> None:
        """Start the workers now: their interpreter start-up (~0.5 s) then overlaps what the
        reindex does before its first batch (the new files' sizes, the disk space held)."""
        for _ in range(self.workers):
            self.submit(os.getpid)

    def deletes_ahead(self, folder: Path) -> tuple[Future[None], ReadyDeletes] | None:
        """Start writing the spelling deletes of ``terms`` under ``folder`` in a worker (None when
        the pool was not used or a batch's terms are missing)."""
        if self._pool is None or not self.complete or not self.terms:
            return None
        from index.answering.saved_spelling import DELETES, ReadyDeletes

        ready = ReadyDeletes(folder / DELETES, frozenset(self.terms))
        future = self.submit(_write_deletes, ready.path, list(self.terms))  # sorted there, off this process
        return None if future is None else (future, ready)

    def close(self, wait: bool = True) -> None:
        """Stop the workers: tasks not started are dropped; ``wait=False`` returns at once while
        they finish their task and exit (~0.25 s of interpreter shutdown each)."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)


def _write_deletes(path: Path, terms: list[str]) -> None:
    from index.answering.spelling import write_deletes_ahead

    path.parent.mkdir(parents=True, exist_ok=True)
    write_deletes_ahead(path, terms)
