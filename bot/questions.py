"""From a Discord message or /ask text to the question the engine gets, or a canned reply.

Pure functions on ``str``, shared by /ask, DMs and mentions. Discord decoration is not part of
the question: mentions, custom emoji and markdown markers would only dilute the search, so
they are stripped (the words inside markdown are kept). A message that is only a greeting or
thanks gets a friendly hint instead of a search, which would quote random passages.
"""

from __future__ import annotations

import re

EMPTY_TEXT = ("Ask me a question about the articles, e.g. “What did <someone> say about <something>?” "
              "or “When did … happen?”; /help has more.")
GREETING_TEXT = "Hi! " + EMPTY_TEXT
THANKS_TEXT = "You're welcome! Ask me anything about the articles."

# <@id>, <@!id>, <@&id>, <#id>, <:name:id>, <a:name:id>, @everyone and @here: gone entirely.
_DECORATION = re.compile(r"<(?:@[!&]?|#)[0-9]+>|<a?:\w+:[0-9]+>|@(?:everyone|here)\b")
# Strikethrough, spoiler, bold, underline and code markers: the words between them stay.
_MARKDOWN = re.compile(r"~~|\|\||\*\*|__|`")
# Everything but letters, digits and spaces (punctuation, emoji) when matching small talk.
_NOT_WORD = re.compile(r"[^\w\s]|_")

GREETINGS = frozenset({
    "hi", "hii", "hello", "hey", "heya", "hiya", "howdy", "yo", "hi there", "hello there", "hey there",
    "good morning", "good afternoon", "good evening", "greetings", "sup", "whats up",
})
THANKS = frozenset({
    "thanks", "thank you", "thx", "ty", "thanks a lot", "thank you so much", "thanks so much",
    "many thanks", "cheers", "much appreciated", "thank you very much", "thanks very much",
})


def clean(text: str) -> str:
    """``text`` without mentions, custom emoji and markdown markers, spaces collapsed."""
    return " ".join(_MARKDOWN.sub("", _DECORATION.sub(" ", text)).split())


def canned_reply(question: str) -> str | None:
    """The hint for a question that is empty (or only punctuation/emoji), a greeting or thanks
    (case and punctuation ignored); None for a real question."""
    words = " ".join(_NOT_WORD.sub(" ", re.sub("['’]", "", question.casefold())).split())
    if not words:
        return EMPTY_TEXT
    if words in GREETINGS:
        return GREETING_TEXT
    if words in THANKS:
        return THANKS_TEXT
    return None
