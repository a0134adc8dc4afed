"""A question with typos -> the question as meant: "Krispy Kream shares" -> "Krispy Kreme shares".

A content word is read as another when no passage and no title holds it (its stem), or when
the stemmer turned a word English does not know into an indexed one ("cuting" -> "cute")
and a one-edit English word fits the question better ("cutting"). Its candidates come from
``index.answering.spelling``; the nearest wins, and among equally near ones the one found in the
articles of the question's other words ("Kreme" beside "Krispy", not "cream"), then the
commonest. Words of 4 or 5 letters are corrected only one edit away, to a title word or a
word of ``FREQUENT`` passages that shares a passage or a title with one of the question's
other indexed words (when it has some). A common English word is taken as meant
("tore", "hurt", "rebuilding"), however rare in the archive. The whole question, corrected, is then what is searched and highlighted,
and the reply says "Showing results for …". A typo of a word framing the question ("wat did X
sey abut Y") is read as that word first (``index.answering.frame_words``): no index holds those.
A word written as a command-line option ("--json", "-v") is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from index.answering.frame_words import frame_word
from index.answering.search import Searcher
from index.answering.spelling import MIN_LENGTH, Candidate, Spelling, english_words
from index.tokenize import STOPWORDS, stem

SHORT = 5  # words up to this length are corrected only with the archive's support
FREQUENT = 3  # ... to a word of at least this many passages (or of a title)
COMMON_ENGLISH = 3.0  # Zipf frequency from which a short typed word is taken as meant
ROUNDS = 3
RARE = 3  # a word English does not know, in this many passages at most, is checked against its neighbours
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = frozenset("'’")


@dataclass(frozen=True, slots=True)
class Respelling:
    """The question as read, and each ``(typed, read)`` word change."""

    text: str
    changes: tuple[tuple[str, str], ...]


class _Context:
    """Where the question's indexed terms are, to tell which candidate fits among them."""

    def __init__(self, searcher: Searcher, terms: set[str]) -> None:
        self.searcher = searcher
        self.weights = {t: max(w or 0.0 for w in searcher.weights(t)) for t in terms}
        self._passages: dict[str, np.ndarray] = {}
        self._titles: dict[str, np.ndarray] = {}
        self._support: dict[str, float] = {}  # each asked once per candidate, then again to rank them
        self._title_mates: dict[str, bool] = {}

    def _where(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        if term not in self._passages:
            self._passages[term] = self.searcher.passages_with(term)
            self._titles[term] = self.searcher.titles_with(term)
        return self._passages[term], self._titles[term]

    def support(self, term: str) -> float:
        """The idf of the question's other terms that share a passage or a title with ``term``."""
        if term in self._support:
            return self._support[term]
        passages, titles = self._where(term)
        total = 0.0
        for other, weight in self.weights.items():
            if other != term:
                other_passages, other_titles = self._where(other)
                if _meet(passages, other_passages) or _meet(titles, other_titles):
                    total += weight
        self._support[term] = total
        return total

    def title_mate(self, term: str) -> bool:
        """True when a title holding ``term`` holds another of the question's terms too."""
        if term not in self._title_mates:
            titles = self._where(term)[1]
            self._title_mates[term] = any(_meet(titles, self._where(other)[1]) for other in self.weights if other != term)
        return self._title_mates[term]


def _meet(a: np.ndarray, b: np.ndarray) -> bool:
    """True when the sorted position arrays ``a`` and ``b`` share one."""
    if not a.size or not b.size:
        return False
    small, large = (a, b) if a.size <= b.size else (b, a)
    at = np.minimum(np.searchsorted(large, small), large.size - 1)  # not .clip: its Python wrapper costs more
    return bool((large[at] == small).any())


def respell(question: str, searcher: Searcher, frequencies: Mapping[str, float] | None = None
            ) -> Respelling | None:
    """``question`` with its misspelt words replaced, or None when none is.

    ``frequencies`` (``word -> Zipf``, see ``index.word_rarity``) lets English words be
    offered, short words be corrected and doubtful words be checked; without it only unseen
    words of 6 letters or more are corrected. Each word is decided again, up to ``ROUNDS``
    times, among the words as the round before read them ("jimy" is "Jimmy" once "conors"
    is "Connors").
    """
    content = [(m, m.group().casefold()) for m in _WORD.finditer(question)]
    content = [(m, w) for m, w in content if w not in STOPWORDS and w.isalpha() and not _option_like(m)]
    read: dict[int, str] = {}
    spelling: Spelling | None = None
    framed = _framed(content, searcher, frequencies)
    doubts = [(i, _doubt(w, searcher, frequencies)) for i, (_, w) in enumerate(content) if i not in framed]
    doubts = [(i, doubt) for i, doubt in doubts if doubt == UNSEEN or doubt and not _named(content[i][0])]
    for _ in range(ROUNDS):
        terms = {stem(read.get(i, framed.get(i, w))) for i, (_, w) in enumerate(content)}
        context = _Context(searcher, {t for t in terms if searcher.known(t)})
        now: dict[int, str] = {}
        for i, doubt in doubts:
            match, word = content[i]
            spelling = spelling or spelling_of(searcher, frequencies)
            chosen = _choose(word, spelling, searcher, context, doubt == DOUBTFUL)
            if chosen is not None:
                now[i] = _cased(chosen.word, match.group())
        if now == read:
            break
        read = now
    read = {**framed, **{i: w for i, w in read.items() if i not in framed}}
    if not read:
        return None
    text = question
    for i in sorted(read, reverse=True):
        match = content[i][0]
        text = text[:match.start()] + read[i] + text[match.end():]
    return Respelling(text, tuple((content[i][0].group(), read[i]) for i in sorted(read)))


def _framed(content: list[tuple[re.Match[str], str]], searcher: Searcher,
            frequencies: Mapping[str, float] | None) -> dict[int, str]:
    """The words of ``content`` that misspell a word of the question's frame (``frame_word``):
    not a name, not the start of a contraction ("didn" of "didn't"), and in no passage or
    title beside the question's other words ("Bodhisattva vow", "abort mode" are meant)."""
    if not frequencies:
        return {}
    found: dict[int, str] = {}
    for i, (match, word) in enumerate(content):
        if not _named(match) and match.string[match.end():match.end() + 1] not in _APOSTROPHES:
            if meant := frame_word(word, searcher, frequencies):
                found[i] = meant
    if found:
        context = _Context(searcher, {t for t in (stem(w) for _, w in content) if searcher.known(t)})
        found = {i: w for i, w in found.items() if not context.support(stem(content[i][1]))}
    return {i: _cased(w, content[i][0].group()) for i, w in found.items()}


def spelling_of(searcher: Searcher, frequencies: Mapping[str, float] | None) -> Spelling:
    """``searcher``'s spelling index, with the English words of ``frequencies`` when given
    (built on first use: ~1 s per 10,000 terms; ``Engine.warm_up`` starts it early)."""
    return searcher.spelling(english_words(frequencies) if frequencies else None)


UNSEEN, DOUBTFUL = "unseen", "doubtful"


def _doubt(word: str, searcher: Searcher, frequencies: Mapping[str, float] | None) -> str | None:
    """Why ``word`` may be a typo: ``UNSEEN`` (no passage or title holds it), ``DOUBTFUL``
    (English does not know it, and its stem is a different word ("cuting" -> "cute") or in
    ``RARE`` passages at most), or None."""
    term = stem(word)
    if not searcher.known(term):
        if not frequencies:
            return UNSEEN if len(word) > SHORT else None
        return UNSEEN if frequencies.get(word, 0.0) < COMMON_ENGLISH else None
    if not frequencies or word in frequencies or len(word) < MIN_LENGTH:
        return None
    if not word.startswith(term) or searcher.passages_with(term).size <= RARE:
        return DOUBTFUL
    return None


def _option_like(match: re.Match[str]) -> bool:
    """True for a word written as a command-line option ("--json", "-v"): no typo of a word."""
    before = match.string[:match.start()]
    return before.endswith("-") and (before[:-1].endswith("-") or not before[:-1].strip() or before[-2].isspace())


def _named(match: re.Match[str]) -> bool:
    """True when the word is written as a name: capitalised, and not the question's first word.

    An indexed name English does not know ("What did Berson say?", "Who is Hemin?") is read
    as written: it is in the articles, and a common word one edit away ("Person", "Henin")
    is another name or no name at all.
    """
    return match.group()[:1].isupper() and bool(match.string[:match.start()].strip())


def _choose(word: str, spelling: Spelling, searcher: Searcher, context: _Context, doubtful: bool
            ) -> Candidate | None:
    """The candidate ``word`` most likely misspells, or None.

    For a short word, title words that share a title with another word of the question come
    first (and may be two edits off: "Kream" -> "Kreme" beside "Krispy"); then the nearest,
    those near the word as typed before those near its stem, then those sharing passages
    with the question's rarer words, then the commonest.
    """
    short = len(word) <= SHORT
    candidates = spelling.candidates(word, 2 if short else None)
    if short:
        candidates = [c for c in candidates if context.title_mate(c.term) or c.distance == 1
                      and (spelling.counts[c.term] >= FREQUENT or searcher.title_idf(c.term) is not None)]
    if short and context.weights:  # a short word's correction must sit among the question's other words
        candidates = [c for c in candidates if context.support(c.term) > 0 or context.title_mate(c.term)]
    if doubtful:
        here = context.support(stem(word))
        candidates = [c for c in candidates if c.distance == 1 and c.term != stem(word)
                      and context.support(c.term) > here]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (short and not context.title_mate(c.term), c.distance, c.from_stem,
                                          -context.support(c.term), -spelling.counts[c.term], c.term))


def _cased(shown: str, typed: str) -> str:
    """``shown`` written like ``typed``: "ABN" style, "Kream" style or lower case."""
    if typed.isupper() and len(typed) > 1:
        return shown.upper()
    if typed[:1].isupper():
        return shown[:1].upper() + shown[1:]
    return shown
