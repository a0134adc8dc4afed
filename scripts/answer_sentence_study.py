"""Out-of-fold study of the bold-sentence choice on SQuAD (issue 12, docs/eval.md sixth round).

    .venv/bin/python scripts/answer_sentence_study.py SQUAD.json [--limit N] [--dump FILE.jsonl]
    .venv/bin/python scripts/answer_sentence_study.py --from-dump FILE.jsonl [--column COSINES.npy]

Indexes the SQuAD file as ``articlebot eval squad`` does (answer threshold 0), asks every
question and keeps, for the top quote, each sentence's ``SentenceFeatures`` and whether it holds
a gold answer. It then prints "bold holds the answer" on the even and the odd articles for

* the shipped ``AnswerSentenceWeights``;
* a listwise logistic refit of the same features, fitted on one half and tested on the other;
* gradient-boosted trees over the same features and the asked kind (scikit-learn's
  ``HistGradientBoostingClassifier``, when it is installed: it is not a dependency), out of fold
  and in-sample, at a few capacities;
* with ``--column``, one more per-sentence number (e.g. a question<->sentence cosine written by
  ``scripts/semantic_cosines.py`` from the ``--dump``, in its order) as a tenth feature: the listwise
  refit with it, and the shipped weights plus a weight for it picked on one half and tested on the
  other (docs/eval.md, seventh round).

"Bold holds the answer" is printed over the recorded questions and, after ``|``, within the
quotes whose passage holds the answer.

The quote is recorded by wrapping ``index.answering.answer.make_quote`` for this process only.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

import index.answering.answer as answering
from index.answering.answer_sentence import sentence_features
from index.config import AnswerSentenceWeights
from index.evaluation import squad
from index.evaluation.metrics import contains_answer
from index.evaluation.scores import sample
from index.evaluation.systems import EngineSystem
from index.models import Span

KINDS = ("none", "name", "place", "date", "year", "number", "money", "percent", "age", "duration", "reason", "sum")


@dataclass(frozen=True, slots=True)
class Choice:
    """One question's top quote: its sentences' features, which hold the answer, its article."""

    features: list[list[float]]
    right: list[bool]
    kind: int
    article: int
    question: str = ""
    sentences: tuple[str, ...] = ()


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
                texts = tuple(row.text[s.start:s.end] for s in spans)
                choices.append(Choice([list(astuple(f)) for f in found],
                                      [contains_answer(t, question.answers) for t in texts],
                                      KINDS.index(highlighter.kind.kind or "none"), question.article,
                                      question.question, texts))
        finally:
            await system.engine.close()
    return choices


def write_dump(choices: Sequence[Choice], path: Path) -> None:
    """One JSON object a line: each recorded choice as it is."""
    with path.open("w", encoding="utf-8") as sink:
        for c in choices:
            sink.write(json.dumps({"features": c.features, "right": c.right, "kind": c.kind, "article": c.article,
                                   "question": c.question, "sentences": list(c.sentences)}) + "\n")


def read_dump(path: Path, column: Path | None) -> list[Choice]:
    """The choices of a ``--dump`` file, with ``column`` (one number a sentence, in order) appended."""
    extra = np.load(column) if column else None
    choices, k = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        features = c["features"]
        if extra is not None:
            features = [[*f, float(extra[k + i])] for i, f in enumerate(features)]
        k += len(c["features"])
        choices.append(Choice(features, c["right"], c["kind"], c["article"], c["question"], tuple(c["sentences"])))
    if extra is not None and k != len(extra):
        raise SystemExit(f"{column} holds {len(extra)} numbers for {k} sentences")
    return choices


Scorer = Callable[[np.ndarray], np.ndarray]


def bold_rate(choices: Sequence[Choice], scorer: Scorer) -> float:
    """Share of ``choices`` whose best-scored sentence (the earlier on ties) holds the answer."""
    hits = 0
    for c in choices:
        scores = scorer(_matrix(c))
        hits += c.right[int(np.argmax(scores))]
    return hits / max(len(choices), 1)


def rates(choices: Sequence[Choice], scorer: Scorer) -> str:
    """``bold_rate`` over ``choices`` and within those whose passage holds the answer."""
    return f"{bold_rate(choices, scorer):.4f} | {bold_rate([c for c in choices if any(c.right)], scorer):.4f}"


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

    weights = minimize(loss, np.zeros(xs[0].shape[1] if xs else 1), jac=True, method="L-BFGS-B").x
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
    on_even, on_odd = rates(even, fit(odd)), rates(odd, fit(even))
    print(f"{name:34s} out of fold: even {on_even} odd {on_odd} || in-sample {rates(choices, fit(choices))}")


def report_column(choices: Sequence[Choice], shipped: np.ndarray) -> None:
    """The shipped weights plus a weight for the ``--column`` feature, picked on one half
    (within the passages holding the answer) and tested on the other."""
    even = [c for c in choices if c.article % 2 == 0 and any(c.right)]
    odd = [c for c in choices if c.article % 2 == 1 and any(c.right)]
    grid = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
    table = [(g, bold_rate(even, _linear(np.r_[shipped, g])), bold_rate(odd, _linear(np.r_[shipped, g]))) for g in grid]
    print("shipped + w x column, within right passages (w: even / odd):")
    print("  " + "  ".join(f"{g}: {e:.4f} / {o:.4f}" for g, e, o in table))
    on_even, on_odd = max(table, key=lambda t: t[1]), max(table, key=lambda t: t[2])
    print(f"  picked on even: w {on_even[0]} -> odd {on_even[2]:.4f} (w 0: {table[0][2]:.4f}); "
          f"picked on odd: w {on_odd[0]} -> even {on_odd[1]:.4f} (w 0: {table[0][1]:.4f})")


def _linear(weights: np.ndarray) -> Scorer:
    return lambda m: m[:, :-1] @ weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("squad", type=Path, nargs="?")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--dump", type=Path, help="also write the recorded choices here (JSON lines)")
    parser.add_argument("--from-dump", type=Path, help="read the choices from a --dump instead of asking")
    parser.add_argument("--column", type=Path, help="with --from-dump: a .npy of one more number a sentence")
    args = parser.parse_args()
    if args.from_dump:
        choices = read_dump(args.from_dump, args.column)
    elif args.squad:
        choices = asyncio.run(record(args.squad, args.limit))
    else:
        parser.error("give a SQuAD file or --from-dump")
    if args.dump:
        write_dump(choices, args.dump)
    shipped = np.array(astuple(AnswerSentenceWeights()))
    print(f"{len(choices)} questions; a sentence of the top quote holds the answer: "
          f"{sum(any(c.right) for c in choices) / len(choices):.4f}")
    plain = [Choice([f[:len(shipped)] for f in c.features], c.right, c.kind, c.article) for c in choices]
    report("shipped weights (fitted on all)", plain, lambda _: _linear(shipped))
    report("listwise logistic refit", plain, fit_listwise)
    if args.column:
        report("listwise logistic refit + column", choices, fit_listwise)
        report_column(choices, shipped)
        return
    if importlib.util.find_spec("sklearn") is None:
        print("scikit-learn is not installed: no gradient-boosted trees")
        return
    for depth, rounds in ((2, 50), (3, 100), (4, 300)):
        report(f"gradient-boosted trees d{depth} x{rounds}", choices, partial(fit_trees, depth=depth, rounds=rounds))


if __name__ == "__main__":
    main()
