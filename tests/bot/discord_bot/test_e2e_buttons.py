"""End to end: the More, Context, 👍/👎 and /sources page buttons."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.discord_bot.render import EXPIRED_TEXT
from bot.discord_bot.views import user_hash
from index.engine import Engine
from tests.bot.conftest import KIRBY_QUESTION, TITLE
from tests.conftest import both_backends, db_rows
from tests.fake_discord import FakeDiscord

pytestmark = both_backends  # saved answers, votes and statistics on SQLite and on PostgreSQL

Json = dict[str, Any]


def custom_ids(message: Json) -> list[str]:
    """The custom_ids of every button on ``message``, row by row."""
    return [item["custom_id"] for row in message["components"] for item in row["components"]]


def button(message: Json, prefix: str) -> str:
    """The one custom_id on ``message`` starting with ``prefix``."""
    (found,) = [cid for cid in custom_ids(message) if cid.startswith(prefix)]
    return found


@pytest.fixture
def engine_options() -> dict[str, Any]:
    """Every answer shows max_quotes quotes, however they score, so each button has quotes to act on."""
    return {"further_quotes": 0.0}


async def asked(fake: FakeDiscord) -> Json:
    """The answer message of a /ask about Kirby."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    return result.final_message


async def test_answer_has_context_more_and_feedback_buttons(bot, fake: FakeDiscord) -> None:
    """Under an answer: one Context button per quote, then More, 👍 and 👎."""
    kinds = [cid.split(":")[1] for cid in custom_ids(await asked(fake))]
    assert kinds == ["ctx", "ctx", "ctx", "more", "fb", "fb"]


async def test_context_button_shows_surrounding_paragraphs(bot, fake: FakeDiscord) -> None:
    """Context on Kirby's quote shows ¶2-¶4 with ¶3 in bold, only to the clicker."""
    message = await asked(fake)
    result = await fake.click(message, custom_ids(message)[0], user=fake.member)
    description = result.final_message["embeds"][0]["description"]
    starts = [block.split(" ", 1)[0] for block in description.split("\n\n")]
    assert (starts, result.ephemeral) == (["**¶2**", "**¶3**", "**¶4**"], True)


async def test_context_buttons_are_numbered_by_quote(bot, fake: FakeDiscord) -> None:
    """Each Context button names its quote's place and paragraph, so equal ¶s stay apart."""
    message = await asked(fake)
    labels = [item["label"] for row in message["components"] for item in row["components"]
              if item["custom_id"].startswith("ab:ctx:")]
    paragraphs = [embed["description"].rsplit("¶", 1)[1] for embed in message["embeds"]]
    assert labels == [f"Context {n} · ¶{p}" for n, p in enumerate(paragraphs, start=1)] == [
        "Context 1 · ¶3", "Context 2 · ¶2", "Context 3 · ¶4"]


async def test_context_title_names_the_article(bot, fake: FakeDiscord) -> None:
    """The Context embed's title names the quoted paragraph and its article."""
    message = await asked(fake)
    result = await fake.click(message, custom_ids(message)[0], user=fake.member)
    assert result.final_message["embeds"][0]["title"] == f"Context around ¶3 — {TITLE}"


async def test_context_title_of_a_long_titled_article_fits(bot, fake: FakeDiscord, engine: Engine,
                                                           articles: Path) -> None:
    """An article title past 256 characters is clipped with "…" in the Context title."""
    title = "Moon Base Plans " + "and Further Lunar Ambitions " * 12 + "Announced"
    (articles / "moon.txt").write_text(f"{title}\n\nThe agency said the base would open in 2030.\n", encoding="utf-8")
    await engine.reindex()
    result = await fake.slash_command("ask", {"question": "When will the moon base open?"}, user=fake.member)
    clicked = await fake.click(result.final_message, custom_ids(result.final_message)[0], user=fake.member)
    shown = clicked.final_message["embeds"][0]["title"]
    assert (len(shown) <= 256, shown.startswith("Context around ¶1 — Moon Base Plans and"), shown[-1]) == (
        True, True, "…")


async def test_more_button_shows_the_next_quotes(bot, fake: FakeDiscord) -> None:
    """More shows the engine's further quotes (the two other paragraphs it found for Kirby)."""
    message = await asked(fake)
    result = await fake.click(message, button(message, "ab:more:"), user=fake.admin)
    first = {e["description"] for e in message["embeds"]}
    more = {e["description"] for e in result.final_message["embeds"]}
    assert (len(more), first & more) == (2, set())


