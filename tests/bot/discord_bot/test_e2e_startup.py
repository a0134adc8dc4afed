"""End to end: start-up (REST base, gateway discovery, command sync), errors, reconnects, load."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.render import ERROR_TEXT
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, TOKEN, discord_settings, running
from tests.fake_discord import FakeDiscord

COMMANDS = ["Ask articlebot", "add", "ask", "feeds", "forget-me", "help", "reindex", "scope", "sources", "stats", "threads"]


def new_bot(fake: FakeDiscord, engine: Engine, **settings: object) -> ArticleBot:
    """An ArticleBot for ``fake`` with fast start-up."""
    force = bool(settings.pop("force_sync", False))
    return ArticleBot(settings=discord_settings(fake, **settings), engine=engine, force_sync=force,
                      guild_ready_timeout=0.1)


async def test_gateway_is_discovered_from_the_api_base(bot, fake: FakeDiscord) -> None:
    """With a non-Discord api_base_url, the bot asks GET /gateway/bot and connects there."""
    assert (len(fake.requests("GET", "gateway/bot")), fake.identifies) == (1, 1)


async def test_explicit_gateway_url_skips_discovery(fake: FakeDiscord, engine: Engine) -> None:
    """discord.gateway_url is dialled directly, without GET /gateway/bot."""
    async with running(new_bot(fake, engine, gateway_url=fake.gateway_url), fake):
        pass
    assert (len(fake.requests("GET", "gateway/bot")), fake.identifies) == (0, 1)


async def test_commands_are_synced_globally_on_first_start(bot, fake: FakeDiscord) -> None:
    """The first start puts /ask, /help, /reindex and /sources as global commands."""
    assert sorted(c["name"] for c in fake.commands["global"]) == COMMANDS


async def test_unchanged_commands_are_not_synced_again(fake: FakeDiscord, engine: Engine) -> None:
    """A restart with the same command definitions does not PUT them again."""
    for _ in range(2):
        async with running(new_bot(fake, engine), fake):
            pass
    assert fake.command_puts == 1


async def test_forced_sync_puts_commands_again(fake: FakeDiscord, engine: Engine) -> None:
    """`articlebot sync` (force_sync) syncs even when nothing changed."""
    async with running(new_bot(fake, engine), fake):
        pass
    async with running(new_bot(fake, engine, force_sync=True), fake):
        pass
    assert fake.command_puts == 2


async def test_dev_guild_gets_the_commands(fake: FakeDiscord, engine: Engine) -> None:
    """With dev_guild_id, the commands are synced to that guild only."""
    async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
        pass
    scoped = sorted(c["name"] for c in fake.commands[f"guild:{fake.guild_id}"])
    assert (scoped, fake.commands.get("global", [])) == (COMMANDS, [])


async def test_switching_to_a_dev_guild_removes_the_global_commands(fake: FakeDiscord, engine: Engine) -> None:
    """Setting dev_guild_id after a global sync leaves one copy of each command: the guild's."""
    async with running(new_bot(fake, engine), fake):
        pass
    async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
        pass
    scoped = sorted(c["name"] for c in fake.commands[f"guild:{fake.guild_id}"])
    assert (scoped, fake.commands["global"]) == (COMMANDS, [])


async def test_leaving_the_dev_guild_removes_its_commands(fake: FakeDiscord, engine: Engine) -> None:
    """Removing dev_guild_id syncs globally and empties the old guild's commands."""
    async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
        pass
    async with running(new_bot(fake, engine), fake):
        pass
    synced = sorted(c["name"] for c in fake.commands["global"])
    assert (synced, fake.commands[f"guild:{fake.guild_id}"]) == (COMMANDS, [])


async def test_restart_after_a_scope_switch_puts_nothing(fake: FakeDiscord, engine: Engine) -> None:
    """Once the old scope is emptied, a restart in the new one makes no PUT at all."""
    async with running(new_bot(fake, engine), fake):
        pass
    for _ in range(2):
        async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
            pass
    assert fake.command_puts == 3  # global, then the guild and the emptied global list


async def test_failed_removal_of_the_old_scope_is_retried(fake: FakeDiscord, engine: Engine,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    """When emptying the global list fails, the bot starts anyway, warns, and empties it at the next start."""
    async with running(new_bot(fake, engine), fake):
        pass
    fake.refuse_next("PUT", f"applications/{fake.application_id}/commands")
    with caplog.at_level(logging.WARNING, logger="bot.discord_bot.sync"):
        async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
            pass
    left = len(fake.commands["global"])
    async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
        pass
    # Only the sync's warnings: not a loaded machine's lag warnings, nor its INFO lines when an
    # earlier test (`articlebot run`) left the root logger at INFO.
    warned = [r for r in caplog.records if r.name == "bot.discord_bot.sync" and r.levelno >= logging.WARNING]
    assert (left, len(warned), fake.commands["global"]) == (len(COMMANDS), 1, [])


async def test_dev_guild_leaves_global_commands_it_never_synced(fake: FakeDiscord, engine: Engine) -> None:
    """Global commands this database did not sync (another deployment's) survive a dev-guild start."""
    fake.commands["global"] = [{"id": fake.snowflakes.next(), "name": "other", "type": 1}]
    async with running(new_bot(fake, engine, dev_guild_id=int(fake.guild_id)), fake):
        pass
    assert [c["name"] for c in fake.commands["global"]] == ["other"]


async def test_failing_command_says_it_was_logged(bot, fake: FakeDiscord, engine: Engine,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """When the database is gone, /ask answers "something went wrong" ephemerally and logs it."""
    await engine.close()
    with caplog.at_level(logging.ERROR, logger="bot"):
        result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    logged = [r for r in caplog.records if r.exc_info]
    assert (result.final_message["content"], result.ephemeral, len(logged)) == (ERROR_TEXT, True, 1)


async def test_bot_stays_up_after_a_failure(bot, fake: FakeDiscord, engine: Engine) -> None:
    """After a failed command, other commands still answer."""
    await engine.close()
    await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    result = await fake.slash_command("help", {}, user=fake.member)
    assert result.final_message["embeds"][0]["title"] == "How to ask articlebot"


async def test_answers_after_a_gateway_reconnect(bot, fake: FakeDiscord) -> None:
    """After Discord asks the bot to reconnect, it resumes and answers again."""
    await fake.reconnect()
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert result.final_message["embeds"][0]["description"].startswith(f"**{KIRBY}")


async def test_rate_limited_answer_still_arrives(bot, fake: FakeDiscord) -> None:
    """A 429 on the answer is retried by the client and the answer arrives."""
    fake.inject_429(1)
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert result.final_message["embeds"][0]["description"].startswith(f"**{KIRBY}")


async def test_fifty_concurrent_asks_are_all_answered(bot, fake: FakeDiscord) -> None:
    """50 /ask interactions at once all get Kirby's quote, none past the 3 s deadline."""
    users = [fake.add_user(f"reader{n}") for n in range(50)]
    results = await asyncio.gather(*(
        fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=user, timeout=60) for user in users
    ))
    answered = [r for r in results
                if not r.rejected and r.final_message["embeds"][0]["description"].startswith(f"**{KIRBY}")]
    assert len(answered) == 50


async def test_token_never_logged(fake: FakeDiscord, engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """Nothing logged during start-up, an answer and shutdown contains the token."""
    with caplog.at_level(logging.DEBUG):
        async with running(new_bot(fake, engine), fake):
            await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert [r.getMessage() for r in caplog.records if TOKEN in r.getMessage()] == []
