"""Discord's text limits and the string helpers that keep output inside them.

Pure functions on ``str``: escaping user-visible text so markdown and mentions stay literal,
and shortening text at a sentence (or word) boundary with an ellipsis. ``bot/render.py``
builds every message from these; nothing here imports discord.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Discord's documented limits for one message.
CONTENT_MAX = 2000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBEDS_TOTAL_MAX = 6000
EMBEDS_PER_MESSAGE = 10
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
SOURCE_WORDS_MAX = 60  # /sources words: carried in its page buttons' custom_id ("ab:src:<page>:next:<words>")
CHOICE_MAX = 100
ACTION_ROWS_MAX = 5

ELLIPSIS = "…"

# Every character Discord's markdown gives meaning to; a backslash makes each literal.
_MARKDOWN = re.compile(r"([\\*_~|`>#\-\[\]()<:])")
# @everyone, @here and raw user/role mentions; a zero-width space after "@" defuses them.
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{15,21})")
# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_ZWSP = "\u200b"
# Direction overrides and isolates (and the invisible marks): an article title holding U+202E
# would show the rest of a reply, citation included, backwards.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MARKS_PER_LETTER = 3
"""Combining marks kept on one letter: enough for any language, too few for "zalgo" text that
piles dozens of them up and spills over the lines around it."""


def neutralise(text: str) -> str:
    """``text`` without direction controls and with at most ``MARKS_PER_LETTER`` marks per letter."""
    text = _BIDI_CONTROLS.sub("", text)
    if not any(unicodedata.combining(char) for char in text):
        return text
    kept: list[str] = []
    marks = 0
    for char in text:
        marks = marks + 1 if unicodedata.combining(char) else 0
        if marks <= MARKS_PER_LETTER:
            kept.append(char)
    return "".join(kept)


def escape(text: str) -> str:
    """``text`` with markdown and mentions made literal, so a quote shows exactly as written
    (direction controls dropped and piled-up combining marks thinned, see ``neutralise``)."""
    return _MENTION.sub("@" + _ZWSP + r"\1", _MARKDOWN.sub(r"\\\1", neutralise(text)))


def sentences(text: str) -> list[str]:
    """``text`` split after each sentence end; joining the pieces gives ``text`` back."""
    pieces: list[str] = []
    last = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[last : match.end()])
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def cut_words(text: str, limit: int) -> str:
    """``text`` if it fits ``limit`` characters, else its longest word-boundary prefix plus "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    room = limit - len(ELLIPSIS)
    head = text[:room]
    space = head.rfind(" ")
    if space > room // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def cut_sentences(text: str, limit: int) -> str:
    """``text`` if it fits, else its leading whole sentences plus "…" (words when none fit)."""
    if len(text) <= limit:
        return text
    kept = ""
    for piece in sentences(text):
        if len(kept) + len(piece.rstrip()) + len(ELLIPSIS) + 1 > limit:
            break
        kept += piece
    if not kept:
        return cut_words(text, limit)
    return kept.rstrip() + " " + ELLIPSIS


def clip(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters at a word boundary (for titles and labels)."""
    return cut_words(" ".join(text.split()), limit)


def escaped_fit(text: str, limit: int, cut: Callable[[str, int], str] = cut_words) -> str:
    """``text`` escaped, shortened with ``cut`` (words by default) until the escaped form fits."""
    out = escape(text)
    if len(out) <= limit:
        return out
    # Escaping only adds characters, so cut the raw text until its escaped form fits.
    budget = limit
    while budget > 0:
        candidate = escape(cut(text, budget))
        if len(candidate) <= limit:
            return candidate
        budget -= max(1, len(candidate) - limit)
    return ELLIPSIS[:limit]