async def test_thumbs_up_is_stored_with_question_quotes_and_user_hash(bot, fake: FakeDiscord, engine: Engine) -> None:
    """👍 stores +1 with the question, the shown quote ids and the hashed user id."""
    message = await asked(fake)
    await fake.click(message, custom_ids(message)[4], user=fake.member)
    await bot.in_flight.wait_idle(30)  # the vote is stored after the thanks
    shown = [int(cid.split(":")[2]) for cid in custom_ids(message)[:3]]
    rows = await db_rows(engine.config, "SELECT question, passage_ids, user_hash, value FROM feedback")
    assert rows == [(KIRBY_QUESTION, str(shown), user_hash(int(fake.member["id"])), 1)]


async def feedback_rows(bot: Any, engine: Engine) -> list[tuple[Any, ...]]:
    """``(user_hash, value)`` of every stored vote, oldest first (once the votes clicked are
    stored: after the thanks)."""
    await bot.in_flight.wait_idle(30)
    return await db_rows(engine.config, "SELECT user_hash, value FROM feedback ORDER BY id")


async def test_second_vote_by_the_same_user_replaces_the_first(bot, fake: FakeDiscord, engine: Engine) -> None:
    """👍 then 👎 by one user on one answer leaves one row: their last vote."""
    message = await asked(fake)
    await fake.click(message, custom_ids(message)[4], user=fake.member)
    await fake.click(message, custom_ids(message)[5], user=fake.member)
    assert await feedback_rows(bot, engine) == [(user_hash(int(fake.member["id"])), -1)]


async def test_votes_by_two_users_are_both_kept(bot, fake: FakeDiscord, engine: Engine) -> None:
    """👍 by one user and 👎 by another on the same answer are two rows."""
    message = await asked(fake)
    await fake.click(message, custom_ids(message)[4], user=fake.member)
    await fake.click(message, custom_ids(message)[5], user=fake.admin)
    assert await feedback_rows(bot, engine) == [(user_hash(int(fake.member["id"])), 1), (user_hash(int(fake.admin["id"])), -1)]


async def test_thumbs_down_thanks_the_user(bot, fake: FakeDiscord) -> None:
    """👎 answers with a short ephemeral thank-you."""
    message = await asked(fake)
    result = await fake.click(message, custom_ids(message)[5], user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == ("Thanks for the feedback!", True)


async def _saved(bot: Any, message: Json) -> None:
    """Wait until the answer behind ``message``'s buttons is stored in the database."""
    key = button(message, "ab:more:").split(":")[2]
    for _ in range(200):
        if await bot.engine.store.saved_answer(key) is not None:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the answer was never stored")


async def test_more_after_restart_requotes_from_the_database(bot, fake: FakeDiscord) -> None:
    """A More click the bot's memory lost (e.g. after a restart) shows the same next quotes."""
    message = await asked(fake)
    before = await fake.click(message, button(message, "ab:more:"), user=fake.member)
    await _saved(bot, message)
    bot.answers._items.clear()
    after = await fake.click(message, button(message, "ab:more:"), user=fake.member)
    descriptions = [[e["description"] for e in r.final_message["embeds"]] for r in (before, after)]
    assert descriptions[0] == descriptions[1] and len(descriptions[0]) == 2


async def test_answer_gone_from_memory_and_database_asks_to_ask_again(bot, fake: FakeDiscord) -> None:
    """A button whose answer is neither remembered nor stored (pruned) asks to ask again."""
    message = await asked(fake)
    await _saved(bot, message)
    bot.answers._items.clear()
    await db_rows(bot.engine.config, "DELETE FROM answers")
    result = await fake.click(message, button(message, "ab:more:"), user=fake.member)
    assert result.final_message["content"] == EXPIRED_TEXT


async def test_last_more_page_has_no_more_button(bot, fake: FakeDiscord) -> None:
    """When More shows the last quotes, its message offers Context buttons only."""
    message = await asked(fake)
    result = await fake.click(message, button(message, "ab:more:"), user=fake.member)
    assert [cid.split(":")[1] for cid in custom_ids(result.final_message)] == ["ctx", "ctx"]
