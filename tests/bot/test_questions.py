"""bot.questions: Discord decoration stripped from questions; greetings and thanks recognised."""

from __future__ import annotations

import pytest

from bot.questions import DISCORD_HELP, THANKS_TEXT, VAGUE_TEXT, canned_reply, clean, empty_text, greeting_text

EMPTY_TEXT = empty_text(DISCORD_HELP)
GREETING_TEXT = greeting_text(DISCORD_HELP)


@pytest.mark.parametrize(("text", "question"), [
    ("<@123> <@&456> @here what did Cragg say?", "what did Cragg say?"),
    ("<@!123456789012345678> <#987654321098765432> what did @everyone say?", "what did say?"),
    ("what did Campbell say? ~~strike~~ ||spoiler||", "what did Campbell say? strike spoiler"),
    ("what did **Camp**bell say about __the__ `budget`?", "what did Campbell say about the budget?"),
    ("<:wave:123456789012345678> <a:dance:123> hello <@42>", "hello"),
    ("plain question", "plain question"),
    ("> what did Wenger say?\n<@42> this?", "what did Wenger say? this?"),
    (">>> a long quote\n-# small print", "a long quote small print"),
    ("is 3 > 2?", "is 3 > 2?"),
])
def test_clean_strips_mentions_emoji_and_markdown_but_keeps_words(text: str, question: str) -> None:
    """Mentions, custom emoji and @everyone/@here go; markdown markers go, their words stay."""
    assert clean(text) == question


@pytest.mark.parametrize(("text", "reply"), [
    ("hi", GREETING_TEXT), ("Hello!", GREETING_TEXT), ("hey 👋", GREETING_TEXT), ("HEY THERE!!", GREETING_TEXT),
    ("What’s up?", GREETING_TEXT), ("thanks!", THANKS_TEXT), ("Thank you 🙏", THANKS_TEXT), ("thx", THANKS_TEXT),
    ("", EMPTY_TEXT), ("👍", EMPTY_TEXT), ("?!", EMPTY_TEXT), ("help", EMPTY_TEXT), ("Help me!", EMPTY_TEXT),
    ("what can you do?", EMPTY_TEXT),
])
def test_greetings_thanks_and_empty_text_get_a_hint(text: str, reply: str) -> None:
    """Only a greeting, thanks, a request for help or nothing (case, punctuation and emoji ignored) gets a
    canned reply ("help" in a DM was searched and quoted "So he is out to help UKIP…")."""
    assert canned_reply(text, help_hint=DISCORD_HELP) == reply


@pytest.mark.parametrize("text", ["hi-tech firms", "hi, what did Kirby say?", "thanks to whom?", "hello world", "history",
                                  "help to buy", "who will help the farmers?"])
def test_questions_that_contain_a_greeting_are_searched(text: str) -> None:
    """A greeting inside a real question is no reason to skip the search."""
    assert canned_reply(text, help_hint=DISCORD_HELP) is None


@pytest.mark.parametrize("text", ["how many", "How much?", "what?", "who is", "when was the"])
def test_only_question_words_get_a_hint_instead_of_random_quotes(text: str) -> None:
    """"how many?" alone names nothing to search for: the member is asked to add it."""
    assert canned_reply(text, help_hint=DISCORD_HELP) == VAGUE_TEXT


@pytest.mark.parametrize("text", ["why?", "how?", "When?", "who?", "how come?", "what is it?", "how many jobs?"])
def test_bare_follow_ups_and_real_questions_are_not_a_vague_hint(text: str) -> None:
    """"why?" and "who?" continue the last answer in a conversation, so they reach the engine."""
    assert canned_reply(text, help_hint=DISCORD_HELP) is None


@pytest.mark.parametrize("text", ["", "hi", "Hello!"])
def test_the_hint_names_the_front_ends_help_not_discords(text: str) -> None:
    """The console says its own way to help; only Discord's replies say /help."""
    console = canned_reply(text, help_hint="`help`") or ""
    assert ("/help" in console, "`help` has more" in console, "/help has more" in EMPTY_TEXT) == (False, True, True)
