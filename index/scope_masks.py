"""The engine's cache of ``ScopeMask``s: one per (generation, scope), built from the store.

Building one reads the visible articles' paths (one query) and marks their positions in the
searcher's arrays; questions in the same scope reuse it until the next generation.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from index.answering.scope_mask import ScopeMask
from index.answering.search import Searcher
from index.scopes import ArchiveScope
from index.store.database import Store

KEPT_MASKS = 256
"""Scopes whose masks are kept (a few per server at most are in use at a time)."""


class ScopeMasks:
    """Masks by (generation, scope), the least recently used dropped past ``KEPT_MASKS``."""

    def __init__(self) -> None:
        self._masks: OrderedDict[tuple[int, ArchiveScope], ScopeMask] = OrderedDict()
        self._paths: tuple[int, list[tuple[int, str]]] | None = None
        self._lock = asyncio.Lock()

    async def mask(self, store: Store, searcher: Searcher, scope: ArchiveScope) -> ScopeMask | None:
        """``scope``'s mask over ``searcher`` (None when it sees everything: nothing to filter)."""
        if scope.everything:
            return None
        key = (searcher.generation, scope)
        found = self._masks.get(key)
        if found is None:
            async with self._lock:
                paths = await self._article_paths(store, searcher.generation)
                visible = [article_id for article_id, path in paths if scope.visible(path)]
                found = await asyncio.to_thread(ScopeMask.of, visible, searcher.passage_articles, searcher.article_ids)
                self._masks[key] = found
                while len(self._masks) > KEPT_MASKS:
                    self._masks.popitem(last=False)
        self._masks.move_to_end(key)
        return found

    async def _article_paths(self, store: Store, generation: int) -> list[tuple[int, str]]:
        """``(article id, path)`` of the articles visible in ``generation`` (read once per generation)."""
        if self._paths is None or self._paths[0] != generation:
            self._paths = (generation, [(row.id, row.path) for row, _ in await store.articles(generation)])
        return self._paths[1]
