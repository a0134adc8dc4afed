"""From an answer to the conversation's next topic, and the checks follow-ups need."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace

from index.answering.speaker_questions import SpeakerQuery, same_person, speaker_question
from index.answering.word_rarity import english_frequencies
from index.config import ConversationParams
from index.conversation.context import Topic
from index.conversation.credited import asked_people, named_speaker, person_behind, says
from index.conversation.followup import Reading
from index.conversation.kinds import Kind, evidence, kind_from
from index.engine import Engine
from index.ingest.names import name_key
from index.models import Answer, Quote
from index.tokenize import STOPWORDS, stem, stemmed, words

ASKING_WORDS_ZIPF = ConversationParams().asking_words_zipf

_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][\w'’-]+)")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", *calendar.month_name[1:], *calendar.day_name})


def quotes_by(quotes: Iterable[Quote], speaker: str) -> list[Quote]:
    """The quotes whose bold sentence ``speaker`` says (``index.conversation.credited.says``)."""
    return [q for q in quotes if says(speaker, q.speaker, q.highlight)]


async def starts_fresh(engine: Engine, question: str, article_id: int | None, *, refers_back: bool) -> bool:
    """True when ``question`` names someone or something (a capitalised word past its start, or
    the speaker of "what did X say?") and article ``article_id`` lacks what it asks about: one of
    its names, or, when it does not refer back ("how many jobs will Deutsche Bank cut?" after an
    article that mentions the bank but no jobs), one of its other words except the commonest
    English ones (``asks_about``). Such a question names its own subject: it starts a fresh topic."""
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
    if any(not set(words(name)) <= present for name in names):
        return True
    # the article's search terms from its distinct words: each stemmed once, the text not read again
    return not refers_back and not asks_about(question, asked) <= set(stemmed(present))


def asks_about(question: str, asked: SpeakerQuery | None) -> set[str]:
    """The search terms of what ``question`` asks about: for "what did X say about Y?" Y's, else
    the question's; without the words English uses most ("many", "get", "say": Zipf
    ``ConversationParams.asking_words_zipf`` and up), which say how it asks, not about what."""
    frequencies = english_frequencies()
    if not frequencies:  # no table: every word would look rare
        return set()
    about = (asked.topic or "") if asked is not None else question
    return {stem(word) for word in words(about)
            if word not in STOPWORDS and frequencies.get(word, 0.0) < ASKING_WORDS_ZIPF}


async def next_topic(engine: Engine, answer: Answer, previous: Topic | None, reading: Reading | None) -> Topic:
    """The topic after ``answer``: its first quote's article and speaker; the passages shown
    add up while the conversation stays on the same article (or speaker, for "what else")."""
    top = answer.quotes[0]
    speaker = await _speaker(engine, answer)
    shown = frozenset(q.passage_id for q in answer.quotes)
    question = answer.question
    organisation = None  # told when a follow-up names the speaker by a pronoun (``with_kind``)
    if previous is not None and reading in (Reading.MORE, Reading.MORE_FROM_SPEAKER):
        shown |= previous.shown
        question = previous.question
        if previous.speaker:
            speaker, organisation = previous.speaker, previous.organisation
    elif previous is not None and previous.article_id == top.article_id:
        shown |= previous.shown
    return Topic(question, top.article_id, top.citation.title, speaker, shown, (top.passage_id, top.highlight_start),
                 organisation)


async def with_kind(engine: Engine, topic: Topic) -> Topic:
    """``topic`` with whether the articles tell its speaker as an organisation
    (``index.conversation.kinds``): by the words of its article, else of every passage naming
    them. Asked only when a follow-up says "he", "she" or "it", not after every answer."""
    if not topic.speaker or topic.organisation is not None or not topic.speaker.split():
        return topic
    texts = [row.text for row in await engine.store.article_passages(topic.article_id)] if topic.article_id else []
    seen = evidence(topic.speaker, texts)
    if not any(seen):
        generation = (await engine.searcher()).generation
        texts = [row.text for row in await engine.store.passages_mentioning(generation, topic.speaker.split()[-1])]
        seen = evidence(topic.speaker, texts)
    return replace(topic, organisation=kind_from(topic.speaker, seen) is Kind.ORGANISATION)


async def _speaker(engine: Engine, answer: Answer) -> str | None:
    """Who the answer is about: the asked speaker as the article names them ("Kirby" ->
    "John Kirby"), else the person the first quote's bold sentence credits: its speaker (through
    a role: "said Yukos chief executive Steven Theede"), or a person it names: the one the
    question names when quoted anywhere ("Who is Jose Mourinho?"), else one the article quotes
    (``index.conversation.credited``)."""
    top = answer.quotes[0]
    asked = speaker_question(answer.question)
    if top.speaker and (asked is None or same_person(asked.name, top.speaker)):
        return person_behind(top.speaker, top.highlight)
    if asked is not None:
        return asked.name
    rows = await engine.store.passages_by_ids([top.passage_id])
    row = rows.get(top.passage_id)
    if row is None:
        return None
    bold = next((i for i, (s, e) in enumerate(row.sentences) if s <= top.highlight_start < e), None)
    direct = [name for name, sentence, is_direct in row.speakers if sentence == bold and is_direct]
    if direct:
        return person_behind(direct[0], top.highlight)
    credited = {name for passage in await engine.store.article_passages(top.article_id)
                for name, _, is_direct in passage.speakers if is_direct}
    found = named_speaker(top.highlight, credited, answer.question)
    named = asked_people(top.highlight, answer.question)
    if found is not None and found in named:
        return found
    for name in named:  # the person asked about, quoted in another article: "he" is them
        if await _quoted_anywhere(engine, name):
            return name
    return found


async def _quoted_anywhere(engine: Engine, name: str) -> bool:
    """True when some passage credits ``name`` with a quote."""
    generation = (await engine.searcher()).generation
    rows = await engine.store.passages_mentioning(generation, name_key(name)[-1])
    return any(is_direct and same_person(name, credited) for row in rows for credited, _, is_direct in row.speakers)
