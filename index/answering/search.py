"""Store rows -> BM25 indexes -> ``Hit`` list for a tokenized question.

Two BM25 indexes per generation: passages (body text) and articles (title, dek, author).
A passage's score is its own BM25 score plus ``title_weight`` times its article's, so a
question naming an article's title or author lifts that article's passages. Both indexes
are built with the engine named in the config (``fast`` or the ``rank-bm25`` reference)
and persisted in ``<directory>/gen-<N>/`` so a restart only memory-maps them.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.answering.saved_spelling import ReadyDeletes
from index.answering.scope_mask import ScopeMask, best_within
from index.answering.spelling import EnglishWords, Spelling, save_terms, spelling_index
from index.answering.vocabulary import documents, spelling_counts, weight_idf
from index.bm25.fast import FastBM25
from index.bm25.persist import map_array
from index.bm25.protocol import BM25Engine, build_engine, load_engine
from index.collector import paused
from index.config import SearchParams
from index.store.rows import IndexRows

_CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found for a question, with its combined and per-field scores."""

    passage_id: int
    article_id: int
    score: float
    passage_score: float
    article_score: float


class Searcher:
    """The BM25 indexes of one committed generation."""

    def __init__(self, generation: int, passage_ids: np.ndarray, passage_articles: np.ndarray,
                 passages: BM25Engine, article_ids: np.ndarray, articles: BM25Engine,
                 params: SearchParams) -> None:
        self.generation = generation
        self.passage_ids = passage_ids
        self.passage_articles = passage_articles
        self.passages = passages
        self.article_ids = article_ids
        self.articles = articles
        self.params = params
        self._firsts: dict[int, int | None] = {}  # article id -> position of its first passage
        self._spelling: Spelling | None = None
        self._spelling_lock = threading.Lock()
        self.folder: Path | None = None  # where it was loaded from (its saved spelling index)

    def warm_up(self) -> None:
        """Load the numba kernels for both indexes' arrays (queries run in them from now on)."""
        for engine in (self.passages, self.articles):
            if isinstance(engine, FastBM25):
                engine.warm_up()

    @property
    def unavailable(self) -> int:
        """How many partitions of a partitioned passage index the last search could not reach."""
        return int(getattr(self.passages, "unavailable", 0))

    @property
    def size(self) -> int:
        """Number of indexed passages."""
        return int(self.passage_ids.size)

    @property
    def article_count(self) -> int:
        """Number of indexed articles."""
        return int(self.article_ids.size)

    def can_update(self, params: SearchParams) -> bool:
        """True when ``updated`` can patch this index for ``params`` (the same BM25 parameters)."""
        same = _params_dict(params) == _params_dict(self.params)
        return same and getattr(self.passages, "updatable", True)

    def updated(self, generation: int, removed_articles: set[int],
                added: IndexRows) -> Searcher:
        """This index with ``removed_articles`` dropped and the ``added`` rows appended.

        Only the added passages' tokens go through Python; the kept postings are merged by
        ``FastBM25.replace_docs``. Scores equal a full build's; positions differ (kept
        documents first, in their old order), which ``search`` never exposes.
        """
        removed = np.asarray(sorted(removed_articles), np.int64)
        drop_passages = np.flatnonzero(np.isin(self.passage_articles, removed))
        drop_articles = np.flatnonzero(np.isin(self.article_ids, removed))
        with paused():
            passages = self.passages.replace_docs(drop_passages, [t.split() for t in added.passage_tokens])
            articles = self.articles.replace_docs(drop_articles, [t.split() for t in added.article_tokens])
        return Searcher(
            generation,
            np.concatenate([np.delete(self.passage_ids, drop_passages), np.asarray(added.passage_ids, np.int64)]),
            np.concatenate([np.delete(self.passage_articles, drop_passages),
                            np.asarray(added.passage_articles, np.int64)]),
            passages,
            np.concatenate([np.delete(self.article_ids, drop_articles), np.asarray(added.article_ids, np.int64)]),
            articles,
            self.params,
        )

    @classmethod
    def build(cls, generation: int, rows: IndexRows, params: SearchParams) -> Searcher:
        """Index the rows returned by ``Store.index_rows``."""
        passage_ids, passage_articles, passage_tokens = rows.passage_ids, rows.passage_articles, rows.passage_tokens
        article_ids, article_tokens = rows.article_ids, rows.article_tokens
        def engine(tokens: Sequence[str], field: str) -> BM25Engine:
            return build_engine(params.bm25, [t.split() for t in tokens], k1=params.k1, b=params.b,
                                epsilon=params.epsilon, idf_mode=params.idf, partitions=params.partitions,
                                field=field)

        with paused():
            passages, articles = engine(passage_tokens, "passages"), engine(article_tokens, "articles")
        return cls(generation, np.asarray(passage_ids, np.int64), np.asarray(passage_articles, np.int64),
                   passages, np.asarray(article_ids, np.int64), articles, params)

    def save(self, root: Path, spelling: ReadyDeletes | None = None) -> Path:
        """Persist under ``root/gen-<N>`` (written beside, renamed into place); ``spelling``: deletes written ahead."""
        final = root / f"gen-{self.generation}"
        staging = root / f".gen-{self.generation}.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.passages.save(staging / "passages")
        self.articles.save(staging / "articles")
        np.save(staging / "passage_ids.npy", self.passage_ids)
        np.save(staging / "passage_articles.npy", self.passage_articles)
        np.save(staging / "article_ids.npy", self.article_ids)
        if isinstance(self.passages, FastBM25) and isinstance(self.articles, FastBM25):  # local engines only
            save_terms(staging, spelling_counts(self.passages, self.articles).items(), spelling)
        (staging / "params.json").write_text(json.dumps(_params_dict(self.params)))
        shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)
        self.folder = final
        return final

    @classmethod
    def load(cls, root: Path, generation: int, params: SearchParams) -> Searcher | None:
        """The persisted indexes of ``generation``, or None if absent or built differently."""
        folder = root / f"gen-{generation}"
        try:
            saved = json.loads((folder / "params.json").read_text())
            if saved != _params_dict(params):
                return None
            passages = load_engine(params.bm25, folder / "passages")
            articles = load_engine(params.bm25, folder / "articles", field="articles")
            searcher = cls(
                generation,
                map_array(folder / "passage_ids.npy"),
                map_array(folder / "passage_articles.npy"),
                passages,
                map_array(folder / "article_ids.npy"),
                articles,
                params,
            )
        except (OSError, ValueError, KeyError, EOFError):
            return None
        searcher.folder = folder
        return searcher

    def search(self, tokens: Sequence[str], k: int, *, article_id: int | None = None,
               mask: ScopeMask | None = None) -> list[Hit]:
        """The best ``k`` passages for ``tokens`` (of one article if given; of a scope's ``mask``)."""
        if not tokens or self.size == 0:
            return []
        article_scores = self.article_scores(tokens, mask=mask)
        if article_id is not None:
            positions = np.flatnonzero(self.passage_articles == article_id)
            scores = self.passages.get_scores(tokens)[positions]
            pairs = list(zip(positions.tolist(), scores.tolist()))
        else:
            allowed = None if mask is None else mask.passages
            pairs = best_within(self.passages, tokens, max(k, _CANDIDATES), allowed)
            titled = self._title_only_candidates(article_scores, {p for p, _ in pairs})
            pairs += [(p, s) for p, s in titled if allowed is None or allowed[p]]
        weight = self.params.title_weight
        positions = np.asarray([p for p, _ in pairs], dtype=np.int64)
        # One fancy index per array, not numpy's Python-level __getitem__ for each of ~200 candidates.
        ids = np.asarray(self.passage_ids)[positions].tolist()
        articles = np.asarray(self.passage_articles)[positions].tolist()
        found = []  # (-score, passage id, ...): sorted as tuples, a Hit made only for the best k
        for passage_id, article, (_, passage_score) in zip(ids, articles, pairs):
            article_score = article_scores.get(article, 0.0)
            score = passage_score + weight * article_score
            found.append((-score, passage_id, article, score, passage_score, article_score))
        found.sort()
        return [Hit(passage_id, article, *scores) for _, passage_id, article, *scores in found[:k]]

    def article_scores(self, tokens: Sequence[str], k: int = 50, *, mask: ScopeMask | None = None) -> dict[int, float]:
        """``article id -> BM25 score`` of title/dek/author for the best ``k`` articles (of those
        ``mask`` lets a scope see, when given)."""
        if not tokens or self.article_ids.size == 0:
            return {}
        best = best_within(self.articles, tokens, k, None if mask is None else mask.titles)
        return {int(self.article_ids[p]): s for p, s in best if s > 0}

    def _title_only_candidates(self, article_scores: dict[int, float], seen: set[int]
                               ) -> list[tuple[int, float]]:
        """First passages of the best title matches, so a title-only match can still rank."""
        best = sorted(article_scores.items(), key=lambda kv: -kv[1])[:3]
        firsts = (self._first_position(article) for article, _ in best)
        return [(p, 0.0) for p in firsts if p is not None and p not in seen]

    def _first_position(self, article: int) -> int | None:
        """Position of ``article``'s first passage (None: it has none), remembered per article:
        one scan for each article asked about, not a table of all built by the first question
        (21 ms at 100k passages, in every one-shot ``ask``)."""
        if article not in self._firsts:
            column = np.asarray(self.passage_articles)
            first = int(np.argmax(column == article)) if column.size else 0
            self._firsts[article] = first if column.size and column[first] == article else None
        return self._firsts[article]

    def term_scores(self, counts: Mapping[str, int], length: int, terms: Iterable[str]) -> dict[str, float]:
        """Each of ``terms``' part of the BM25 score of a passage with these token ``counts``.

        ``length`` is the passage's number of tokens; the idf, k1, b and average length are
        the passage index's, so the parts add up to the passage's score for those terms.
        """
        avgdl = self.passages.avgdl or 1.0
        k1, b = self.params.k1, self.params.b
        norm = k1 * (1 - b + b * length / avgdl)
        parts = {}
        for term in dict.fromkeys(terms):
            tf, idf = counts.get(term, 0), self.idf(term)
            parts[term] = 0.0 if not tf or idf is None else idf * tf * (k1 + 1) / (tf + norm)
        return parts

    def known(self, term: str) -> bool:
        """True when a passage or a title holds ``term``."""
        return self.idf(term) is not None or self.title_idf(term) is not None

    def spelling(self, english: EnglishWords | None = None) -> Spelling:
        """The indexed terms (passages' and titles') for spelling correction, built on first
        use (with ``english``, the English words whose stem is indexed are offered too)."""
        with self._spelling_lock:
            if self._spelling is None:  # saved with the index, else built from its document counts
                self._spelling = spelling_index(self.folder, lambda: spelling_counts(self.passages, self.articles).items(), english)
            return self._spelling

    def passages_with(self, term: str) -> np.ndarray:
        """Positions of the passages that hold ``term`` (sorted)."""
        return documents(self.passages, term)

    def titles_with(self, term: str) -> np.ndarray:
        """Positions of the articles whose title, dek or author holds ``term`` (sorted)."""
        return documents(self.articles, term)

    def idf(self, term: str) -> float | None:
        """The passage index's idf for ``term`` (None if unseen)."""
        return self.passages.idf_of(term)

    def title_idf(self, term: str) -> float | None:
        """The article index's idf for ``term`` (None if unseen)."""
        return self.articles.idf_of(term)

    def weights(self, term: str) -> tuple[float | None, float | None]:
        """``term``'s weight as a question term in passages and in titles (``weight_idf``)."""
        return weight_idf(self.passages, term), weight_idf(self.articles, term)


def _params_dict(params: SearchParams) -> dict[str, object]:
    """What a persisted index depends on (the title weight only matters at query time)."""
    saved: dict[str, object] = {"engine": params.bm25, "k1": params.k1, "b": params.b, "epsilon": params.epsilon}
    if params.idf != "okapi":  # absent from indexes saved before idf modes existed
        saved["idf"] = params.idf
    if params.partitions:
        saved["partitions"] = list(params.partitions)
    return saved
