"""Questions about the archive itself, read from their words (pure functions on ``str``).

"who wrote X?", "when was X published?", "which articles mention Y?", "articles by Z",
"the newest articles", "how many articles are there?", "what is the article about?" are
answered from the article records (``index.conversation.records``), not from passage text.
``X`` may be "the article"/"it" (the conversation's article) or words of a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Ask(Enum):
    """What an archive question asks for."""

    AUTHOR = "who wrote it"
    DATE = "when it was published"
    MENTIONS = "which articles mention something"
    BY_AUTHOR = "articles by someone"
    NEWEST = "the newest articles"
    COUNT = "how many articles"
    ABOUT = "what an article is about"


@dataclass(frozen=True, slots=True)
class ArchiveQuestion:
    """One archive question: what it asks and about what (an article, a phrase, an author)."""

    ask: Ask
    subject: str = ""


_ARTICLE = r"(?:article|story|piece)"
_PATTERNS: tuple[tuple[Ask, re.Pattern[str]], ...] = tuple((ask, re.compile(p, re.I)) for ask, p in (
    (Ask.AUTHOR, r"^who\s+(?:wrote|writes|authored|penned)\s*(.*?)\W*$"),
    (Ask.AUTHOR, r"^(?:who\s+(?:is|was)\s+)?the\s+author\s+of\s+(.*?)\W*$"),
    (Ask.AUTHOR, r"^who\s+(?:is|was)\s+(.+?)\s+(?:written|authored)\s+by\W*$"),
    (Ask.DATE, r"^(?:when|what\s+(?:date|day|year))\s+(?:was|were|is|did)\s+(.+?)\s+(?:published|written|posted|released|come\s+out|dated|out)\W*$"),
    (Ask.MENTIONS, rf"^(?:which|what)\s+(?:{_ARTICLE}s?|stories)\s+(?:mention|mentions|talk\s+about|talks\s+about|discuss|discusses|refer\s+to|cover|covers|are\s+about|is\s+about)\s+(.+?)\W*$"),
    (Ask.MENTIONS, rf"^(?:(?:list|show|find)\s+(?:me\s+)?(?:the\s+|all\s+)?)?(?:{_ARTICLE}s|stories)\s+(?:that\s+|which\s+)?(?:mention|mentioning|about|on|discussing)\s+(.+?)\W*$"),
    (Ask.MENTIONS, rf"^how\s+many\s+(?:{_ARTICLE}s|stories)\s+(?:mention|talk\s+about|discuss|are\s+about)\s+(.+?)\W*$"),
    (Ask.BY_AUTHOR, rf"^(?:(?:list|show|find)\s+(?:me\s+)?)?(?:which\s+|what\s+|the\s+|all\s+)?(?:{_ARTICLE}s|stories)\s+(?:did\s+)?(?:by|from|written\s+by)\s+(?!last\b|this\b|the\s+past\b)(.+?)\W*$"),
    (Ask.BY_AUTHOR, r"^what\s+(?:else\s+)?(?:did|has)\s+(.+?)\s+(?:write|written)\W*$"),
    (Ask.NEWEST, rf"^(?:(?:what|which)\s+(?:are|is)\s+)?(?:list\s+|show\s+(?:me\s+)?)?(?:the\s+)?(?:newest|latest|most\s+recent|recent)\s*(?:{_ARTICLE}s?|stories|news)?\W*$"),
    (Ask.NEWEST, rf"^(?:list\s+|show\s+(?:me\s+)?)?(?:the\s+)?(?:{_ARTICLE}s|stories)\s*$"),
    (Ask.COUNT, rf"^how\s+many\s+(?:{_ARTICLE}s|stories|documents|files)\b.*$"),
    (Ask.ABOUT, rf"^what\s+(?:is|was|'s)\s+((?:the|this|that)\s+{_ARTICLE}.*?|it)\s+about\W*$"),
    (Ask.ABOUT, r"^(?:summari[sz]e|sum\s+up)\s+(.*?)\W*$"),
))
_THE_ARTICLE = re.compile(
    rf"^(?:it|this|that|(?:the|this|that)\s+(?:same\s+|last\s+)?{_ARTICLE}(?:\s+(?:about|on|titled|called|named)\s+(?P<rest>.+))?)$", re.I)


def archive_question(question: str) -> ArchiveQuestion | None:
    """What ``question`` asks about the archive, or None for an ordinary question."""
    text = " ".join(question.split()).strip()
    text = text.replace("’", "'")
    for ask, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            subject = match.group(1) if match.groups() else ""
            return ArchiveQuestion(ask, (subject or "").strip(" \"'“”"))
    return None


def article_reference(subject: str) -> tuple[bool, str]:
    """Whether ``subject`` points at the conversation's article ("it", "the article"), and the
    words left to find another by ("the article about Ukraine" -> (False, "Ukraine"))."""
    match = _THE_ARTICLE.match(subject.strip())
    if match is None:
        return False, subject.strip()
    rest = match.group("rest")
    return (rest is None), (rest or "").strip(" \"'“”")
