"""A conversation: questions answered in the light of the last answer, and archive questions.

``Conversations.ask(key, question)`` is what the console chat and the Discord bot call instead
of ``Engine.ask`` when they keep a conversation (``key`` names it: a DM, a channel and member,
a thread). Archive questions go to ``records``; follow-ups (``followup``) are looked up in the
last answer's article first, then in the whole archive; any other question is asked as it is.
Each answer becomes the conversation's topic.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from index.answering.answer import check_question
from index.config import ConversationParams
from index.conversation.archive import archive_question
from index.conversation.context import ContextStore, Topic
from index.conversation.dates import DateRange, date_filter, parse_day
from index.conversation.followup import FollowUp, Reading, names_by_pronoun, needs_topic_text, read_follow_up
from index.conversation.reasons import reason_answer
from index.conversation.records import ArchiveReply, answer_archive, archive_dates
from index.conversation.topics import next_topic, quotes_by, starts_fresh, with_kind
from index.conversation.when import date_answer
from index.engine import Engine
from index.models import Answer

POOL = ConversationParams().pool
IN_ARTICLE_EVIDENCE = ConversationParams().in_article_evidence


@dataclass(frozen=True, slots=True)
class Turn:
    """What the conversation says to one question: an answer, an archive reply, or a sentence.

    ``resolved`` is the topic a follow-up was read against (``resolved.label()`` names it:
    "Jimmy Connors, in *Connors boost for British tennis*"); None for a fresh question.
    """

    answer: Answer | None = None
    archive: ArchiveReply | None = None
    text: str | None = None
    resolved: Topic | None = None

    @property
    def sentence(self) -> str | None:
        """The sentence front ends show instead of quotes: ``text``, or why an unanswered
        answer quoted nothing when it says why ("No quote from articles dated in 2023 …")."""
        if self.text is not None:
            return self.text
        answer = self.answer
        return answer.note if answer is not None and not answer.answered and answer.note else None


class Conversations:
    """Many conversations over one engine, each with its own short-lived topic."""

    def __init__(self, engine: Engine, contexts: ContextStore | None = None) -> None:
        self.engine = engine
        self.contexts = contexts if contexts is not None else ContextStore()
        self._dated: tuple[int, bool] | None = None  # (generation, whether any article has a date)

    def forget(self, key: Hashable) -> None:
        """Start ``key``'s conversation afresh."""
        self.contexts.forget(key)

    def remember(self, key: Hashable, topic: Topic) -> None:
        """Make ``topic`` ``key``'s context (e.g. a thread opened for an answer given elsewhere)."""
        self.contexts.put(key, topic)

    async def ask(self, key: Hashable, question: str, *, top: int | None = None,
                  article: str | None = None) -> Turn:
        """Answer ``question`` in ``key``'s conversation; raises ``QueryError`` like ``Engine.ask``."""
        top = top or self.engine.config.top
        topic = self.contexts.get(key)
        stripped, dates = date_filter(question)
        asked = archive_question(stripped) if not article else None
        if asked is not None:
            reply = await answer_archive(self.engine, asked, topic, dates)
            if reply.article_id is not None:
                # Its title, not the question ("what is it about?" has no words to search
                # for), is what "tell me more" or "and in 2005?" continue.
                self.contexts.put(key, _archive_topic(reply, question, topic))
            elif reply.items:  # a listing: "when?" asks about the articles listed, not the answer before
                self.contexts.put(key, Topic(asked.subject or question, listed=tuple(
                    item.article_id for item in reply.items if item.article_id is not None)))
            return Turn(archive=reply)
        if topic is None and not article:
            typed = check_question(question, self.engine.config.answer.max_question_chars)  # "too long" first, as Engine.ask
            if (first := needs_topic_text(typed)) is not None:
                return Turn(answer=Answer(question, False, note=first))  # "what else did he say?" of nobody
        if topic is not None and names_by_pronoun(question):
            topic = await with_kind(self.engine, topic)  # "he" after "Yukos said …" is not Yukos
        undated = dates is not None and not await self._has_dates()
        follow = None if article else read_follow_up(question if undated else stripped, topic)
        turn = await self._answer(question if undated else stripped, follow, top, None if undated else dates, article)
        if undated and dates is not None and not _answered(turn):
            # The files carry no dates: "in March 2024" can only be words to search for. When
            # they find nothing, answer without them, and say why.
            turn = await self._answer(stripped, follow, top, None, article)
            if turn.answer is not None and turn.answer.answered:
                note = f"The articles carry no dates, so “{dates.words}” could not narrow the search."
                turn = replace(turn, answer=replace(turn.answer, note=" ".join(filter(None, (note, turn.answer.note)))))
        await self._keep(key, turn, follow)
        return turn

    async def _answer(self, question: str, follow: FollowUp | None, top: int, dates: DateRange | None,
                      article: str | None) -> Turn:
        """The turn for a quote question: as a follow-up when it reads as one, else fresh."""
        if follow is not None and follow.reading is Reading.CONTINUED and await starts_fresh(
                self.engine, question, follow.topic.article_id, refers_back=True):
            follow = None  # "what about Wenger?" after an article without him: his own question
        turn = await self._follow(follow, top, dates) if follow else None
        return turn or Turn(answer=await self._ask(question, top, dates, article=article))

    async def _follow(self, follow: FollowUp, top: int, dates: DateRange | None) -> Turn | None:
        """The turn for a follow-up, or None when it is better asked as a fresh question."""
        topic = follow.topic
        if follow.wants_new_passages:
            return await self._more(follow, top, dates)
        if follow.reading is Reading.WHY:
            return await self._why(topic)
        if follow.reading is Reading.WHEN and topic.listed:  # after an archive reply: when it was published
            return Turn(archive=await archive_dates(self.engine, topic.listed), resolved=topic)
        if follow.reading is Reading.WHEN and (dated := await self._when(topic)) is not None:
            return dated  # else (no passage shown) the last question, asked with "when"
        guessed = follow.reading in (Reading.MAYBE, Reading.REFERS)
        if guessed:
            if await starts_fresh(self.engine, follow.question, topic.article_id,
                                  refers_back=follow.reading is Reading.REFERS):
                return None  # it names its own subject: someone or something the last article lacks
            fresh = await self._ask(follow.question, top, dates)
            if fresh.answered and fresh.quotes and fresh.quotes[0].article_id == topic.article_id:
                return Turn(answer=fresh)  # the same article either way: not a follow-up
        evidence = 0.0 if follow.reading is Reading.REFERS else IN_ARTICLE_EVIDENCE
        answer = await self._ask(follow.question, top, dates, article_id=topic.article_id, threshold_share=evidence)
        if answer.answered and answer.quotes:
            return Turn(answer=answer, resolved=replace(topic, speaker=None) if guessed else topic)
        if guessed:
            return None
        answer = await self._ask(follow.question, top, dates)
        return Turn(answer=answer, resolved=replace(topic, title=None, article_id=None))

    async def _more(self, follow: FollowUp, top: int, dates: DateRange | None) -> Turn:
        """Passages not shown yet: of the same speaker, or on the same question; the last
        article first, then the whole archive; else the honest "that is all"."""
        topic = follow.topic
        speaker = topic.speaker if follow.reading is Reading.MORE_FROM_SPEAKER else None
        for article_id in (topic.article_id, None):
            answer = await self._ask(follow.question, POOL, dates, article_id=article_id)
            fresh = [q for q in (*answer.quotes, *answer.more) if q.passage_id not in topic.shown]
            if speaker:
                fresh = quotes_by(fresh, speaker)
            if answer.answered and fresh:
                where = topic if article_id is not None else replace(topic, title=None, article_id=None)
                return Turn(answer=replace(answer, quotes=tuple(fresh[:top]), more=tuple(fresh[top:]), note=""),
                            resolved=where)
        if speaker:
            return Turn(text=f"That is all {speaker} says in the articles.", resolved=topic)
        return Turn(text=f"That is all I found on “{topic.question}”.", resolved=topic)

    async def _why(self, topic: Topic) -> Turn | None:
        """The passage after the one shown, in the same article, or the plain "no reason"; None
        (asked as the last question, continued) when no passage of an article was shown."""
        return _turn_of(await reason_answer(self.engine, topic), topic)

    async def _when(self, topic: Topic) -> Turn | None:
        """The dated sentence nearest the one shown, the article's date or the plain "no date";
        None (asked as the last question, continued) when no passage of an article was shown."""
        return _turn_of(await date_answer(self.engine, topic), topic)

    async def _ask(self, question: str, top: int, dates: DateRange | None, *, article: str | None = None,
                   article_id: int | None = None, threshold_share: float = 1.0) -> Answer:
        """``Engine.ask``, keeping only quotes from articles dated within ``dates`` if given."""
        answer = await self.engine.ask(question, top=top if dates is None else POOL, article=article,
                                       article_id=article_id, threshold_share=threshold_share)
        if dates is None:
            return answer
        kept = [q for q in (*answer.quotes, *answer.more) if dates.holds(q.citation.date)]
        if not kept:
            return Answer(answer.question, False, note=f"No quote from articles dated {dates.words} answers that.")
        return replace(answer, quotes=tuple(kept[:top]), more=tuple(kept[top:]))

    async def _keep(self, key: Hashable, turn: Turn, follow: FollowUp | None) -> None:
        """Make the turn's answer ``key``'s topic (a turn with no quotes keeps the old one)."""
        answer = turn.answer
        if answer is None or not answer.answered or not answer.quotes:
            return
        previous = follow.topic if follow else None
        topic = await next_topic(self.engine, answer, previous, follow.reading if follow else None)
        self.contexts.put(key, topic)

    async def _has_dates(self) -> bool:
        """True when at least one indexed article carries a date (cached per generation)."""
        generation = (await self.engine.searcher()).generation
        if self._dated is None or self._dated[0] != generation:
            rows = await self.engine.store.articles(generation)
            self._dated = (generation, any(parse_day(row.date) for row, _ in rows))
        return self._dated[1]


