"""The per-file half of a reindex (read, hash, parse, split, find speakers, tokenize, features),
on every core for a large reindex.

``prepared(found, live, max_bytes, batch)`` yields the files a batch at a time with their
outcomes, in order. Up to ``POOL_MIN_FILES`` files run in a worker thread, as before; larger
jobs go to a pool of processes (one per core; started with ``spawn``, so no thread of the
running bot is copied), with a few batches in flight so that the writer never waits for the
parser and the parsed batches held in memory stay bounded.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from index.errors import IngestError
from index.ingest.files import Found
from index.ingest.pool import BatchTerms, ParsePool, new_terms
from index.ingest.prepare import content_hash, prepare_encoded, read_bytes
from index.store.rows import EncodedArticle

log = logging.getLogger(__name__)

POOL_MIN_FILES = 400  # below this a process pool's start-up (~1 s) costs more than it saves
IN_FLIGHT = 3  # batches submitted per worker ahead of the one being written

Outcome = EncodedArticle | IngestError | str  # str: the content hash of an unchanged file
Known = dict[str, tuple[int, str]]  # path -> (article id, content hash) indexed before
Parsed = tuple[list[Outcome], list[str], BatchTerms | None]  # outcomes, spelling terms met first, terms as ids


def uses_pool(files: int) -> bool:
    """True when ``prepared`` parses this many files in worker processes."""
    return files >= POOL_MIN_FILES and (os.cpu_count() or 1) >= 2


def prepare_one(item: Found, known: Known, max_bytes: int) -> Outcome:
    """One file's outcome: its article encoded for the INSERTs (``prepare_encoded``), its
    unchanged hash, or why it cannot be indexed."""
    if item.reason is not None:
        return IngestError(item.reason)
    try:
        data = read_bytes(item.path, max_bytes)
        digest = content_hash(data)
        before = known.get(str(item.path))
        if before is not None and before[1] == digest:
            return digest
        return prepare_encoded(item.path, data, digest)
    except IngestError as error:
        return error
    except Exception as error:  # a parser bug must not stop the reindex
        log.exception("unexpected error indexing %s", item.path)
        return IngestError(f"could not be parsed ({type(error).__name__})")


def prepare_batch(chunk: list[Found], known: Known, max_bytes: int) -> list[Outcome]:
    """``prepare_one`` of each file of ``chunk`` (in a worker thread or process)."""
    return [prepare_one(item, known, max_bytes) for item in chunk]


async def prepared(found: list[Found], live: Known, max_bytes: int, batch: int, pool: ParsePool | None = None
                   ) -> AsyncIterator[tuple[int, list[Found], list[Outcome]]]:
    """``(first file's number, files, outcomes)`` a batch at a time, in order; a large job is
    parsed by ``pool``'s workers (one made and closed here when not given)."""
    chunks = [found[first:first + batch] for first in range(0, len(found), batch)]
    if not uses_pool(len(found)):
        for number, chunk in enumerate(chunks):
            yield number * batch, chunk, await asyncio.to_thread(prepare_batch, chunk, _known(chunk, live), max_bytes)
        return
    own = pool is None
    workers = pool or ParsePool()
    try:
        waiting: deque[Future[Parsed] | None] = deque()
        for chunk in chunks[:workers.workers * IN_FLIGHT]:
            waiting.append(workers.submit(pool_batch, chunk, _known(chunk, live), max_bytes, workers.gather))
        for number, chunk in enumerate(chunks):
            outcomes = await _outcomes(waiting.popleft(), chunk, live, max_bytes, workers)
            if number + len(waiting) + 1 < len(chunks):
                later = chunks[number + len(waiting) + 1]
                waiting.append(workers.submit(pool_batch, later, _known(later, live), max_bytes, workers.gather))
            yield number * batch, chunk, outcomes
    finally:
        if own:
            workers.close()


def pool_batch(chunk: list[Found], known: Known, max_bytes: int, gather: bool = False) -> Parsed:
    """In a worker: ``prepare_batch``, the spelling terms it met first and, when ``gather``, the
    articles' terms as ids (``new_terms``)."""
    outcomes = prepare_batch(chunk, known, max_bytes)
    return outcomes, *new_terms(outcomes, gather)


async def _outcomes(future: Future[Parsed] | None, chunk: list[Found], live: Known, max_bytes: int,
                    pool: ParsePool) -> list[Outcome]:
    """The pool's outcomes of ``chunk`` (its terms noted), or the same made in a thread when the
    pool broke (a worker killed, or a program without a ``__main__`` guard that ``spawn``
    cannot re-import); ``pool.latest`` then holds the batch's terms (None when parsed here)."""
    if future is not None:
        try:
            outcomes, terms, latest = await asyncio.wrap_future(future)
            pool.latest = latest
            pool.terms.update(terms)
            return outcomes
        except BrokenProcessPool:
            log.warning("the reindex's worker processes stopped; parsing the rest in this process")
    pool.complete = False
    pool.latest = None
    return await asyncio.to_thread(prepare_batch, chunk, _known(chunk, live), max_bytes)


def _known(chunk: list[Found], live: Known) -> Known:
    """The entries of ``live`` for the files of ``chunk`` (all a worker needs of it)."""
    return {str(item.path): live[str(item.path)] for item in chunk if str(item.path) in live}
