"""The engine: one object the console and the Discord bot both drive.

``Engine.open(config)`` opens the store and the persisted BM25 index of the committed
generation; ``ask`` answers; ``reindex`` brings the index in line with the article files
(incremental by content hash, atomic: readers keep the old generation until the new one
is committed). CPU-heavy work runs in worker threads so an event loop stays responsive.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from index.answering.answer import answer_question, requote
from index.answering.availability import with_availability
from index.answering.inflections import irregular_stems
from index.answering.respell import spelling_of
from index.answering.search import Searcher
from index.answering.thesaurus import thesaurus
from index.answering.word_rarity import english_frequencies
from index.bm25.fast import warm_up
from index.collector import settle
from index.config import EngineConfig
from index.errors import PathNotAllowed, QueryError, ReindexInProgress
from index.ingest.files import is_within
from index.leftovers import clear_interrupted, take_reindex_lock
from index.models import Answer, ContextParagraph, Quote, ReindexProgress, ReindexReport, SourceInfo
from index.scope_masks import ScopeMasks
from index.scopes import current_scope
from index.searcher_loading import load_or_build
from index.store.database import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[ReindexProgress], None]
SAVED_ANSWERS = 10_000
"""Answers kept for buttons clicked later (e.g. after a restart); older ones are dropped."""


def title_order(title: str) -> str:
    """How a title sorts in listings: "'Best person' wins" with the Bs, "$1m deal" with the 1s."""
    return _LEADING_SYMBOLS.sub("", title).casefold() or title.casefold()


_LEADING_SYMBOLS = re.compile(r"^[\W_]+")


class Engine:
    """Store + searcher + answers; safe to share between concurrent questions."""

    def __init__(self, config: EngineConfig, store: Store, searcher: Searcher) -> None:
        self.config = config
        self.store = store
        self._searcher = searcher
        self._reindex_lock = asyncio.Lock()
        self._refresh_lock = asyncio.Lock()
        self._masks = ScopeMasks()
        self.reindex_listeners: list[Callable[[ReindexReport], None]] = []  # e.g. the metrics

    @classmethod
    async def open(cls, config: EngineConfig, *, read_only: bool = False) -> Engine:
        """Open the database and its index; rebuilds the index only if it is missing.

        ``read_only`` (ask, chat, sources) never writes: no clean-up of an interrupted reindex
        (its rows are invisible anyway), and a missing index is built in memory only.
        """
        store = await Store.open(config.db_path, check_at_open_mb=config.check_at_open_mb, read_only=read_only,
                                 database=config.database)
        try:
            if not read_only:
                await clear_interrupted(store, config)
            searcher = await load_or_build(store, config, await store.generation(), save=not read_only)
        except BaseException:
            await store.close()
            raise
        return cls(config, store, searcher)

    async def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the search kernels, the
        thesaurus, the verb forms and the English word frequencies (~0.7 s), then keep what is loaded out of
        the garbage collector's full passes (``index.collector``) and start building the spelling
        index. For long-lived front ends; one-shot commands skip it."""
        await asyncio.to_thread(warm_up)
        await asyncio.to_thread((await self.searcher()).warm_up)
        if self.config.answer.related_words:
            await asyncio.to_thread(thesaurus)
            await asyncio.to_thread(irregular_stems, "fall")  # lemminflect reads its tables on first use
        english = None
        if self.config.answer.english_rarity:
            english = await asyncio.to_thread(english_frequencies)
        settle()
        # The spelling index takes ~1 s per 10,000 indexed terms: built in the background, so
        # a start is not delayed; a question with a typo meanwhile waits for it.
        threading.Thread(target=spelling_of, args=(self._searcher, english), name="spelling-index",
                         daemon=True).start()

    async def close(self) -> None:
        """Close the database."""
        await self.store.close()

    async def __aenter__(self) -> Engine:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def checked(self) -> bool:
        """True once every page of the database was read and found sound (see ``check``)."""
        return self.store.checked

    async def check(self) -> None:
        """Read every page of the database; raise ``CorruptDatabase`` on damage.

        Done at open for files up to ``check_at_open_mb``; for larger ones a reindex runs it
        before writing, and the bot runs it once it answers.
        """
        await self.store.check()

    @property
    def generation(self) -> int:
        """The generation this engine answers from (as last loaded: no database read)."""
        return self._searcher.generation

    @property
    def reindexing(self) -> bool:
        """True while a reindex runs in this process."""
        return self._reindex_lock.locked()

    async def searcher(self) -> Searcher:
        """The searcher of the committed generation (reloaded if another process committed)."""
        generation = await asyncio.to_thread(self.store.thread_reads.generation)  # one hop, not three
        if generation != self._searcher.generation:
            async with self._refresh_lock:
                if generation != self._searcher.generation:
                    self._searcher = await load_or_build(self.store, self.config, generation,
                                                          save=not self.store.read_only)
        return self._searcher

    async def ask(self, question: str, *, top: int | None = None, article: str | None = None,
                  article_id: int | None = None, threshold_share: float = 1.0, every: bool = False) -> Answer:
        """Answer a question with up to ``top`` quotes worth reading (from one article when its
        title or id is given); raises ``QueryError`` for unusable questions. ``threshold_share``
        scales the answer threshold (a follow-up looked up in the article it follows needs less
        evidence); ``every``: the member asked for ``top`` quotes, however they score."""
        searcher = await self.searcher()
        mask = await self._masks.mask(self.store, searcher, current_scope())
        if article:
            article_id = await self._article_id(article, searcher.generation)
        if article_id is not None and mask is not None and article_id not in mask.articles:
            raise QueryError("That article is not in this server's or channel's archive.")
        params = self.config.answer
        if threshold_share != 1.0:
            params = replace(params, answer_threshold=params.answer_threshold * threshold_share)
        answer = await answer_question(
            question, searcher=searcher, store=self.store, params=params,
            top=top or self.config.top, article_id=article_id, every=every, mask=mask,
        )
        return with_availability(answer, searcher)

    async def visible_articles(self) -> frozenset[int] | None:
        """Ids of the articles the current scope (``index.scopes.searching_in``) may see; None: all."""
        searcher = await self.searcher()
        mask = await self._masks.mask(self.store, searcher, current_scope())
        return None if mask is None else mask.articles

    async def reindex(self, paths: Sequence[Path] | None = None, *,
                      progress: ProgressCallback | None = None, only_configured: bool = False,
                      exclude: Sequence[Path] = ()) -> ReindexReport:
        """Index ``paths`` (default: the configured folders) into a new generation, leaving the
        files under ``exclude`` (e.g. other servers' archives) as they are."""
        roots = list(self.config.article_dirs)
        pages = [self.config.pages_dir] if self.config.pages_dir.is_dir() else []
        targets = [Path(p) for p in paths] if paths else roots + pages
        if any("\x00" in str(target) for target in targets):
            raise PathNotAllowed("A path holds a NUL character, which no file name can contain.")
        if only_configured and paths:  # the defaults include the added pages beside the database
            for target in targets:
                if not is_within(target, roots):
                    allowed = ", ".join(str(r) for r in roots) or "none configured"
                    raise PathNotAllowed(f"{target} is outside the article folders ({allowed}).")
        if self._reindex_lock.locked():
            raise ReindexInProgress("A reindex is already running; wait for it to finish.")
        async with self._reindex_lock:
            lock = await take_reindex_lock(self.store, self.config)
            if lock is None:
                raise ReindexInProgress("Another articlebot process is reindexing this database.")
            try:
                started = time.perf_counter()
                if not self.store.checked:  # never write into a damaged file
                    await self.store.check()
                # A reindex killed in another process may have left rows of the next generation.
                dropped = await self.store.discard_uncommitted()
                if dropped:
                    log.warning("discarded %d articles of an interrupted reindex", dropped)
                # Imported here: reading files brings the HTML extractor and the parsers, which a
                # process that only answers (`articlebot ask`) never needs to load.
                from index.reindex import Reindex

                job = Reindex(self.store, self.config, progress, exclude, sweep=not paths)
                report, searcher = await job.run(targets, self._searcher)
                if searcher is not None:
                    self._searcher = searcher
                report = replace(report, seconds=time.perf_counter() - started)
                for listener in self.reindex_listeners:
                    listener(report)
                return report
            finally:
                await lock.release()

    async def sources(self) -> list[SourceInfo]:
        """The indexed articles, by title (leading quotes and symbols ignored), with passage counts."""
        generation, visible = (await self.searcher()).generation, await self.visible_articles()
        found = [
            SourceInfo(row.id, row.title, row.author, row.path, row.url, count)
            for row, count in await self.store.articles(generation) if visible is None or row.id in visible
        ]
        return sorted(found, key=lambda s: (title_order(s.title), s.article_id))

    async def quoted_speaker(self, articles: int = 20) -> str | None:
        """Someone quoted directly in the first ``articles`` indexed articles (by title), for
        examples such as /help's "What did X say?"; None if nobody is."""
        generation, visible = (await self.searcher()).generation, await self.visible_articles()
        titled = [(i, t) for i, t in await self.store.titled(generation) if visible is None or i in visible]
        for article_id, _ in titled[:articles]:
            for row in await self.store.article_passages(article_id):
                direct = [name for name, _, is_direct in row.speakers if is_direct]
                if direct:
                    return direct[0]
        return None

    async def titles(self, query: str = "", limit: int = 25) -> list[str]:
        """Indexed titles containing ``query`` (for autocomplete), at most ``limit``."""
        generation, visible = (await self.searcher()).generation, await self.visible_articles()
        if visible is None:
            return await self.store.titles_like(generation, query.strip(), limit)
        wanted = query.strip().casefold()
        found = sorted({t for i, t in await self.store.titled(generation) if i in visible and wanted in t.casefold()},
                       key=lambda t: (len(t), t))
        return found[:limit]

    async def context(self, passage_id: int, radius: int = 1) -> list[ContextParagraph]:
        """The quoted paragraph and ``radius`` paragraphs either side of it."""
        found = await self.store.passages_by_ids([passage_id])
        if passage_id not in found:
            raise QueryError("That passage is no longer indexed; ask again.")
        quoted = found[passage_id]
        rows = await self.store.article_passages(quoted.article_id)
        low, high = quoted.paragraph - radius, quoted.paragraph + radius
        return [
            ContextParagraph(row.paragraph, row.text, row.id == passage_id)
            for row in rows if low <= row.paragraph <= high
        ]

    async def record_feedback(self, question: str, passage_ids: Sequence[int], user_hash: str, value: int,
                              answer_key: str | None = None) -> None:
        """Store a 👍 (+1) / 👎 (-1) on an answer (``answer_key``: its buttons' key, for /stats)."""
        if value not in (1, -1):
            raise ValueError("feedback is +1 or -1")
        await self.store.members.add_feedback(question, passage_ids, user_hash, value, answer_key)

    async def remember_answer(self, key: str, answer: Answer, keep: int = SAVED_ANSWERS) -> None:
        """Store ``answer``'s question and quoted passages under ``key`` (for buttons)."""
        ids = [q.passage_id for q in (*answer.quotes, *answer.more)]
        await self.store.members.save_answer(key, answer.question, ids, keep)

    async def recall_answer(self, key: str) -> tuple[str, tuple[Quote, ...]] | None:
        """The question and quotes remembered under ``key``, re-quoted from the current
        index (passages removed since are left out); None when nothing is left."""
        saved = await self.store.saved_answer(key)
        if saved is None:
            return None
        question, ids = saved
        quotes = await requote(question, ids, searcher=await self.searcher(), store=self.store,
                               params=self.config.answer)
        return (question, quotes) if quotes else None

    async def get_meta(self, key: str) -> str | None:
        """A value the front ends keep in the database (e.g. the command-sync hash)."""
        return await self.store.get_meta(f"app:{key}")

    async def set_meta(self, key: str, value: str) -> None:
        """Store a front-end value."""
        await self.store.set_meta(f"app:{key}", value)

    async def _article_id(self, title: str, generation: int) -> int:
        """The id of the visible article titled ``title``."""
        wanted = title.strip().casefold()
        for article_id, found in await self.store.titled(generation):
            if found.casefold() == wanted:
                return article_id
        raise QueryError(f"No indexed article is titled “{title.strip()}”.")
