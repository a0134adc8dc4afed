"""Reading a question against the conversation's last answer (pure functions on ``str``).

"what else did he say?" asks for more of the last speaker; "he"/"she"/"his" name them when the
articles tell them as a person, "it" when not, "they" either way (``index.conversation.kinds``); "why?"
asks what explains the last answer (``index.conversation.reasons``), "when was that?" its date
(``index.conversation.when``); "and in 2005?" or "more about that" continue the last question; any other
question may still be about the last article ("how much did the shares fall?"), which the
conversation decides by looking in that article first (see ``index.conversation.converse``). A question that names
its own subject starts fresh there (``index.conversation.topics.starts_fresh``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from index.answering.excerpt import echoed
from index.answering.speaker_questions import same_person, speaker_question
from index.conversation.context import Topic
from index.tokenize import tokenize


class Reading(Enum):
    """How a question relates to the last answer."""

    MORE_FROM_SPEAKER = "more from the speaker"  # "what else did he say?"
    MORE = "more on the topic"  # "more about that", "anything else?"
    WHY = "the reason for the last answer"  # "why?", "how come?", "why did he say that?"
    WHEN = "the date of the last answer"  # "when was that?", "when?", "when did he say that?"
    CONTINUED = "the last question, continued"  # "and in 2005?", "when?"
    NAMED = "the last speaker named"  # "what did he say about Wimbledon?"
    REFERS = "refers back"  # "who did he send it to?" with no speaker known: a pronoun, no new name
    MAYBE = "perhaps about the last article"  # any other question while a topic is live


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A question read against ``topic``: what to ask, and whether to skip shown passages."""

    reading: Reading
    question: str
    topic: Topic

    @property
    def wants_new_passages(self) -> bool:
        """True when the member asked for something else than what was shown."""
        return self.reading in (Reading.MORE_FROM_SPEAKER, Reading.MORE)


_PRONOUN = r"(?:he|she|they|him|her|them|it)"
_SAY_VERBS = ("say", "said", "says", "tell", "told", "think", "thought", "add", "added", "comment", "mention", "claim")
_SAY = rf"(?:{'|'.join(_SAY_VERBS)})"
_MORE_FROM_PRONOUN = (
    re.compile(rf"^(?:and\s+|so\s+)?(?:what|anything)\s+else\s+(?:did|does|has|had|do|would)\s+{_PRONOUN}\s+{_SAY}\b", re.I),
    re.compile(rf"^(?:and\s+)?(?:did|does|has)\s+{_PRONOUN}\s+{_SAY}\s+(?:anything|something)\s+else\b", re.I),
    re.compile(rf"^(?:and\s+)?(?:any(?:thing)?|some|more)\s+(?:more\s+|else\s+|other\s+)?(?:quotes?\s+|words\s+)?(?:from|by)\s+{_PRONOUN}\W*$", re.I),
)
_MORE_FROM_SPEAKER = (
    *_MORE_FROM_PRONOUN,
    re.compile(rf"^(?:and\s+)?what\s+else\s+(?:did|does)\s+(.{{2,60}}?)\s+{_SAY}\b", re.I),
)
_MORE = re.compile(
    r"^(?:and\s+)?(?:(?:tell\s+me\s+)?more(?:\s+(?:about|on)\s+(?:that|this|it|him|her|them))?"
    r"|anything\s+else|what\s+else|go\s+on|continue|keep\s+going|more\s+please|and)\W*$",
    re.I,
)
_CONTINUED_LEAD = re.compile(r"^(?:and|but|so|what\s+about|how\s+about|and\s+what\s+about)\b\s*", re.I)
_BARE_QUESTION = re.compile(r"^(?:how|when|where|who|really|since\s+when)\W*$", re.I)
_WHY = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:why|how\s+come|how\s+so|for\s+what\s+reason|what\s+for)\b(.*)$", re.I)
_WHEN = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:when|on\s+what\s+(?:date|day)|(?:what|which)\s+(?:date|day|year)"
                   r"|since\s+when)\b(.*)$", re.I)
_SAY_WORDS = frozenset(tokenize(" ".join(_SAY_VERBS)))
_ELSE_WORDS = frozenset(tokenize("else"))
_HAPPEN_WORDS = frozenset(tokenize("happen happened happens take took place occur occurred"))
_PRONOUN_WORD = re.compile(r"\b(he|she|him|his|hers|her)\b", re.I)
_IT = re.compile(rf"\b(?:did|does|has|had|do|would|from|by)\s+it\b(?=.*\b{_SAY}\b|\W*$)", re.I)  # "what else did it say?"
_ANY_PRONOUN = re.compile(r"\b(?:he|she|him|his|hers|her|they|them|their|it|its)\b", re.I)  # a person or not
_REFERRING = re.compile(r"\b(?:he|she|him|his|hers|her|it|its|they|them|their|this|that|these|those)\b", re.I)


