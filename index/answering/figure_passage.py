"""Within the first quote's article, a passage with a figure beside the question's words before one without.

A question asking for a figure (how many, how much, what percentage, how old, how long, when)
is answered by a sentence that holds a figure of that kind *beside* what the question asks
about. "How much did Toyota's sales rise?" found first a paragraph of a story on US car sales
that names Toyota and its rise in sales but holds no figure beside them ("Toyota put its rise
in sales down to …"); the paragraph above it says "Toyota sales jumped 11%". The re-rank
scores a passage by the question's words anywhere in it, and counts a figure near *any*
question word as evidence of an answer (``typed_answer_bonus``); it cannot tell which of two
paragraphs of one story puts a figure next to the question's words.

So each passage of the first quote's article among the re-ranked pool gets the share of the
question's idf mass said within a few words of one of its figures (the asking phrase's words —
the "much" of "how much" — and the article's title words left out: every paragraph of the story
is about those). When the first passage holds no figure beside any of those words and another
does beside at least ``least`` of their mass, that one is quoted first (the largest share; the
better ranked on a tie) and the rest keep their order. Only then: on SQuAD, whose paragraphs
are dense with figures, moving a first passage that has a figure beside some question word to
one with a larger share lost answers on both halves (docs/eval.md, issue 12's tenth round).
Only figures: names and places are capitalised words, which every paragraph holds beside some
question word. The passages are the pool's, so the work does not grow with the archive. It runs
after the confidence is decided: the article and whether to answer are unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from index.answering.answer_kinds import AnswerKind, candidates, has_unit_near
from index.answering.inflections import irregular_forms
from index.answering.ranking import article_topic
from index.store.rows import PassageRow
from index.tokenize import tokenize

P = TypeVar("P")
FIGURES = frozenset({"number", "money", "sum", "percent", "age", "duration", "date", "year"})
NEAR = 40  # characters either side of a figure that count as beside it (as ``answer_sentence``'s "near")


def figure_share(kind: AnswerKind, row: PassageRow, asked: Mapping[str, float],
                 forms: Mapping[str, frozenset[str]]) -> float:
    """The largest share of the idf mass of ``asked`` (the question's terms that can tell one
    passage of the article from another: ``telling``) said within ``NEAR`` characters of one
    figure of the asked ``kind`` in ``row``. A verb in another form counts (``forms``: "rose"
    for "rise"), and the asked unit may be ``NEAR`` away too ("77 short and medium-distance
    flights")."""
    total = sum(asked.values())
    if total <= 0:
        return 0.0
    best = 0.0
    for start, end in row.sentences or ((0, len(row.text)),):
        sentence = row.text[start:end]
        for spot in candidates(kind, sentence):
            if not has_unit_near(kind, sentence, (spot,), NEAR):
                continue
            around = sentence[max(0, spot[0] - NEAR):spot[1] + NEAR]
            said = set(tokenize(around))
            best = max(best, sum(w for t, w in asked.items()
                                 if t in said or not forms.get(t, frozenset()).isdisjoint(said)))
    return best / total


def telling(kind: AnswerKind, weights: Mapping[str, float], topic: frozenset[str]) -> dict[str, float]:
    """The question's term weights without the asking phrase's words (the "much" of "how much")
    and the article's ``topic`` terms (its title, dek, author): every passage of it is about those."""
    return {t: w for t, w in weights.items() if t not in kind.asking and t not in topic}


def figure_first(ranked: Sequence[P], rows: Sequence[PassageRow], kind: AnswerKind, window: int,
                 weights: Mapping[str, float], least: float) -> list[P]:
    """``ranked`` (``rows[i]`` the passage of ``ranked[i]``) with the passage of the first's article
    among the first ``window`` with the largest ``figure_share`` (the better ranked on a tie) moved
    first, when that share is at least ``least`` and the first's is 0; otherwise unchanged."""
    result = list(ranked)
    if least <= 0 or window < 2 or not rows or kind.kind not in FIGURES:
        return result
    first = rows[0]
    same = [i for i in range(1, min(window, len(rows))) if rows[i].article_id == first.article_id]
    if not same:
        return result
    asked, forms = telling(kind, weights, article_topic(first)), irregular_forms(kind.asked)
    if figure_share(kind, first, asked, forms) > 0:
        return result
    shares = {i: figure_share(kind, rows[i], asked, forms) for i in same}
    chosen = max(same, key=lambda i: (shares[i], -i))
    if shares[chosen] < least:
        return result
    return [result[chosen], *result[:chosen], *result[chosen + 1:]]
