"""Issue 18, item 5: odd input that broke a command, each through the real CLI or the real bot.

Rich markup in a title, a relative or ~1,950-character /reindex path, a NUL byte, `ask` on a
read-only database, SIGTERM while Discord is unreachable, zalgo and right-to-left overrides.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from index.engine import Engine
from tests.bot.conftest import (
    KIRBY,
    KIRBY_QUESTION,
    TOKEN,
    articles,
    bot,
    bot_settings,
    engine,
    engine_options,
    fake,
    running,
)
from tests.bot.console.test_run_cli import child_env
from tests.bot.discord_bot.test_e2e_admin import NEW_ARTICLE, finished
from tests.conftest import make_config
from tests.fake_discord import FakeDiscord
from tests.reliability.conftest import cli
from tests.reliability.test_discord_load import new_bot
from tests.reliability.test_full_disk import disk

__all__ = ["articles", "bot", "bot_settings", "disk", "engine", "engine_options", "fake"]  # fixtures shared with other test modules

MARKUP_TITLE = "[/bold]Zürich [red]prices"
RLO, ZALGO_E = "\u202e", "e" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308" * 4


def test_sources_shows_a_title_holding_rich_markup_as_written(tmp_path: Path) -> None:
    """`articlebot sources` crashed on "[/bold]" in a title; it now prints the title as written."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "prices.txt").write_text(f"{MARKUP_TITLE}\n\nThe council said prices fell by a tenth.\n",
                                       encoding="utf-8")
    db = str(tmp_path / "db.sqlite")
    assert cli("reindex", str(folder), "--db", db).returncode == 0
    listed = cli("sources", "--db", db)
    assert (listed.returncode, listed.stderr, MARKUP_TITLE in listed.stdout) == (0, "", True)


async def test_relative_reindex_path_is_taken_inside_the_article_folder(bot, fake: FakeDiscord,
                                                                       articles: Path) -> None:
    """`/reindex path:moon.txt` indexes the file in the article folder; it was refused as outside."""
    (articles / "moon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    text = await finished(fake, await fake.slash_command("reindex", {"path": "moon.txt"}, user=fake.admin))
    assert text.splitlines()[0] == "Reindex done: 1 added, 0 updated, 0 removed, 0 bad, 0 duplicates."


async def test_overlong_reindex_path_gets_its_refusal_not_reindexing_forever(bot, fake: FakeDiscord) -> None:
    """A 1,950-character path: the refusal naming it is cut to fit one message (Discord rejected it)."""
    path = "/" + "x" * 1949
    text = await finished(fake, await fake.slash_command("reindex", {"path": path}, user=fake.admin))
    assert text.startswith(f"{path[:100]}") and text.endswith("…") and len(text) <= 2000
    assert fake.violations == []


async def test_nul_byte_in_a_reindex_path_gets_a_sentence(bot, fake: FakeDiscord) -> None:
    """A NUL byte gave "Something went wrong"; it is now named."""
    text = await finished(fake, await fake.slash_command("reindex", {"path": "moon\x00.txt"}, user=fake.admin))
    assert text == "A path holds a NUL character, which no file name can contain."


def test_ask_and_sources_answer_from_a_read_only_file_system(disk: Path, articles: Path) -> None:
    """`ask` refused a database it could not write; read-only commands now open it read-only."""
    db = str(disk / "articlebot.db")
    assert cli("reindex", str(articles), "--db", db).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    asked, listed = cli("ask", KIRBY_QUESTION, "--db", db), cli("sources", "--db", db)
    assert (asked.returncode, KIRBY in asked.stdout, listed.returncode) == (0, True, 0)


async def test_sigterm_stops_the_bot_promptly_while_discord_is_unreachable(tmp_path: Path,
                                                                          articles: Path) -> None:
    """Discord goes away; SIGTERM used to wait 10-46 s for the next reconnect attempt."""
    fake = FakeDiscord(token=TOKEN, ready_delay=3.0)
    await fake.start()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=child_env(fake, tmp_path, articles, TOKEN),
        stderr=asyncio.subprocess.PIPE)
    await fake.wait_ready(timeout=60)
    await fake.stop()
    await asyncio.sleep(3)  # let it notice and start backing off between reconnect attempts
    sent = time.monotonic()
    process.send_signal(signal.SIGTERM)
    await asyncio.wait_for(process.communicate(), 60)
    assert (process.returncode, time.monotonic() - sent < 8) == (0, True)


async def test_zalgo_and_right_to_left_overrides_are_neutralised(tmp_path: Path, fake: FakeDiscord) -> None:
    """A title with U+202E and a quote with a letter carrying 32 marks reach Discord without the
    override and with at most three marks per letter."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "odd.txt").write_text(
        f"Harbour {RLO}news\n\nThe harbour master said the ferry{RLO} would run Sundays, h{ZALGO_E}llo.\n",
        encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, folder)) as engine:
        await engine.reindex()
        async with running(new_bot(fake, engine), fake):
            result = await fake.slash_command("ask", {"question": "Will the ferry run on Sundays?"},
                                              user=fake.member)
    shown = str(result.final_message)
    assert "ferry" in shown and RLO not in shown
    assert max(len(run) for run in _mark_runs(shown)) <= 3


def _mark_runs(text: str) -> list[str]:
    """Each run of consecutive combining marks in ``text``."""
    runs, current = [], ""
    for char in text + " ":
        if unicodedata.combining(char):
            current += char
        elif current:
            runs.append(current)
            current = ""
    return runs or [""]
