"""A typed word no article contains -> the indexed words it may misspell, fast at any vocabulary.

People type questions fast: "Krispy Kream", "ABN Ambro cuting", "budjet". A word found in no
passage and no title adds nothing to BM25 and counts against the answer's confidence, so a
typo can cost a question its answer. ``Spelling`` finds the candidates a typed word may
misspell, each with the word to show and its indexed stem:

- among the indexed terms (stems, as the archive's passages and titles hold them), from the
  typed word and from its stem ("conors" -> "conor" -> "connor");
- among English words one edit away whose stem is indexed
  (``index/data/english_frequency.tsv.gz``), so a word the stemmer mangles is still found
  ("cuting" -> "cutting", read as "cut").

The indexed terms are looked up in a symmetric-delete index (symspellpy: every term's
deletions within the first ``PREFIX`` letters are precomputed, so a lookup costs a few hash
probes whatever the vocabulary's size), the English words by trying every one-edit spelling;
both with optimal string alignment distance: a letter added, dropped or changed, or two
neighbours swapped as in "britian". A word may be ``max_edits`` away: one
edit for 4 to 8 letters, two from 9 on; shorter words are never corrected. Choosing among
the candidates (by distance, then by the question's context) is ``index.respell``'s job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import Stemmer

from index.answering.data_files import mapped_table
from index.answering.saved_spelling import (
    ReadyDeletes,
    SavedTerms,
    lookup,
    new_index,
    save_spelling,
    write_deletes,
)
from index.answering.spelling_terms import MIN_LENGTH, usable
from index.answering.word_rarity import english_frequencies, read_frequencies
from index.tokenize import stem

LONG = 9  # from this length on, two edits are allowed
MAX_EDITS = 2
PREFIX = 5  # letters whose deletions are indexed: 7 doubles the memory for the same answers


def max_edits(word: str) -> int:
    """How many edits ``word`` may be from its correction (0: not corrected)."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return 0
    return 1 if len(word) < LONG else 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word a typed word may misspell: as shown, its indexed stem, and how many edits away."""

    word: str
    term: str
    distance: int
    from_stem: bool = False  # found from the typed word's stem, not the word as typed


def _usable(terms: Iterable[tuple[str, int]]) -> dict[str, int]:
    """The terms spelling correction offers, with their counts."""
    return {t: n for t, n in terms if usable(t)}


def write_deletes_ahead(path: Path, terms: Iterable[str]) -> None:
    """The deletes table of ``terms`` (usable ones) at ``path``, for ``save_terms(ready=…)``."""
    write_deletes(path, terms, MAX_EDITS, PREFIX)


class _BuiltTerms:
    """The indexed terms in a symspellpy index built in memory (~1 s per 10,000 terms)."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts
        self._index = new_index(MAX_EDITS, PREFIX)
        for word, count in counts.items():
            self._index.create_dictionary_entry(word, max(int(count), 1))

    def lookup(self, word: str, edits: int) -> list[tuple[str, int]]:
        return lookup(self._index, word, edits)


def save_terms(folder: Path, terms: Iterable[tuple[str, int]], ready: ReadyDeletes | None = None) -> None:
    """Save the spelling index of ``terms`` (``(indexed term, document count)``) under ``folder``
    (``Spelling.saved`` maps it); ``ready``: its deletes if written ahead."""
    save_spelling(folder, _usable(terms), MAX_EDITS, PREFIX, ready)


def _english_word(word: object) -> bool:
    """True for a word spelling correction may offer from English: alphabetic, 3+ letters."""
    return isinstance(word, str) and usable(word)


def commonest_words(frequencies: Mapping[str, float]) -> dict[str, tuple[str]]:
    """``stem -> (its commonest English word,)`` (equally common words: the first in byte order,
    as a mapped table lists them)."""
    offered = sorted((w for w in frequencies if _english_word(w)), key=lambda w: w.encode("utf-8"))
    shown: dict[str, tuple[str]] = {}
    for word in sorted(offered, key=lambda w: -frequencies[w]):
        shown.setdefault(stem(word), (word,))
    return shown


class _Words(Set[str]):
    """The usable words of a frequency table, looked up in it (no set is built)."""

    def __init__(self, frequencies: Mapping[str, float]) -> None:
        self._frequencies = frequencies

    def __contains__(self, word: object) -> bool:
        return _english_word(word) and word in self._frequencies

    def __iter__(self) -> Iterator[str]:
        return (w for w in self._frequencies if _english_word(w))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Shown(Mapping[str, str]):
    """``stem -> commonest word`` read from a ``commonest_words`` table (mapped or not)."""

    def __init__(self, table: Mapping[str, tuple[str, ...]]) -> None:
        self._table = table

    def __getitem__(self, term: str) -> str:
        return self._table[term][0]

    def __contains__(self, term: object) -> bool:
        return term in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class EnglishWords:
    """English words, and the commonest written form of each stem."""

    def __init__(self, frequencies: Mapping[str, float], shown: Mapping[str, tuple[str, ...]] | None = None) -> None:
        """``frequencies``: ``word -> Zipf frequency`` (see ``index.word_rarity``); ``shown``: their
        ``commonest_words`` when already made (mapped: stemming every word takes ~0.3 s)."""
        self.words: Set[str] = _Words(frequencies)
        self.shown: Mapping[str, str] = _Shown(commonest_words(frequencies) if shown is None else shown)

    def one_edit(self, word: str) -> list[str]:
        """English words one edit from ``word`` (a letter added, dropped, changed, or two
        neighbours swapped): a few hundred look-ups, so no index is built for them."""
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        edits |= {a + c + b for a, b in splits for c in _LETTERS}
        edits.discard(word)
        return sorted(e for e in edits if e in self.words)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


