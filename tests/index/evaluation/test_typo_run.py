"""``eval typos`` (and ``eval all``'s typo table) against ``eval squad`` on a tiny hand-made SQuAD
file: the clean half of the typo run is the SQuAD run of the same questions, so both must
gate every system at the same threshold and score it the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.evaluation.runs import BEFORE, BEFORE_THRESHOLD, RunOptions, run_squad
from index.evaluation.scores import SquadScores
from index.evaluation.typo_run import run_typos

PARAGRAPHS = {
    "Super_Bowl_50": [
        ("The Denver Broncos defeated the Carolina Panthers to win Super Bowl 50 in February 2016.",
         [("Which team won Super Bowl 50?", "Which team won Supeer Bowl 50?", "Denver Broncos")]),
        ("The game was played at Levi's Stadium in Santa Clara, California.",
         [("Where was the game played?", "Where was the game plyaed?", "Levi's Stadium")]),
    ],
    "Oxygen": [
        ("Oxygen is the chemical element with atomic number 8 and the symbol O.",
         [("What is the atomic number of oxygen?", "What is the atomic numbr of oxygen?", "8")]),
        ("Joseph Priestley and Carl Wilhelm Scheele discovered oxygen independently in the 1770s.",
         [("Who discovered oxygen?", "Who discoverd oxygen?", "Joseph Priestley")]),
    ],
    "Rhine": [
        ("The Rhine flows from the Swiss Alps to the North Sea through Germany and the Netherlands.",
         [("Where does the Rhine flow to?", "Where does the Rhine flwo to?", "the North Sea")]),
        ("Cologne cathedral stands on the Rhine and took six centuries to build.",
         [("How long did Cologne cathedral take to build?", "How long did Cologne cathedarl take to build?",
           "six centuries")]),
    ],
}


def write_files(tmp_path: Path) -> tuple[Path, Path]:
    """A SQuAD v1.1 file of the paragraphs above and a typo set of its questions."""
    data: list[dict[str, Any]] = []
    typo_rows: list[dict[str, Any]] = []
    for title, paragraphs in PARAGRAPHS.items():
        entries = []
        for context, questions in paragraphs:
            qas = []
            for clean, typed, answer in questions:
                qid = f"q{len(typo_rows)}"
                qas.append({"id": qid, "question": clean,
                            "answers": [{"text": answer, "answer_start": context.index(answer)}]})
                typo_rows.append({"qid": qid, "question": typed, "clean": clean, "answers": [answer],
                                  "slips": [["x", "y", "neighbour key"]]})
            entries.append({"context": context, "qas": qas})
        data.append({"title": title, "paragraphs": entries})
    squad_file, typo_file = tmp_path / "squad.json", tmp_path / "typos.json"
    squad_file.write_text(json.dumps({"version": "1.1", "data": data}), encoding="utf-8")
    typo_file.write_text(json.dumps({"about": "test", "questions": typo_rows}), encoding="utf-8")
    return squad_file, typo_file


def quality(scores: SquadScores) -> dict[str, Any]:
    """A score's figures without its times (they differ from run to run)."""
    return {k: v for k, v in scores.to_json().items() if not k.endswith("_ms")}


async def test_typo_run_gates_each_system_at_the_threshold_squad_gates_it_at(tmp_path: Path) -> None:
    squad_file, typo_file = write_files(tmp_path)
    opts = RunOptions(before=True)
    squad_run = await run_squad(squad_file, opts, 0.13)
    typo_run = await run_typos(squad_file, opts, 0.13, typo_file)
    names = [s.system for s in typo_run.clean]
    assert names == [s.system for s in squad_run.scores]
    assert "articlebot (threshold 0.13)" in names
    assert f"{BEFORE} (threshold {BEFORE_THRESHOLD:g})" in names
    assert [s.system for s in typo_run.typos] == names
    assert [quality(s) for s in typo_run.clean] == [quality(s) for s in squad_run.scores]