def read_follow_up(question: str, topic: Topic | None) -> FollowUp | None:
    """``question`` read against ``topic``; None when there is no live topic or it starts fresh."""
    if topic is None:
        return None
    text = " ".join(question.split()).strip()
    if topic.speaker and not _fits(text, topic):
        topic = replace(topic, speaker=None, organisation=False)  # "he" after "Yukos said …": not Yukos
    if _asks_more_of(text, topic):
        return FollowUp(Reading.MORE_FROM_SPEAKER, f"What did {topic.speaker} say?", topic)
    if _asks_why(text):
        return FollowUp(Reading.WHY, topic.question, topic)
    if _asks_when(text):
        return FollowUp(Reading.WHEN, f"{topic.question.rstrip(' ?.!')} when?", topic)
    if _MORE.match(text) or (not topic.speaker and _asks_more_of_someone(text)):
        # "what else did he say?" after an answer that quoted nobody: what else the article says
        return FollowUp(Reading.MORE, topic.question, topic)
    if _BARE_QUESTION.match(text) or (_CONTINUED_LEAD.match(text) and len(tokenize(text)) <= 3) or _bare_back(text):
        rest = _CONTINUED_LEAD.sub("", text).strip(" ?.!")
        return FollowUp(Reading.CONTINUED, f"{topic.question.rstrip(' ?.!')} {rest}".strip() + "?", topic)
    if topic.speaker and _PRONOUN_WORD.search(text):
        return FollowUp(Reading.NAMED, name_the_speaker(text, topic.speaker), topic)
    asked = speaker_question(text)
    if asked is not None and topic.speaker and not same_person(asked.name, topic.speaker):
        return None  # a new person: a fresh topic (unless quoted in the same article, see MAYBE)
    if _REFERRING.search(text) and not _MORE.match(text):
        return FollowUp(Reading.REFERS, text, topic)
    return FollowUp(Reading.MAYBE, text, topic)


def needs_topic_text(question: str) -> str | None:
    """What to say to a follow-up asked with no earlier answer ("what else did he say?", "why?",
    "more", "what did they say?"): it has nothing of its own to search for, only words pointing
    back (to a person or not: "they", "it"); None for any other question ("what else did he say
    about the budget?" has "budget" to search for)."""
    text = " ".join(question.split()).strip()
    points_back = bool(_MORE.match(text) or _BARE_QUESTION.match(text) or _bare_back(text)
                       or _asks_why(text) or _asks_when(text))
    if not points_back and (_asks_more_of_someone(text) or _ANY_PRONOUN.search(text)):
        points_back = set(tokenize(text)) <= _SAY_WORDS | _ELSE_WORDS
    if not points_back:
        return None
    return f"Ask a question first; “{echoed(text)}” follows up on the last answer."


def _asks_why(text: str) -> bool:
    """True for "why?", "how come?" or "why did he say that?": the reason, with no word of its
    own to search for (not "why did the shares fall?")."""
    match = _WHY.match(text)
    return match is not None and set(tokenize(match.group(1))) <= _SAY_WORDS


def _asks_when(text: str) -> bool:
    """True for "when was that?", "when?", "when did that happen?" or "when did he say it?": the
    date of what was shown, with no word of its own to search for (not "when did Rowling
    complete the novel?")."""
    match = _WHEN.match(text)
    return match is not None and set(tokenize(match.group(1))) <= _SAY_WORDS | _HAPPEN_WORDS


def names_by_pronoun(question: str) -> bool:
    """True when ``question`` names the last speaker by "he"/"she"/"his" or "it" (which only fit
    a person, or not one: ``_fits``)."""
    return bool(_PRONOUN_WORD.search(question) or _IT.search(" ".join(question.split())))


def _fits(text: str, topic: Topic) -> bool:
    """False when ``text`` names the last speaker by a pronoun that cannot stand for them:
    "he"/"she" for an organisation, "it" for a person ("they" may stand for either)."""
    if topic.organisation:
        return not _PRONOUN_WORD.search(text)
    return topic.organisation is None or not _IT.search(text)


def _bare_back(text: str) -> bool:
    """True for "when was that?" or "why is it?": no word to search for, only one pointing back."""
    return not tokenize(text) and bool(_REFERRING.search(text))


def _asks_more_of_someone(text: str) -> bool:
    """True for "what else did he say?" ("he", not a name), whoever "he" is."""
    return any(pattern.search(text) for pattern in _MORE_FROM_PRONOUN)


def _asks_more_of(text: str, topic: Topic) -> bool:
    """True for "what else did he say?" (or "… did <the last speaker> say?") with a speaker."""
    if not topic.speaker:
        return False
    for pattern in _MORE_FROM_SPEAKER:
        match = pattern.search(text)
        if match:
            named = match.groups()[0] if match.groups() else None
            return named is None or same_person(named, topic.speaker)
    return False


def name_the_speaker(text: str, speaker: str) -> str:
    """``text`` with he/she/him/her/his replaced by ``speaker`` ("his" -> "Kirby's")."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        return f"{speaker}'s" if word in ("his", "hers") else speaker

    return _PRONOUN_WORD.sub(swap, text)
