"""The warning said above an answer whose bold sentence may not answer the question.

Two checks of the top quote's bold sentence, the first that fails is said:

* **the kind asked for** (``index.answering.answer_kinds``): "Who won the 2022 World Cup?"
  answered by a sentence about costs in 2022 names no person. A weekday or a month after
  "on" / "in" is no place ("at the match on Saturday"); "What is the name of Apple's music
  player?" asks for the name of a thing, which may be written "iTunes" or "eBay";
* **the question's own words**: a question names what it asks about ("the Australian Open",
  "Ryanair") and says what it wants to know of it ("won", "boss"). A sentence holding the
  names and a person but none of the other words (nor a related word or another form of them:
  "win" for "won") is about the subject, not the answer: "Capriati also decided against
  competing in the Australian Open warm-up event" for "Who won the Australian Open?".
"""

from __future__ import annotations

import re

from index.answering.answer_kinds import AnswerKind, candidates, has_unit_near
from index.answering.highlighting import Highlighter
from index.answering.key_names import names_in
from index.answering.rerank import Question
from index.models import Quote
from index.tokenize import STOPWORDS, stem, tokenize, words

_KIND_NAMES = {"name": "person or organisation", "date": "date", "year": "year", "number": "number",
               "money": "sum", "sum": "sum of money", "percent": "percentage", "age": "age", "duration": "length of time",
               "place": "place"}
_WHO = re.compile(r"\bwho(?:m|se)?\b", re.IGNORECASE)
_NOT_PLACES = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Christmas|Easter)\b")
_MIXED_CASE = re.compile(r"(?<![\w'’])[a-z]+[A-Z][\w'’-]*")  # "iTunes", "eBay", "iPod": a thing's name
# words that ask rather than say what the question wants to know of its subject
_ASKING_WORDS = frozenset(stem(w) for w in ("name", "named", "called", "call", "known", "happen", "happened",
                                            "located", "situated"))


def hedge_note(quote: Quote, highlighter: Highlighter) -> str:
    """A warning when the bold sentence of ``quote`` holds nothing of the kind asked for, or
    none of the question's words besides the names it asks about."""
    kind = highlighter.kind
    if kind is None or highlighter.sentence_weights is None or kind.kind not in _KIND_NAMES:
        return ""
    question = highlighter.question
    if not fits(kind, quote.highlight, question.text if question else ""):
        return f"The closest passage names no {_kind_name(kind, question)} that fits the question, so it may not answer it."
    if question is not None and (unsaid := unsaid_words(question, kind, quote.highlight)):
        said = " or ".join(f"“{w}”" for w in unsaid)
        return f"The closest passage does not say {said}, so it may not answer the question."
    return ""


def may_answer(kind: AnswerKind, sentence: str, question: str) -> bool:
    """False when ``question`` asks for a kind of thing ``hedge_note`` checks and ``sentence`` holds none."""
    return kind.kind not in _KIND_NAMES or fits(kind, sentence, question)


def fits(kind: AnswerKind, sentence: str, question: str) -> bool:
    """True when ``sentence`` holds a candidate of the asked ``kind`` (with the asked unit)."""
    spots = [(s, e) for s, e in candidates(kind, sentence)
             if kind.kind != "place" or not _NOT_PLACES.match(sentence, s)]
    if spots and has_unit_near(kind, sentence, spots):  # "how many people": a number of people
        return True
    return kind.kind == "name" and not _WHO.search(question) and any(
        m.group().casefold() not in kind.asked for m in _MIXED_CASE.finditer(sentence))


def _kind_name(kind: AnswerKind, question: Question | None) -> str:
    """What the question asks for, in words ("name of X" and "which X" ask for a thing's name)."""
    if kind.kind == "name" and not (question and _WHO.search(question.text)):
        return "name"
    return _KIND_NAMES[kind.kind or ""]


def unsaid_words(question: Question, kind: AnswerKind, sentence: str) -> list[str]:
    """The question's words other than its names, its figures and words that ask ("located",
    "known"), as it writes them, when ``sentence`` holds none of them (nor a related word); else
    none. The noun after "what" / "which" ("in what city") is kept: left out, it hedged more
    bold sentences holding the answer on SQuAD (58 against 47; docs/eval.md, tenth round)."""
    named = {t for name in names_in(question.text) for t in tokenize(name)}
    asking = _ASKING_WORDS | kind.asking
    wanted = [t for t in question.weights if t not in named and t not in asking and not any(c.isdigit() for c in t)]
    if not wanted:
        return []
    held = set(tokenize(sentence))
    if any(t in held or not held.isdisjoint(question.related.get(t, ())) for t in wanted):
        return []
    spelt = {stem(w): w for w in words(question.text) if w not in STOPWORDS}
    return [spelt.get(t, t) for t in wanted]
