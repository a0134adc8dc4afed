"""From an answer to the conversation's next topic, and the checks follow-ups need."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from index.answering.speaker_questions import same_person, speaker_question
from index.conversation.context import Topic
from index.conversation.followup import Reading
from index.engine import Engine
from index.models import Answer, Quote
from index.tokenize import words

_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][\w'’-]+)")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", *calendar.month_name[1:], *calendar.day_name})


def quotes_by(quotes: Iterable[Quote], speaker: str) -> list[Quote]:
    """The quotes whose bold sentence ``speaker`` says."""
    return [q for q in quotes if q.speaker and same_person(speaker, q.speaker)]


async def names_outside(engine: Engine, question: str, article_id: int | None) -> bool:
    """True when ``question`` names someone or something (a capitalised word past its start)
    that article ``article_id`` never mentions: then it starts a fresh topic."""
    names = {m.group(1) for m in _NAME.finditer(question.strip())} - _NOT_NAMES
    asked = speaker_question(question)
    if asked is not None:
        names |= set(asked.name.split())
    if not names or article_id is None:
        return False
    passages = await engine.store.article_passages(article_id)
    if not passages:
        return True
    present = set(words(" ".join([passages[0].title, *(p.text for p in passages)])))
    return any(not set(words(name)) <= present for name in names)


async def next_topic(engine: Engine, answer: Answer, previous: Topic | None, reading: Reading | None) -> Topic:
    """The topic after ``answer``: its first quote's article and speaker; the passages shown
    add up while the conversation stays on the same article (or speaker, for "what else")."""
    top = answer.quotes[0]
    speaker = await _speaker(engine, answer)
    shown = frozenset(q.passage_id for q in answer.quotes)
    question = answer.question
    if previous is not None and reading in (Reading.MORE, Reading.MORE_FROM_SPEAKER):
        shown |= previous.shown
        question = previous.question
        speaker = previous.speaker or speaker
    elif previous is not None and previous.article_id == top.article_id:
        shown |= previous.shown
    return Topic(question, top.article_id, top.citation.title, speaker, shown)


async def _speaker(engine: Engine, answer: Answer) -> str | None:
    """Who the answer is about: the asked speaker as the article names them ("Kirby" ->
    "John Kirby"), else whoever speaks in the first quote's bold sentence."""
    top = answer.quotes[0]
    asked = speaker_question(answer.question)
    if top.speaker and (asked is None or same_person(asked.name, top.speaker)):
        return top.speaker
    if asked is not None:
        return asked.name
    rows = await engine.store.passages_by_ids([top.passage_id])
    row = rows.get(top.passage_id)
    if row is None:
        return None
    bold = next((i for i, (s, e) in enumerate(row.sentences) if s <= top.highlight_start < e), None)
    direct = [name for name, sentence, is_direct in row.speakers if sentence == bold and is_direct]
    return direct[0] if direct else None
