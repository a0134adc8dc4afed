"""The searcher of a generation: loaded from its persisted files, built (and saved) when missing."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

from index.answering.search import Searcher
from index.config import EngineConfig
from index.store.database import Store

log = logging.getLogger(__name__)


async def load_or_build(store: Store, config: EngineConfig, generation: int, *, save: bool = True) -> Searcher:
    """The persisted searcher of ``generation``, built (and saved, if ``save``) when missing."""
    params = config.search
    searcher = await asyncio.to_thread(Searcher.load, config.index_dir, generation, params)
    if searcher is None:
        rows = await store.index_rows(generation)
        searcher = await asyncio.to_thread(Searcher.build, generation, rows, params)
        if not save:
            return searcher
        try:
            await asyncio.to_thread(searcher.save, config.index_dir)
        except OSError as error:
            log.warning("could not save the index to %s: %s", config.index_dir, error)
    return searcher


def drop_other_generations(root: Path, keep: int) -> None:
    """Delete persisted indexes (and leftovers) of every generation but ``keep``."""
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name != f"gen-{keep}":
            shutil.rmtree(entry, ignore_errors=True)
