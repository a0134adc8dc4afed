"""A full disk (issue 18): the database lives on a small tmpfs mounted by the test.

A reindex that cannot fit is refused before it writes, with "the disk is full: N MB needed";
one that fills the disk half-way is undone (rows, pages, write-ahead log, staged index) and says
the same. Either way the disk is back to its free space, and ``ask`` and ``run`` keep answering
from the old index. Mounting needs root; the tests skip with that reason otherwise.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.config import EngineConfig
from index.engine import Engine
from index.errors import DiskFull
from index.models import ReindexProgress
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, TOKEN, articles
from tests.fake_discord import FakeDiscord
from tests.reliability.conftest import BBC, clean_env, cli, needs_bbc, uncommitted_rows

__all__ = ["articles"]  # the seed folder fixture, shared with tests/bot

ROOT = Path(__file__).resolve().parents[2]
DISK_MB = 48


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A fresh ``DISK_MB`` MB tmpfs, unmounted afterwards."""
    point = tmp_path / "disk"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for the full-disk tests ({mounted.stderr.strip()}); they need root")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def free_bytes(folder: Path) -> int:
    """Bytes free on ``folder``'s file system."""
    return shutil.disk_usage(folder).free


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill ``folder``'s disk with one file until ``leave`` bytes (or nothing) are free."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    chunk = b"\0" * 65536
    with filler.open("wb", buffering=0) as handle:
        try:
            while free_bytes(folder) - len(chunk) >= leave:
                handle.write(chunk)
            handle.write(b"\0" * max(0, free_bytes(folder) - leave))
        except OSError:
            pass  # full: what was asked for
    return filler


def files_under(folder: Path) -> list[str]:
    """Every path under ``folder``, relative, sorted."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def sizes(folder: Path) -> dict[str, int]:
    """The size of every file under ``folder``, by relative path."""
    return {str(path.relative_to(folder)): path.stat().st_size for path in folder.rglob("*") if path.is_file()}


@needs_bbc
def test_reindex_that_cannot_fit_is_refused_and_ask_and_run_keep_answering(disk: Path, articles: Path) -> None:
    """With 6 MB free, a reindex of the 5 MB BBC folder is refused before writing: one sentence,
    the disk as it was; `ask` and `run` answer from the old index."""
    db = disk / "articlebot.db"
    assert cli("reindex", str(articles), "--db", str(db)).returncode == 0
    fill(disk, leave=6 * 2**20)
    before, names = free_bytes(disk), files_under(disk)
    refused = cli("reindex", str(BBC), "--db", str(db))
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: the disk is full: ")
    assert " MB needed, 5 MB free in " in refused.stderr or " MB needed, 6 MB free in " in refused.stderr
    assert (free_bytes(disk), files_under(disk)) == (before, names)
    asked = cli("ask", KIRBY_QUESTION, "--db", str(db))
    assert (asked.returncode, KIRBY in asked.stdout) == (0, True)
    assert asyncio.run(run_answers(db, articles)) == (True, 0)


async def run_answers(db: Path, articles: Path) -> tuple[bool, int | None]:
    """``articlebot run`` on ``db`` answers an /ask with Kirby's quote; its exit status after SIGTERM."""
    async with FakeDiscord(token=TOKEN, ready_delay=3.0) as fake:
        env = clean_env(DISCORD_TOKEN=TOKEN, PYTHONPATH=str(ROOT), ARTICLEBOT_DISCORD__API_BASE_URL=fake.api_base_url,
                        ARTICLEBOT_INDEX__DB_PATH=str(db), ARTICLEBOT_INDEX__ARTICLE_DIRS=f'["{articles}"]')
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=articles.parent,
                                                       env=env, stderr=asyncio.subprocess.PIPE)
        try:
            await fake.wait_ready(timeout=60)
            asked = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.communicate(), 60)
    embeds = (asked.final_message or {}).get("embeds") or []
    return bool(embeds) and embeds[0]["description"].startswith(f"**{KIRBY}"), process.returncode


@needs_bbc
async def test_disk_filling_up_during_a_reindex_undoes_it_and_gives_the_space_back(disk: Path,
                                                                                   articles: Path) -> None:
    """The disk fills up after the BBC reindex wrote 500 files: it fails with the sentence, leaves no
    rows, pages or staged index behind, and the old index keeps answering."""
    config = EngineConfig(db_path=disk / "articlebot.db", article_dirs=(articles, BBC))
    fillers: list[Path] = []

    def fill_at_500(step: ReindexProgress) -> None:
        if step.done == 500 and not fillers:
            fillers.append(fill(disk))

    async with await Engine.open(config) as engine:
        await engine.reindex([articles])
        before, names, sized = free_bytes(disk), files_under(disk), sizes(disk)
        with pytest.raises(DiskFull, match=r"^the disk is full: 28 MB needed, \d+ MB free in .*; the reindex was undone and the old index keeps answering$"):
            await engine.reindex([BBC], progress=fill_at_500)
        assert fillers, "the reindex never reached 500 files"
        os.unlink(fillers[0])
        answer = await engine.ask(KIRBY_QUESTION)
    assert (uncommitted_rows(config.db_path), files_under(disk)) == (0, names)
    assert before - free_bytes(disk) <= 256 * 1024, (sized, sizes(disk))  # a few pages of bookkeeping at most
    assert answer.quotes[0].text.startswith(KIRBY)
