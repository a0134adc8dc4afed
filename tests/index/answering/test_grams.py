"""Tests for index.answering.grams: a word's character grams and their count by length."""

from __future__ import annotations

import pytest

from index.answering.grams import GRAMS_OF_LENGTH, word_grams


@pytest.mark.parametrize("word", ["a", "ab", "abc", "euro", "europe", "1970s", "zürich", "x" * 40])
def test_gram_count_by_length_is_the_number_of_grams(word: str) -> None:
    """The count looked up by a word's length is how many grams ``word_grams`` makes of it."""
    assert GRAMS_OF_LENGTH[len(word)] == len(word_grams(word))


def test_word_grams_are_padded_four_grams() -> None:
    """"euro" -> "#eur", "euro", "uro#"; a word too short for one gram is itself padded."""
    assert word_grams("euro") == ("#eur", "euro", "uro#")
    assert word_grams("a") == ("#a#",)