def _turn_of(found: Answer | str | None, topic: Topic) -> Turn | None:
    """The turn of a follow-up that reads the shown passage again ("why?", "when?"): its answer or
    its plain sentence, resolved to ``topic``; None when it found nothing to read."""
    if found is None:
        return None
    if isinstance(found, str):
        return Turn(text=found, resolved=topic)
    return Turn(answer=found, resolved=topic)


def _answered(turn: Turn) -> bool:
    """True when the turn quotes something or says something (an archive reply included)."""
    answer = turn.answer
    return turn.text is not None or turn.archive is not None or (
        answer is not None and answer.answered and bool(answer.quotes))


def _archive_topic(reply: ArchiveReply, question: str, previous: Topic | None) -> Topic:
    """The topic after an archive reply about one article: its title (what "tell me more"
    continues); the speaker and passages shown stay while it is the last answer's article
    ("who wrote it?" then "why?" or "what else did he say?" still follow that answer), but "when?"
    asks when the article was published (``Topic.listed``)."""
    listed = () if reply.article_id is None else (reply.article_id,)
    if previous is not None and previous.article_id == reply.article_id:
        return Topic(reply.title or question, reply.article_id, reply.title, previous.speaker, previous.shown,
                     previous.focus, previous.organisation, listed)
    return Topic(reply.title or question, reply.article_id, reply.title, listed=listed)
