"""One reindex: article files -> rows of a new generation -> its BM25 index -> commit.

Files are read and parsed in worker threads, a batch at a time; each batch is written in
one transaction, invisible to readers until the generation commits. Unchanged files (same
content hash) are skipped, changed ones replace their old rows, vanished ones are removed,
bad ones are reported by name and keep whatever was indexed for them before. Nothing
changed -> no new generation. A reindex of the configured folders (no paths given) also
removes the articles whose files are gone from anywhere else (``reindex PATH`` earlier); the
files still there outside those folders stay as they were indexed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from index.answering.saved_spelling import ReadyDeletes
from index.answering.search import Searcher
from index.bm25.fast import FastBM25
from index.bm25.gathered import Gathered
from index.collector import paused
from index.config import EngineConfig, SearchParams
from index.errors import IngestError
from index.ingest.batches import Outcome, prepared, uses_pool
from index.ingest.files import Found, discover
from index.ingest.pool import ParsePool
from index.ingest.prepare import content_hash, read_bytes
from index.models import BadFile, ReindexProgress, ReindexReport
from index.searcher_loading import drop_other_generations
from index.store.database import Store
from index.store.rows import EncodedArticle
from index.store.space import (
    check_free_space,
    disk_full,
    give_back_space,
    hold_space,
    is_disk_full,
    needed_bytes,
    reserve_path,
)
from index.store.sql import DatabaseFailure

log = logging.getLogger(__name__)

UPDATE_SHARE = 0.1
UPDATE_MIN = 16
"""Up to this share of articles (or this many) changed, the index is patched, not rebuilt."""



class Reindex:
    """A reindex of some paths into the next generation."""

    def __init__(self, store: Store, config: EngineConfig,
                 progress: Callable[[ReindexProgress], None] | None, exclude: Sequence[Path] = (),
                 *, sweep: bool = False) -> None:
        self.store = store
        self.exclude = list(exclude)  # folders left alone (other servers' archives, index.scopes)
        # Remove the articles whose files are gone wherever they were indexed from, not only
        # under the targets: a plain reindex also drops files deleted from a folder once given
        # to `reindex PATH`.
        self.sweep = sweep
        self.config = config
        self.progress = progress
        self.added = self.updated = self.removed = self.skipped = 0
        self.bad: list[BadFile] = []
        self.duplicates: list[BadFile] = []
        self.new_ids: list[int] = []
        self.patched = False
        self.dropped_ids: set[int] = set()
        self.pending: list[EncodedArticle] = []
        self.gathered: Gathered | None = None  # a new database's BM25 corpora, gathered while parsing
        self.needed = 0  # bytes of disk this reindex was estimated to need
        self.pool = ParsePool()  # worker processes for a large reindex, made on first use
        self.ahead = config.index_dir / f".spelling-{os.getpid()}.tmp"  # deletes written ahead

    async def run(self, targets: list[Path], current: Searcher) -> tuple[ReindexReport, Searcher | None]:
        """Reindex ``targets``; returns the report and the new searcher (None if unchanged).

        When the disk fills up, everything written is undone (``give_back_space``, with the
        room of a file reserved for that) and ``DiskFull`` says how much space was needed.
        """
        reserve = reserve_path(self.config.db_path)
        try:
            return await self._write(targets, current, reserve)
        except (sqlite3.Error, DatabaseFailure, OSError) as error:
            if not is_disk_full(error):
                raise
            reserve.unlink(missing_ok=True)
            await give_back_space(self.store)
            await asyncio.to_thread(drop_other_generations, self.config.index_dir, await self.store.generation())
            raise disk_full(self.needed, self.config.db_path.parent) from None
        finally:
            reserve.unlink(missing_ok=True)
            self.pool.close(wait=False)  # the workers exit on their own, not in the reindex's time
            shutil.rmtree(self.ahead, ignore_errors=True)

    async def _write(self, targets: list[Path], current: Searcher, reserve: Path) -> tuple[ReindexReport, Searcher | None]:
        """``run`` without the disk-full guard."""
        base = await self.store.generation()
        gen = base + 1
        live = await self.store.live_articles(base)
        found = await asyncio.to_thread(discover, targets, roots=self.config.article_dirs,
                                        allowed=self.config.link_targets)
        found = [item for item in found if not _under(str(item.path), self.exclude)]
        ignored = tuple(BadFile(str(item.path), item.reason or "") for item in found if item.skipped)
        found = [item for item in found if not item.skipped]
        if uses_pool(len(found)):
            self.pool.start()
            if not live and self.config.search.bm25 == "fast":  # every row of ``gen`` is written below
                self.gathered = Gathered()
                self.pool.gather = True
        new_files = [item.path for item in found if item.reason is None and str(item.path) not in live]
        self.needed = await asyncio.to_thread(needed_bytes, new_files, self.config.index_dir)
        check_free_space(self.needed, self.config.db_path.parent)
        await asyncio.to_thread(hold_space, reserve)
        seen: set[str] = set()
        hashes = {digest: path for path, (_, digest) in live.items()}
        batches = prepared(found, live, self.config.max_file_bytes, max(1, self.config.batch_files), self.pool)
        async for first, chunk, outcomes in batches:
            for number, (item, outcome) in enumerate(zip(chunk, outcomes), start=first + 1):
                await self._apply(item, outcome, gen, live, hashes, seen)
                if self.progress:
                    self.progress(ReindexProgress(number, len(found), str(item.path)))
            self._gather(outcomes)
            self.new_ids.extend(await self.store.add_articles(gen, self.pending))
            self.pending.clear()
            await self.store.commit_batch()
        gone = [live[path][0] for path in live
                if path not in seen and (self.sweep or _under(path, targets)) and not _under(path, self.exclude)
                and not os.path.exists(path)]
        await self._remove(gen, gone)
        self.removed += len(gone)
        await self.store.commit_batch()
        searcher = None
        if self.added or self.updated or self.removed:
            searcher, spelling = await self._next_searcher(gen, current)
            await asyncio.to_thread(searcher.save, self.config.index_dir, spelling)
            await self.store.commit_generation(gen)
            await self.store.collect_garbage(gen)
            await asyncio.to_thread(drop_other_generations, self.config.index_dir, gen)
        final = searcher or current
        articles = len(await self.store.live_articles(final.generation))
        return ReindexReport(
            added=self.added, updated=self.updated, removed=self.removed, skipped=self.skipped,
            bad=tuple(self.bad), duplicates=tuple(self.duplicates), ignored=ignored, articles=articles,
            passages=final.size, patched=self.patched,
        ), searcher

    def _gather(self, outcomes: list[Outcome]) -> None:
        """Add the terms of the batch of ``outcomes`` (its articles in ``pending`` are written)
        to ``gathered``."""
        if self.gathered is not None:
            written = {id(article) for article in self.pending}
            parsed = [outcome for outcome in outcomes if isinstance(outcome, EncodedArticle)]
            self.gathered.add(self.pool.latest, [id(article) in written for article in parsed],
                              [len(article.passages) for article in parsed])

    async def _gathered_searcher(self, gen: int) -> Searcher | None:
        """The index of ``gen`` from ``gathered`` (the rows' ids read back, not their tokens), or
        None when it is not the rows' (then built from the rows)."""
        gathered = self.gathered
        if gathered is None or gathered.broken or self.dropped_ids:
            return None
        passage_ids, passage_articles, article_ids = await self.store.index_ids(gen)
        if article_ids != self.new_ids or passage_articles != gathered.passage_articles(self.new_ids).tolist():
            log.warning("the terms gathered while parsing are not the rows written; building from the rows")
            return None
        return await asyncio.to_thread(_from_gathered, gen, gathered, passage_ids, passage_articles, article_ids,
                                       self.config.search)

    async def _remove(self, gen: int, article_ids: list[int]) -> None:
        """Hide articles from ``gen`` on, remembering them for the index update."""
        await self.store.remove_articles(gen, article_ids)
        self.dropped_ids.update(article_ids)

    async def _next_searcher(self, gen: int, current: Searcher) -> tuple[Searcher, ReadyDeletes | None]:
        """The index of ``gen``: the current one patched when few articles changed, else rebuilt
        (the spelling deletes of the parsed terms written meanwhile by a worker, when parsed in
        workers: what ``Searcher.save`` uses if they are the index's terms)."""
        changed = len(self.new_ids) + len(self.dropped_ids)
        small = changed <= max(UPDATE_MIN, int(UPDATE_SHARE * current.article_count))
        if small and current.size and current.generation == gen - 1 and current.can_update(self.config.search):
            rows = await self.store.index_rows(gen, writer=True, article_ids=self.new_ids)
            self.patched = True
            return await asyncio.to_thread(current.updated, gen, self.dropped_ids, rows), None
        ahead = self.pool.deletes_ahead(self.ahead)
        searcher = await self._gathered_searcher(gen)
        if searcher is None:
            rows = await self.store.index_rows(gen, writer=True)
            searcher = await asyncio.to_thread(Searcher.build, gen, rows, self.config.search)
        if ahead is None:
            return searcher, None
        try:
            await asyncio.wrap_future(ahead[0])
        except Exception:  # a worker killed meanwhile: the deletes are written in this process
            log.warning("the spelling deletes were not written ahead; writing them now", exc_info=True)
            return searcher, None
        return searcher, ahead[1]

    async def _apply(self, item: Found, outcome: Outcome, gen: int, live: dict[str, tuple[int, str]],
                     hashes: dict[str, str], seen: set[str]) -> None:
        """Write one file's outcome into generation ``gen``."""
        path = str(item.path)
        if isinstance(outcome, IngestError):
            if item.reason == "no such file or folder" and path in live:
                return  # a vanished file: removed below, not an error
            seen.add(path)
            self.bad.append(BadFile(path, str(outcome)))
            return
        seen.add(path)
        if isinstance(outcome, str):
            self.skipped += 1
            return
        twin = await self._twin(path, outcome.content_hash, hashes, seen)
        if twin is not None:
            self.duplicates.append(BadFile(path, f"same text as {twin}; indexed once"))
            if path in live:  # the text indexed for this path is no longer in the file
                self._forget(path, live, hashes)
                await self._remove(gen, [live[path][0]])
                self.removed += 1
            return
        hashes[outcome.content_hash] = path
        self.pending.append(outcome)  # written with the rest of its batch
        if path in live:
            self._forget(path, live, hashes)
            await self._remove(gen, [live[path][0]])
            self.updated += 1
        else:
            self.added += 1

    async def _twin(self, path: str, digest: str, hashes: dict[str, str], seen: set[str]) -> str | None:
        """Another file that holds the same text now (so ``path`` is a duplicate), or None.

        A twin not looked at yet in this run is read again: its indexed text may have changed.
        """
        twin = hashes.get(digest)
        if twin is None or twin == path or not os.path.exists(twin):
            return None
        if twin not in seen:
            try:
                data = await asyncio.to_thread(read_bytes, Path(twin), self.config.max_file_bytes)
            except IngestError:
                return None
            if content_hash(data) != digest:
                return None
        return twin

    @staticmethod
    def _forget(path: str, live: dict[str, tuple[int, str]], hashes: dict[str, str]) -> None:
        """Drop the hash of the text ``path`` held before, so no file is a duplicate of it."""
        old = live[path][1]
        if hashes.get(old) == path:
            del hashes[old]


def _from_gathered(gen: int, gathered: Gathered, passage_ids: list[int], passage_articles: list[int],
                   article_ids: list[int], params: SearchParams) -> Searcher:
    """``Searcher.build`` of the rows of ``gen`` from their terms gathered while parsing: the same
    engines (``FastBM25.build`` of the rows' tokens is ``from_term_ids`` of their encoding)."""
    def engine(corpus: tuple[np.ndarray, np.ndarray, list[str]]) -> FastBM25:
        return FastBM25.from_term_ids(*corpus, k1=params.k1, b=params.b, epsilon=params.epsilon, idf_mode=params.idf)

    with paused():
        passages, articles = engine(gathered.passages.corpus()), engine(gathered.headers.corpus())
    return Searcher(gen, np.asarray(passage_ids, np.int64), np.asarray(passage_articles, np.int64), passages,
                    np.asarray(article_ids, np.int64), articles, params)


def _under(path: str, targets: list[Path]) -> bool:
    """True when ``path`` is one of the targets or inside one of them."""
    if not targets:
        return False
    candidate = Path(path)
    for target in targets:
        root = target.absolute()
        if candidate == root or candidate.is_relative_to(root):
            return True
    return False
