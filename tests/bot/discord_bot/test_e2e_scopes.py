"""End to end (issue 17): two servers with their own archives, a channel limited to one folder,
and /reindex confined to the server's own archive — through the fake Discord with two guilds."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.discord_bot.archive_plan import OTHER_ARCHIVE_TEXT, SHARED_FOLDER_TEXT
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.render import NOT_ADMIN_SCOPE_TEXT, NOT_ADMIN_TEXT
from index.config import EngineConfig, ScopePolicy
from index.engine import Engine
from tests.bot.conftest import discord_settings, running
from tests.bot.discord_bot.test_e2e_admin import finished
from tests.fake_discord import FakeDiscord
from tests.fake_discord.guilds import FakeGuild
from tests.fake_discord.interactions import InteractionResult
from tests.index.sources.conftest import LOOPBACK
from tests.index.sources.server import PageServer
from tests.scope_archives import ALPHA_LIGHTHOUSE, BETA_PREFIX, PUBLIC_BAKERY, write_archives

LIGHTHOUSE = "who was the lighthouse keeper?"


@pytest.fixture
async def folders(tmp_path: Path) -> dict[str, Path]:
    return write_archives(tmp_path)


@pytest.fixture
async def scoped_engine(tmp_path: Path, folders: dict[str, Path]) -> AsyncIterator[Engine]:
    config = EngineConfig(db_path=tmp_path / "db" / "articlebot.db", article_dirs=(folders["alpha"].parent,))
    async with await Engine.open(config) as engine:
        await engine.reindex([folders["public"]])  # the shared archive; the servers add theirs
        yield engine


@pytest.fixture
def guild_b(fake: FakeDiscord) -> FakeGuild:
    """A second server: its admin is also a plain member of the first one."""
    admin_b, member_b = fake.new_user("beta-admin"), fake.new_user("beta-reader")
    guild = fake.add_guild("Beta", members=[member_b], admins=[admin_b])
    fake.guild_by_id(None).member_roles[admin_b["id"]] = []
    return guild


@pytest.fixture
async def scoped_bot(fake: FakeDiscord, scoped_engine: Engine, guild_b: FakeGuild) -> AsyncIterator[ArticleBot]:
    policy = ScopePolicy(per_guild=True, guilds_see_shared=False)
    client = ArticleBot(settings=discord_settings(fake), engine=scoped_engine, guild_ready_timeout=0.1, scopes=policy,
                        sources=replace(LOOPBACK, poll_minutes=0))
    async with running(client, fake):
        await claim(fake, "alpha", fake.admin, None)
        await claim(fake, "beta", admin_of(guild_b), guild_b)
        yield client
    assert fake.violations == [] and fake.failures == []


def admin_of(guild: FakeGuild) -> dict[str, Any]:
    return next(uid for uid, roles in guild.member_roles.items() if guild.admin_role_id in roles and uid)


async def claim(fake: FakeDiscord, folder: str, user: Any, guild: FakeGuild | None) -> str:
    """``/reindex path:folder`` by ``user`` in ``guild``: the folder becomes that server's archive."""
    user = fake.users[user] if isinstance(user, str) else user
    return await finished(fake, await fake.slash_command("reindex", {"path": folder}, user=user, guild=guild))


def shown(result: InteractionResult) -> str:
    """Everything the reply shows (content and embeds), as text."""
    return json.dumps(result.final_message, ensure_ascii=False, default=str)  # attachments carry bytes


async def ask(fake: FakeDiscord, question: str, guild: FakeGuild | None = None, **where: Any) -> str:
    return shown(await fake.slash_command("ask", {"question": question}, guild=guild, **where))


