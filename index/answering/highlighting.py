"""For one question: which sentence of each quote is bold, which passages hold an answer of
the kind asked for, and when to warn that the best one may not answer.

``Highlighter`` picks the bold sentence by question type (``index.answer_sentence``) or,
for "what did X say" and when turned off, as ``index.highlight`` did before.
``typed_answer_bonus`` lifts the best re-ranked passages that hold a candidate of the kind
asked for next to the question's words (``index.answering.hedges`` warns when the top quote's
bold sentence holds none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from index.answering.answer_kinds import AnswerKind
from index.answering.answer_sentence import answer_near, answer_sentence
from index.answering.highlight import best_sentence
from index.answering.rerank import PassageTerms, Question
from index.config import AnswerSentenceWeights
from index.models import Span
from index.store.rows import PassageRow

_TYPED_POOL = 10  # the best re-ranked passages that are looked at for a candidate of the asked kind
H = TypeVar("H")
_FIGURE = re.compile(r"(?<![\w.,])\d{3,}(?![\w.,]?\d)")  # "2018", "1647": figures of three digits or more


@dataclass(frozen=True, slots=True)
class Highlighter:
    """Chooses each quote's bold sentence for one question.

    With ``sentence_weights`` (and a question that is not "what did X say"), the sentence
    by question type of ``index.answer_sentence``; otherwise ``index.highlight``'s.
    """

    weights: dict[str, float]
    question: Question | None = None
    sentence_weights: AnswerSentenceWeights | None = None
    kind: AnswerKind | None = None  # what the question asks for (``index.answering.answer_kinds``)

    def best(self, text: str, spans: Sequence[Span], preferred: Sequence[int],
             terms: PassageTerms | None = None) -> int:
        """Index of the sentence of ``text`` to bold (``terms``: its ``passage_terms`` when stored)."""
        if self.question is not None and self.sentence_weights is not None and self.kind is not None:
            return answer_sentence(self.question, self.kind, text, spans, self.sentence_weights, preferred, terms)
        return best_sentence(text, spans, self.weights, preferred, self.question, terms)


def typed_answer_bonus(scored: list[tuple[H, PassageRow, float]], question: Question, weight: float
                       ) -> list[tuple[H, PassageRow, float]]:
    """``scored`` with ``weight`` x the idf mass added to the best passages holding a candidate
    of the kind asked for next to the question's words ("How many jobs will Leeds cut?": the
    paragraph with "2,850 jobs", not only the one naming Leeds)."""
    if AnswerKind.of(question.text).kind is None:
        return scored
    best = sorted(range(len(scored)), key=lambda i: -scored[i][2])[:_TYPED_POOL]
    result = list(scored)
    for i in best:
        hit, row, score = scored[i]
        result[i] = (hit, row, score + typed_bonus(row, question, weight))
    return result


def typed_bonus(row: PassageRow, question: Question, weight: float) -> float:
    """``weight`` x the idf mass when ``row`` holds a candidate of the asked kind next to the
    question's words, else 0 (the part of its re-ranked score ``typed_answer_bonus`` adds)."""
    kind = AnswerKind.of(question.text)
    if not weight or kind.kind is None or not answer_near(kind, row.text, row.sentences, question.weights):
        return 0.0
    return weight * (question.total or 1.0)


def figures_in(question: str) -> list[str]:
    """The figures of three digits or more a question names ("the 2018 Wimbledon title")."""
    return list(dict.fromkeys(_FIGURE.findall(question)))


def unmentioned_figures(figures: Sequence[str], article: str) -> list[str]:
    """The figures of ``figures`` the quoted article (``article``: its title and text) does
    not mention: "Who won the 2018 Wimbledon men's singles title?" is not answered by a 2005
    story about Safin and Wimbledon. On SQuAD 4 of 282 answered questions naming such a
    figure get the note ("in the early 1200s" of an article on the 13th century)."""
    return [f for f in figures if not re.search(rf"(?<!\d){f}(?!\d)", article)]


def unmentioned_note(unmentioned: Sequence[str]) -> str:
    """A warning that the quoted article does not mention ``unmentioned`` (figures or names
    the question asks about); empty when it mentions them all."""
    if not unmentioned:
        return ""
    return (f"The closest article does not mention {', '.join(unmentioned)}, "
            "so it may not answer the question.")
