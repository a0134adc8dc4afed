"""A SIGKILLed reindex leaves no process behind: its parsing pool (and every helper it started)
ends with it instead of waiting forever on a task queue nobody writes to any more."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psutil

from index.ingest.batches import POOL_MIN_FILES
from tests.reliability.conftest import ARTICLEBOT, ROOT, clean_env

PARAGRAPH = ("The council of {n} met on Tuesday to discuss the harbour levy, and Anna Berg said the "
             "rates would rise by {n} percent next year. Critics said the plan came too late.")


def _library(folder: Path, files: int) -> Path:
    """``files`` articles of 40 paragraphs each: several seconds of parsing on two cores."""
    folder.mkdir()
    for number in range(files):
        body = "\n\n".join(PARAGRAPH.format(n=number * 40 + p) for p in range(40))
        (folder / f"story_{number:05d}.txt").write_text(f"Story {number}\n\n{body}\n", encoding="utf-8")
    return folder


def _descendants(pid: int, want: int, timeout: float) -> list[psutil.Process]:
    """The processes ``pid`` started, once there are at least ``want`` of them (or at the timeout)."""
    deadline = time.monotonic() + timeout
    found: list[psutil.Process] = []
    while time.monotonic() < deadline:
        try:
            found = psutil.Process(pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return found
        if len(found) >= want:
            time.sleep(0.5)  # the pool has started parsing
            return psutil.Process(pid).children(recursive=True)
        time.sleep(0.05)
    return found


def test_a_killed_reindex_leaves_no_worker(tmp_path: Path) -> None:
    library = _library(tmp_path / "library", POOL_MIN_FILES * 4)
    process = subprocess.Popen([str(ARTICLEBOT), "reindex", str(library), "--db", str(tmp_path / "db.sqlite")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env(), cwd=ROOT,
                               start_new_session=True)
    helpers: list[psutil.Process] = []
    try:
        helpers = _descendants(process.pid, 2, timeout=60)
        assert process.poll() is None, "the reindex ended before its workers could be seen"
        assert len(helpers) >= 2
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        _, alive = psutil.wait_procs(helpers, timeout=20)
        assert not alive, f"left behind: {[p.pid for p in alive]}"
    finally:
        if process.poll() is None:
            process.kill()
        for helper in helpers:  # orphans of a failed run: not left to the next tests
            try:
                helper.kill()
            except psutil.NoSuchProcess:
                pass
