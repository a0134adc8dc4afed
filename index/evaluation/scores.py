"""Score lists of system responses (pure: no I/O, no timing of its own)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from index.evaluation import metrics
from index.evaluation.systems import Response

K_MAX = 10


def sample(items: Sequence[Any], limit: int | None) -> list[Any]:
    """``limit`` items spread evenly over ``items`` (all of them when ``limit`` is None)."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    return [items[i * len(items) // limit] for i in range(limit)]


@dataclass(frozen=True, slots=True)
class SquadScores:
    """One system's SQuAD numbers; times in milliseconds."""

    system: str
    questions: int
    acc1: float
    recall5: float
    mrr10: float
    highlight: float
    recall_curve: tuple[float, ...]
    median_ms: float
    p99_ms: float

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--json``."""
        return asdict(self)


def score_squad(
    system: str, responses: Sequence[Response], golds: Sequence[Sequence[str]]
) -> SquadScores:
    """acc@1, recall@5, MRR@10, highlight accuracy, recall@1..10 and answer times."""
    ranks = [metrics.hit_rank([h.text for h in r.hits], g) for r, g in zip(responses, golds)]
    highlights = [
        metrics.contains_answer(r.highlight, g) for r, g in zip(responses, golds)
    ]
    ms = [r.seconds * 1000 for r in responses]
    return SquadScores(
        system=system,
        questions=len(responses),
        acc1=metrics.recall_at(ranks, 1),
        recall5=metrics.recall_at(ranks, 5),
        mrr10=metrics.mrr_at(ranks, K_MAX),
        highlight=metrics.share(highlights),
        recall_curve=tuple(metrics.recall_at(ranks, k) for k in range(1, K_MAX + 1)),
        median_ms=metrics.median(ms),
        p99_ms=metrics.percentile(ms, 99),
    )


@dataclass(frozen=True, slots=True)
class NoAnswerScores:
    """One system's "answered" detection on half-indexed SQuAD.

    ``default`` is P/R/F1 at the threshold in force; ``best`` is the curve's best-F1 point.
    ``acc1_all`` is acc@1 over questions whose article is indexed; ``acc1_answered`` the same
    over those of them the system answered at the threshold in force.
    """

    system: str
    in_index: int
    out_of_index: int
    threshold: float
    default: metrics.PRF
    best: metrics.CurvePoint
    curve: tuple[metrics.CurvePoint, ...]
    acc1_all: float
    acc1_answered: float

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--json`` (the curve left out)."""
        data = asdict(self)
        data.pop("curve")
        return data


def score_noanswer(
    system: str,
    responses: Sequence[Response],
    golds: Sequence[Sequence[str]],
    indexed: Sequence[bool],
    threshold: float,
) -> NoAnswerScores:
    """P/R/F1 of "answered" (confidence ``>= threshold``) and acc@1 with and without it."""
    confidence = [r.confidence for r in responses]
    answered = [c >= threshold and bool(r.hits) for c, r in zip(confidence, responses)]
    curve = metrics.threshold_curve(confidence, list(indexed))
    top_hits = [
        metrics.hit_rank([h.text for h in r.hits[:1]], g) == 1 for r, g in zip(responses, golds)
    ]
    in_idx = [i for i, x in enumerate(indexed) if x]
    answered_in = [i for i in in_idx if answered[i]]
    return NoAnswerScores(
        system=system,
        in_index=len(in_idx),
        out_of_index=len(indexed) - len(in_idx),
        threshold=threshold,
        default=metrics.prf(answered, list(indexed)),
        best=metrics.best_threshold(curve),
        curve=tuple(curve),
        acc1_all=metrics.share([top_hits[i] for i in in_idx]),
        acc1_answered=metrics.share([top_hits[i] for i in answered_in]),
    )


@dataclass(frozen=True, slots=True)
class SpeakerScores:
    """One system's share of speaker questions whose top quote is by X (right article)."""

    system: str
    plain: int
    plain_by_x: float
    about: int
    about_by_x: float
    overall: float
    median_ms: float
    p99_ms: float

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--json``."""
        return asdict(self)


def score_speakers(
    system: str, correct: Sequence[bool], has_topic: Sequence[bool], seconds: Sequence[float]
) -> SpeakerScores:
    """Shares of correct replies for "what did X say?" and "... about Y?" questions."""
    plain = [c for c, t in zip(correct, has_topic) if not t]
    about = [c for c, t in zip(correct, has_topic) if t]
    ms = [s * 1000 for s in seconds]
    return SpeakerScores(
        system=system,
        plain=len(plain),
        plain_by_x=metrics.share(plain),
        about=len(about),
        about_by_x=metrics.share(about),
        overall=metrics.share(list(correct)),
        median_ms=metrics.median(ms),
        p99_ms=metrics.percentile(ms, 99),
    )
