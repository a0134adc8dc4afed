"""Question terms no article contains -> the indexed term they most likely misspell.

People type questions fast: "accomlish", "intercpetions", "Counil". A term found in no
passage and no title adds nothing to BM25 and counts against the answer's confidence, so a
typo can cost a question its answer. Such a term is replaced by the indexed term fewest
edits away (rapidfuzz's optimal string alignment distance: a letter added, dropped or
changed, or two neighbours swapped as in "Ukriane"): at most 1 edit for terms of 6 to 8
letters, 2 from 9 on; shorter terms are left alone (too many real words lie one edit apart:
"tore"/"torn", "hurt"/"hunt"). Among equally close terms the most common one wins. Terms
are stems, as indexed, so "tackels" -> "tackel" finds "tackl" (tackle, tackles, tackled).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 6
LONG = 9  # from this length on, two edits are allowed


def max_edits(term: str) -> int:
    """How many edits ``term`` may be from its correction (0: not corrected)."""
    if len(term) < MIN_LENGTH or any(c.isdigit() for c in term):
        return 0
    return 1 if len(term) < LONG else 2


class Spelling:
    """The indexed terms, grouped by length, and how common each is."""

    def __init__(self, terms: Iterable[str], rarity: Callable[[str], float]) -> None:
        """``terms`` are the indexed terms; ``rarity(term)`` is lower for commoner ones (idf)."""
        self._by_length: dict[int, list[str]] = {}
        for term in terms:
            self._by_length.setdefault(len(term), []).append(term)
        self._rarity = rarity

    def correction(self, term: str) -> str | None:
        """The indexed term ``term`` most likely misspells, or None."""
        edits = max_edits(term)
        if not edits:
            return None
        found: list[tuple[int, float, str]] = []
        for length in range(len(term) - edits, len(term) + edits + 1):
            choices = self._by_length.get(length)
            if choices:
                for choice, distance, _ in process.extract(term, choices, scorer=OSA.distance,
                                                           score_cutoff=edits, limit=None):
                    found.append((int(distance), self._rarity(choice), choice))
        return min(found)[2] if found else None
