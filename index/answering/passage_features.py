"""What the re-rank needs of a passage that no question changes, computed once at index time.

``analyse`` runs in the reindex's workers: a passage's search tokens, and a compact blob of its
written words, sentence by sentence, stored beside the passage (``passages.features``). The
words are split once per passage (one lowercasing and one pattern for an ASCII text) and shared
by the sentences, the whole text, the tokens and the speaker detection. ``terms_of`` /
``counts_of`` read a fetched row's blob back (cached): its sentence terms, written words, word
pairs and prefixes (``index.rerank.passage_terms``) and search-term counts
(``index.rerank.term_counts``) are made from the stored words by the same functions that make
them from the text, for rows indexed before the blob existed, so answers are the same either way.

The blob (format 3) is UTF-8 text, not a pickle: the words of each sentence joined by spaces, the
sentences by newlines (a word never holds whitespace), then, only when the whole text's words are
not the sentences' words in order (spans that cut a word or leave words out), a form feed and
the whole text's words. Writing it is one join, ~15x cheaper than pickling the sets it stands
for, and ~5x smaller; reading it builds the same sets in about the time unpickling them took.
Blobs of formats 1 (marshal) and 2 (pickle, read with an unpickler that refuses every class or
function, so a damaged or hostile database cannot run code) are still read.
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
from index.collector import paused
from index.tokenize import stemmed, words

_FORMAT = b"\x03"  # the first byte of a blob of words; change it when their layout changes
_READABLE = (1, 2)  # pickled (2) or marshalled (1) values: the blobs written before format 3
_SENTENCE, _WHOLE = "\n", "\f"  # between two sentences' words; before the whole text's
_CACHED = 4096
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # ``index.tokenize.words`` on lowercased ASCII text


Words = tuple[list[list[str]], list[str]]
"""A passage's words (``index.tokenize.words``): each sentence's, and the whole text's."""


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


def analyse(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[str], bytes, Words]:
    """A passage's search tokens (``index.tokenize.tokenize``), its features blob and its words
    (``split_words``: each sentence's, the whole text's), which the speaker detection reads."""
    per_sentence, whole = split_words(text, sentences)
    return list(stemmed(whole)), _blob(per_sentence, whole), (per_sentence, whole)


def _blob(per_sentence: list[list[str]], whole: list[str]) -> bytes:
    said = _SENTENCE.join(map(" ".join, per_sentence))
    if len(per_sentence) == 1 and per_sentence[0] is whole or _joined(per_sentence) == whole:
        return _FORMAT + said.encode()
    return _FORMAT + f"{said}{_WHOLE}{' '.join(whole)}".encode()


def _joined(per_sentence: list[list[str]]) -> list[str]:
    return [word for said in per_sentence for word in said]


def _terms(per_sentence: list[list[str]], whole: list[str]) -> tuple[PassageTerms, tuple[Counter[str], int]]:
    """``passage_terms`` and ``term_counts`` of a passage whose words are known."""
    counts: Counter[str] = Counter()
    _count_elements(counts, stemmed(whole))  # Counter(tokens) without the tokens' list
    return terms_of_words(per_sentence, whole), (counts, sum(counts.values()))


def _words_of(blob: bytes) -> Words | None:
    """The words written in a format-3 blob, or None when it cannot be read."""
    try:
        text = blob[1:].decode()
    except UnicodeDecodeError:
        return None
    said, has_whole, rest = text.partition(_WHOLE)
    per_sentence = [sentence.split() for sentence in said.split(_SENTENCE)]
    if has_whole:
        return per_sentence, rest.split()
    return per_sentence, per_sentence[0] if len(per_sentence) == 1 else _joined(per_sentence)


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
    if blob[:1] == _FORMAT:
        words = _words_of(blob)
        return None if words is None else _terms(*words)
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
