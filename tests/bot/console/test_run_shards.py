"""Two ``articlebot run`` processes with different shard ids over one database and index (issue 17.4):
both answer their guilds, and a reindex one of them runs is served by the other within seconds."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.bot.conftest import KIRBY, KIRBY_QUESTION, TOKEN
from tests.bot.console.test_run_cli import child_env
from tests.bot.discord_bot.test_e2e_admin import NEW_ARTICLE, finished
from tests.fake_discord import FakeDiscord
from tests.fake_discord.guilds import shard_of

MOON_QUESTION = "When will the moon base open?"
SERVED_WITHIN = 15.0
"""Seconds the other process may take to answer from the new generation (acceptance: "within seconds")."""


async def start_shard(fake: FakeDiscord, tmp_path: Path, env: dict[str, str], shard: int) -> asyncio.subprocess.Process:
    """``articlebot run --shards 2 --shard-ids SHARD`` in ``tmp_path``."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--shards", "2", "--shard-ids", str(shard), cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


def quoted(result_message: dict | None) -> str:
    return json.dumps(result_message or {}, ensure_ascii=False)


async def test_two_shard_processes_answer_and_share_a_reindex(tmp_path: Path, articles: Path) -> None:
    async with FakeDiscord(token=TOKEN, ready_delay=3.0) as fake:
        other = fake.add_guild("Beta", members=[fake.member], admins=[fake.admin],
                               shard=(1 - shard_of(fake.guild_id, 2), 2))
        env = child_env(fake, tmp_path, articles, TOKEN) | {"ARTICLEBOT_SCOPES__GENERATION_POLL_SECONDS": "0.5"}
        indexed = subprocess.run([sys.executable, "-m", "bot", "reindex"], cwd=tmp_path, env=env,
                                 capture_output=True, text=True, timeout=300)
        assert indexed.returncode == 0, indexed.stderr
        processes = [await start_shard(fake, tmp_path, env, shard) for shard in (0, 1)]
        try:
            await fake.wait_for(lambda: len(fake.shard_ws) == 2, 120, "both shard processes identified")
            await asyncio.sleep(fake.ready_delay)  # each client's wait for its guilds (as wait_ready)
            in_first = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
            in_other = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, guild=other)
            assert KIRBY in quoted(in_first.final_message) and KIRBY in quoted(in_other.final_message)
            assert "2030" not in quoted((await fake.slash_command("ask", {"question": MOON_QUESTION},
                                                                  guild=other)).final_message)
            (articles / "moon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            report = await finished(fake, await fake.slash_command("reindex", {}, user=fake.admin))
            assert report.startswith("Reindex done: 1 added"), report
            reindexed_at, answer = time.monotonic(), ""
            while "2030" not in answer and time.monotonic() - reindexed_at < SERVED_WITHIN:
                answer = quoted((await fake.slash_command("ask", {"question": MOON_QUESTION}, guild=other)).final_message)
            served_after = time.monotonic() - reindexed_at
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            outputs = [await asyncio.wait_for(p.communicate(), 60) for p in processes]
    logs = [err.decode() for _, err in outputs]
    print(f"served by the other shard process {served_after:.2f} s after the reindex finished")
    assert "2030" in answer
    assert [p.returncode for p in processes] == [0, 0], logs
    assert all("Running shard(s)" in log for log in logs)
    assert sum("Reindex finished" in log for log in logs) == 1  # one process reindexed, the other loaded it
