"""From a Discord message or /ask text to the question the engine gets, or a canned reply.

Pure functions on ``str``, shared by /ask, DMs and mentions. Discord decoration is not part of
the question: mentions, custom emoji and markdown markers would only dilute the search, so
they are stripped (the words inside markdown are kept), and so are "> " quote markers. A message
that is only a greeting, thanks, "help" or question words ("how many?") gets a friendly hint instead of a
search, which would quote random passages. The hint names where more help is: each front end
says its own way (``/help`` on Discord, ``help`` in the console chat).
"""

from __future__ import annotations

import re

DISCORD_HELP = "/help"


def empty_text(help_hint: str) -> str:
    """The hint for an empty question, naming ``help_hint`` (how this front end shows its help)."""
    return ("Ask me a question about the articles, e.g. “What did <someone> say about <something>?” "
            f"or “When did … happen?”; {help_hint} has more.")


def greeting_text(help_hint: str) -> str:
    """The reply to a greeting: the empty question's hint, greeted."""
    return "Hi! " + empty_text(help_hint)


THANKS_TEXT = "You're welcome! Ask me anything about the articles."
VAGUE_TEXT = ("That question does not say who or what it is about; add a name or a subject, e.g. "
              "“How many jobs will be cut at <company>?” or “What did <someone> say about <something>?”")

# "> " and ">>> " quote a line in Discord (a member quoting a message), "-# " makes it small print.
_LINE_MARKER = re.compile(r"^[ \t]*(?:>>> |> |-# )", re.MULTILINE)
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
# A question made only of these words names nothing to search for ("how many?", "what is it?").
# "why?", "how?", "when?", "where?", "who?" alone are left to the conversation: they continue the
# last answer there.
QUESTION_WORDS_ONLY = frozenset({
    "how", "many", "much", "what", "which", "whose", "whom", "who", "when", "where", "is", "are", "was",
    "were", "did", "does", "do", "the", "a", "an",
})
# Asking the bot itself for help (a DM "help" used to be searched: "So he is out to help UKIP…").
HELP_REQUESTS = frozenset({
    "help", "help me", "help please", "please help", "commands", "what can you do", "how do i use this",
    "how does this work", "how do i ask",
})
BARE_FOLLOW_UPS = frozenset({"why", "how", "when", "where", "who"})
THANKS = frozenset({
    "thanks", "thank you", "thx", "ty", "thanks a lot", "thank you so much", "thanks so much",
    "many thanks", "cheers", "much appreciated", "thank you very much", "thanks very much",
})


def clean(text: str) -> str:
    """``text`` without mentions, custom emoji and markdown markers, spaces collapsed."""
    return " ".join(_MARKDOWN.sub("", _DECORATION.sub(" ", _LINE_MARKER.sub("", text))).split())


def is_empty(question: str) -> bool:
    """True for a question without words (empty, or only punctuation/emoji)."""
    return not _words(question)


def canned_reply(question: str, *, help_hint: str) -> str | None:
    """The hint for a question that is empty (or only punctuation/emoji), a request for help, a
    greeting, thanks, or only question words ("how many?") (case and punctuation ignored); None for a real question.
    ``help_hint`` is how the asker's front end shows its help (``DISCORD_HELP`` on Discord)."""
    words = _words(question)
    if not words or words in HELP_REQUESTS:
        return empty_text(help_hint)
    if words in GREETINGS:
        return greeting_text(help_hint)
    if words in THANKS:
        return THANKS_TEXT
    if set(words.split()) <= QUESTION_WORDS_ONLY and words not in BARE_FOLLOW_UPS:
        return VAGUE_TEXT
    return None


def _words(question: str) -> str:
    """``question``'s words, casefolded, without apostrophes, punctuation and emoji."""
    return " ".join(_NOT_WORD.sub(" ", re.sub("['’]", "", question.casefold())).split())
