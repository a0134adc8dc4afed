"""Names as words: what the speakers found at index time and the names asked about share."""

from __future__ import annotations

import re

TITLES = frozenset("mr mrs ms miss dr prof sir lord lady dame president minister".split())
"""Words before a name that are not part of it."""


def name_key(name: str) -> tuple[str, ...]:
    """Casefolded name words without titles: "Mr John Kirby" -> ("john", "kirby")."""
    words = re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", name.casefold())
    return tuple(w for w in words if w not in TITLES)
