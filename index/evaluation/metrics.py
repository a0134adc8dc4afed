"""Pure retrieval metrics over ranked texts and gold answer strings.

A *hit* is a ranked text that contains a gold answer, compared after casefolding and
collapsing runs of whitespace (SQuAD answers occur verbatim in their paragraph, so nothing
else is normalised). Ranks are 1-based; ``None`` means no hit in the list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """``text`` casefolded with whitespace runs collapsed to one space and ends stripped."""
    return _SPACE.sub(" ", text.casefold()).strip()


def contains_answer(text: str | None, golds: Iterable[str]) -> bool:
    """True when some non-empty gold answer occurs in ``text`` (``None`` never does)."""
    if text is None:
        return False
    haystack = normalize(text)
    return any(n and n in haystack for n in map(normalize, golds))


def hit_rank(texts: Sequence[str], golds: Sequence[str]) -> int | None:
    """1-based rank of the first text containing a gold answer, or ``None``."""
    for rank, text in enumerate(texts, start=1):
        if contains_answer(text, golds):
            return rank
    return None


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions with a hit at rank ``<= k`` (0.0 for no questions)."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr_at(ranks: Sequence[int | None], k: int) -> float:
    """Mean reciprocal rank, counting hits below rank ``k`` as 0 (0.0 for no questions)."""
    if not ranks:
        return 0.0
    return sum(1.0 / r for r in ranks if r is not None and r <= k) / len(ranks)


def share(flags: Sequence[bool]) -> float:
    """Share of true flags (0.0 for an empty list)."""
    return sum(1 for f in flags if f) / len(flags) if flags else 0.0


def median(values: Sequence[float]) -> float:
    """The median (mean of the middle two for an even count); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q``% of values <= it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[min(index, len(ordered) - 1)]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of a yes/no prediction (the positive class is "answered")."""

    precision: float
    recall: float
    f1: float


def prf(predicted: Sequence[bool], actual: Sequence[bool]) -> PRF:
    """Precision/recall/F1 of ``predicted`` against ``actual``; 0.0 where undefined."""
    if len(predicted) != len(actual):
        raise ValueError("predicted and actual differ in length")
    tp = sum(1 for p, a in zip(predicted, actual) if p and a)
    n_pred = sum(1 for p in predicted if p)
    n_true = sum(1 for a in actual if a)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """Answering when ``score >= threshold`` gives this precision/recall/F1."""

    threshold: float
    prf: PRF


def threshold_curve(scores: Sequence[float], actual: Sequence[bool]) -> list[CurvePoint]:
    """One point per distinct score (ascending): answer iff ``score >= threshold``."""
    return [
        CurvePoint(t, prf([s >= t for s in scores], actual)) for t in sorted(set(scores))
    ]


def best_threshold(curve: Sequence[CurvePoint]) -> CurvePoint:
    """The point with the highest F1; ties go to the lowest threshold (answer more)."""
    if not curve:
        raise ValueError("empty curve")
    return max(curve, key=lambda p: (p.prf.f1, -p.threshold))
