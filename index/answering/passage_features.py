"""What the re-rank needs of a passage that no question changes, computed once at index time.

``encode`` runs in the reindex's workers: a passage's sentence terms, written words, word pairs,
prefixes (``index.rerank.passage_terms``) and search-term counts (``index.rerank.term_counts``)
become one compact ``marshal`` blob stored beside the passage (``passages.features``).
``terms_of`` / ``counts_of`` read a fetched row's blob back (a few microseconds, cached), or
compute the same values from the text for rows indexed before the blob existed, so answers
are the same either way.
"""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from index.answering.rerank import PassageTerms, SentenceTerms, passage_terms, term_counts
from index.tokenize import tokenize

_FORMAT = 1  # bump when the blob's layout changes; older blobs are then recomputed
_CACHED = 4096
_MARSHAL_VERSION = 3  # without version 4's reference table: 2x faster to write, 4x to read here


class HasFeatures(Protocol):
    """A stored passage: its text, sentence spans and the blob written at index time."""

    @property
    def text(self) -> str: ...

    @property
    def sentences(self) -> Sequence[tuple[int, int]]: ...

    @property
    def features(self) -> bytes | None: ...


def encode(text: str, sentences: Sequence[tuple[int, int]], tokens: Sequence[str] | None = None) -> bytes:
    """The blob of a passage's question-independent features (``tokens``: its search terms,
    when already made)."""
    terms = passage_terms.__wrapped__(text, tuple(tuple(s) for s in sentences))
    counts = Counter(tokenize(text) if tokens is None else tokens)
    per_sentence = tuple((s.terms, s.words, s.pairs, dict(s.counts), s.grams) for s in terms.sentences)
    return marshal.dumps((
        _FORMAT,
        per_sentence,
        terms.words, terms.pairs, terms.prefixes,
        dict(counts), sum(counts.values()),
    ), _MARSHAL_VERSION)


@lru_cache(maxsize=_CACHED)
def _decode(blob: bytes) -> tuple[PassageTerms, tuple[Counter[str], int]] | None:
    values = marshal.loads(blob)
    if values[0] != _FORMAT:
        return None
    _, sentences, words, pairs, prefixes, counts, length = values
    terms = PassageTerms(tuple(SentenceTerms(*s) for s in sentences), words, pairs, prefixes)
    return terms, (Counter(counts), length)


def terms_of(row: HasFeatures) -> PassageTerms:
    """``passage_terms`` of a stored passage, from its blob when it has one."""
    decoded = _decode(row.features) if row.features else None
    if decoded is None:
        return passage_terms(row.text, tuple(tuple(s) for s in row.sentences))
    return decoded[0]


def counts_of(row: HasFeatures) -> tuple[Counter[str], int]:
    """``term_counts`` of a stored passage, from its blob when it has one."""
    decoded = _decode(row.features) if row.features else None
    return term_counts(row.text) if decoded is None else decoded[1]
