"""What the re-rank needs of a passage that no question changes, computed once at index time.

``analyse`` runs in the reindex's workers: a passage's search tokens, and one compact blob of
its sentence terms, written words, word pairs, prefixes (``index.rerank.passage_terms``) and
search-term counts (``index.rerank.term_counts``), stored beside the passage
(``passages.features``). The words are split once per passage (one lowercasing and one
pattern for an ASCII text) and shared by the sentences, the whole text and the tokens.
``terms_of`` / ``counts_of`` read a fetched row's blob back (a few microseconds, cached), or
compute the same values from the text for rows indexed before the blob existed, so answers
are the same either way.

The blob is a pickle of builtins only (tuples, frozensets, dicts, strings, ints), read with an
unpickler that refuses every class or function, so a damaged or hostile database cannot run
code. Pickle rather than ``marshal``: marshal sorts every frozenset it writes (for
reproducible ``.pyc`` files), which made it 5x slower to write; format-1 blobs (marshal) are
still read.
"""

from __future__ import annotations

import io
import marshal
import pickle
import re
from collections import Counter, _count_elements  # type: ignore[attr-defined]
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from index.answering.rerank import PassageTerms, SentenceTerms, passage_terms, term_counts, terms_of_words
from index.tokenize import stemmed, words

_FORMAT = 2  # bump when the blob's layout changes; older blobs are then recomputed
_READABLE = (1, 2)  # 1: the same values written with marshal
_CACHED = 4096
_PICKLE_PROTOCOL = 5
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # ``index.tokenize.words`` on lowercased ASCII text


class HasFeatures(Protocol):
    """A stored passage: its text, sentence spans and the blob written at index time."""

    @property
    def text(self) -> str: ...

    @property
    def sentences(self) -> Sequence[tuple[int, int]]: ...

    @property
    def features(self) -> bytes | None: ...


def split_words(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[list[str]], list[str]]:
    """``index.tokenize.words`` of each sentence of ``text`` (the whole text if none) and of the
    whole text. An ASCII text is lowercased once and the sentences' words, when they make up
    the whole text's, are the same objects (so the blob stores each word once)."""
    spans = sentences or ((0, len(text)),)
    if not text.isascii():  # NFKC and casefold may move characters: split each sentence itself
        return [words(text[s:e]) for s, e in spans], words(text)
    lowered = text.lower()
    per_sentence = [_ASCII_WORD.findall(lowered, s, e) for s, e in spans]
    if _words_of_whole(lowered, spans):  # most passages: their one sentence is the whole text
        return per_sentence, per_sentence[0] if len(per_sentence) == 1 else [w for said in per_sentence for w in said]
    whole = _ASCII_WORD.findall(lowered)
    joined = [word for said in per_sentence for word in said]
    return per_sentence, joined if joined == whole else whole


def _words_of_whole(lowered: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the words of ``spans`` are, in order, the words of the whole text (so it need
    not be split again): the spans start at its start, end at its end, and between two of them
    lies at least one character and no word character."""
    if spans[0][0] != 0 or spans[-1][1] != len(lowered):
        return False
    return all(start > end and _ASCII_WORD.search(lowered, end, start) is None
               for (_, end), (start, _) in zip(spans, spans[1:]))


def analyse(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[str], bytes, PassageTerms]:
    """A passage's search tokens (``index.tokenize.tokenize``), its features blob and the terms
    in it (whose written words the speaker detection reads)."""
    per_sentence, whole = split_words(text, sentences)
    tokens = list(stemmed(whole))
    terms = terms_of_words(per_sentence, whole)
    return tokens, _blob(terms, tokens), terms


def _blob(terms: PassageTerms, tokens: Sequence[str]) -> bytes:
    counts: dict[str, int] = {}  # what ``dict(Counter(tokens))`` holds, without the Counter
    _count_elements(counts, tokens)
    per_sentence = tuple((s.terms, s.words, s.pairs, dict(s.counts), s.grams) for s in terms.sentences)
    return pickle.dumps((
        _FORMAT,
        per_sentence,
        terms.words, terms.pairs, terms.prefixes,
        counts, len(tokens),
    ), _PICKLE_PROTOCOL)


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
