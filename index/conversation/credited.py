"""Who a shown answer credits: the person "he" or "she" in a follow-up stands for.

The bold sentence's speaker, read through a role ("said Yukos chief executive Steven Theede" is
Steven Theede's, though the company's name stands nearest the verb), else the person the
sentence names when the article quotes them elsewhere ("World number one Lindsay Davenport has
criticised Wimbledon …", "… said Daveport" further on). A name the sentence merely mentions is
taken only when written as a person's (first name and surname, or a title and surname) and
quoted somewhere; a name ingest credits with the quote is taken as it is ("Yukos said …" stays
Yukos's: no word list tells a company from a person). Pure functions on ``str``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.answering.speaker_questions import same_person
from index.ingest.names import TITLES, name_key
from index.ingest.speakers import is_direct_quote

_WORD = r"[A-Z][a-z]\w*(?:[-'’][A-Z]?[a-z]\w+)*"  # "Smith-Jones", "D'Arcy"; not "Bush's" ’s
_FULL_NAME = rf"{_WORD}(?:\s+{_WORD}){{1,2}}"
# After a credited name: its role in lower case ("chief executive", "club spokesman"), then a
# person; a verb or article ends the role ("Woodward told the Sunday Independent" names no one).
_NOT_ROLE = r"(?:said|says|say|told|tells|tell|added|adds|asked|insisted|claimed|warned|the|a|an|and|or|to|in|at|on|by|with)\b"
_ROLE_THEN_PERSON = rf"(?:['’]s)?\s+(?:(?!{_NOT_ROLE})[a-z][\w-]*\s+){{1,4}}({_FULL_NAME})\b"
_NAMED = re.compile(rf"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame)\.?\s+({_WORD}(?:\s+{_WORD}){{0,2}})|({_FULL_NAME}))\b")
# Capitalised words that open a sentence or name a role or place, never a first name.
_NOT_FIRST = frozenset("""the a an but and or so then when while if as it this that there here he she they we
    in on at of for to from by with after before however meanwhile also world top many some most
    chief prime foreign home shadow vice deputy head general club new north south east west""".split()) | TITLES


_ASKS_WHO_ELSE = re.compile(r"^\W*who(?:m|se)?\b(?!\s+(?:is|was|are|were)\b|['’]s\b)", re.I)


def person_behind(credited: str, sentence: str) -> str:
    """``credited``, or the person its role in ``sentence`` names ("Yukos chief executive Steven
    Theede" -> "Steven Theede")."""
    match = re.search(re.escape(credited) + _ROLE_THEN_PERSON, sentence)
    return match.group(1) if match else credited


def named_people(sentence: str) -> list[str]:
    """The people ``sentence`` names, in order: "Lindsay Davenport", "Blair" for "Mr Blair"."""
    people = []
    for match in _NAMED.finditer(sentence):
        if match.group(1):
            people.append(match.group(1))
            continue
        words = match.group(2).split()
        while words and words[0].casefold() in _NOT_FIRST:
            words.pop(0)
        if len(words) >= 2:
            people.append(" ".join(words))
    return people


def named_speaker(sentence: str, credited: Iterable[str], question: str = "") -> str | None:
    """The first person ``sentence`` names whom the article credits with a quote (``credited``,
    a surname one letter off included: "Daveport" for "Lindsay Davenport"), the one ``question``
    names first; None when the article quotes none of them."""
    quoted = list(credited)
    people = [name for name in named_people(sentence) if any(same_person(name, other, typo=True) for other in quoted)]
    asked = asked_people(sentence, question)
    return next((name for name in people if name in asked), people[0] if people else None)


def asked_people(sentence: str, question: str) -> list[str]:
    """The people ``sentence`` names whose surname ``question`` names ("Jose Mourinho", not
    "Bobby Robson", in "Sir Bobby Robson has offered … Jose Mourinho …" for "Who is Jose Mourinho?")."""
    if _ASKS_WHO_ELSE.match(question):
        return []  # "Who advised Jose Mourinho?" asks for someone else: the answer's speaker, not him
    asked = set(name_key(question))
    return [name for name in named_people(sentence) if name_key(name) and name_key(name)[-1] in asked]


def says(speaker: str, credited: str | None, bold: str) -> bool:
    """True when the bold sentence ``bold`` is ``speaker``'s: credited to them (or to a name
    whose role names them), or, credited to nobody, a quote that names them."""
    if credited:
        return same_person(speaker, credited) or same_person(speaker, person_behind(credited, bold))
    surname = name_key(speaker)[-1:] if name_key(speaker) else ()
    return bool(surname) and is_direct_quote(bold) and surname[0] in name_key(bold)
