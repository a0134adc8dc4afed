"""Which indexed terms spelling correction offers: one rule for the spelling index
(``index.answering.spelling``) and the reindex's workers that note those terms while they parse
(``index.ingest.pool``), without the spelling modules (they load numpy)."""

from __future__ import annotations

MIN_LENGTH = 4  # typed words shorter than this are never corrected


def usable(term: str) -> bool:
    """True for a term spelling correction offers: alphabetic, of ``MIN_LENGTH - 1`` letters or more."""
    return len(term) >= MIN_LENGTH - 1 and term.isalpha()
