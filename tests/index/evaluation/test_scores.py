"""Scoring of system responses: SQuAD, no-answer and speaker numbers on hand-made replies."""

from __future__ import annotations

import pytest

from index.evaluation.scores import score_noanswer, score_speakers, score_squad
from index.evaluation.systems import Hit, Response


def _response(texts: list[str], highlight: str | None = None, confidence: float = 1.0,
              seconds: float = 0.001) -> Response:
    hits = tuple(Hit(t, "a.txt", 0, len(t), 1.0) for t in texts)
    return Response(bool(hits), hits, highlight, confidence, seconds)


RESPONSES = [
    _response(["Denver won", "x"], highlight="Denver won", seconds=0.001),
    _response(["x", "y", "in 1990"], highlight="x", seconds=0.003),
    _response(["x"], highlight="x", seconds=0.002),
    _response([], seconds=0.010),
]
GOLDS = [["Denver"], ["1990"], ["nope"], ["z"]]


def test_score_squad_acc_recall_mrr() -> None:
    """Ranks 1, 3, None, None: acc@1 1/4, recall@5 2/4, MRR (1 + 1/3) / 4."""
    s = score_squad("sys", RESPONSES, GOLDS)
    assert (s.acc1, s.recall5) == (0.25, 0.5)
    assert s.mrr10 == pytest.approx((1 + 1 / 3) / 4)


def test_score_squad_highlight_and_curve() -> None:
    """Only the first highlight holds an answer; recall@k steps up at k=3."""
    s = score_squad("sys", RESPONSES, GOLDS)
    assert s.highlight == 0.25
    assert s.recall_curve[:4] == (0.25, 0.25, 0.5, 0.5)


def test_score_squad_times_in_ms() -> None:
    """Median of 1, 3, 2, 10 ms is 2.5 ms; p99 is the largest."""
    s = score_squad("sys", RESPONSES, GOLDS)
    assert (s.median_ms, s.p99_ms) == (pytest.approx(2.5), pytest.approx(10.0))


def test_score_noanswer_threshold_and_accuracy() -> None:
    """Confidence 0.9/0.2/0.6/0.1 for in/in/out/out at threshold 0.5."""
    responses = [
        _response(["Denver won"], confidence=0.9),
        _response(["1990"], confidence=0.2),
        _response(["x"], confidence=0.6),
        _response(["y"], confidence=0.1),
    ]
    golds = [["Denver"], ["1990"], ["a"], ["b"]]
    s = score_noanswer("sys", responses, golds, [True, True, False, False], 0.5)
    assert (s.default.precision, s.default.recall) == (0.5, 0.5)
    assert s.best.threshold == pytest.approx(0.2)
    assert s.best.prf.f1 == pytest.approx(0.8)
    assert (s.acc1_all, s.acc1_answered) == (1.0, 1.0)
    assert (s.in_index, s.out_of_index) == (2, 2)


def test_score_speakers_splits_plain_and_about() -> None:
    """Plain questions 1 of 2 right, about-questions 2 of 2."""
    s = score_speakers("sys", [True, False, True, True], [False, False, True, True], [0.001] * 4)
    assert (s.plain, s.plain_by_x, s.about, s.about_by_x, s.overall) == (2, 0.5, 2, 1.0, 0.75)


def test_gated_response_drops_quotes_below_threshold() -> None:
    """Below the threshold a reply has no quotes; at or above it, it is unchanged."""
    from index.evaluation.runs import gated_response

    low, high = _response(["a"], confidence=0.3), _response(["a"], confidence=0.5)
    assert gated_response(low, 0.5).hits == () and not gated_response(low, 0.5).answered
    assert gated_response(high, 0.5) is high
