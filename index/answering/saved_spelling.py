"""The spelling index saved beside a generation's BM25 index, so that no process builds it again.

Building symspellpy's symmetric-delete index takes ~1 s per 10,000 indexed terms (3.5 s for the
34,000 terms of Reuters + SQuAD, 146 s at a million): a one-shot ``articlebot ask`` with a typo,
and every start of the bot, paid it. ``save_spelling`` writes the same deletes once, when the
index is saved (``Searcher.save``), as two word tables that map in milliseconds
(``index.answering.mapped_table``): each delete -> the terms that make it, and each term -> how many
documents hold it. ``SavedTerms.lookup`` gathers the terms that share a delete with the typed
word (every term symspellpy's lookup could return), keeps those close enough to be returned, and
asks a symspellpy index of just those: the answers are symspellpy's own, from a handful of entries
instead of the whole vocabulary.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.distance import OSA

from index.answering.mapped_table import MappedTable, write_table

if TYPE_CHECKING:
    from symspellpy import SymSpell  # type: ignore[import-untyped]

DELETES = "spelling-deletes.table"
COUNTS = "spelling-counts.table"


def new_index(max_edits: int, prefix: int) -> SymSpell:
    """An empty symmetric-delete index with these settings (``index.answering.spelling``'s)."""
    from symspellpy import SymSpell  # imported when a word is looked up: most questions have no typo

    return SymSpell(max_dictionary_edit_distance=max_edits, prefix_length=prefix)


def lookup(index: SymSpell, word: str, edits: int) -> list[tuple[str, int]]:
    """``(entry, distance)`` of every entry of ``index`` within ``edits`` of ``word``."""
    from symspellpy import Verbosity

    return [(s.term, s.distance) for s in index.lookup(word, Verbosity.ALL, max_edit_distance=edits,
                                                        transfer_casing=False)]


class ReadyDeletes(NamedTuple):
    """A deletes table written ahead (by a reindex's worker process, while the BM25 index is
    built) for ``terms``; ``save_spelling`` moves it into place when they are the terms saved."""

    path: Path
    terms: frozenset[str]


def write_deletes(path: Path, terms: Iterable[str], max_edits: int, prefix: int) -> None:
    """The deletes table of ``terms`` at ``path``: each delete -> its terms in sorted order (so a
    table written ahead from a set of terms is the same file)."""
    probe = new_index(max_edits, prefix)
    deletes: dict[str, list[str]] = {}
    for term in sorted(terms):
        for delete in probe._edits_prefix(term):  # what create_dictionary_entry indexes the term by
            deletes.setdefault(delete, []).append(term)
    write_table(path, {delete: tuple(terms) for delete, terms in deletes.items()})


def save_spelling(folder: Path, counts: Mapping[str, int], max_edits: int, prefix: int,
                  ready: ReadyDeletes | None = None) -> None:
    """Write the deletes and counts of the terms ``counts`` (already filtered) under ``folder``
    (the deletes ``ready`` when written ahead for exactly these terms)."""
    if ready is not None and ready.terms == counts.keys():
        os.replace(ready.path, folder / DELETES)
    else:
        write_deletes(folder / DELETES, counts, max_edits, prefix)
    write_table(folder / COUNTS, {term: float(count) for term, count in counts.items()})


class _Counts(Mapping[str, int]):
    """The saved term counts as ints."""

    def __init__(self, table: MappedTable) -> None:
        self._table = table

    def __getitem__(self, term: str) -> int:
        return int(self._table[term])  # type: ignore[arg-type]

    def __contains__(self, term: object) -> bool:
        return term in self._table

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)


class SavedTerms:
    """The indexed terms of a saved spelling index; raises ``ValueError``/``OSError`` if absent."""

    def __init__(self, folder: Path, max_edits: int, prefix: int) -> None:
        self._deletes = MappedTable(folder / DELETES)
        self.counts: Mapping[str, int] = _Counts(MappedTable(folder / COUNTS))
        self._max_edits, self._prefix = max_edits, prefix

    def lookup(self, word: str, edits: int) -> list[tuple[str, int]]:
        """``lookup`` as on the whole vocabulary's symspellpy index."""
        near: set[str] = set()
        for delete in new_index(self._max_edits, self._prefix)._edits_prefix(word):
            near.update(self._deletes.get(delete, ()))  # type: ignore[arg-type]
        # Only terms within ``edits`` (optimal string alignment, as symspellpy measures) can be
        # returned: the others are left out before the small index is made.
        close = sorted(t for t in near if abs(len(t) - len(word)) <= edits
                       and OSA.distance(word, t, score_cutoff=edits) <= edits)
        index = new_index(self._max_edits, self._prefix)
        for term in close:
            index.create_dictionary_entry(term, max(self.counts[term], 1))
        return lookup(index, word, edits)
