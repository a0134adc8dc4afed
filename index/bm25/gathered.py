"""A new database's BM25 corpora gathered as term ids while the reindex's workers parse.

Input: each batch's terms as its worker's own ids (``index.ingest.pool.BatchTerms``) and which
of the batch's articles were written. Output: per field (passages, article headers) the flat
int32 term ids, the int64 document offsets and the vocabulary that ``index.bm25.postings.encode``
would make of the same token strings read back from the store: global ids in first-occurrence
order, so ``FastBM25.from_term_ids`` builds the same arrays, byte for byte, as ``FastBM25.build``
of the rows. Per batch only numpy work and one dict lookup per term new to the batch's worker:
no token string read back, split or looked up after the parsing, no Python object per word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from index.ingest.pool import BatchTerms


class _Field:
    """One field's corpus as global term ids."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.maps: dict[int, np.ndarray] = {}  # worker -> its term id -> global id (-1: none yet)
        self.ids: list[np.ndarray] = []
        self.lengths: list[np.ndarray] = []

    def add(self, worker: int, local_terms: list[str], ids: np.ndarray, lengths: np.ndarray) -> None:
        """Documents of ``lengths`` terms whose ids are ``ids`` in ``worker``'s vocabulary."""
        mapping = self.maps.get(worker, np.empty(0, np.int32))
        if mapping.size < len(local_terms):
            mapping = np.concatenate([mapping, np.full(len(local_terms) - mapping.size, -1, np.int32)])
            self.maps[worker] = mapping
        found = mapping[ids]
        missing = found < 0
        if missing.any():
            unseen, first = np.unique(ids[missing], return_index=True)
            vocab = self.vocab
            for local in unseen[np.argsort(first)].tolist():  # global ids in first-occurrence order
                mapping[local] = vocab.setdefault(local_terms[local], len(vocab))
            found = mapping[ids]
        self.ids.append(found)
        self.lengths.append(lengths)

    def corpus(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """``(flat int32 ids, int64 doc offsets, vocab)`` as ``postings.encode`` returns them."""
        lengths = np.concatenate(self.lengths) if self.lengths else np.empty(0, np.int64)
        offsets = np.zeros(lengths.size + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        ids = np.concatenate(self.ids) if self.ids else np.empty(0, np.int32)
        return ids.astype(np.int32, copy=False), offsets, list(self.vocab)


class Gathered:
    """The passages' and headers' corpora of the articles written, batch by batch, in the order
    written; ``broken`` once a batch cannot be added (its terms missing or out of order): the
    caller then builds from the store's rows instead."""

    def __init__(self) -> None:
        self.passages, self.headers = _Field(), _Field()
        self.articles: list[int] = []  # passages per article written, in order
        self.local: dict[int, list[str]] = {}  # worker -> its vocabulary, in id order
        self.broken = False

    def add(self, terms: BatchTerms | None, written: Sequence[bool], passages: Sequence[int]) -> None:
        """One batch: ``written`` says which of its parsed articles (in order) were written,
        ``passages`` how many passages each has."""
        if self.broken:
            return
        local = self.local.setdefault(terms.worker, []) if terms is not None else None
        if terms is None or local is None or terms.before != len(local) or len(written) != len(terms.header_lengths):
            self.broken = True
            return
        local.extend(terms.new)
        header_lengths = np.asarray(terms.header_lengths, np.int64)
        passage_lengths = np.asarray(terms.passage_lengths, np.int64)
        header_ids = np.frombuffer(terms.header_ids, np.int32) if len(terms.header_ids) else np.empty(0, np.int32)
        passage_ids = np.frombuffer(terms.passage_ids, np.int32) if len(terms.passage_ids) else np.empty(0, np.int32)
        keep = np.asarray(written, bool)
        if not keep.all():
            keep_passages = np.repeat(keep, np.asarray(passages, np.int64))
            header_ids = header_ids[np.repeat(keep, header_lengths)]
            passage_ids = passage_ids[np.repeat(keep_passages, passage_lengths)]
            header_lengths, passage_lengths = header_lengths[keep], passage_lengths[keep_passages]
        self.articles.extend(n for n, w in zip(passages, written) if w)
        self.headers.add(terms.worker, local, header_ids, header_lengths)
        self.passages.add(terms.worker, local, passage_ids, passage_lengths)

    def passage_articles(self, article_ids: Sequence[int]) -> np.ndarray:
        """The article of each gathered passage, given the ids the written articles got."""
        return np.repeat(np.asarray(article_ids, np.int64), np.asarray(self.articles, np.int64))
