"""Conversation turns -> rich text for the terminal: follow-up labels, sentences, archive lists."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from rich.text import Text

from index.config import ConversationParams
from index.conversation import Listed, Topic

PAGE = ConversationParams().listed_per_page
_EMPHASIS = re.compile(r"\*([^*]+)\*")
INDENT = 3
"""Spaces before a listed article's detail lines."""


def marked(text: str) -> Text:
    """``text`` with its ``*title*`` markers shown in italics (the markers dropped)."""
    shown = Text()
    last = 0
    for match in _EMPHASIS.finditer(text):
        shown.append(text[last:match.start()])
        shown.append(match.group(1), style="italic")
        last = match.end()
    shown.append(text[last:])
    return shown


def resolved_line(topic: Topic) -> Text:
    """"Following up on Jimmy Connors, in Connors boost for British tennis" (dim)."""
    line = Text("↪ Following up on ", style="dim")
    line.append_text(marked(topic.label()))
    return line


def listed_lines(items: Sequence[Listed], *, first: int = 1, width: int = 80) -> Text:
    """Numbered titles, each with its detail (a sentence, a date) on the next lines, indented under
    the title (wrapped here to ``width``: rich would carry a long one on at the left margin)."""
    text = Text()
    for number, item in enumerate(items, start=first):
        text.append(f"{number}. ")
        text.append(item.title, style="bold")
        if item.detail:
            lines = textwrap.wrap(item.detail, max(width - INDENT, 20), break_on_hyphens=False)
            text.append("".join(f"\n{' ' * INDENT}{line}" for line in lines), style="dim")
        text.append("\n")
    text.rstrip()
    return text
