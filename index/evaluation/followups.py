"""Follow-up questions over BBC: answered from the right article with the conversation's
context, against the same follow-ups asked on their own.

``data/followups_bbc.jsonl`` holds pairs written from reading the articles: a first question,
a follow-up that leans on it ("how much did the shares fall?", "what else did he say?") and the
article (path relative to the BBC folder; a list when the archive holds the story twice) the
follow-up is about. A follow-up counts as right when its first quote, the article its archive
reply describes, or the article of its "that is all X says", is that article.

Two held-out sets were written later by QA from other articles, and never used to change the
code: ``data/followups_bbc_heldout.jsonl`` (pairs, including fresh questions after a first one,
which must leave the old topic) and ``data/archive_bbc_heldout.jsonl`` (archive questions:
who wrote / when published / what about / which articles mention; right when the reply is about
the article or lists it).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index.config import EngineConfig
from index.conversation import Conversations, Turn
from index.engine import Engine
from index.errors import QueryError

FOLLOWUPS = Path(__file__).with_name("data") / "followups_bbc.jsonl"
FOLLOWUPS_HELD_OUT = FOLLOWUPS.with_name("followups_bbc_heldout.jsonl")
ARCHIVE_HELD_OUT = FOLLOWUPS.with_name("archive_bbc_heldout.jsonl")


@dataclass(frozen=True, slots=True)
class FollowUpPair:
    """A first question, its follow-up, and the articles the follow-up is about."""

    first: str
    follow_up: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FollowUpScores:
    """How many follow-ups were answered from the right article, with and without context."""

    pairs: int
    first_right: int
    with_context: int
    without_context: int
    misses: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"pairs": self.pairs, "first_right": self.first_right, "with_context": self.with_context,
                "without_context": self.without_context,
                "with_context_share": round(self.with_context / max(self.pairs, 1), 4),
                "without_context_share": round(self.without_context / max(self.pairs, 1), 4),
                "misses": list(self.misses)}


def load_pairs(path: Path = FOLLOWUPS) -> list[FollowUpPair]:
    """The pairs of a JSON-lines file."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            wanted = row["article"] if isinstance(row["article"], list) else [row["article"]]
            pairs.append(FollowUpPair(row["first"], row["follow_up"], tuple(wanted)))
    return pairs


def answered_from(turn: Turn | None, articles: tuple[str, ...], ids: dict[str, int]) -> bool:
    """True when the turn's first quote, the article its archive reply is about (``ids``: path
    -> article id), or the topic it read "that is all" against, is one of ``articles``."""
    if turn is None:
        return False
    wanted = {ids[path] for path in ids if any(path.endswith(article) for article in articles)}
    if turn.answer is not None and turn.answer.answered and turn.answer.quotes:
        return turn.answer.quotes[0].article_id in wanted
    if turn.archive is not None:
        return turn.archive.article_id in wanted
    return turn.text is not None and turn.resolved is not None and turn.resolved.article_id in wanted


async def _ask(conversation: Conversations, key: str, question: str) -> Turn | None:
    try:
        return await conversation.ask(key, question)
    except QueryError:
        return None


async def score_followups(engine: Engine, pairs: list[FollowUpPair]) -> FollowUpScores:
    """Ask each pair in its own conversation, and each follow-up alone in another."""
    conversation = Conversations(engine)
    ids = {Path(source.source).as_posix(): source.article_id for source in await engine.sources()}
    first_right = with_context = without_context = 0
    misses = []
    for number, pair in enumerate(pairs):
        first = await _ask(conversation, f"pair-{number}", pair.first)
        first_right += answered_from(first, pair.articles, ids)
        followed = await _ask(conversation, f"pair-{number}", pair.follow_up)
        alone = await _ask(conversation, f"alone-{number}", pair.follow_up)
        right = answered_from(followed, pair.articles, ids)
        with_context += right
        without_context += answered_from(alone, pair.articles, ids)
        if not right:
            misses.append(f"{pair.first} → {pair.follow_up}")
    return FollowUpScores(len(pairs), first_right, with_context, without_context, tuple(misses))


def followups_md(scores: FollowUpScores, name: str = "follow-ups over BBC") -> str:
    """The scores as a Markdown table."""
    share = lambda n: f"{n}/{scores.pairs} ({n / max(scores.pairs, 1):.1%})"  # noqa: E731
    lines = [f"| {name} | answered from the right article |", "|---|---|",
             f"| first questions | {share(scores.first_right)} |",
             f"| follow-ups with the conversation's context | {share(scores.with_context)} |",
             f"| the same follow-ups asked alone | {share(scores.without_context)} |"]
    if scores.misses:
        lines += ["", "Missed with context:"] + [f"- {miss}" for miss in scores.misses]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ArchiveScores:
    """How many archive questions were answered about (or listed) the right article."""

    questions: int
    right: int
    misses: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"questions": self.questions, "right": self.right,
                "share": round(self.right / max(self.questions, 1), 4), "misses": list(self.misses)}

    def markdown(self) -> str:
        lines = ["| archive questions over BBC (held out) | about or listing the right article |", "|---|---|",
                 f"| asked alone | {self.right}/{self.questions} ({self.right / max(self.questions, 1):.1%}) |"]
        return "\n".join(lines + [f"- missed: {miss}" for miss in self.misses])


async def score_archive(engine: Engine, path: Path = ARCHIVE_HELD_OUT) -> ArchiveScores:
    """Ask each archive question in a fresh conversation; right when its reply is about the
    article or lists it."""
    conversation = Conversations(engine)
    ids = {Path(source.source).as_posix(): source.article_id for source in await engine.sources()}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right, misses = 0, []
    for number, row in enumerate(rows):
        turn = await _ask(conversation, f"archive-{number}", row["question"])
        wanted = {ids[p] for p in ids if p.endswith(row["article"])}
        reply = turn.archive if turn is not None else None
        found = reply is not None and (reply.article_id in wanted or any(i.article_id in wanted for i in reply.items))
        right += found
        if not found:
            misses.append(row["question"])
    return ArchiveScores(len(rows), right, tuple(misses))


@dataclass(frozen=True, slots=True)
class FollowUpRun:
    """The three scores of one run: the pairs written with the feature, QA's held-out pairs and
    archive questions."""

    written: FollowUpScores
    held_out: FollowUpScores
    archive: ArchiveScores

    def to_json(self) -> dict[str, object]:
        return {**self.written.to_json(), "held_out": self.held_out.to_json(),
                "archive_held_out": self.archive.to_json()}

    def markdown(self) -> str:
        return "\n\n".join((followups_md(self.written), followups_md(self.held_out, "held-out follow-ups over BBC"),
                             self.archive.markdown()))


async def run_followups(bbc: Path, db: Path | None = None) -> FollowUpRun:
    """Score the three sets on an index of the BBC folder ``bbc``: ``db`` when given (built there
    if empty), else one built in a temporary folder."""
    async def run(path: Path) -> FollowUpRun:
        async with await Engine.open(EngineConfig(db_path=path, article_dirs=(bbc,))) as engine:
            if not await engine.sources():
                await engine.reindex()
            return FollowUpRun(await score_followups(engine, load_pairs()),
                               await score_followups(engine, load_pairs(FOLLOWUPS_HELD_OUT)),
                               await score_archive(engine))

    if db is not None:
        return await run(db)
    with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as folder:
        return await run(Path(folder) / "bbc.db")
