"""The names a question is about, and which of them an article never mentions.

"Who won the best actor Oscar?" answered from a story about the Screen Actors Guild awards,
or "Who won the 2022 World Cup?" from one about a Davis Cup tie, reads as confident while
the article never names what was asked about. ``names_in`` gives a question's capitalised
words after its first ("Oscar", "World Cup"); ``unmentioned`` those of them an article's
words do not hold, allowing for the spellings a question differs by: accents ("Beyonce"),
a word's other form ("Australian" of "Australia") and one typo ("Ghengis").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.answering.highlighting import figures_in, unmentioned_figures, unmentioned_note
from index.tokenize import STOPWORDS, words

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"“(]\s*$")
_SHARED_PREFIX = 5  # "australian" / "australia": the same word in another form
_TYPO_MIN = 4  # words this long or longer may differ from the article's by one edit
_SHORTEST = 3  # "TV", "NY", "WW I": shorter capitalised words are too often abbreviated another way
_POSSESSIVE = re.compile(r"['’]s$")


def asks_about(question: str, typed: str) -> bool:
    """True when ``question`` (as searched) names a figure or ``typed`` (as the member wrote
    it) a name, which ``article_note`` would look for."""
    return bool(figures_in(question) or names_in(typed))


def article_note(question: str, typed: str, article: str) -> str:
    """A warning when ``article`` (the top quote's title and text) does not mention a figure
    ("the 2018 Wimbledon title") or a name ("the best actor Oscar") the question asks about.
    Names are read as the member ``typed`` them: a respelling may not be a name at all
    ("Ballon d Or" is searched as "Ballot"), and ``unmentioned`` allows for a typo."""
    return unmentioned_note(unmentioned_figures(figures_in(question), article) + unmentioned(names_in(typed), article))


def names_in(question: str) -> list[str]:
    """The runs of capitalised words of ``question`` after its first word and after any
    sentence break ("Who won the 2022 World Cup?" -> ["World Cup"])."""
    runs: list[list[str]] = []
    previous_end = -1
    for match in _TOKEN.finditer(question):
        word = _POSSESSIVE.sub("", match.group(0))  # "Newport's" -> "Newport"
        before = question[:match.start()]
        starts = not before.strip() or bool(_SENTENCE_END.search(before))
        if starts or not word[0].isupper() or word.casefold() in STOPWORDS:
            previous_end = -1
            continue
        if runs and previous_end >= 0 and not question[previous_end:match.start()].strip():
            runs[-1].append(word)
        else:
            runs.append([word])
        previous_end = match.end()
    return list(dict.fromkeys(" ".join(run) for run in runs))


def unmentioned(names: Sequence[str], article: str) -> list[str]:
    """The names of ``names`` with a word the text ``article`` does not hold, without the
    words it holds at either end ("Columbia President" of an article naming a president:
    "Columbia")."""
    text = unicodedata.normalize("NFKC", article).casefold()
    held: set[str] = set()
    prefixes: set[str] = set()
    found = []
    for name in names:
        parts = name.split()
        missing = []
        for i, part in enumerate(parts):
            spelt = [w for w in words(part) if not _written(w, text)]  # most names are, as typed
            if spelt and not held:  # the article's words, only when a name is not written as typed
                held = {fold(w) for w in set(words(article))}
                prefixes = {h[:_SHARED_PREFIX] for h in held if len(h) >= _SHARED_PREFIX}
            if not all(_mentioned(fold(w), held, prefixes) for w in spelt):
                missing.append(i)
        if missing:
            found.append(" ".join(parts[missing[0]:missing[-1] + 1]))
    return list(dict.fromkeys(found))


def _written(word: str, text: str) -> bool:
    """True when the casefolded ``text`` holds ``word`` as a whole word (as ``words`` splits it)."""
    return word in text and re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def fold(word: str) -> str:
    """``word`` without accents ("beyoncé" -> "beyonce")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _mentioned(word: str, held: set[str], prefixes: set[str]) -> bool:
    """True when ``held`` holds ``word``, another form of it (the same first letters, one of
    ``prefixes``) or it with one typo: a letter changed, added or dropped, or two swapped
    (an optimal-string-alignment distance of one)."""
    if word in held or word in STOPWORDS or word.isdigit() or len(word) < _SHORTEST:
        return True
    if len(word) >= _SHARED_PREFIX and word[:_SHARED_PREFIX] in prefixes:
        return True
    return len(word) >= _TYPO_MIN and process.extractOne(word, held, scorer=OSA.distance, score_cutoff=1) is not None
