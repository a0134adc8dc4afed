"""Whether a credited name is a person's ("he", "she") or an organisation's ("it", "they").

No list of names: the articles' own words tell. A person is titled ("Mr Theede", "Ms Davenport"),
takes "he", "she" or "his" right after what they said ("Blair said he …"), or "who"
("Mourinho, who …"); an organisation takes "its" ("Yukos said its …"), "which" ("Yukos,
which …"), or stands beside a word for a business or body ("oil firm Yukos", "Yukos, the
Russian oil company"). "said it" proves nothing ("he said it was …"). With no such words, or as
many either way, a name written as a first name and a surname ("Steven Theede": its first
word opens no sentence and names no role or place) is a person's; a single word is undecided.
Pure functions on ``str``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from index.ingest.names import TITLES


class Kind(Enum):
    """What a name names, as far as the articles tell."""

    PERSON = "a person"
    ORGANISATION = "an organisation"
    UNKNOWN = "undecided"


# Common nouns for a business or body (not names): "the company", "oil firm Yukos".
_BODY = (r"(?:company|companies|firm|group|bank|giant|maker|corporation|business|carrier|airline|operator"
         r"|retailer|chain|network|broadcaster|label|agency|organisation|organization|union|government|ministry"
         r"|department|council|regulator|manufacturer|supplier|lender|insurer|charity|commission|watchdog)")
_SAID = (r"(?:has\s+|had\s+|have\s+)?(?:said|says|say|added|adds|insisted|insists|claimed|claims|warned|warns"
         r"|argued|argues|stated|states|announced|announces|told\s+[^,.;]{1,40}?)")
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady|Dame)\.?"
# Words that open a sentence or name a role or place, never a first name ("The Times", "Chief Smith").
_NOT_FIRST = frozenset("""the a an but and or so then when while if as it this that there here he she they we
    in on at of for to from by with after before however meanwhile also world top many some most our their its
    chief prime foreign home shadow vice deputy head general club new north south east west""".split()) | TITLES


def kind_of(name: str, texts: Iterable[str]) -> Kind:
    """Whether ``name`` is a person's or an organisation's by the words of ``texts`` around it."""
    return kind_from(name, evidence(name, texts))


def kind_from(name: str, seen: tuple[int, int]) -> Kind:
    """What ``name`` is by ``seen`` (``evidence``: how often written as a person's, as an
    organisation's), else by its form alone."""
    person, body = seen
    if person != body:
        return Kind.PERSON if person > body else Kind.ORGANISATION
    return Kind.PERSON if _written_as_person(name.split()) else Kind.UNKNOWN


def evidence(name: str, texts: Iterable[str]) -> tuple[int, int]:
    """How often ``texts`` write ``name`` as a person's, and as an organisation's (none of
    either: they do not tell)."""
    words = name.split()
    if not words:
        return 0, 0
    full, last = re.escape(name), re.escape(words[-1])
    as_person = (
        re.compile(rf"\b{_TITLE}\s+(?:[A-Z][\w'’-]*\s+){{0,2}}{last}\b"),
        re.compile(rf"\b{full}\s+{_SAID}\s+(?:that\s+)?(?:he|she|his)\b"),
        re.compile(rf"\b{full},\s+who\b"),
    )
    as_body = (
        re.compile(rf"\b{full}\s+{_SAID}\s+(?:that\s+)?its\b"),
        re.compile(rf"\b{full},\s+which\b"),
        re.compile(rf"\b(?:{_BODY})\s+{full}\b(?!\s+[A-Z])"),  # "oil firm Yukos"; not "bank Deutsche Bank" for "Deutsche"
        re.compile(rf"\b{full},\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?{_BODY}\b"),
    )
    person = body = 0
    for text in texts:
        person += sum(len(pattern.findall(text)) for pattern in as_person)
        body += sum(len(pattern.findall(text)) for pattern in as_body)
    return person, body


def _written_as_person(words: list[str]) -> bool:
    """True for a first name and a surname: two or three capitalised words, the first no
    sentence opener, role or place word ("Steven Theede", not "The Times" or "Deputy Head")."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[0].casefold() not in _NOT_FIRST
