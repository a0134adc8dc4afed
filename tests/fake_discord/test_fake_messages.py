"""The fake's messages with a real discord.py client: DMs, mentions, the guild and the message intent."""

from __future__ import annotations

import asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord.minibot import MiniBot


async def test_user_send_opens_dm_channel(fake: FakeDiscord, bot: MiniBot) -> None:
    """interaction.user.send() opens a DM channel and posts there."""
    await fake.slash_command("dmme", user=fake.admin)
    dm_id = fake.dm_channel_for(fake.admin)["id"]
    sent = await fake.wait_for(lambda: fake.channel_messages(dm_id), 5, "the DM")
    assert sent[0]["content"] == "private answer"


async def test_dm_is_replied(fake: FakeDiscord, bot: MiniBot) -> None:
    """A DM from a user gets a reply referencing it."""
    reply = await fake.send_dm("what did Kirby say?", user=fake.member)
    assert reply["content"] == "echo: what did Kirby say?"


async def test_mention_is_replied(fake: FakeDiscord, bot: MiniBot) -> None:
    """A guild message mentioning the bot gets a reply in the guild channel."""
    reply = await fake.send_mention("hello", user=fake.admin)
    assert (reply["channel_id"], reply["type"]) == (fake.channel_id, 19)


async def test_guild_fixture_is_complete(fake: FakeDiscord, bot: MiniBot) -> None:
    """The guild arrives with member_count 3 (bot, member, admin) and the bot as guild.me."""
    guild = bot.get_guild(int(fake.guild_id))
    assert guild is not None and guild.member_count == 3 and guild.me.id == int(fake.bot_user["id"])


async def test_guild_message_without_intent_has_no_content(fake: FakeDiscord, bot: MiniBot) -> None:
    """A non-mention guild message arrives without content when the intent is off."""
    seen = asyncio.ensure_future(bot.wait_for("message", timeout=5))
    await asyncio.sleep(0)
    await fake.post_message("secret", user=fake.member)
    assert (await seen).content == ""
