"""End to end: /ask, DMs and mentions, run by the real bot against the fake Discord."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.render import ERROR_TEXT
from bot.questions import DISCORD_HELP, THANKS_TEXT, VAGUE_TEXT, empty_text, greeting_text
from index.engine import Engine
from tests.bot.conftest import KIRBY_QUESTION, TITLE, discord_settings, running
from tests.fake_discord import FakeDiscord

KIRBY_DESCRIPTION = (
    "**“It’s not like we’re going to go out and investigate this,” White House National Security Council "
    "spokesman John Kirby told reporters when asked if the US thought Ukraine was behind the attacks in "
    "Moscow.** According to the Times, administration officials seem even less concerned behind closed doors."
    f"\n\n— {TITLE}, Dave DeCamp, ¶3"
)
NOT_FOUND = (
    "I couldn't find an answer to “What does the Moscow zoo feed its penguins?” in the articles.\n"
    "The closest articles I have:\n"
    f"• {TITLE}\n"
    "Try naming one of them, or use `/sources` to see everything I know about."
)
EPHEMERAL = 1 << 6


async def engine_failure(*args: Any, **kwargs: Any) -> None:
    """Stands in for ``Engine.ask`` when the engine breaks (a bug, a lost database, a timeout)."""
    raise RuntimeError("the engine broke")


def public_messages(fake: FakeDiscord) -> list[dict[str, Any]]:
    """Bot messages the whole guild channel can see (not ephemeral ones)."""
    return [m for m in fake.channel_messages(fake.channel_id) if not int(m.get("flags") or 0) & EPHEMERAL]


async def test_ask_from_member_quotes_kirby_with_citation(bot, fake: FakeDiscord) -> None:
    """/ask from a guild member answers with Kirby's quote in bold and its citation."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert result.final_message["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_ask_about_someone_never_quoted_says_so_above_the_passages(bot, fake: FakeDiscord) -> None:
    """Putin is only mentioned in the seed: the reply says no quote by him was found, then quotes."""
    result = await fake.slash_command("ask", {"question": "What did Putin say?"}, user=fake.member)
    assert result.final_message["content"] == "I found no quote by Putin in the articles; these are the closest passages."
    assert "Putin" in result.final_message["embeds"][0]["description"]
    kirby = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert not kirby.final_message.get("content")


@pytest.mark.parametrize("engine_options", [{"further_quotes": 0.0}])
async def test_ask_shows_at_most_three_quotes(bot, fake: FakeDiscord) -> None:
    """An answer message carries three quote embeds (max_quotes), not the engine's extra ones."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert len(result.final_message["embeds"]) == 3


async def test_quotes_far_below_the_first_wait_behind_more(bot, fake: FakeDiscord) -> None:
    """Kirby's quote scores far above the rest: the reply shows it alone, short, with More for the others."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    message = result.final_message
    kinds = [item["custom_id"].split(":")[1] for row in message["components"] for item in row["components"]]
    assert len(message["embeds"]) == 1 and kinds == ["ctx", "more", "fb", "fb"]
    assert len(message["embeds"][0]["description"]) < 900


async def test_ask_is_public_by_default(bot, fake: FakeDiscord) -> None:
    """Without private:, the answer is visible to the channel."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert result.ephemeral is False


async def test_private_ask_is_ephemeral(bot, fake: FakeDiscord) -> None:
    """private:True shows the answer only to the asker."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION, "private": True}, user=fake.member)
    assert result.ephemeral is True


