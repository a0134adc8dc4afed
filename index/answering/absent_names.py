"""What an answer does when the names a question asks about are missing from what it quotes.

Three cases, by where the name is missing (names as ``index.answering.key_names`` reads them:
the runs of capitalised words the member typed after the first word):

* **the whole archive**: no passage or title holds a word of the name ("What is the capital
  of Freedonia?"). Most such questions are refused already (the unknown word's idf outweighs
  the rest); the reply now says why: "The archive never mentions Freedonia". One answered all
  the same is said to be so, and not refused: on SQuAD, where every question's article is
  indexed, refusing them lost 22 right answers to the question writers' own spellings
  ("Ghengis Khan", "WWII", "Beyonce" of "Beyoncé"; docs/eval.md, tenth round). A word the
  respelling replaced is not counted (the archive holds the word it was respelt to);
* **the top quote's article, but another quote's article names it**: that quote comes first
  ("Why did Yukos file for bankruptcy?" quoted a Winn-Dixie story first and a Yukos one second),
  when its passage (with its title) holds every word of the question the top one holds and
  its bold sentence something of the kind asked for (``index.answering.hedges.may_answer``:
  "What is the capital of France?" is not answered by "international capital markets");
* **every quoted article**: the answer stays, with ``article_note``'s warning.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import replace

from index.answering.answer_kinds import AnswerKind
from index.answering.hedges import may_answer
from index.answering.key_names import article_note, asks_about, fold, names_in
from index.answering.search import Searcher
from index.models import Answer, Quote
from index.store.database import Store
from index.tokenize import STOPWORDS, stem, tokenize, words

_SHORTEST = 3  # shorter words of a name ("TV", "WW") are too often abbreviated another way
_TYPO_MIN = 6  # a name's word this long or longer may be one edit from the archive's spelling ("Beyonce")
_LOOKED_AT = 5  # the quotes (shown and further) looked at for one whose article names the question's names


def never_mentioned(typed: str, searched: str, known: Callable[[str], bool]) -> list[str]:
    """The names of ``typed`` (as the member wrote the question) with a word no passage or title
    holds (``known(term)``, ``archive_holds``), among the words of ``searched`` (the question as
    searched, after respelling)."""
    asked = set(words(searched))
    missing = []
    for name in names_in(typed):
        absent = [w for w in words(name) if w in asked and _checkable(w) and not _held(w, known)]
        if absent:
            missing.append(name)
    return missing


def never_mentioned_note(names: Sequence[str], *, answered: bool) -> str:
    """Why a question about ``names`` is refused, or why its answer may not answer it."""
    said = f"The archive never mentions {', '.join(names)}"
    return f"{said}, so this may not answer the question." if answered else f"{said}, so no article answers that."


def _checkable(word: str) -> bool:
    return len(word) >= _SHORTEST and word not in STOPWORDS and not word.isdigit()


def _held(word: str, known: Callable[[str], bool]) -> bool:
    """True when the index holds ``word``'s stem, with or without its accents, or (``known``
    given a word) a word one letter away ("beyoncé" for "Beyonce")."""
    return known(stem(word)) or known(stem(fold(word))) or known(word)


def archive_holds(searcher: Searcher) -> Callable[[str], bool]:
    """``known`` for ``never_mentioned``: a stem the index holds, or a word of ``_TYPO_MIN``
    letters or more one edit from an indexed word (``index.answering.spelling``, the
    respelling's own index). Shorter words have neighbours in any large archive: "Elon" is
    one edit from "Elton" and "Eton"."""
    def holds(term: str) -> bool:
        return searcher.known(term) or (len(term) >= _TYPO_MIN and bool(searcher.spelling().candidates(term, 1)))
    return holds


async def checked_names(answer: Answer, searched: str, typed: str, store: Store, searcher: Searcher) -> Answer:
    """``answer`` saying so when the archive never mentions a name the question asks about (not
    said while search partitions are unavailable: theirs may); else with a quote whose article
    names everything asked about first, or warned when none does."""
    never = [] if searcher.unavailable else never_mentioned(typed, searched, searcher.known)
    if never:  # the spelling index's look-up (and a first build) off the event loop
        never = await asyncio.to_thread(never_mentioned, typed, searched, archive_holds(searcher))
    if never:
        return replace(answer, note=never_mentioned_note(never, answered=answer.answered))
    if not answer.quotes or answer.note or not asks_about(searched, typed):
        return answer
    pool = [*answer.quotes, *answer.more][:_LOOKED_AT]
    note = await _note(pool[0], searched, typed, store)
    if not note:
        return answer
    kind = AnswerKind.of(searched)
    asked = set(tokenize(searched))
    needed = asked & _terms(pool[0])
    for i, quote in enumerate(pool[1:], 1):
        if (quote.article_id != pool[0].article_id and needed <= _terms(quote) and may_answer(kind, quote.highlight, searched)
                and not await _note(quote, searched, typed, store)):
            ordered = [quote, *(q for j, q in enumerate([*answer.quotes, *answer.more]) if j != i)]
            shown = len(answer.quotes)
            return replace(answer, quotes=tuple(ordered[:shown]), more=tuple(ordered[shown:]))
    return replace(answer, note=note)


def _terms(quote: Quote) -> set[str]:
    return set(tokenize(f"{quote.citation.title} {quote.text}"))


async def _note(quote: Quote, searched: str, typed: str, store: Store) -> str:
    """``article_note`` for ``quote``'s article: its passage first, the whole article only when that lacks a name."""
    if not article_note(searched, typed, f"{quote.citation.title} {quote.text}"):
        return ""
    passages = await store.article_passages(quote.article_id)
    return article_note(searched, typed, " ".join((quote.citation.title, *(row.text for row in passages))))
