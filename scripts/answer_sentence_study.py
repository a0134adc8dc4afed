"""Out-of-fold study of the bold-sentence choice on SQuAD (issue 12, docs/eval.md sixth round).

    .venv/bin/python scripts/answer_sentence_study.py SQUAD.json [--limit N]

Indexes the SQuAD file as ``articlebot eval squad`` does (answer threshold 0), asks every
question and keeps, for the top quote, each sentence's ``SentenceFeatures`` and whether it holds
a gold answer. It then prints "bold holds the answer" on the even and the odd articles for

* the shipped ``AnswerSentenceWeights``;
* a listwise logistic refit of the same features, fitted on one half and tested on the other;
* gradient-boosted trees over the same features and the asked kind (scikit-learn's
  ``HistGradientBoostingClassifier``, when it is installed: it is not a dependency), out of fold
  and in-sample, at a few capacities.

The quote is recorded by wrapping ``index.answering.answer.make_quote`` for this process only.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, fields
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

import index.answering.answer as answering
from index.answering.answer_sentence import SentenceFeatures, sentence_features
from index.config import AnswerSentenceWeights
from index.evaluation import squad
from index.evaluation.metrics import contains_answer
from index.evaluation.scores import sample
from index.evaluation.systems import EngineSystem
from index.models import Span

KINDS = ("none", "name", "place", "date", "year", "number", "money", "percent", "age", "duration", "reason")


@dataclass(frozen=True, slots=True)
class Choice:
    """One question's top quote: its sentences' features, which hold the answer, its article."""

    features: list[list[float]]
    right: list[bool]
    kind: int
    article: int


async def record(path: Path, limit: int | None) -> list[Choice]:
    """The top quote of every (sampled) question, with its sentences' features."""
    data = squad.load_squad(path)
    seen: list[tuple[Any, Any]] = []
    original = answering.make_quote

    def recording(row: Any, score: float, highlighter: Any, preferred: list[int]) -> Any:
        seen.append((row, highlighter))
        return original(row, score, highlighter, preferred)

    answering.make_quote = recording
    choices = []
    with tempfile.TemporaryDirectory(prefix="articlebot-study-") as tmp:
        folder = Path(tmp) / "articles"
        squad.write_articles(data, folder)
        system = await EngineSystem.build(folder, Path(tmp) / "study.db", answer_threshold=0.0)
        try:
            for question in sample(data.questions, limit):
                seen.clear()
                answer, _ = await system.answer(question.question, 10)
                if answer is None or not answer.quotes:
                    continue
                row, highlighter = next(s for s in reversed(seen) if s[0].id == answer.quotes[0].passage_id)
                if highlighter.question is None or highlighter.kind is None:  # "what did X say"
                    continue
                spans = [Span(s, e) for s, e in row.sentences] or [Span(0, len(row.text))]
                found = sentence_features(highlighter.question, highlighter.kind, row.text, spans,
                                          answering.terms_of(row))
                choices.append(Choice([list(astuple(f)) for f in found],
                                      [contains_answer(row.text[s.start:s.end], question.answers) for s in spans],
                                      KINDS.index(highlighter.kind.kind or "none"), question.article))
        finally:
            await system.engine.close()
    return choices


Scorer = Callable[[np.ndarray], np.ndarray]


def bold_rate(choices: Sequence[Choice], scorer: Scorer) -> float:
    """Share of ``choices`` whose best-scored sentence (the earlier on ties) holds the answer."""
    hits = 0
    for c in choices:
        scores = scorer(_matrix(c))
        hits += c.right[int(np.argmax(scores))]
    return hits / max(len(choices), 1)


def _matrix(c: Choice) -> np.ndarray:
    """The sentences' features with the asked kind as a last column."""
    return np.c_[np.array(c.features), np.full(len(c.features), c.kind)]


def fit_listwise(choices: Sequence[Choice], l2: float = 0.01) -> Scorer:
    """Weights maximising the softmax probability of the answering sentences (per question)."""
    useful = [c for c in choices if any(c.right) and not all(c.right)]
    xs = [np.array(c.features) for c in useful]
    ys = [np.array(c.right, dtype=float) for c in useful]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for x, y in zip(xs, ys):
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            q = p * y / (p * y).sum()
            total -= np.log((p * y).sum())
            grad += x.T @ (p - q)
        n = max(len(xs), 1)
        return total / n + l2 * w @ w, grad / n + 2 * l2 * w

    n_features = len(fields(SentenceFeatures))
    weights = minimize(loss, np.zeros(n_features), jac=True, method="L-BFGS-B").x
    return lambda m: m[:, :-1] @ weights


def fit_trees(choices: Sequence[Choice], depth: int, rounds: int) -> Scorer:
    """Gradient-boosted trees on single sentences (is this the answering one?)."""
    trees = importlib.import_module("sklearn.ensemble").HistGradientBoostingClassifier
    x = np.vstack([_matrix(c) for c in choices])
    y = np.concatenate([c.right for c in choices])
    model = trees(max_depth=depth, max_iter=rounds, min_samples_leaf=50,
                                           categorical_features=[x.shape[1] - 1], early_stopping=False,
                                           random_state=0).fit(x, y)
    return lambda m: model.decision_function(m)


def report(name: str, choices: Sequence[Choice], fit: Callable[[Sequence[Choice]], Scorer]) -> None:
    """Out of fold (fit on even articles, test on odd, and the reverse) and in-sample figures."""
    even = [c for c in choices if c.article % 2 == 0]
    odd = [c for c in choices if c.article % 2 == 1]
    on_even, on_odd = bold_rate(even, fit(odd)), bold_rate(odd, fit(even))
    print(f"{name:34s} out of fold: even {on_even:.4f} odd {on_odd:.4f} | in-sample {bold_rate(choices, fit(choices)):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("squad", type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    choices = asyncio.run(record(args.squad, args.limit))
    shipped = np.array(astuple(AnswerSentenceWeights()))
    print(f"{len(choices)} questions; a sentence of the top quote holds the answer: "
          f"{sum(any(c.right) for c in choices) / len(choices):.4f}")
    report("shipped weights (fitted on all)", choices, lambda _: lambda m: m[:, :-1] @ shipped)
    report("listwise logistic refit", choices, fit_listwise)
    if importlib.util.find_spec("sklearn") is None:
        print("scikit-learn is not installed: no gradient-boosted trees")
        return
    for depth, rounds in ((2, 50), (3, 100), (4, 300)):
        report(f"gradient-boosted trees d{depth} x{rounds}", choices, partial(fit_trees, depth=depth, rounds=rounds))


if __name__ == "__main__":
    main()
