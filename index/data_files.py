"""The word tables shipped in ``index/data/``, read so that a missing one costs quality, not answers."""

from __future__ import annotations

import gzip
import logging
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)


def read_table(name: str, path: Path | None = None) -> list[str]:
    """The lines of the gzipped table ``index/data/<name>`` (or of ``path``).

    A missing or damaged file is logged and read as empty: answers go on without what it
    adds (related words, English word frequencies) rather than failing every question.
    """
    source = resources.files("index") / "data" / name if path is None else path
    try:
        with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            return text.readlines()
    except (OSError, EOFError, UnicodeDecodeError) as error:  # gzip.BadGzipFile is an OSError
        log.warning("Cannot read the word table %s (%s); answering without it.", source, error)
        return []
