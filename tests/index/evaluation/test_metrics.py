"""Metric functions of ``index.evaluation.metrics`` on hand-computed examples."""

from __future__ import annotations

import pytest

from index.evaluation import metrics
from index.evaluation.metrics import PRF, CurvePoint


def test_normalize_casefolds_and_collapses_whitespace() -> None:
    """Case and whitespace runs do not matter."""
    assert metrics.normalize("  Denver\n  BRONCOS ") == "denver broncos"


def test_contains_answer_finds_any_gold() -> None:
    """A text containing the second gold answer is a hit."""
    assert metrics.contains_answer("Won by the Denver  Broncos.", ["Panthers", "denver broncos"])


def test_contains_answer_rejects_missing_gold() -> None:
    """A text without any gold answer is not a hit."""
    assert not metrics.contains_answer("Won by the Broncos.", ["Denver Broncos"])


def test_contains_answer_ignores_empty_gold_and_none() -> None:
    """An empty gold string never matches, nor does a missing text."""
    assert not metrics.contains_answer("anything", ["", "  "])
    assert not metrics.contains_answer(None, ["x"])


def test_hit_rank_is_one_based_first_hit() -> None:
    """The rank of the first text holding an answer, counted from 1."""
    assert metrics.hit_rank(["a b", "c d", "x y", "x"], ["x"]) == 3


def test_hit_rank_none_without_hit() -> None:
    """No text holds an answer: no rank."""
    assert metrics.hit_rank(["a", "b"], ["z"]) is None


def test_recall_at_counts_ranks_up_to_k() -> None:
    """Ranks 1, 3, None, 6 give recall@3 = 2/4."""
    assert metrics.recall_at([1, 3, None, 6], 3) == 0.5


def test_mrr_at_ignores_ranks_beyond_k() -> None:
    """MRR@5 of ranks 1, 2, None, 6 is (1 + 1/2) / 4."""
    assert metrics.mrr_at([1, 2, None, 6], 5) == pytest.approx(0.375)


def test_metrics_of_no_questions_are_zero() -> None:
    """Empty inputs give 0.0, not a division error."""
    assert (metrics.recall_at([], 1), metrics.mrr_at([], 1), metrics.share([])) == (0.0, 0.0, 0.0)


def test_median_of_even_count_is_mean_of_middle() -> None:
    """The median of 4, 1, 3, 2 is 2.5."""
    assert metrics.median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_percentile_is_nearest_rank() -> None:
    """p99 of 1..100 is 99, p50 is 50, p100 is 100."""
    values = [float(v) for v in range(100, 0, -1)]
    assert [metrics.percentile(values, q) for q in (99, 50, 100)] == [99.0, 50.0, 100.0]


def test_prf_counts_true_positives() -> None:
    """2 of 3 predicted are right, 2 of 4 actual are found."""
    result = metrics.prf([True, True, True, False, False], [True, True, False, True, True])
    assert (result.precision, result.recall) == (pytest.approx(2 / 3), 0.5)
    assert result.f1 == pytest.approx(4 / 7)


def test_prf_without_predictions_is_zero() -> None:
    """Predicting nothing gives precision, recall and F1 of 0."""
    assert metrics.prf([False, False], [True, False]) == PRF(0.0, 0.0, 0.0)


def test_threshold_curve_has_one_point_per_distinct_score() -> None:
    """Thresholds are the distinct scores, ascending, answering at score >= threshold."""
    curve = metrics.threshold_curve([0.9, 0.2, 0.5, 0.2], [True, False, True, False])
    assert [p.threshold for p in curve] == [0.2, 0.5, 0.9]
    assert curve[1].prf == PRF(1.0, 1.0, 1.0)


def test_best_threshold_prefers_lowest_on_ties() -> None:
    """Two points with the same F1: the lower threshold wins."""
    curve = [CurvePoint(0.7, PRF(1, 0.5, 0.6)), CurvePoint(0.3, PRF(0.5, 1, 0.6))]
    assert metrics.best_threshold(curve).threshold == 0.3
