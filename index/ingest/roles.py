"""A person's role written next to their name, which is not the name: "said Yukos chief executive
Steven Theede", "according to Labour chairman Ian McCartney", "Foreign Secretary Jack Straw said".

``ROLE_THEN`` is the role written between a speech verb and the name (lower case, after an
optional company or party and its "'s"); ``without_role`` drops a capitalised role run at a
name's front. Both leave at least a first name and a surname, so "said Home Office" or
"Chancellor Brown" stay as written.
"""

from __future__ import annotations

import re

ROLE_WORDS = frozenset(
    """chancellor secretary premier chairman chairwoman chair chief executive director manager coach
    captain leader prime foreign home shadow spokesman spokeswoman spokesperson professor judge
    senator governor general commissioner boss deputy vice head analyst economist striker skipper
    producer singer actor actress guitarist star mp mep president minister officer finance
    managing founder editor presenter attorney ambassador secretary-general director-general ceo
    constable inspector superintendent correspondent doctor physio administrator
    """.split()
)
"""Words of a role ("chief executive", "Foreign Secretary", "Labour MP") that are not a name's."""

# Words that end a role: what follows them is not the person holding it ("said on Monday Tony
# Blair…", "said in London", "said that Mr Smith…").
_NOT_ROLE = (r"(?:the|a|an|and|or|but|to|in|at|on|of|for|from|by|with|that|this|it|its|as|when|if|"
             r"he|she|they|we|was|is|had|has|would|will|could|not|after|before|there|who|which)\b")
_UPPER = "A-Z\u00C0-\u00DE"
_WORD = rf"(?:[{_UPPER}][\w'’.\-]*|(?!{_NOT_ROLE})[a-z][a-z\-]*(?:['’]s)?)"
# The name written after a role: a first name and a surname at least (a title counts as one),
# and no description going on after it ("added the two-time Academy Award winner").
_PERSON = rf"(?=(?:[{_UPPER}][\w'’.\-]*\s+){{1,4}}[{_UPPER}][\w'’\-]*(?![\w'’\-])\.?(?!\s+(?!{_NOT_ROLE})[a-z]))"
ROLE_THEN = (
    r"(?:(?:the|its|his|her|their)\s+)?"
    rf"(?:{_WORD}\s+){{0,5}}"  # "Yukos chief ", "Sandvine's chief technology ", "two-time Academy Award "
    rf"(?!{_NOT_ROLE})[a-z][a-z\-]*,?\s+{_PERSON}"  # the role's last word, lower case: "executive "
)
"""A role between a speech verb and a person's name (a regular-expression fragment)."""

_ROLE_BEFORE_COMMA = re.compile(r"(?:^|\s)(?:[a-z][a-z\-]*|[A-Z]{2,4})\s*,\s*\Z")


def without_role(name: str) -> str:
    """``name`` without the capitalised role run at its front when a first name and a surname are
    left: "Labour MP John Smith" -> "John Smith", "Prime Minister Tony Blair" -> "Tony Blair";
    "Chancellor Brown" and "Home Office" unchanged."""
    words = name.split()
    if len(words) < 3:  # most names: nothing to drop (and this is asked of every name found)
        return name
    last = max((i for i, word in enumerate(words) if word.casefold() in ROLE_WORDS), default=-1)
    return " ".join(words[last + 1:]) if 0 <= last < len(words) - 2 else name


def after_role(before: str) -> bool:
    """True when the text ``before`` a name ends in a role and a comma ("X's finance director, "),
    so that the name set off by commas ("…, Jane Smith, said") is the role's holder."""
    match = _ROLE_BEFORE_COMMA.search(before[-40:])
    if match is None:
        return False
    word = match.group(0).strip(" ,").casefold()
    return word in ROLE_WORDS or word.endswith(("man", "woman", "person"))  # "congressman"
