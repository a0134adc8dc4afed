"""Typos in a question's frame: "wat did Mourinho sey abut the referee" -> "what … say about …".

The respeller (``index.answering.respell``) reads a typo as an indexed word, and the words
that frame a question ("what", "about", "did") are stopwords, never indexed; "say" is, but
"sey" has three letters, too few to be corrected from the archive. Left as typed, such a word
is in no passage (or in one, "abut"): it weighs as the rarest term of the question, and the
passage about its content covers too little of it to be answered.

A word is read as a frame word one edit away (a transposition counts as one) when it is not
written as a name, is in ``RARE`` passages at most, and English uses the frame word at least
``MARGIN`` Zipf points (a factor of ~300) more often: "wat" (3.4) is "what" (6.4), "hat"
(4.5) stays. ``index.answering.respell`` also keeps a word found beside the question's other
words ("Bodhisattva vow", "abort mode" on SQuAD) and the start of a contraction ("didn").
Among frame words equally near, one with a letter more or less comes first ("wat" is "what",
not "was"), then the commonest.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz.distance import OSA

from index.answering.search import Searcher
from index.tokenize import stem

FRAME_WORDS = frozenset(
    """what who whom whose when where which why how did does do was were is are has have had
    can could would will should say said says tell told think thought about many much""".split()
)
MARGIN = 2.5  # Zipf points the frame word must be commoner in English than the typed word
RARE = 3  # ... which is in this many passages at most


def frame_word(word: str, searcher: Searcher, frequencies: Mapping[str, float]) -> str | None:
    """The frame word ``word`` (lowercase, not a name) misspells, or None."""
    if len(word) < 3 or word in FRAME_WORDS or searcher.title_idf(stem(word)) is not None:
        return None
    typed = frequencies.get(word, 0.0)
    near = [f for f in FRAME_WORDS if abs(len(f) - len(word)) <= 1
            and frequencies.get(f, 0.0) - typed >= MARGIN and OSA.distance(word, f, score_cutoff=1) <= 1]
    if not near or searcher.passages_with(stem(word)).size > RARE:
        return None
    return max(near, key=lambda f: (_dropped_or_doubled(word, f), frequencies.get(f, 0.0), f))


def _dropped_or_doubled(typed: str, meant: str) -> bool:
    """True when ``typed`` is ``meant`` with a letter dropped or added ("wat" for "what", not "was")."""
    short, long = sorted((typed, meant), key=len)
    letters = iter(long)
    return len(long) == len(short) + 1 and all(c in letters for c in short)
