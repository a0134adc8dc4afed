"""Character grams of words: they match where stems differ ("Norman"/"Normandy", "1970s"/"1970")."""

from __future__ import annotations

from functools import lru_cache

GRAM = 4  # character n-grams of "#word#": "#euro", "euro", …, "ean#"
_GRAM = GRAM


@lru_cache(maxsize=100_000)
def word_grams(word: str) -> tuple[str, ...]:
    """Character 4-grams of ``word`` padded with ``#`` (the padded word itself if shorter)."""
    padded = f"#{word}#"
    return tuple(padded[i:i + _GRAM] for i in range(max(1, len(padded) - _GRAM + 1)))


class _GramsOfLength(dict[int, int]):
    """Word length -> ``len(word_grams(word))`` of a word that long, without making them; filled
    in as lengths are met and looked up from C (``map(GRAMS_OF_LENGTH.__getitem__, map(len,
    words))``), without a Python call a word."""

    def __missing__(self, length: int) -> int:
        count = self[length] = max(1, length + 3 - _GRAM)
        return count


GRAMS_OF_LENGTH = _GramsOfLength()
