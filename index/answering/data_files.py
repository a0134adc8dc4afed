"""The word tables shipped in ``index/data/``, read so that a missing one costs quality, not answers."""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Generic, TypeVar

from index.answering.mapped_table import MAGIC, MappedTable, Value, write_table
from index.cache_dir import cache_dir, keep_newest

log = logging.getLogger(__name__)
T = TypeVar("T")
DATA = Path(__file__).resolve().parents[1] / "data"
"""``index/data/``, where the word tables ship."""
TABLES_KEPT = 8
"""Cache files kept per word table (one per checkout and word list): the most recently written."""


def read_table(name: str, path: Path | None = None) -> list[str]:
    """The lines of the gzipped table ``index/data/<name>`` (or of ``path``).

    A missing or damaged file is logged and read as empty: answers go on without what it
    adds (related words, English word frequencies) rather than failing every question.
    """
    source = DATA / name if path is None else path
    try:
        with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            return text.readlines()
    except (OSError, EOFError, UnicodeDecodeError) as error:  # gzip.BadGzipFile is an OSError
        log.warning("Cannot read the word table %s (%s); answering without it.", source, error)
        return []


def mapped_table(name: str, path: Path | None, parse: Callable[[list[str]], Mapping[str, Value]],
                 fingerprint: str = "") -> Mapping[str, Value]:
    """``parse(read_table(name, path))``, mapped from the cache file written the first time
    (``index.answering.mapped_table``); ``fingerprint`` names what else the parse depends on
    (a stemmer's version). Without a writable cache the parsed table itself is returned."""
    source = DATA / name if path is None else path
    try:
        stat = source.stat()
    except OSError:
        return parse(read_table(name, path))  # logged there, read as empty
    # Named by the source's path, size and modification time (hashing its megabytes would cost
    # a one-shot `ask` more than mapping the table), the format and the parse's fingerprint.
    key = f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{fingerprint}".encode()
    digest = hashlib.blake2b(MAGIC + key, digest_size=12).hexdigest()
    cached = cache_dir() / f"{name.split('.')[0]}-{digest}.table"
    try:
        return MappedTable(cached)
    except (OSError, ValueError):
        pass
    table = parse(read_table(name, path))
    if table:
        try:
            write_table(cached, table)
            keep_newest(cached.parent, f"{name.split('.')[0]}-*.table", TABLES_KEPT)
            return MappedTable(cached)
        except (OSError, ValueError) as error:
            log.info("Cannot keep the word table %s in %s (%s); reading it each start.", name, cached, error)
    return table


class OncePerPath(Generic[T]):
    """``read(path)`` done once per path, however many threads ask at once.

    The first questions after a start arrive together and each would read the same 17 MB
    table in its own thread (``functools.lru_cache`` does not hold the others back): they
    wait for the one read instead.
    """

    def __init__(self, read: Callable[[Path | None], T]) -> None:
        functools.update_wrapper(self, read)
        self._read = read
        self._cache: dict[Path | None, T] = {}
        self._lock = threading.Lock()

    def __call__(self, path: Path | None = None) -> T:
        with self._lock:
            if path not in self._cache:
                self._cache[path] = self._read(path)
            return self._cache[path]

    def cache_clear(self) -> None:
        """Forget what was read (tests)."""
        with self._lock:
            self._cache.clear()
