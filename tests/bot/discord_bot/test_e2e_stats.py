"""End to end through the fake Discord: questions are recorded, /stats shows them to admins only,
/forget-me deletes exactly the asker's rows, and a failing analytics write never costs an answer."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.stats import NOT_ADMIN_TEXT
from index.analytics.records import member_hash
from index.engine import Engine
from tests.bot.conftest import KIRBY, KIRBY_QUESTION
from tests.conftest import both_backends, db_rows, sqlite_only
from tests.fake_discord import FakeDiscord

pytestmark = both_backends  # saved answers, votes and statistics on SQLite and on PostgreSQL

Json = dict[str, Any]
REFUSED = ("Who won the football world cup final?", "who won the world cup football final")


def down_vote_id(message: Json) -> str:
    """The 👎 button's custom_id on an answer."""
    return next(item["custom_id"] for row in message["components"] for item in row["components"]
                if item["custom_id"].endswith(":down"))


async def ask_vote_and_be_refused(fake: FakeDiscord, bot: ArticleBot) -> Json:
    """The member asks about Kirby (answered, voted 👎) and twice about the world cup (refused);
    another member asks about Kirby in a DM. Returns the other member."""
    answered = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    await fake.click(answered.final_message, down_vote_id(answered.final_message), user=fake.member)
    await bot.in_flight.wait_idle(30)  # the vote is stored after the thanks
    for question in REFUSED:
        await fake.slash_command("ask", {"question": question}, user=fake.member)
    other = fake.add_user("other")
    reply = await fake.send_dm(KIRBY_QUESTION, user=other)
    assert KIRBY in reply["embeds"][0]["description"]
    return other


async def test_each_question_is_recorded_with_where_it_came_from(bot: ArticleBot, fake: FakeDiscord,
                                                                 engine: Engine) -> None:
    """One row per question: text, guild/channel or DM, the member's hash (never the name), answered,
    top article, time taken; the 👎 joins its question through the answer key."""
    other = await ask_vote_and_be_refused(fake, bot)
    await bot.analytics.recorder.flush()
    rows = await db_rows(engine.config, """SELECT question, place, guild_id, channel_id, member_hash, member_name, answered,
                                     top_article IS NOT NULL, seconds > 0 FROM question_log ORDER BY id""")
    mine, theirs = member_hash(int(fake.member["id"])), member_hash(int(other["id"]))
    guild = ("guild", fake.guild_id, fake.channel_id, mine, None)
    dm = ("dm", None, fake.dm_channel_for(other)["id"], theirs, None)
    assert rows == [(KIRBY_QUESTION, *guild, 1, 1, 1), (REFUSED[0], *guild, 0, 0, 1),
                    (REFUSED[1], *guild, 0, 0, 1), (KIRBY_QUESTION, *dm, 1, 1, 1)]
    joined = await db_rows(engine.config, "SELECT q.question, f.value FROM feedback f JOIN question_log q USING (answer_key)")
    assert joined == [(KIRBY_QUESTION, -1)]


async def test_admin_stats_show_counts_gaps_and_chart(bot: ArticleBot, fake: FakeDiscord) -> None:
    """An admin's /stats, only to them: 4 questions, 2 answered, 0 👍 / 1 👎, the article asked
    about, the two world-cup wordings as one gap and the 👎 answer as another, and a PNG chart."""
    await ask_vote_and_be_refused(fake, bot)
    result = await fake.slash_command("stats", {}, user=fake.admin)
    message = result.final_message
    embed = message["embeds"][0]
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    gaps = fields["Gaps: refused or 👎, by similar wording"].splitlines()
    assert result.ephemeral
    assert embed["description"].splitlines()[:2] == ["**Questions:** 4 in 30 days", "**Answered:** 2 (50%)"]
    assert "👍 0 · 👎 1 (0% 👍)" in embed["description"]
    assert fields["Most asked articles"].startswith("2 · US Not Concerned")
    assert [line.split("” — ")[1] for line in gaps] == ["2 asked · 2 refused · 0 👎", "1 asked · 0 refused · 1 👎"]
    assert gaps[0].startswith("“Who won the football world cup final?") or gaps[0].startswith("“who won")
    (chart,) = message["attachments"]
    assert (chart["filename"], chart["data"][:8], embed["image"]["url"]) == (
        "stats.png", b"\x89PNG\r\n\x1a\n", "attachment://stats.png")


async def test_member_stats_is_refused(bot: ArticleBot, fake: FakeDiscord) -> None:
    """/stats is for admins: a member gets the polite refusal, only they see it, and it is
    hidden from non-admins by default (Manage Server)."""
    result = await fake.slash_command("stats", {}, user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == (NOT_ADMIN_TEXT, True)
    assert int(fake.find_command("stats")["default_member_permissions"]) == 1 << 5


async def test_forget_me_removes_exactly_that_members_rows(bot: ArticleBot, fake: FakeDiscord,
                                                           engine: Engine) -> None:
    """The member's 3 questions and 1 vote go; the other member's 2 questions and 1 vote stay."""
    other = await ask_vote_and_be_refused(fake, bot)
    answered = (await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=other)).final_message
    await fake.click(answered, down_vote_id(answered), user=other)
    await bot.in_flight.wait_idle(30)  # the vote is stored after the thanks
    await bot.analytics.recorder.flush()
    theirs = member_hash(int(other["id"]))
    before = (await db_rows(engine.config, "SELECT * FROM question_log WHERE member_hash = ?", theirs),
              await db_rows(engine.config, "SELECT * FROM feedback WHERE user_hash = ?", theirs))
    result = await fake.slash_command("forget-me", {}, user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == (
        "Done: I deleted 3 questions and 1 vote of yours.", True)
    mine = member_hash(int(fake.member["id"]))
    assert await db_rows(engine.config, "SELECT count(*) FROM question_log WHERE member_hash = ?", mine) == [(0,)]
    assert await db_rows(engine.config, "SELECT count(*) FROM feedback WHERE user_hash = ?", mine) == [(0,)]
    after = (await db_rows(engine.config, "SELECT * FROM question_log"), await db_rows(engine.config, "SELECT * FROM feedback"))
    assert after == before and len(before[0]) == 2 and len(before[1]) == 1


@sqlite_only
async def test_a_failing_analytics_write_never_loses_the_answer(bot: ArticleBot, fake: FakeDiscord,
                                                                engine: Engine, caplog: Any) -> None:
    """With every insert into question_log refused by SQLite, the member still gets Kirby's quote,
    the lost record is logged, and recording resumes once writes work again."""
    with sqlite3.connect(engine.config.db_path) as db:
        db.execute("CREATE TRIGGER refuse BEFORE INSERT ON question_log BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with caplog.at_level(logging.WARNING, logger="index.analytics.recorder"):
        result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
        await bot.analytics.recorder.flush()
    assert KIRBY in result.final_message["embeds"][0]["description"]
    assert "Could not record 1 question(s)" in caplog.text and "refused" in caplog.text
    with sqlite3.connect(engine.config.db_path) as db:
        db.execute("DROP TRIGGER refuse")
    await fake.send_mention(KIRBY_QUESTION, user=fake.member)
    await bot.analytics.recorder.flush()
    assert await db_rows(engine.config, "SELECT place, answered FROM question_log") == [("guild", 1)]
