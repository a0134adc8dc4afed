"""Run the evaluations: build throw-away indexes, ask every question of both systems, score.

Each run writes its articles as ``.txt`` files into a temporary folder, indexes them with
articlebot's engine (same pipeline as real files) and with the naive baseline, and asks the
questions one by one, in the same process, so the timings are comparable.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from index.evaluation import speaker_set, squad
from index.evaluation.question_records import Record, squad_records
from index.evaluation.scores import (
    K_MAX,
    NoAnswerScores,
    SpeakerScores,
    SquadScores,
    sample,
    score_noanswer,
    score_speakers,
    score_squad,
)
from index.evaluation.systems import BaselineSystem, EngineSystem, Response, System
from index.store.sql import in_schema, is_postgres

Progress = Callable[[str], None]


def engine_available() -> bool:
    """True when articlebot's engine can be imported."""
    try:
        import index.engine  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(slots=True)
class RunOptions:
    """What every run shares: question limit, systems to run, engine overrides."""

    limit: int | None = None
    engine: bool = True
    baseline: bool = True
    engine_config: dict[str, Any] = field(default_factory=dict)
    progress: Progress = lambda _msg: None
    before: bool = False  # also the engine as before issue 12 (plain highlight, coverage confidence)

    def without_before(self) -> RunOptions:
        """These options without the "before" system."""
        return replace(self, before=False)


BEFORE = "before (issue 12)"
BEFORE_THRESHOLD = 0.45  # the default answer threshold before issue 12, on the coverage scale


async def _systems(folder: Path, work: Path, opts: RunOptions) -> list[System]:
    """The systems asked, built over ``folder`` (the engine's database goes in ``work``)."""
    systems: list[System] = []
    if opts.engine and engine_available():
        opts.progress(f"indexing {folder} with articlebot")
        engine_config = _own_store(opts.engine_config, work)
        systems.append(await EngineSystem.build(folder, work / "eval.db", **engine_config))
        if opts.before:
            config = {"answer_threshold": BEFORE_THRESHOLD, **engine_config, "typed_answers": False}
            systems.append(await EngineSystem.build(folder, work / "eval.db", BEFORE, BEFORE_THRESHOLD, **config))
    elif opts.engine:
        opts.progress("articlebot's engine is not available; baseline only")
    if opts.baseline:
        opts.progress(f"indexing {folder} with the baseline")
        systems.append(BaselineSystem.from_folder(folder))
    return systems


def _own_store(engine_config: dict[str, Any], work: Path) -> dict[str, Any]:
    """``engine_config`` with a PostgreSQL ``database`` narrowed to a schema of this run's own
    (SQLite's file is already the run's, in ``work``): runs must not see each other's articles."""
    database = str(engine_config.get("database", ""))
    if not is_postgres(database):
        return engine_config
    return {**engine_config, "database": in_schema(database, "eval_" + work.name.replace("-", "_").lower())}


async def ask_all(system: System, questions: Sequence[str], top: int = K_MAX) -> list[Response]:
    """``system``'s reply to each question, in order."""
    return [await system.ask(q, top) for q in questions]


async def _close(systems: Sequence[System]) -> None:
    for system in systems:
        if isinstance(system, EngineSystem):
            await system.close()


async def _answers(folder: Path, tmp: Path, opts: RunOptions, questions: Sequence[str]
                   ) -> list[tuple[System, list[Response]]]:
    """Index ``folder`` with each system, ask every question of each, close the systems."""
    systems = await _systems(folder, tmp, opts)
    try:
        answers = []
        for system in systems:
            opts.progress(f"asking {len(questions)} questions of {system.name}")
            answers.append((system, await ask_all(system, questions)))
        return answers
    finally:
        await _close(systems)


@dataclass(frozen=True, slots=True)
class SquadRun:
    """Scores of each system on a SQuAD file, and what was indexed."""

    file: str
    articles: int
    paragraphs: int
    questions: int
    scores: tuple[SquadScores, ...]
    records: tuple[Record, ...] = ()  # one per question and system (``question_records``)


