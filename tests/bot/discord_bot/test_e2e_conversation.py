"""End to end: follow-ups in a DM, a channel, the bot's thread and through "Ask articlebot",
run by the real bot against the fake Discord on three small articles written for these tests."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.discord_bot.cogs.conversation import NO_TEXT
from bot.discord_bot.render import NOT_ADMIN_THREADS_TEXT
from tests.fake_discord import FakeDiscord

FIXTURES = Path(__file__).resolve().parents[2] / "index" / "conversation" / "articles"
CARTER = "Carter backs young British players"
BAKERY = "Crumbly Bakeries shares tumble"
AIRLINE = "SkyLark shares slip on fuel warning"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """The three conversation articles (instead of the seed) for conftest's engine."""
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    """With the message-content intent: members ask in the bot's threads without a mention."""
    return {"message_content": True}


def quoted(message: dict[str, Any]) -> list[str]:
    """The quote embeds' descriptions."""
    return [embed["description"] for embed in message["embeds"]]


async def test_follow_up_in_a_dm_quotes_the_same_speaker_again(bot, fake: FakeDiscord) -> None:
    """"what else did she say?" in a DM brings Carter's passages not shown yet, naming how it was read."""
    first = await fake.send_dm("What did Carter say about the juniors?")
    shown = quoted(first)
    more = await fake.send_dm("what else did she say?")
    assert more["content"].startswith(f"↪ Following up on Ellen Carter, in *{CARTER}*")
    assert quoted(more) and not set(quoted(more)) & set(shown)
    assert all(CARTER in text for text in quoted(more))
    seen = set(shown) | set(quoted(more))
    for _ in range(5):  # each turn shows the quotes worth reading, so it may take a few
        last = await fake.send_dm("what else did she say?")
        if "That is all Ellen Carter says in the articles." in last["content"]:
            break
        assert quoted(last) and not set(quoted(last)) & seen
        seen |= set(quoted(last))
    assert "That is all Ellen Carter says in the articles." in last["content"]


async def test_two_members_in_one_channel_keep_their_own_conversations(bot, fake: FakeDiscord) -> None:
    """Two members mention the bot in the same channel; each follow-up is read against their own answer."""
    other = fake.add_user("second reader")
    await fake.send_mention("Why did SkyLark shares slip?", user=fake.member)
    await fake.send_mention("How far did Crumbly Bakeries shares drop?", user=other)
    mine = await fake.send_mention("what did the chief executive say?", user=fake.member)
    theirs = await fake.send_mention("what did the chief executive say?", user=other)
    assert f"*{AIRLINE}*" in mine["content"] and "Mark Olsen" in quoted(mine)[0]
    assert "Tom Baker" in quoted(theirs)[0]


async def test_ask_opens_a_thread_where_members_follow_up_without_a_mention(bot, fake: FakeDiscord) -> None:
    """With /threads on, /ask's answer gets a thread; a follow-up there needs no mention."""
    choice = await fake.slash_command("threads", {"enabled": True}, user=fake.admin)
    assert "opens a thread" in choice.final_message["content"]
    await fake.slash_command("ask", {"question": "What did Carter say about the juniors?"}, user=fake.member)
    thread = await fake.wait_thread()
    assert thread["parent_id"] == fake.channel_id and thread["name"] == "What did Carter say about the juniors?"
    reply = await fake.post_in_thread(thread, "what else did she say?", user=fake.admin)
    assert reply["channel_id"] == thread["id"]
    assert reply["content"].startswith(f"↪ Following up on Ellen Carter, in *{CARTER}*")
    assert all(CARTER in text for text in quoted(reply))


@pytest.mark.parametrize("bot_settings", [{"message_content": False}])
async def test_mention_in_the_ask_thread_follows_up_without_the_message_content_intent(bot, fake: FakeDiscord) -> None:
    """Without the message-content intent (the default) a member mentions the bot in /ask's thread:
    Discord still delivers that message's text, and the reply, in the thread, follows up on the
    thread's answer."""
    await fake.slash_command("threads", {"enabled": True}, user=fake.admin)
    await fake.slash_command("ask", {"question": "What did Carter say about the juniors?"}, user=fake.member)
    thread = await fake.wait_thread()
    reply = await fake.post_in_thread(thread, "what else did she say?", user=fake.admin, mention=True)
    assert reply["channel_id"] == thread["id"]
    assert reply["content"].startswith(f"↪ Following up on Ellen Carter, in *{CARTER}*")
    assert quoted(reply) and all(CARTER in text for text in quoted(reply))
    assert fake.violations == []


async def test_threads_from_a_member_is_refused_naming_threads_and_changes_nothing(bot, fake: FakeDiscord) -> None:
    """A plain member's /threads gets its own refusal (it used to say "…can reindex the articles"),
    ephemerally, and /ask still opens no thread."""
    refused = await fake.slash_command("threads", {"enabled": True}, user=fake.member)
    assert (refused.final_message["content"], refused.ephemeral) == (NOT_ADMIN_THREADS_TEXT, True)
    await fake.slash_command("ask", {"question": "What did Carter say about the juniors?"}, user=fake.member)
    assert fake.threads == {}


