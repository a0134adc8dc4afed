"""The gaps: questions refused or voted 👎, grouped by similar wording.

Each question is reduced to its search tokens (stopwords dropped, words stemmed, sorted), so
"What did Kirby say about the attacks?" and "kirby attack" read alike; a question joins the
first group whose first question scores at least ``SIMILAR`` on rapidfuzz's token-sort ratio,
else starts a group. Groups are listed most frequent first, with their most common wording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from index.tokenize import tokenize

SIMILAR = 75.0
"""Token-sort ratio (0-100) at which two questions count as the same gap."""


@dataclass(frozen=True, slots=True)
class Gap:
    """Questions asked in similar words that the archive did not answer well."""

    question: str  # the most common wording
    asked: int
    refused: int
    voted_down: int
    wordings: tuple[str, ...]  # every distinct wording, most common first

    def to_json(self) -> dict[str, object]:
        """The gap as plain JSON values."""
        return {"question": self.question, "asked": self.asked, "refused": self.refused,
                "voted_down": self.voted_down, "wordings": list(self.wordings)}


@dataclass
class _Group:
    key: str
    wordings: Counter[str]
    refused: int = 0
    voted_down: int = 0

    def gap(self) -> Gap:
        ranked = tuple(text for text, _ in self.wordings.most_common())
        return Gap(ranked[0], sum(self.wordings.values()), self.refused, self.voted_down, ranked)


def _key(question: str) -> str:
    """The question's search tokens, sorted (its casefolded text when it has none)."""
    tokens = sorted(set(tokenize(question)))
    return " ".join(tokens) if tokens else " ".join(question.casefold().split())


def group_gaps(questions: Iterable[tuple[str, bool, bool]], limit: int = 10) -> list[Gap]:
    """Group ``(question, refused, voted 👎)`` by similar wording; the ``limit`` largest groups."""
    groups: list[_Group] = []
    keys: list[str] = []
    for text, refused, voted_down in questions:
        key = _key(text)
        found = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR)
        if found is None:
            group = _Group(key, Counter())
            groups.append(group)
            keys.append(key)
        else:
            group = groups[found[2]]
        group.wordings[" ".join(text.split())] += 1
        group.refused += refused
        group.voted_down += voted_down
    ranked = sorted(groups, key=lambda g: (-sum(g.wordings.values()), -g.refused, g.key))
    return [group.gap() for group in ranked[:limit]]