async def run_squad(path: Path, opts: RunOptions, gate: float | None = None) -> SquadRun:
    """Index every article of the SQuAD file, ask (a sample of) its questions.

    Every article is indexed, so every question has an answer: the engine runs with its
    answer threshold at 0 (ranking quality). With ``gate``, a second articlebot row shows
    what ``articlebot ask`` gives at that threshold (no quote when confidence < gate).
    """
    data = squad.load_squad(path)
    questions = sample(data.questions, opts.limit)
    golds = [q.answers for q in questions]
    every = _all_answered(opts)
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
        folder = Path(tmp) / "articles"
        squad.write_articles(data, folder)
        answers = await _answers(folder, Path(tmp), every, [q.question for q in questions])
    scores, records = [], list[Record]()
    for system, responses in answers:
        scores.append(score_squad(system.name, responses, golds))
        threshold = answering_threshold(system, gate)
        if threshold is not None:
            gated = [gated_response(r, threshold) for r in responses]
            scores.append(score_squad(f"{system.name} (threshold {threshold:g})", gated, golds))
        records.extend(squad_records(system.name, data, questions, responses, threshold))
    n_paras = sum(len(a.paragraphs) for a in data.articles)
    return SquadRun(str(path), len(data.articles), n_paras, len(questions), tuple(scores), tuple(records))


def _all_answered(opts: RunOptions) -> RunOptions:
    """``opts`` with the engine's answer threshold at 0, so every question gets quotes."""
    return replace(opts, engine_config={**opts.engine_config, "answer_threshold": 0.0})


def answering_threshold(system: System, gate: float | None) -> float | None:
    """The answer threshold ``system`` replies at: its own when it has one (the "before" engine's
    0.45 is on another scale), else ``gate`` (the settings'); None for the baseline, which
    answers every question."""
    if not isinstance(system, EngineSystem):
        return None
    return system.threshold if system.threshold is not None else gate


def gated_response(response: Response, threshold: float) -> Response:
    """What the system replies at ``threshold``: no quotes when confidence is below it."""
    if response.confidence >= threshold:
        return response
    return Response(False, (), None, response.confidence, response.seconds)


@dataclass(frozen=True, slots=True)
class NoAnswerRun:
    """Scores of each system when only half of the SQuAD articles are indexed."""

    file: str
    indexed_articles: int
    questions: int
    scores: tuple[NoAnswerScores, ...]


async def run_noanswer(
    path: Path, opts: RunOptions, thresholds: dict[str, float] | None = None
) -> NoAnswerRun:
    """Index the even-numbered articles, ask questions of all; ``thresholds`` by system name.

    The engine runs with its answer threshold at 0 so every question gets a confidence;
    "answered" at the threshold in force is then ``confidence >= threshold``.
    """
    data = squad.load_squad(path)
    indexed, _ = squad.split_halves(len(data.articles))
    questions = sample(data.questions, opts.limit)
    golds = [q.answers for q in questions]
    flags = [q.article in indexed for q in questions]
    every = _all_answered(opts)
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
        folder = Path(tmp) / "articles"
        squad.write_articles(data, folder, only=indexed)
        answers = await _answers(folder, Path(tmp), every, [q.question for q in questions])
    chosen = {BEFORE: BEFORE_THRESHOLD, **(thresholds or {})}
    scores = [
        score_noanswer(system.name, responses, golds, flags, chosen.get(system.name, 0.0))
        for system, responses in answers
    ]
    return NoAnswerRun(str(path), len(indexed), len(questions), tuple(scores))


@dataclass(frozen=True, slots=True)
class SpeakerRun:
    """Scores of each system on questions generated from a news folder's quotes."""

    folder: str
    articles: int
    quotes: int
    questions: int
    scores: tuple[SpeakerScores, ...]
    examples: tuple[str, ...]


async def run_speakers(folder: Path, opts: RunOptions) -> SpeakerRun:
    """Index the news folder as is, ask the generated speaker questions."""
    corpus = speaker_set.load_corpus(folder)
    questions = sample(speaker_set.make_questions(corpus), opts.limit)
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
        answers = await _answers(folder, Path(tmp), opts.without_before(), [q.question for q in questions])
    has_topic = [q.topic is not None for q in questions]
    scores = []
    for system, responses in answers:
        correct = [speaker_set.judge(q, r.hits[0] if r.hits else None, corpus) for q, r in zip(questions, responses)]
        scores.append(score_speakers(system.name, correct, has_topic, [r.seconds for r in responses]))
    n_quotes = sum(len(q) for q in corpus.quotes.values())
    examples = tuple(q.question for q in sample(questions, 6))
    return SpeakerRun(str(folder), len(corpus.titles), n_quotes, len(questions), tuple(scores), examples)