async def test_each_server_quotes_only_its_own_archive(scoped_bot: ArticleBot, fake: FakeDiscord,
                                                       guild_b: FakeGuild) -> None:
    in_a = await ask(fake, LIGHTHOUSE)
    assert ALPHA_LIGHTHOUSE.split(";")[0][:40] in in_a and BETA_PREFIX not in in_a
    in_b = await ask(fake, LIGHTHOUSE, guild_b, user=fake.users[admin_of(guild_b)])
    assert BETA_PREFIX in in_b and "Harbour committee" not in in_b
    bakery = await ask(fake, "which bakery won the bread prize?", guild_b, user=fake.users[admin_of(guild_b)])
    assert PUBLIC_BAKERY not in bakery  # the shared archive is not seen with guilds_see_shared off
    mention = await fake.send_mention(LIGHTHOUSE, user=fake.users[admin_of(guild_b)], guild=guild_b)
    assert BETA_PREFIX in json.dumps(mention) and "Harbour committee" not in json.dumps(mention)
    sources = shown(await fake.slash_command("sources", {}, guild=guild_b))
    assert "Harbour committee" not in sources and BETA_PREFIX in sources


async def test_a_channel_limited_to_one_folder_quotes_only_it(scoped_bot: ArticleBot, fake: FakeDiscord) -> None:
    limited = await fake.slash_command("scope limit", {"folder": "alpha/notes"}, user=fake.admin)
    assert "now search only" in shown(limited)
    assert "Pier repairs begin" in await ask(fake, "who is repairing the pier?")
    assert ALPHA_LIGHTHOUSE[:40] not in await ask(fake, LIGHTHOUSE)
    assert "limited to" in shown(await fake.slash_command("scope show", {}, user=fake.member))
    outside = await fake.slash_command("scope limit", {"folder": "beta"}, user=fake.admin)
    assert "not part of this server's archive" in shown(outside)
    refused = await fake.slash_command("scope limit", {"folder": "alpha"}, user=fake.member)
    assert refused.final_message["content"] == NOT_ADMIN_SCOPE_TEXT  # its own sentence, not /reindex's
    cleared = await fake.slash_command("scope clear", {}, user=fake.member)
    assert cleared.final_message["content"] == NOT_ADMIN_SCOPE_TEXT
    assert "limited to" in shown(await fake.slash_command("scope show", {}, user=fake.member))
    await fake.slash_command("scope clear", {}, user=fake.admin)
    assert ALPHA_LIGHTHOUSE[:40] in await ask(fake, LIGHTHOUSE)


async def test_reindex_touches_only_the_servers_own_archive(scoped_bot: ArticleBot, fake: FakeDiscord,
                                                            folders: dict[str, Path]) -> None:
    (folders["alpha"] / "new.txt").write_text("Ferry timetable\n\nThe ferry now sails at noon, the harbour master said.\n")
    (folders["beta"] / "new.txt").write_text("Beta gazette\n\nThe beta gazette printed its last issue.\n")
    (folders["public"] / "bakery.txt").unlink()
    report = await finished(fake, await fake.slash_command("reindex", {}, user=fake.admin))
    assert report.splitlines()[0] == "Reindex done: 1 added, 0 updated, 0 removed, 0 bad, 0 duplicates."
    titles = {s.title for s in await scoped_bot.engine.sources()}
    assert "Ferry timetable" in titles and "Beta gazette" not in titles and "Bakery prize" in titles


async def test_a_member_of_b_cannot_reindex_a(scoped_bot: ArticleBot, fake: FakeDiscord, guild_b: FakeGuild) -> None:
    admin_b = fake.users[admin_of(guild_b)]
    in_a = await fake.slash_command("reindex", {}, user=admin_b)  # admin in B, plain member in A
    assert in_a.final_message["content"] == NOT_ADMIN_TEXT
    assert await claim(fake, "alpha", admin_b, guild_b) == OTHER_ARCHIVE_TEXT
    assert await claim(fake, "alpha/notes", admin_b, guild_b) == OTHER_ARCHIVE_TEXT
    assert await claim(fake, "public", admin_b, guild_b) == SHARED_FOLDER_TEXT  # not taken from everyone


