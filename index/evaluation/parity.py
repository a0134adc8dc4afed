"""Score parity of two BM25 passage engines over the same rows (e.g. Xapian partitions vs ``fast``).

For each question (its search terms as the answer path makes them), both engines' top ``k``
(position, score) lists are compared rank by rank: the scores must agree within ``tolerance``
and the positions must be the same, except that a different position at a rank is accepted
when the reference engine gives it the same score within ``tolerance`` (a tie, which float
rounding may order either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.answering.answer import query_terms
from index.bm25.protocol import BM25Engine


@dataclass
class ParityReport:
    """How two engines agreed over a question set."""

    questions: int = 0
    same: int = 0  # questions whose top-k agreed (positions up to ties, scores within tolerance)
    max_difference: float = 0.0  # largest score difference at equal rank
    disagreements: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for a terminal or a document."""
        return (f"{self.same}/{self.questions} questions with the same top-k; "
                f"largest score difference {self.max_difference:.2e}")


def compare(reference: BM25Engine, other: BM25Engine, questions: Sequence[str], *, k: int = 10,
            tolerance: float = 1e-6) -> ParityReport:
    """Compare ``other``'s top ``k`` with ``reference``'s for every question."""
    report = ParityReport()
    for question in questions:
        terms, _ = query_terms(question)
        if not terms:
            continue
        expected, found = reference.top_k(terms, k), other.top_k(terms, k)
        report.questions += 1
        problem = _disagreement(reference, terms, expected, found, tolerance)
        differences = [abs(a[1] - b[1]) for a, b in zip(expected, found)]
        report.max_difference = max([report.max_difference, *differences])
        if problem:
            report.disagreements.append(f"{question!r}: {problem}")
        else:
            report.same += 1
    return report


def _disagreement(reference: BM25Engine, terms: list[str], expected: list[tuple[int, float]],
                  found: list[tuple[int, float]], tolerance: float) -> str:
    """Why ``found`` is not ``expected`` (empty when it is, up to ties)."""
    if len(expected) != len(found):
        return f"{len(found)} results instead of {len(expected)}"
    scores = None
    for rank, ((want, want_score), (got, got_score)) in enumerate(zip(expected, found), 1):
        if abs(want_score - got_score) > tolerance:
            return f"rank {rank}: score {got_score!r} instead of {want_score!r}"
        if want != got:
            scores = reference.get_scores(terms) if scores is None else scores
            if abs(float(scores[got]) - want_score) > tolerance:
                return f"rank {rank}: position {got} instead of {want}"
    return ""
