"""Search tokens: stopwords dropped, the rest Snowball-stemmed, through the word cache."""

from __future__ import annotations

import pytest
import Stemmer

import index.tokenize as tokenize_module
from index.tokenize import STOPWORDS, stem, stemmed, tokenize, words

TEXT = ("The ministers said they were running talks about the running costs of the U.S. MiG-29 fleet, "
        "and it's what the generals argued about again and again in 1987.")


def _expected(text: str) -> list[str]:
    stemmer = Stemmer.Stemmer("english")
    return [stemmer.stemWord(word) for word in words(text) if word not in STOPWORDS]


def test_tokens_are_the_stems_of_the_words_that_are_not_stopwords() -> None:
    assert tokenize(TEXT) == _expected(TEXT)
    assert "the" not in tokenize(TEXT) and "run" in tokenize(TEXT)
    assert list(stemmed(words(TEXT))) == [stem(word) for word in words(TEXT) if word not in STOPWORDS]


@pytest.mark.parametrize("word", ["a", "s", "is", "ies", "sses", "ed", "ing", "ly", "x", "0", "über"])
def test_a_short_or_suffix_like_word_keeps_a_token_unless_it_is_a_stopword(word: str) -> None:
    assert list(stemmed([word])) == ([] if word in STOPWORDS else [Stemmer.Stemmer("english").stemWord(word)])
    assert all(stemmed([word]))


def test_the_word_cache_is_emptied_when_full_and_gives_the_same_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenize_module, "_TOKENS_MAX", 5)
    tokenize_module._TOKENS.clear()
    for _ in range(3):
        assert tokenize(TEXT) == _expected(TEXT)
        assert len(tokenize_module._TOKENS) <= 5
