"""A news article's first paragraph (its lede) retells the headline; the details come below.

"How old is Ken Bates?" finds the lede "Ken Bates has completed his takeover of Leeds United."
first: it holds the question's words, but no age. The age is two paragraphs down ("The
73-year-old former Chelsea chairman …"), in a paragraph that names him only as "he". When
the question asks for a kind of thing (``index.answering.answer_kinds``) that the best
passage — a lede — does not hold anywhere, the best passage of the same article that does
hold one is quoted first and the lede after it. Other passages and other articles keep
their order: on SQuAD (no ledes) moving passages by the asked kind alone lost more answers
than it found (docs/eval.md), so only a lede gives way, and only within its own article.

A lede that does hold a candidate gives way too when a passage of its article below answers
what the lede leaves out: a sentence there holds a candidate next to the question's words,
one of which the lede lacks. "Who chairs the jury of the British Independent Film Awards?"
finds the lede "Mike Leigh's … Vera Drake has scooped seven nominations at this year's
British Independent Film Awards." (names, but no jury) before "… a jury chaired by Cold
Mountain director Anthony Minghella …". Such a passage is also preferred when the lede holds no
candidate: "How big a stake in Leeds United did Ken Bates buy?" goes to "… has bought a 50%
stake", not to a paragraph above it whose "£103m" debt sits next to "Leeds United" only. The
asking phrase's own word is not something the lede leaves out: "as many as 300 jobs" at
another bank does not move "ABN Amro … is to cut 2,850 jobs".

A lede is a first paragraph of one or two sentences, as a news story's is (2,100 of the BBC
archive's 2,127 first paragraphs; 2,068 are one sentence). An encyclopaedia's first paragraph
is a longer introduction that often holds the answer itself: on SQuAD, whose first
paragraphs run to three sentences and more, moving them lost 11 answers and found 2 ("What
year was Casimir Pulaski born in Warsaw?" lost Warsaw's introduction, which names him and
his birth, to a paragraph on the city's mermaid; docs/eval.md, sixth round).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

from index.answering.answer_kinds import AnswerKind, candidates, has_unit_near
from index.answering.answer_sentence import near_question
from index.answering.inflections import irregular_forms
from index.store.rows import PassageRow
from index.tokenize import tokenize

P = TypeVar("P")
LEDE = 1  # the paragraph number of an article's first paragraph under its title
LEDE_SENTENCES = 2  # a longer first paragraph is an introduction, not a lede
_KINDS = frozenset({"name", "date", "year", "number", "money", "sum", "percent", "age", "duration", "place"})


def _said(text: str, asked: Collection[str]) -> frozenset[str]:
    """The terms of ``text``, with each question word whose other verb form it says ("fell" for
    the "fall" of "How much did house prices fall?"): what it does not leave out."""
    found = frozenset(tokenize(text))
    forms = irregular_forms(asked)
    return found | {term for term, stems in forms.items() if not stems.isdisjoint(found)}


def is_lede(row: PassageRow) -> bool:
    """True when ``row`` is an article's first paragraph of at most ``LEDE_SENTENCES`` sentences."""
    return row.paragraph == LEDE and row.part == 0 and len(row.sentences) <= LEDE_SENTENCES


def holds_kind(kind: AnswerKind, row: PassageRow) -> bool:
    """True when a sentence of ``row`` holds a candidate of ``kind`` (with its unit close by)."""
    for start, end in row.sentences or ((0, len(row.text)),):
        sentence = row.text[start:end]
        spots = candidates(kind, sentence)
        if spots and has_unit_near(kind, sentence, spots):
            return True
    return False


def answers_beyond(kind: AnswerKind, row: PassageRow, terms: Collection[str], lede_terms: Collection[str]) -> bool:
    """True when a sentence of ``row`` holds a candidate of ``kind`` next to the question's
    ``terms`` and says one of them that the lede (``lede_terms``) does not, other than the
    words of the asking phrase (``AnswerKind.asking``: the "many" of "as many as 300 jobs"
    says nothing about ABN Amro's 2,850)."""
    for start, end in row.sentences or ((0, len(row.text)),):
        sentence = row.text[start:end]
        spots = candidates(kind, sentence)
        if spots and near_question(kind, sentence, spots, terms) and any(
                t in terms and t not in lede_terms and t not in kind.asking for t in tokenize(sentence)):
            return True
    return False


def lede_gives_way(ranked: Sequence[P], rows: Sequence[PassageRow], kind: AnswerKind, window: int,
                   terms: Collection[str] = ()) -> list[P]:
    """``ranked`` (with ``rows[i]`` the passage of ``ranked[i]``) with its first item moved
    behind a passage of the same article among the next ``window`` - 1 when the first is a lede:
    the first of them that answers with a question term (of ``terms``) the lede lacks, or, when
    the lede holds no candidate of the asked kind and none of them does so, the first holding
    one; otherwise unchanged."""
    result = list(ranked)
    if window < 2 or not rows or kind.kind not in _KINDS:
        return result
    lede = rows[0]
    if not is_lede(lede):
        return result
    held = holds_kind(kind, lede)
    lede_terms = _said(lede.text, kind.asked)
    same = [i for i in range(1, min(window, len(rows))) if rows[i].article_id == lede.article_id]
    chosen = next((i for i in same if answers_beyond(kind, rows[i], terms, lede_terms)), None)
    if chosen is None and not held:
        chosen = next((i for i in same if holds_kind(kind, rows[i])), None)
    if chosen is None:
        return result
    return [result[chosen], *result[:chosen], *result[chosen + 1:]]
