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
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import connection, get_context

from index.errors import IngestError
from index.ingest.files import Found
from index.ingest.prepare import content_hash, prepare, read_bytes
from index.store.rows import EncodedArticle, encode

log = logging.getLogger(__name__)

POOL_MIN_FILES = 400  # below this a process pool's start-up (~1 s) costs more than it saves
IN_FLIGHT = 3  # batches submitted per worker ahead of the one being written

Outcome = EncodedArticle | IngestError | str  # str: the content hash of an unchanged file
Known = dict[str, tuple[int, str]]  # path -> (article id, content hash) indexed before


def prepare_one(item: Found, known: Known, max_bytes: int) -> Outcome:
    """One file's outcome: its article encoded for the INSERTs (``index.store.rows.encode``), its
    unchanged hash, or why it cannot be indexed."""
    if item.reason is not None:
        return IngestError(item.reason)
    try:
        data = read_bytes(item.path, max_bytes)
        digest = content_hash(data)
        before = known.get(str(item.path))
        if before is not None and before[1] == digest:
            return digest
        return encode(prepare(item.path, data, digest))
    except IngestError as error:
        return error
    except Exception as error:  # a parser bug must not stop the reindex
        log.exception("unexpected error indexing %s", item.path)
        return IngestError(f"could not be parsed ({type(error).__name__})")


def prepare_batch(chunk: list[Found], known: Known, max_bytes: int) -> list[Outcome]:
    """``prepare_one`` of each file of ``chunk`` (in a worker thread or process)."""
    return [prepare_one(item, known, max_bytes) for item in chunk]


async def prepared(found: list[Found], live: Known, max_bytes: int, batch: int
                   ) -> AsyncIterator[tuple[int, list[Found], list[Outcome]]]:
    """``(first file's number, files, outcomes)`` a batch at a time, in order."""
    chunks = [found[first:first + batch] for first in range(0, len(found), batch)]
    workers = os.cpu_count() or 1
    if len(found) < POOL_MIN_FILES or workers < 2:
        for number, chunk in enumerate(chunks):
            yield number * batch, chunk, await asyncio.to_thread(prepare_batch, chunk, _known(chunk, live), max_bytes)
        return
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=end_with_parent) as pool:
        waiting: deque[Future[list[Outcome]] | None] = deque()
        for chunk in chunks[:workers * IN_FLIGHT]:
            waiting.append(_submit(pool, chunk, live, max_bytes))
        for number, chunk in enumerate(chunks):
            outcomes = await _outcomes(waiting.popleft(), chunk, live, max_bytes, loop)
            if number + len(waiting) + 1 < len(chunks):
                waiting.append(_submit(pool, chunks[number + len(waiting) + 1], live, max_bytes))
            yield number * batch, chunk, outcomes


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


def _submit(pool: ProcessPoolExecutor, chunk: list[Found], live: Known, max_bytes: int
            ) -> Future[list[Outcome]] | None:
    """``chunk`` handed to the pool; None once the pool is broken (its batches then run here)."""
    try:
        return pool.submit(prepare_batch, chunk, _known(chunk, live), max_bytes)
    except BrokenProcessPool:
        return None


async def _outcomes(future: Future[list[Outcome]] | None, chunk: list[Found], live: Known, max_bytes: int,
                    loop: asyncio.AbstractEventLoop) -> list[Outcome]:
    """The pool's outcomes of ``chunk``, or the same made in a thread when the pool broke (a
    worker killed, or a program without a ``__main__`` guard that ``spawn`` cannot re-import)."""
    if future is not None:
        try:
            return await asyncio.wrap_future(future, loop=loop)
        except BrokenProcessPool:
            log.warning("the reindex's worker processes stopped; parsing the rest in this process")
    return await asyncio.to_thread(prepare_batch, chunk, _known(chunk, live), max_bytes)


def _known(chunk: list[Found], live: Known) -> Known:
    """The entries of ``live`` for the files of ``chunk`` (all a worker needs of it)."""
    return {str(item.path): live[str(item.path)] for item in chunk if str(item.path) in live}