async def test_ask_in_the_bots_thread_continues_the_threads_conversation(bot, fake: FakeDiscord) -> None:
    """/ask used inside the bot's thread, by another member, follows up on the thread's answer."""
    await fake.slash_command("threads", {"enabled": True}, user=fake.admin)
    await fake.slash_command("ask", {"question": "Why did SkyLark shares slip?"}, user=fake.member)
    thread = await fake.wait_thread()
    result = await fake.slash_command("ask", {"question": "what did the chief executive say?"},
                                      user=fake.admin, channel=thread)
    assert result.final_message["content"].startswith(f"↪ Following up on *{AIRLINE}*")
    assert "Mark Olsen" in quoted(result.final_message)[0]
    assert len(fake.threads) == 1  # no thread is opened inside a thread


async def test_ask_opens_no_thread_unless_the_server_chose_so(bot, fake: FakeDiscord) -> None:
    """By default (discord.ask_threads false) /ask answers in the channel only."""
    await fake.slash_command("ask", {"question": "What did Carter say about the juniors?"}, user=fake.member)
    assert fake.threads == {} and fake.requests("POST", f"channels/{fake.channel_id}/messages/") == []


async def test_ask_articlebot_answers_a_question_about_another_members_message(bot, fake: FakeDiscord) -> None:
    """The message command asks another member's message as the question, then follows up as usual."""
    author = fake.add_user("poster")
    message = fake.member_message("How far did Crumbly Bakeries shares drop?", user=author)
    result = await fake.message_command("Ask articlebot", message, user=fake.member)
    assert BAKERY in quoted(result.final_message)[0]
    follow = await fake.send_mention("tell me more", user=fake.member)
    assert follow["content"].startswith(f"↪ Following up on *{BAKERY}*")
    assert quoted(follow) and all(BAKERY in text for text in quoted(follow))
    assert not set(quoted(follow)) & set(quoted(result.final_message))


async def test_ask_articlebot_on_a_message_without_text_says_so(bot, fake: FakeDiscord) -> None:
    """The message command on a message with no text (an image, say) tells the clicker why nothing
    was asked, only to them (it used to show the "Ask me a question…" hint)."""
    image = fake.member_message("", user=fake.add_user("poster"))
    result = await fake.message_command("Ask articlebot", image, user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == (NO_TEXT, True)


async def test_archive_question_in_a_dm_names_the_author(bot, fake: FakeDiscord) -> None:
    """"who wrote the article about Carter?" is answered from the article record."""
    reply = await fake.send_dm("who wrote the article about Carter?")
    assert reply["content"] == f"*{CARTER}* was written by Sam Reed."


async def test_follow_ups_archive_questions_and_the_menu_are_recorded_for_stats(bot, fake: FakeDiscord) -> None:
    """Each kind of turn is one question_log row: answered, with the article it was about."""
    await fake.send_dm("What did Carter say about the juniors?")
    await fake.send_dm("who wrote it?")
    message = fake.member_message("How far did Crumbly Bakeries shares drop?", user=fake.add_user("poster"))
    await fake.message_command("Ask articlebot", message, user=fake.member)
    await bot.analytics.recorder.flush()
    with sqlite3.connect(bot.engine.config.db_path) as db:
        rows = db.execute("SELECT question, place, answered, top_article FROM question_log ORDER BY id").fetchall()
    assert rows == [("What did Carter say about the juniors?", "dm", 1, CARTER), ("who wrote it?", "dm", 1, CARTER),
                    ("How far did Crumbly Bakeries shares drop?", "guild", 1, BAKERY)]


async def test_a_date_that_filters_out_every_quote_says_so(bot, fake: FakeDiscord) -> None:
    """Carter is quoted, but not in 2023: the reply says the date was the reason, not "couldn't find"."""
    reply = await fake.send_dm("what did Carter say in 2023?")
    assert reply["content"] == "No quote from articles dated in 2023 answers that."


async def test_when_was_that_in_a_dm_quotes_the_date_of_the_shown_sentence(bot, fake: FakeDiscord) -> None:
    """"when was that?" after the shares' fall repeated the same answer; it names the day."""
    await fake.send_dm("How far did Crumbly Bakeries shares drop?")
    when = await fake.send_dm("when was that?")
    assert when["content"].startswith(f"↪ Following up on *{BAKERY}*") and "“Tuesday”" in when["content"]
    assert "**Shares in the doughnut chain Crumbly Bakeries fell 15% on Tuesday" in quoted(when)[0]


async def test_a_question_in_german_is_not_respelled_and_says_questions_are_read_in_english(
        bot, fake: FakeDiscord) -> None:
    reply = await fake.send_dm("Wer hat die Wahl gewonnen?")
    assert ("Questions are read in English" in reply["content"], "German" in reply["content"],
            "Showing results" in reply["content"], reply["embeds"]) == (True, True, False, [])


async def test_a_follow_up_with_no_earlier_answer_asks_for_a_question_first(bot, fake: FakeDiscord) -> None:
    """A first DM or /ask "what else did she say?" quotes nothing: it names no one, so it asks
    for a question first; once one is answered, the same words follow up on it."""
    first = await fake.send_dm("what else did she say?")
    assert first["content"] == "Ask a question first; “what else did she say?” follows up on the last answer."
    assert first["embeds"] == []
    asked = await fake.slash_command("ask", {"question": "why?"}, user=fake.member)
    assert asked.final_message["content"] == "Ask a question first; “why?” follows up on the last answer."
    await fake.send_dm("What did Carter say about the juniors?")
    again = await fake.send_dm("what else did she say?")
    assert again["content"].startswith(f"↪ Following up on Ellen Carter, in *{CARTER}*") and quoted(again)
