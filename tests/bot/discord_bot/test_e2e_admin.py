"""End to end: /reindex (admin only, background, progress, counts), /sources and /help."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.discord_bot.client import ArticleBot
from bot.discord_bot.render import NOT_ADMIN_TEXT, REINDEX_RUNNING_TEXT
from bot.discord_bot.text import CUSTOM_ID_MAX, SOURCE_WORDS_MAX
from index.engine import Engine
from tests.bot.conftest import SEED, TITLE, discord_settings, running
from tests.fake_discord import FakeDiscord
from tests.fake_discord.interactions import InteractionResult

NEW_ARTICLE = "Moon Base Plans Announced\n\nThe agency said the base would open in 2030.\n\nAuthor: Ann Example\n"


async def finished(fake: FakeDiscord, result: InteractionResult) -> str:
    """The /reindex message once it shows the final report (or an error sentence)."""
    def final() -> str | None:
        content = (result.final_message or {}).get("content") or ""
        return content if not content.startswith("Reindexing…") else None

    return await fake.wait_for(final, 20, "the final /reindex message")


async def test_reindex_from_member_is_refused_politely(bot, fake: FakeDiscord) -> None:
    """A plain member gets the polite refusal, ephemerally, and nothing is reindexed."""
    result = await fake.slash_command("reindex", {}, user=fake.member)
    assert (result.final_message["content"], result.ephemeral) == (NOT_ADMIN_TEXT, True)


async def test_reindex_is_hidden_from_non_admins_by_default(bot, fake: FakeDiscord) -> None:
    """The synced /reindex requires Manage Server by default."""
    assert int(fake.find_command("reindex")["default_member_permissions"]) == 1 << 5


async def test_reindex_from_admin_reports_counts(bot, fake: FakeDiscord, articles: Path) -> None:
    """An admin's /reindex ends with added/updated/removed/bad counts."""
    (articles / "moon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = await fake.slash_command("reindex", {}, user=fake.admin)
    text = await finished(fake, result)
    assert text.splitlines()[0] == "Reindex done: 1 added, 0 updated, 0 removed, 0 bad, 0 duplicates."


async def test_reindex_counts_duplicates_in_one_line_relative_to_the_folder(bot, fake: FakeDiscord,
                                                                            articles: Path) -> None:
    """Five copies of the seed: counted on the first line and in one line naming the first three by
    their path inside the article folder, never one line per copy or the server's full path."""
    (articles / "copies").mkdir()
    for n in range(5):
        (articles / "copies" / f"copy{n}.txt").write_bytes(SEED.read_bytes())
    text = await finished(fake, await fake.slash_command("reindex", {}, user=fake.admin))
    lines = text.splitlines()
    assert (lines[0], lines[2:]) == ("Reindex done: 0 added, 0 updated, 0 removed, 0 bad, 5 duplicates.", [
        "Duplicates: 5 files repeat another file's text (indexed once): copies/copy0.txt, copies/copy1.txt, "
        "copies/copy2.txt and 2 more; the log lists each."])


async def test_reindex_counts_the_files_that_are_not_articles(bot, fake: FakeDiscord, articles: Path) -> None:
    """A .xml in the article folder is counted on the first line and named in one line, relative to
    the folder; an editor's backup beside it is not mentioned."""
    (articles / "feeds").mkdir()
    (articles / "feeds" / "rss.xml").write_text("<rss/>", encoding="utf-8")
    (articles / "moon.txt~").write_text(NEW_ARTICLE, encoding="utf-8")
    text = await finished(fake, await fake.slash_command("reindex", {}, user=fake.admin))
    lines = text.splitlines()
    assert (lines[0], lines[2:]) == (
        "Reindex done: 0 added, 0 updated, 0 removed, 0 bad, 0 duplicates, 1 skipped (not articles).",
        ["1 file that is not an article was skipped (1 .xml): feeds/rss.xml; the log lists each."])


async def test_reindex_answers_at_once_then_edits(bot, fake: FakeDiscord) -> None:
    """/reindex first says it is reindexing (ephemeral), then edits that message."""
    result = await fake.slash_command("reindex", {}, user=fake.admin)
    await finished(fake, result)
    assert (result.messages[0]["content"], result.ephemeral, len(result.edits) >= 1) == (
        "Reindexing… looking for articles.", True, True)


async def test_reindexed_article_is_answerable(bot, fake: FakeDiscord, articles: Path) -> None:
    """After /reindex, /ask quotes the newly added article."""
    (articles / "moon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    await finished(fake, await fake.slash_command("reindex", {}, user=fake.admin))
    result = await fake.slash_command("ask", {"question": "When will the moon base open?"}, user=fake.member)
    assert result.final_message["embeds"][0]["description"].endswith("— Moon Base Plans Announced, Ann Example, ¶1")


async def test_reindex_outside_article_folders_is_refused(bot, fake: FakeDiscord, tmp_path: Path) -> None:
    """A path outside the configured folders gets the engine's explanation."""
    result = await fake.slash_command("reindex", {"path": "/etc"}, user=fake.admin)
    assert (await finished(fake, result)).startswith("/etc is outside the article folders")


async def test_second_reindex_while_one_runs_says_so(bot, fake: FakeDiscord) -> None:
    """While a reindex runs, another /reindex says so instead of starting one."""
    cog = bot.get_cog("Admin")  # loaded as an extension: a fresh module, so no isinstance
    cog.task = asyncio.get_running_loop().create_future()  # a reindex that has not finished
    try:
        result = await fake.slash_command("reindex", {}, user=fake.admin)
    finally:
        cog.task.cancel()
    assert result.final_message["content"] == REINDEX_RUNNING_TEXT


async def test_listed_admin_id_may_reindex_without_manage_server(fake: FakeDiscord, engine: Engine) -> None:
    """A user id in discord.admin_user_ids may reindex even as a plain member."""
    settings = discord_settings(fake, admin_user_ids=[int(fake.member["id"])])
    async with running(ArticleBot(settings=settings, engine=engine, guild_ready_timeout=0.1), fake):
        result = await fake.slash_command("reindex", {}, user=fake.member)
        text = await finished(fake, result)
    assert text.startswith("Reindex done: 0 added, 0 updated, 0 removed, 0 bad, 0 duplicates.")


async def test_help_shows_examples(bot, fake: FakeDiscord) -> None:
    """/help answers ephemerally with the how-to embed."""
    result = await fake.slash_command("help", {}, user=fake.member)
    assert (result.final_message["embeds"][0]["title"], result.ephemeral) == ("How to ask articlebot", True)


async def test_help_example_names_someone_the_articles_quote(bot, fake: FakeDiscord) -> None:
    """The example question names a person the indexed articles quote, not a fixed one."""
    result = await fake.slash_command("help", {}, user=fake.member)
    examples = result.final_message["embeds"][0]["fields"][0]["value"]
    assert "`/ask question:What did John Kirby say?`" in examples


async def test_sources_lists_the_seed(bot, fake: FakeDiscord) -> None:
    """/sources lists the indexed article with its author and passage count."""
    result = await fake.slash_command("sources", {}, user=fake.member)
    assert result.final_message["embeds"][0]["description"] == f"1. {TITLE} — Dave DeCamp (6 passages)"


async def test_sources_next_page(bot, fake: FakeDiscord, articles: Path, engine: Engine) -> None:
    """With 12 articles, Next turns /sources to page 2 showing articles 11-12."""
    for number in range(11):
        (articles / f"extra{number:02}.txt").write_text(
            f"Extra article {number:02}\n\nA paragraph about topic {number}.\n\nAuthor: Tester\n", encoding="utf-8")
    await engine.reindex()
    message = (await fake.slash_command("sources", {}, user=fake.member)).final_message
    next_id = message["components"][0]["components"][1]["custom_id"]
    page = (await fake.click(message, next_id, user=fake.member)).final_message["embeds"][0]
    assert (page["footer"]["text"], len(page["description"].splitlines())) == ("Page 2/2", 2)


async def test_sources_words_list_the_matching_articles_page_by_page(bot, fake: FakeDiscord, articles: Path,
                                                                     engine: Engine) -> None:
    """/sources words:… keeps the articles whose title or file name holds them, as the console's
    `sources WORDS` does, and its Next button turns the pages of that list, not of every article."""
    for number in range(12):
        (articles / f"extra{number:02}.txt").write_text(
            f"{'Harbour' if number % 2 else 'Extra'} article {number:02}\n\nA paragraph about topic {number}.\n",
            encoding="utf-8")
    await engine.reindex()
    first = (await fake.slash_command("sources", {"words": "  extra "}, user=fake.member)).final_message
    embed = first["embeds"][0]
    assert (embed["title"], embed["footer"]["text"]) == (
        "Indexed articles whose title or file name holds “extra” (12)", "Page 1/2")
    next_id = first["components"][0]["components"][1]["custom_id"]
    page = (await fake.click(first, next_id, user=fake.member)).final_message["embeds"][0]
    assert (page["footer"]["text"], page["description"].splitlines()) == (
        "Page 2/2", ["11. Harbour article 09 (1 passage)", "12. Harbour article 11 (1 passage)"])
    harbour = (await fake.slash_command("sources", {"words": "HARBOUR"}, user=fake.member)).final_message
    assert (harbour["embeds"][0]["title"], harbour.get("components") or []) == (
        "Indexed articles whose title or file name holds “HARBOUR” (6)", [])
    none = (await fake.slash_command("sources", {"words": "lighthouse"}, user=fake.member)).final_message
    assert none["embeds"][0]["description"] == "No indexed article whose title or file name holds “lighthouse”."


async def test_sources_words_fit_the_option_and_the_button(bot, fake: FakeDiscord) -> None:
    """The option is as long as the page buttons can carry (their custom_id holds the words)."""
    option = fake.find_command("sources")["options"][0]
    assert (option["name"], option["required"], option["max_length"]) == ("words", False, SOURCE_WORDS_MAX)
    assert len(f"ab:src:99999:next:{'w' * SOURCE_WORDS_MAX}") <= CUSTOM_ID_MAX
