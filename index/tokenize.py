"""Text -> search tokens: the one function passages, titles and questions all go through.

Lowercase, Unicode word split (letters and digits, inner apostrophes and hyphens kept
apart), English stopwords dropped, Snowball (Porter2) stems via PyStemmer. Swap the
tokenizer by passing another ``Callable[[str], list[str]]`` where one is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import Stemmer

Tokenizer = Callable[[str], list[str]]

# Words and numbers; "MiG-29" -> "mig", "29"; "it's" -> "it", "s".
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# English function words (the Snowball stopword list, trimmed of words that carry meaning in
# questions about articles, such as "against", "before", "after", "not").
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above again all am an and any are as at be because been being below between both
    but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t d ll m
    re ve y
    """.split()
)

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one lowercased word (cached)."""
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lowercased words of ``text`` (NFKC-folded), stopwords kept, not stemmed."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def tokenize(text: str) -> list[str]:
    """Search tokens of ``text``: words minus stopwords, stemmed."""
    return list(stemmed(words(text)))


class _Tokens(dict[str, str]):
    """word -> its search token: its stem, or "" for a stopword (a stem is never empty: Snowball
    leaves a word of up to 2 letters as it is and cuts only suffixes after its first syllable).
    Filled on first use, emptied when full; ``stemmed`` reads it with ``dict.__getitem__``, all
    in C (no ``lru_cache`` bookkeeping, no stopword set tried per word): ~30 % of a reindex
    worker's stemming time less."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _TOKENS_MAX:
            self.clear()
        self[word] = token = "" if word in STOPWORDS else _stemmer.stemWord(word)
        return token


_TOKENS_MAX = 200_000
_TOKENS = _Tokens()


def stemmed(split: Iterable[str]) -> Iterator[str]:
    """Search tokens of words already split by ``words``: stopwords dropped, the rest stemmed
    (what ``tokenize`` does after splitting, for text whose words are known)."""
    return filter(None, map(_TOKENS.__getitem__, split))


def naive_tokenize(text: str) -> list[str]:
    """The baseline tokenizer: lowercase ``\\w+`` tokens, nothing removed, nothing stemmed."""
    return re.findall(r"\w+", text.lower())