_english: dict[int, EnglishWords] = {}
_english_lock = threading.Lock()


def spelling_index(folder: Path | None, terms: Callable[[], Iterable[tuple[str, int]]],
                   english: EnglishWords | None = None) -> Spelling:
    """The spelling index ``save_terms`` wrote under ``folder``, mapped; else (none saved there,
    as by older versions) one built from ``terms()``."""
    if folder is not None:
        with suppress(OSError, ValueError):
            return Spelling.saved(folder, english)
    return Spelling(terms(), english)


def english_words(frequencies: Mapping[str, float]) -> EnglishWords:
    """``EnglishWords`` of ``frequencies``, made once per table (for the shipped one, its
    commonest word per stem is mapped from the cache: milliseconds, not ~0.3 s per process)."""
    with _english_lock:
        key = id(frequencies)
        if key not in _english:
            shipped = frequencies is english_frequencies()
            _english[key] = EnglishWords(frequencies, _shipped_commonest() if shipped else None)
        return _english[key]


def _shipped_commonest() -> Mapping[str, tuple[str, ...]]:
    """``commonest_words`` of the shipped English frequencies, mapped (``data_files.mapped_table``)."""
    fingerprint = f"commonest word per stem; Snowball {Stemmer.version()}; from {MIN_LENGTH - 1} letters"
    return mapped_table("english_frequency.tsv.gz", None, lambda lines: commonest_words(read_frequencies(lines)),
                        fingerprint)  # type: ignore[return-value]


class Spelling:
    """The indexed terms in a symmetric-delete index, and how to show each."""

    def __init__(self, terms: Iterable[tuple[str, int]], english: EnglishWords | None = None) -> None:
        """``terms``: ``(indexed term, how many documents hold it)``; ``english``: English words
        to look in too (only those whose stem is indexed are offered)."""
        self._terms: _BuiltTerms | SavedTerms = _BuiltTerms(_usable(terms))
        self.counts: Mapping[str, int] = self._terms.counts
        self._english = english

    @classmethod
    def saved(cls, folder: Path, english: EnglishWords | None = None) -> Spelling:
        """The spelling index ``save_terms`` wrote under ``folder``, mapped (milliseconds, where
        building it takes ~1 s per 10,000 terms); raises ``OSError``/``ValueError`` if there is none."""
        spelling = cls.__new__(cls)
        spelling._terms = SavedTerms(folder, MAX_EDITS, PREFIX)
        spelling.counts = spelling._terms.counts
        spelling._english = english
        return spelling

    def candidates(self, word: str, edits: int | None = None) -> list[Candidate]:
        """Indexed words ``word`` (lowercase) may misspell within ``edits`` (default
        ``max_edits``), nearest first; as typed before from its stem."""
        edits = max_edits(word) and (max_edits(word) if edits is None else min(edits, MAX_EDITS))
        if not edits:
            return []
        found: dict[str, Candidate] = {}
        english = self._english
        if english is not None:
            for shown in english.one_edit(word):
                if stem(shown) in self.counts:
                    self._offer(found, Candidate(shown, stem(shown), 1))
        for term, distance in self._terms.lookup(word, edits):
            shown = term if english is None or term in english.words else english.shown.get(term, term)
            self._offer(found, Candidate(shown, term, distance))
        typed_stem = stem(word)
        if typed_stem != word:
            for term, distance in self._terms.lookup(typed_stem, edits):
                self._offer(found, Candidate(self._shown(term, word, typed_stem), term, distance, True))
        return sorted(found.values(), key=lambda c: (c.distance, c.from_stem, -self.counts[c.term], c.term))

    @staticmethod
    def _offer(found: dict[str, Candidate], candidate: Candidate) -> None:
        """Keep the nearest candidate per indexed term (the first offered among equals)."""
        kept = found.get(candidate.term)
        if kept is None or candidate.distance < kept.distance:
            found[candidate.term] = candidate

    def _shown(self, term: str, typed: str, typed_stem: str) -> str:
        """How to write ``term``, found from the typed word's stem, for a reader: with the
        typed word's ending when that makes an English word ("conors" -> "connors"), else the
        commonest English word with that stem ("tackl" -> "tackle"), else the term with the
        typed ending, else the term itself (names are their own stems: "kreme")."""
        ending = typed[len(typed_stem):] if typed.startswith(typed_stem) else ""
        english = self._english
        if english is not None and term + ending in english.words and stem(term + ending) == term:
            return term + ending
        if english is not None and term in english.shown:
            return english.shown[term]
        return term + ending if ending and stem(term + ending) == term else term
