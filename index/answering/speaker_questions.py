"""Questions about speakers: "what did X say (about Y)?", "what does X think of Y?" and
"according to X, …" read into ``SpeakerQuery(name, topic)``, and whether an asked name fits
a speaker found at index time (``index.ingest.speakers``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from index.answering.excerpt import echoed
from index.ingest.names import name_key
from index.ingest.roles import without_role


@dataclass(frozen=True, slots=True)
class SpeakerQuery:
    """A question about what ``name`` said, optionally about ``topic``."""

    name: str
    topic: str | None


def same_person(asked: str, credited: str, *, typo: bool = False) -> bool:
    """True when the asked name fits the credited one (all asked words, or the surname when
    the first names, if both are given, agree). With ``typo``, a surname of 6+ letters may be
    one edit off ("Negropont" for "Negroponte"): for when no name fits exactly. A role asked
    before the name is not the name ("Culture Secretary Tessa Jowell"), as ingest credits her
    (``index.ingest.roles``)."""
    a, c = name_key(without_role(asked)), name_key(credited)
    if not a or not c:
        return False
    if set(a) <= set(c):
        return True
    # Same surname, but two different first names are two different people.
    return _same_surname(a[-1], c[-1], typo) and not (len(a) > 1 and len(c) > 1 and a[0] != c[0])


def _same_surname(asked: str, credited: str, typo: bool) -> bool:
    """Equal, or (with ``typo``) one edit apart when both have 6+ letters."""
    if asked == credited:
        return True
    return typo and min(len(asked), len(credited)) >= 6 and OSA.distance(asked, credited, score_cutoff=1) <= 1


_Q_NAME = r"([\w'’.\- ]{2,60}?)"
_Q_VERB = (
    r"(?:say|said|saying|think|thought|tell|told|claim|argue|believe|feel|reply|respond|add|"
    r"comment|write|state|mean|warn|predict|suggest)"
)
# "what did Mourinho actually say", "what X really thinks": a lower-case -ly word before the verb
# is not part of the name (a capitalised one is: "Grace Kelly").
_Q_ADVERB = r"(?:(?-i:[a-z]+ly)\s+)?"
_Q_TOPIC = r"(?:\s+(?:about|on|of|regarding|concerning|over|to)\s+(.+?))?"
_QUESTION_PATTERNS = (
    re.compile(rf"\b(?:did|does|do|has|have|had|would|will)\s+{_Q_NAME}\s+(?:have\s+to\s+|had\s+to\s+|has\s+to\s+)?{_Q_ADVERB}{_Q_VERB}\b(?:\s+(?:anything|something))?{_Q_TOPIC}\W*$", re.I),
    re.compile(rf"^\W*according\s+to\s+{_Q_NAME}\s*(?:,\s*|\s+(?:what|who|how|why|when|where|is|are|was|were|did|does)\b\s*)(.+?)?\W*$", re.I),
    re.compile(rf"\bwhat\s+{_Q_NAME}\s+{_Q_ADVERB}(?:said|says|thinks|thought|told)\b{_Q_TOPIC}\W*$", re.I),
    re.compile(rf"^\W*(?:quote|quotes\s+(?:from|by))\s+{_Q_NAME}{_Q_TOPIC}\W*$", re.I),
    re.compile(rf"\b{_Q_NAME}['’]s\s+(?:view|views|opinion|position|comment|comments|take)\b{_Q_TOPIC}\W*$", re.I),
)
_Q_NOT_NAME = frozenset("the they we you it he she i people anyone anybody someone everyone officials".split())


def speaker_question(question: str) -> SpeakerQuery | None:
    """The speaker (and topic) a question asks about, or None for other questions."""
    text = " ".join(question.split())
    for pattern in _QUESTION_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        name = match.group(1).strip(" .,")
        name = re.sub(r"^(?:what|who|how|why|when|where|the)\s+", "", name, flags=re.I)
        if not name or name.casefold() in _Q_NOT_NAME or len(name.split()) > 6:
            continue
        topic = (match.group(2) or "").strip(" ?.!,") or None if match.lastindex and match.lastindex >= 2 else None
        return SpeakerQuery(name, topic)
    return None


def not_quoted_note(asked: SpeakerQuery) -> str:
    """What to say when "what did X say (about Y)?" finds passages but none quoting X (a long Y
    clipped at a word, ``index.answering.excerpt.echoed``)."""
    about = f" about {echoed(asked.topic)}" if asked.topic else ""
    return f"I found no quote by {asked.name}{about} in the articles; these are the closest passages."