async def test_pages_and_feeds_a_server_adds_fill_only_its_archive(scoped_bot: ArticleBot, fake: FakeDiscord,
                                                                   guild_b: FakeGuild, page_server: PageServer) -> None:
    admin_b = fake.users[admin_of(guild_b)]
    added = await fake.slash_command("add", {"url": f"{page_server.base}/pages/time_001.html"}, user=admin_b,
                                     guild=guild_b)
    await fake.wait_for(lambda: "1 of 1 page added" in shown(added), 30, "the page added")
    hansen = "When did James Hansen first warn Congress?"
    assert "James Hansen first warned Congress" in await ask(fake, hansen, guild_b, user=admin_b)
    assert "James Hansen first warned Congress" not in await ask(fake, hansen)
    page_server.feed_items = [("cnn_article.html", "CNN")]
    feed = f"{page_server.base}/feed.xml"
    polled = await fake.slash_command("feeds add", {"url": feed}, user=admin_b, guild=guild_b)
    await fake.wait_for(lambda: "1 new entry indexed" in shown(polled), 30, "the feed polled")
    in_a = await fake.slash_command("feeds list", {}, user=fake.admin)
    await fake.wait_for(lambda: "No feeds are polled" in shown(in_a), 30, "/feeds list in the first server")
    removed = await fake.slash_command("feeds remove", {"url": feed}, user=fake.admin)
    await fake.wait_for(lambda: f"{feed} is not a polled feed." in shown(removed), 30, "another server's feed kept")
    async with scoped_bot.scopes.searching(fake.guild_id, fake.channel_id):
        titles_a = {s.title for s in await scoped_bot.engine.sources()}
    async with scoped_bot.scopes.searching(guild_b.id, guild_b.channel["id"]):
        titles_b = {s.title for s in await scoped_bot.engine.sources()}
    assert (len(titles_a), len(titles_b), titles_a & titles_b) == (2, 42, set())  # 40 beta articles, page, entry


async def test_dms_search_the_shared_archive(scoped_bot: ArticleBot, fake: FakeDiscord) -> None:
    assert PUBLIC_BAKERY in json.dumps(await fake.send_dm("which bakery won the bread prize?"), ensure_ascii=False)
    in_dm = json.dumps(await fake.send_dm(LIGHTHOUSE), ensure_ascii=False)
    assert BETA_PREFIX not in in_dm and "Harbour committee" not in in_dm


async def test_stats_show_a_server_its_own_questions(scoped_bot: ArticleBot, fake: FakeDiscord,
                                                      guild_b: FakeGuild) -> None:
    admin_b = fake.users[admin_of(guild_b)]
    await ask(fake, "how fast do zebras migrate?", guild_b, user=admin_b)  # refused: a gap of B's
    await ask(fake, "how tall are giraffes?")  # refused: a gap of A's
    in_a = shown(await fake.slash_command("stats", {}, user=fake.admin))
    in_b = shown(await fake.slash_command("stats", {}, user=admin_b, guild=guild_b))
    assert ("giraffes" in in_a, "zebras" in in_a, "zebras" in in_b, "giraffes" in in_b) == (True, False, True, False)


async def test_a_channels_limit_applies_in_the_threads_opened_in_it(scoped_bot: ArticleBot, fake: FakeDiscord) -> None:
    await fake.slash_command("scope limit", {"folder": "alpha/notes"}, user=fake.admin)
    await fake.slash_command("threads", {"enabled": True}, user=fake.admin)
    assert "Pier repairs begin" in await ask(fake, "who is repairing the pier?", user=fake.member)
    thread = await fake.wait_thread()
    in_thread = await ask(fake, LIGHTHOUSE, user=fake.admin, channel=thread)
    assert ALPHA_LIGHTHOUSE[:40] not in in_thread and BETA_PREFIX not in in_thread
    await fake.slash_command("scope clear", {}, user=fake.admin)
    assert ALPHA_LIGHTHOUSE[:40] in await ask(fake, LIGHTHOUSE, user=fake.admin, channel=thread)
