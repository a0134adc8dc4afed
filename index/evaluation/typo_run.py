"""The typo set against the clean questions it was made from, on one index, in one run.

Every SQuAD article is indexed once; each system is asked the clean questions and then the
same questions with typos (``index.evaluation.typos``). Both are scored as ``eval squad``
scores them, and at each engine's answer threshold as ``eval squad`` gates it (what a member
gets); the difference is what typos cost.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from index.evaluation import squad
from index.evaluation.report import _ms, _pct, table
from index.evaluation.runs import RunOptions, _all_answered, _answers, answering_threshold, gated_response
from index.evaluation.scores import SquadScores, sample, score_squad
from index.evaluation.typos import TYPO_SET, load_typo_set


@dataclass(frozen=True, slots=True)
class TypoRun:
    """Clean and typo scores per system (``clean[i]`` and ``typos[i]`` are the same system)."""

    file: str
    questions: int
    slips: int
    clean: tuple[SquadScores, ...]
    typos: tuple[SquadScores, ...]


async def run_typos(path: Path, opts: RunOptions, gate: float | None = None, typo_set: Path = TYPO_SET) -> TypoRun:
    """Index SQuAD ``path``, ask the typo set's clean and misspelt questions of each system."""
    data = squad.load_squad(path)
    questions = sample(load_typo_set(typo_set), opts.limit)
    golds = [q.answers for q in questions]
    asked = [q.clean for q in questions] + [q.question for q in questions]
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
        folder = Path(tmp) / "articles"
        squad.write_articles(data, folder)
        answers = await _answers(folder, Path(tmp), _all_answered(opts), asked)
    clean: list[SquadScores] = []
    typos: list[SquadScores] = []
    for system, responses in answers:
        halves = responses[:len(questions)], responses[len(questions):]
        for scores, half in zip((clean, typos), halves):
            scores.append(score_squad(system.name, half, golds))
            threshold = answering_threshold(system, gate)
            if threshold is not None:
                gated = [gated_response(r, threshold) for r in half]
                scores.append(score_squad(f"{system.name} (threshold {threshold:g})", gated, golds))
    slips = sum(len(q.slips) for q in questions)
    return TypoRun(str(path), len(questions), slips, tuple(clean), tuple(typos))


def typos_md(run: TypoRun) -> str:
    """The typo section: clean and typo scores side by side, and what the typos cost."""
    rows = [
        [c.system, _pct(c.acc1), _pct(t.acc1), f"{100 * (t.acc1 - c.acc1):+.1f}", _pct(c.recall5),
         _pct(t.recall5), _pct(c.highlight), _pct(t.highlight), _ms(t.median_ms)]
        for c, t in zip(run.clean, run.typos)
    ]
    head = ["system", "acc@1 clean", "acc@1 typos", "points", "recall@5 clean", "recall@5 typos",
            "highlight clean", "highlight typos", "median time (typos)"]
    return (f"### Typos ({run.questions} SQuAD questions with {run.slips} typos, "
            f"index/evaluation/data/squad_typos.json)\n\n" + table(head, rows) + "\n")