async def test_ask_in_dm_quotes_kirby(bot, fake: FakeDiscord) -> None:
    """/ask used in a DM with the bot answers with the same quote."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, dm=True)
    assert result.final_message["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_ask_about_nothing_indexed_names_closest_titles(bot, fake: FakeDiscord) -> None:
    """A question no passage answers gets a friendly "not found" with the closest titles, no quote."""
    question = "What does the Moscow zoo feed its penguins?"
    result = await fake.slash_command("ask", {"question": question}, user=fake.member)
    assert (result.final_message["content"], result.final_message["embeds"]) == (NOT_FOUND, [])


async def test_ask_with_no_indexed_word_points_at_sources(bot, fake: FakeDiscord) -> None:
    """No word of the question is indexed: no "closest" titles (they would be random), /sources instead."""
    result = await fake.slash_command("ask", {"question": "How do I bake sourdough bread?"}, user=fake.member)
    assert result.final_message["content"] == (
        "I couldn't find an answer to “How do I bake sourdough bread?” in the articles.\n"
        "Try other words, or use `/sources` to see what I know about."
    )


async def test_ask_limited_to_an_article_by_title(bot, fake: FakeDiscord) -> None:
    """article:<title> (as autocomplete offers it) still finds Kirby's quote."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION, "article": TITLE}, user=fake.member)
    assert result.final_message["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_ask_with_unknown_article_explains(bot, fake: FakeDiscord) -> None:
    """An article: that is not indexed gets the engine's one-sentence explanation, ephemerally."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION, "article": "Cooking"}, user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == ("No indexed article is titled “Cooking”.", True)


async def test_autocomplete_offers_matching_titles(bot, fake: FakeDiscord) -> None:
    """Typing part of a title in article: offers that title."""
    choices = await fake.autocomplete("ask", {"question": "x", "article": "Ukrainian"}, focused="article")
    assert choices == [{"name": TITLE, "value": TITLE}]


async def test_dm_message_gets_answer_as_reply(bot, fake: FakeDiscord) -> None:
    """A plain DM to the bot is answered with the quote, as a reply to that message."""
    reply = await fake.send_dm(KIRBY_QUESTION, user=fake.member)
    assert reply["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_dm_answer_references_the_question(bot, fake: FakeDiscord) -> None:
    """The DM answer is a reply (message_reference) to the user's message."""
    reply = await fake.send_dm(KIRBY_QUESTION, user=fake.member)
    question = fake.messages[reply["message_reference"]["message_id"]]
    assert question["content"] == KIRBY_QUESTION


async def test_mention_gets_answer_as_reply(bot, fake: FakeDiscord) -> None:
    """@bot <question> in a channel is answered with the quote."""
    reply = await fake.send_mention(KIRBY_QUESTION, user=fake.member)
    assert reply["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_bare_mention_explains_how_to_ask(bot, fake: FakeDiscord) -> None:
    """A mention without a question gets a one-line hint."""
    reply = await fake.send_mention("", user=fake.member)
    assert reply["content"] == empty_text(DISCORD_HELP)


@pytest.mark.parametrize(("text", "hint"), [("hi", greeting_text(DISCORD_HELP)), ("Hello!", greeting_text(DISCORD_HELP)), ("hey 👋", greeting_text(DISCORD_HELP)),
                                           ("thanks!", THANKS_TEXT), ("Thank you", THANKS_TEXT),
                                           ("how many?", VAGUE_TEXT), ("help", empty_text(DISCORD_HELP))],
                         ids=["hi", "hello", "hey-wave", "thanks", "thank-you", "how-many", "help"])
async def test_dm_greeting_or_thanks_gets_a_hint_not_quotes(bot, fake: FakeDiscord, text: str, hint: str) -> None:
    """A DM that is only a greeting, thanks or question words gets a hint, never "hi-tech" quotes."""
    reply = await fake.send_dm(text, user=fake.member)
    assert (reply["content"], reply.get("embeds") or [], reply.get("components") or []) == (hint, [], [])


async def test_mention_with_only_thanks_gets_you_are_welcome(bot, fake: FakeDiscord) -> None:
    """@bot thanks! is answered with a "you're welcome", not a search."""
    reply = await fake.send_mention("thanks!", user=fake.member)
    assert (reply["content"], reply.get("embeds") or []) == (THANKS_TEXT, [])


async def test_ask_hello_gets_the_hint_only_the_asker_sees(bot, fake: FakeDiscord) -> None:
    """/ask question:hello answers with the hint, ephemerally, and quotes nothing."""
    result = await fake.slash_command("ask", {"question": "hello"}, user=fake.member)
    message = result.final_message
    assert (message["content"], message.get("embeds") or [], result.ephemeral) == (greeting_text(DISCORD_HELP), [], True)


DECORATED = ("<@123456789012345678> <@&456789012345678901> @here What did ~~Kirby~~ say about ||investigating|| "
             "the **attacks** in `Moscow`? <:wave:123456789012345678> <#123456789012345678>")


async def test_ask_with_mentions_emoji_and_markdown_quotes_kirby(bot, fake: FakeDiscord) -> None:
    """Mentions, custom emoji and markdown markers in /ask's question are dropped, their words kept."""
    result = await fake.slash_command("ask", {"question": DECORATED}, user=fake.member)
    assert result.final_message["embeds"][0]["description"] == KIRBY_DESCRIPTION


async def test_decorated_mention_and_dm_quote_kirby(bot, fake: FakeDiscord) -> None:
    """The same decorated question in a mention and in a DM is answered with Kirby's quote."""
    mention = await fake.send_mention(DECORATED, user=fake.member)
    dm = await fake.send_dm(DECORATED, user=fake.member)
    assert [reply["embeds"][0]["description"] for reply in (mention, dm)] == [KIRBY_DESCRIPTION] * 2


async def test_bot_asks_for_no_privileged_intent(bot, fake: FakeDiscord) -> None:
    """IDENTIFY carries no message-content, members or presence intent."""
    privileged = (1 << 15) | (1 << 1) | (1 << 8)
    assert fake.intents & privileged == 0


async def test_second_quick_ask_hits_the_cooldown(fake: FakeDiscord, engine: Engine) -> None:
    """With a 1-per-window cooldown, the second /ask gets the friendly cooldown message."""
    bot = ArticleBot(settings=discord_settings(fake, cooldown_rate=1, cooldown_seconds=600),
                     engine=engine, guild_ready_timeout=0.1)
    async with running(bot, fake):
        await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
        second = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert second.final_message["content"] == "You're asking quickly! Please try again in 600 s."


async def test_late_interaction_is_deferred_then_answered(bot, fake: FakeDiscord) -> None:
    """An interaction already 2.5 s old is deferred at once and answered by a follow-up."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, age=2.5)
    assert (result.deferred, result.final_message["embeds"][0]["description"]) == (True, KIRBY_DESCRIPTION)


async def test_an_expired_interaction_is_one_warning_line(bot, fake: FakeDiscord,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """An interaction Discord has already dropped (here: the fake refuses every callback as late)
    can be told nothing: the bot logs one warning naming it, no traceback, no second failed reply."""
    fake.interaction_deadline = 0.0
    with caplog.at_level(logging.WARNING, logger="bot"):
        await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, timeout=5)
        await fake.wait_for(lambda: "expired" in caplog.text, 5, "the expiry warning")
    logged = [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records if r.name.startswith("bot.")]
    assert logged == [("WARNING", "An interaction (ask) expired before it was answered (Discord waits 3 s); "
                                  "is the machine overloaded?", None)]
    assert len(fake.failures) == 1 and "10062" in fake.failures[0]
    fake.failures.clear()  # the one refusal this test is about (the fixture wants none left)


async def test_error_after_public_defer_stays_private(bot, fake: FakeDiscord, engine: Engine,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A public /ask deferred and then failing leaves nothing in the channel; only the asker sees the error."""
    monkeypatch.setattr(engine, "ask", engine_failure)
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, age=2.5)
    seen = (result.deferred, result.final_message["content"], result.ephemeral, public_messages(fake))
    assert seen == (True, ERROR_TEXT, True, [])


async def test_error_after_private_defer_is_private(bot, fake: FakeDiscord, engine: Engine,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A private /ask deferred and then failing shows the error only to the asker."""
    monkeypatch.setattr(engine, "ask", engine_failure)
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION, "private": True},
                                      user=fake.member, age=2.5)
    seen = (result.deferred, result.final_message["content"], result.ephemeral, public_messages(fake))
    assert seen == (True, ERROR_TEXT, True, [])


async def test_a_question_with_typos_says_what_was_searched(bot, fake: FakeDiscord) -> None:
    """"Kirbby" and "investigatting" are read as written in the seed, and the reply says so above the quote."""
    question = "What did Kirbby say about investigatting the attacks in Moscow?"
    result = await fake.slash_command("ask", {"question": question}, user=fake.member)
    message = result.final_message
    assert message["content"] == (
        "Showing results for *What did Kirby say about investigating the attacks in Moscow?*")
    assert message["embeds"][0]["description"] == KIRBY_DESCRIPTION
    assert len(message["content"]) + sum(len(e.get("description", "")) for e in message["embeds"]) <= 2000
