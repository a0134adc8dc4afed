"""Hand-written questions over the BBC archive: right article, bold answer, reply length.

``docs/bbc-questions.tsv`` holds one question a line: the article file that answers it
(relative to the archive; other articles that state the same answer after it, separated by
``|``), the question and the answer's words (alternatives separated by ``|``); an empty file means the archive does not answer it, and the reply should be
refused or hedged (a note saying the passage may not answer). The questions were written
by reading the articles and are not used to tune anything.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from index.evaluation.metrics import contains_answer, median, share
from index.evaluation.runs import RunOptions, _close, _systems
from index.evaluation.systems import EngineSystem

ReplyChars = Callable[[Any], int]  # an ``Answer`` -> characters of the Discord reply it becomes


@dataclass(frozen=True, slots=True)
class BBCQuestion:
    """One question, the file that answers it ("" when none does) and the answer's words."""

    file: str  # "a.txt|b.txt": each of these articles answers it
    question: str
    answers: tuple[str, ...]

    @property
    def files(self) -> tuple[str, ...]:
        """The articles that answer the question."""
        return tuple(f for f in self.file.split("|") if f)


def read_questions(path: Path) -> list[BBCQuestion]:
    """The questions of a tab-separated file (``#`` lines are comments)."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{path}:{number}: expected file, question and answer separated by tabs")
        file, question, answer = parts
        questions.append(BBCQuestion(file.strip(), question.strip(), tuple(a for a in answer.split("|") if a)))
    return questions


@dataclass(frozen=True, slots=True)
class BBCScores:
    """One system's figures on the hand-written questions."""

    system: str
    answerable: int
    answered: float  # share of answerable questions given quotes
    right_article: float  # share whose top quote is from the expected article
    bold_answer: float  # share whose top quote is from it and has the answer in bold
    absent: int
    absent_declined: float  # share of unanswerable questions refused or hedged
    median_reply_chars: float | None
    max_reply_chars: int | None
    median_ms: float

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--json``."""
        return asdict(self)


def score(system: str, questions: Sequence[BBCQuestion], answers: Sequence[Any], seconds: Sequence[float],
          reply_chars: ReplyChars | None, titles: dict[str, str], texts: dict[str, str] | None = None) -> BBCScores:
    """Figures of ``answers`` (``Answer`` or None each) to ``questions``.

    The archive holds some stories twice, under the same title (politics/083 and 285) or a
    slightly different one (tech/037 "US woman sues over cartridges" and tech/333 "… ink
    cartridges", word for word the same text): a quote from a copy is from the right
    article, so ``titles`` gives each file's title and ``texts`` its text (whitespace runs
    as one space), which a copy's quoted passage occurs in.
    """
    answerable = [(q, a) for q, a in zip(questions, answers) if q.file]
    absent = [a for q, a in zip(questions, answers) if not q.file]
    top = [(q, a.quotes[0] if a is not None and a.answered and a.quotes else None) for q, a in answerable]
    texts = texts or {}
    right = [quote is not None and any(Path(quote.citation.source).as_posix().endswith(f)
                                       or quote.citation.title == titles.get(f)
                                       or _quotes_from(quote, texts.get(f, "")) for f in q.files) for q, quote in top]
    bold = [ok and quote is not None and contains_answer(quote.highlight, q.answers)
            for ok, (q, quote) in zip(right, top)]
    lengths = [reply_chars(a) for a in answers if a is not None] if reply_chars else []
    return BBCScores(
        system=system,
        answerable=len(answerable),
        answered=share([quote is not None for _, quote in top]),
        right_article=share(right),
        bold_answer=share(bold),
        absent=len(absent),
        absent_declined=share([a is None or not a.answered or bool(a.note) for a in absent]),
        median_reply_chars=statistics.median(lengths) if lengths else None,
        max_reply_chars=max(lengths) if lengths else None,
        median_ms=median([s * 1000 for s in seconds]),
    )


def _quotes_from(quote: Any, text: str) -> bool:
    """True when ``quote``'s passage occurs word for word in ``text`` (an article's text with
    whitespace runs as one space): the same story reposted under another title."""
    passage = " ".join(quote.text.split())
    return bool(passage) and passage in text


@dataclass(frozen=True, slots=True)
class BBCRun:
    """Scores of each engine system on the question file over the archive."""

    file: str
    questions: int
    scores: tuple[BBCScores, ...]


async def run_bbc_questions(folder: Path, file: Path, opts: RunOptions, top: int = 3,
                            reply_chars: ReplyChars | None = None) -> BBCRun:
    """Index ``folder``, ask each question of ``file`` of articlebot (and its "before")."""
    return (await run_bbc_question_files(folder, [file], opts, top, reply_chars))[0]


async def run_bbc_question_files(folder: Path, files: Sequence[Path], opts: RunOptions, top: int = 3,
                                 reply_chars: ReplyChars | None = None) -> list[BBCRun]:
    """``run_bbc_questions`` for each of ``files`` (the written set and the held-out one), on one index."""
    sets = [read_questions(file) for file in files]
    articles = {f: _article(folder / f) for questions in sets for q in questions for f in q.files}
    titles = {f: title for f, (title, _) in articles.items()}
    texts = {f: text for f, (_, text) in articles.items()}
    engines_only = RunOptions(opts.limit, opts.engine, False, opts.engine_config, opts.progress, opts.before)
    scores: list[list[BBCScores]] = [[] for _ in files]
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
        systems = await _systems(folder, Path(tmp), engines_only)
        try:
            for system in (s for s in systems if isinstance(s, EngineSystem)):
                for questions, found in zip(sets, scores):
                    opts.progress(f"asking {len(questions)} hand-written questions of {system.name}")
                    replies = [await system.answer(q.question, top) for q in questions]
                    found.append(score(system.name, questions, [a for a, _ in replies],
                                       [s for _, s in replies], reply_chars, titles, texts))
        finally:
            await _close(systems)
    return [BBCRun(str(file), len(questions), tuple(found)) for file, questions, found in zip(files, sets, scores)]


def _article(path: Path) -> tuple[str, str]:
    """An article file's title (its first line) and its text with whitespace runs as one
    space; empty when it cannot be read."""
    try:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
    except OSError:
        return "", ""
    return title.strip(), " ".join(body.split())
