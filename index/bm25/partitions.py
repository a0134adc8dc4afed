"""Where a partitioned search engine's partitions live, and writing them (Xapian databases).

A partition is configured as ``"host:port=directory"``: reindex writes the partition's database
into ``directory`` and the ``xapian-tcpsrv`` an admin runs on ``host:port`` serves it
(``xapian-tcpsrv --interface host --port port directory/passages``). Passage ``p`` of ``n``
goes to partition ``p % n`` as its document ``p // n + 1``, so when every partition is
searched together Xapian's combined document id is ``p + 1``.

Each build writes ``directory/passages.<token>/`` in every partition, then points the
``directory/passages`` symbolic link at it with one rename; ``xapian-tcpsrv`` opens the
database for each new connection, so the next connection sees the new build while open ones
keep the old. The token is stored in every database (metadata ``articlebot:build``), so a
searcher never mixes partitions of two builds. The previous build is kept (open connections
may still read it); older ones are deleted. The databases have no termlists (``DB_NO_TERMLIST``):
searching needs only postings and document lengths, and it makes them ~40% smaller.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

DATABASE = "passages"  # the name served in each partition directory (a symbolic link)
BUILD_KEY = "articlebot:build"
_MAX_TERM_BYTES = 240  # Xapian refuses terms over 245 bytes


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition: the address its server listens on and the folder reindex writes."""

    host: str
    port: int
    directory: Path

    @classmethod
    def parse(cls, text: str) -> Partition:
        """``"host:port=directory"`` -> Partition; ValueError with one sentence otherwise."""
        address, sep, directory = text.partition("=")
        host, _, port = address.rpartition(":")
        if not sep or not host or not port.isdigit() or not directory.strip():
            raise ValueError(f"partition {text!r} should look like \"127.0.0.1:33301=/srv/articlebot/part-0\"")
        return cls(host.strip("[]"), int(port), Path(directory.strip()))

    def __str__(self) -> str:
        return f"{self.host}:{self.port}={self.directory}"


def parse_partitions(texts: Sequence[str]) -> tuple[Partition, ...]:
    """The configured partitions; at least one is needed."""
    if not texts:
        raise ValueError("the xapian engine needs at least one partition in [index] partitions")
    return tuple(Partition.parse(text) for text in texts)


def load_xapian() -> ModuleType:
    """Xapian's Python bindings, or a ValueError saying how to install them."""
    try:  # imported by name: mypy has no stubs for it, and it is optional
        return importlib.import_module("xapian")
    except ImportError:
        raise ValueError("the xapian engine needs Xapian (apt-get install python3-xapian xapian-tools, "
                         "then make .venv/.installed-stamp links it into the venv)") from None


def xapian_term(term: str) -> str:
    """``term`` as stored in Xapian: itself, or a digest when longer than Xapian allows."""
    if len(term.encode()) <= _MAX_TERM_BYTES:
        return term
    return "\x01" + hashlib.sha256(term.encode()).hexdigest()


def write_partitions(corpus: Sequence[Sequence[str]], partitions: Sequence[Partition]) -> str:
    """Write ``corpus`` round-robin into new databases of ``partitions``, make them the served
    ones, and return the build token they carry."""
    xapian = load_xapian()
    token = f"{time.time_ns():x}-{os.getpid()}"
    count = len(partitions)
    for index, partition in enumerate(partitions):
        partition.directory.mkdir(parents=True, exist_ok=True)
        folder = partition.directory / f"{DATABASE}.{token}"
        database = xapian.WritableDatabase(str(folder), xapian.DB_CREATE_OR_OVERWRITE | xapian.DB_NO_TERMLIST)
        try:
            for position in range(index, len(corpus), count):
                document = xapian.Document()
                for term, frequency in Counter(corpus[position]).items():
                    document.add_term(xapian_term(term), frequency)
                database.add_document(document)
            database.set_metadata(BUILD_KEY, token)
            database.commit()
        finally:
            database.close()
    for partition in partitions:
        _serve(partition.directory, f"{DATABASE}.{token}")
    return token


def _serve(directory: Path, folder: str) -> None:
    """Point ``directory/passages`` at ``folder`` (one rename); delete builds older than the
    one it pointed at before."""
    link = directory / DATABASE
    previous = os.readlink(link) if link.is_symlink() else None
    staging = directory / f".{DATABASE}.link-{os.getpid()}"
    staging.unlink(missing_ok=True)
    staging.symlink_to(folder)
    os.replace(staging, link)
    for entry in directory.glob(f"{DATABASE}.*"):
        if entry.name not in (folder, previous):
            shutil.rmtree(entry, ignore_errors=True)
