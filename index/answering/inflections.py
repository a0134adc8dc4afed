"""The other forms of a question's verbs that the stemmer cannot join: "fall" and "fell",
"fallen"; "buy" and "bought"; "make" and "made".

A question asks "How much did Yukos shares fall?" and the article says "its shares have
fallen 97%": the Snowball stems differ ("fall", "fallen"), so the passage holds neither the
word nor its stem. lemminflect (its own tables of English lemmas and inflections, shipped in the
package) gives a word's verb lemmas and each lemma's inflections; those whose stems differ
from the word's own are the question word's irregular forms, read by the re-rank and the bold
sentence as the thesaurus's related words are (``index.answering.thesaurus``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from index.tokenize import STOPWORDS, stem


@lru_cache(maxsize=8192)
def irregular_stems(word: str) -> frozenset[str]:
    """Stems of the other verb forms of ``word`` (a written, lower-case word) whose stem
    differs from its own ("fall" -> {"fell", "fallen"}; "shares" -> none)."""
    own = stem(word)
    forms: set[str] = set()
    for lemma in getAllLemmas(word).get("VERB", ()):
        forms.add(lemma)
        for inflected in getAllInflections(lemma, upos="VERB").values():
            forms.update(inflected)
    return frozenset(s for s in map(stem, forms) if s != own and s not in STOPWORDS)


def irregular_forms(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each question word's stem with the stems of its irregular verb forms (words without any left out)."""
    found: dict[str, set[str]] = {}
    for word in words:
        if word not in STOPWORDS and (other := irregular_stems(word)):
            found.setdefault(stem(word), set()).update(other)
    return {term: frozenset(stems) for term, stems in found.items()}
