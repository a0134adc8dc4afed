"""Which way a question's verb goes, and whether a sentence goes the other way.

"How much did Yukos shares fall?" asks about a fall; "Yukos share jumped …, climbing as much as
50%" holds the question's words and a figure of the asked kind, but tells of a rise, while "its
shares have fallen 97%" answers. A question whose words say one way (rise / fall, gain / lose,
increase / cut, win / lose) is not answered by a sentence that says only the other way.

The words are search terms (Snowball stems, with the irregular forms the stemmer cannot join:
"fell", "fallen", "rose", "won", "lost"), so a sentence's stored terms are read directly. "up" and
"down" are stopwords (not search terms) and "higher" / "lower" say too much else ("higher
education"): they are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.tokenize import stem

UP = frozenset(stem(w) for w in (
    "rise", "rises", "rose", "risen", "jump", "climb", "gain", "soar", "surge", "increase",
    "grow", "grew", "grown", "boost", "rally", "rallied", "rebound", "win", "won"))
DOWN = frozenset(stem(w) for w in (
    "fall", "fell", "fallen", "drop", "plunge", "slump", "decline", "lose", "lost", "loss", "slide",
    "slid", "tumble", "sink", "sank", "sunk", "cut", "decrease", "dip", "slip", "reduce", "plummet",
    "shrink", "shrank"))


def direction(terms: Iterable[str]) -> int:
    """+1 when ``terms`` (stems) say only a rise or gain, -1 only a fall or loss, else 0."""
    held = frozenset(terms)
    up, down = not UP.isdisjoint(held), not DOWN.isdisjoint(held)
    return 1 if up and not down else -1 if down and not up else 0


def opposite(asked: int, terms: Iterable[str]) -> bool:
    """True when the question goes ``asked`` way (+1 / -1) and ``terms`` only the other."""
    return bool(asked) and direction(terms) == -asked
