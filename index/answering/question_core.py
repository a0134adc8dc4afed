"""A long question's core: the question at the end of a message that first tells its story.

Members write the way they talk: "I was reading about the football last week and someone
said that …; can you tell me what Mourinho said about the referee?". Every word of the story
weighs in the question's idf mass, so the passage that answers the question at its end
covers too little of it and is refused (coverage below the floor, ``index.answering.answer``).

When a question of ``core_from_words`` words or more is refused, its last clauses are asked
instead (the last three, two, one): each is judged by the same confidence model as any short
question, so a core the archive cannot answer is refused as it would be asked alone. The
first core answered is the answer. Only a refused question is asked again: on SQuAD, asking
the cores of answered questions too and keeping the more confident answer lost 4 of its 42
long questions, whose subject is in their first clause ("In China, this person inferred …,
what was his name?").
"""

from __future__ import annotations

import re

# Clause boundaries: a comma, semicolon, colon, full stop, question or exclamation mark or
# dash followed by a space, or a line break.
_BOUNDARY = re.compile(r"(?<=[,;:.!?])\s+|\s+[-\u2013\u2014]+\s+|\n+")


def clauses(question: str) -> list[str]:
    """``question`` cut at its clause boundaries, each clause stripped (empty ones dropped)."""
    return [c.strip() for c in _BOUNDARY.split(question) if c.strip()]


def question_cores(question: str, from_words: int, tries: int) -> list[str]:
    """The endings of ``question`` to ask when it is refused, longest first: its last
    ``tries``, ..., last one clause (never the whole question), when it has at least
    ``from_words`` words; else none."""
    if from_words <= 0 or len(question.split()) < from_words:
        return []
    parts = clauses(question)
    counts = range(min(len(parts) - 1, tries), 0, -1)
    return [" ".join(parts[-n:]) for n in counts]
