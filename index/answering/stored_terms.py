"""The re-rank's terms of a stored passage, read back from the features blob written at index
time (``index.answering.passage_features``), cached.

``terms_of`` / ``counts_of`` give a fetched row's sentence terms, written words, word pairs and
prefixes (``index.rerank.passage_terms``) and search-term counts (``index.rerank.term_counts``),
made from the blob's words by the functions that make them from the text, or computed from the
text for rows indexed before the blob existed, so answers are the same either way. The sets are
built with the collector paused (it would otherwise walk them, and the cached ones, ~30% of the
time). Blobs of formats 1 (marshal) and 2 (pickled sets, read with an unpickler that refuses
every class or function, so a damaged or hostile database cannot run code) are still read.
"""

from __future__ import annotations

import io
import marshal
import pickle
from collections import Counter, _count_elements  # type: ignore[attr-defined]
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from index.answering.passage_features import words_of
from index.answering.rerank import PassageTerms, SentenceTerms, passage_terms, term_counts, terms_of_words
from index.collector import paused
from index.tokenize import stemmed

_READABLE = (1, 2)  # pickled (2) or marshalled (1) values: the blobs written before format 3
_CACHED = 4096


class HasFeatures(Protocol):
    """A stored passage: its text, sentence spans and the blob written at index time."""

    @property
    def text(self) -> str: ...

    @property
    def sentences(self) -> Sequence[tuple[int, int]]: ...

    @property
    def features(self) -> bytes | None: ...


def _terms(per_sentence: list[list[str]], whole: list[str]) -> tuple[PassageTerms, tuple[Counter[str], int]]:
    """``passage_terms`` and ``term_counts`` of a passage whose words are known."""
    counts: Counter[str] = Counter()
    _count_elements(counts, stemmed(whole))  # Counter(tokens) without the tokens' list
    return terms_of_words(per_sentence, whole), (counts, sum(counts.values()))


class _BuiltinsOnly(pickle.Unpickler):
    """An unpickler of builtin values: it refuses to look up any class or function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a features blob names {module}.{name}")


def _load(blob: bytes) -> Any:
    """The values in ``blob``, or None when it cannot be read (then the text is analysed)."""
    try:
        if blob[:1] == b"\x80":  # pickle's PROTO opcode; marshal's tuples start otherwise
            return _BuiltinsOnly(io.BytesIO(blob)).load()
        return marshal.loads(blob)
    except (pickle.UnpicklingError, ValueError, EOFError, TypeError, IndexError):
        return None


@lru_cache(maxsize=_CACHED)
def _decode(blob: bytes) -> tuple[PassageTerms, tuple[Counter[str], int]] | None:
    with paused():  # ~30% of the time otherwise: the collector walking the new sets (and the cached)
        return _decoded(blob)


def _decoded(blob: bytes) -> tuple[PassageTerms, tuple[Counter[str], int]] | None:
    words = words_of(blob)
    if words is not None:
        return _terms(*words)
    values = _load(blob)
    if not isinstance(values, tuple) or len(values) != 7 or values[0] not in _READABLE:
        return None
    _, sentences, written, pairs, prefixes, counts, length = values
    terms = PassageTerms(tuple(SentenceTerms(*s) for s in sentences), written, pairs, prefixes)
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
