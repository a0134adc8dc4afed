"""The CLI in a pipeline: when stdout's reader goes away (`articlebot ask … | head -1`), every
command stops quietly with exit status 141, like other Unix producers, without a traceback.

Real processes and real pipes: the reader is `head -1`, or a pipe closed before the first write.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.console.cli import EXIT_STDOUT_CLOSED
from index.engine import Engine
from tests.conftest import make_config
from tests.reliability.conftest import ARTICLEBOT, ROOT, clean_env

QUESTIONS = "What did Kirby say about investigating the attacks?\nWhich jets did Poland offer?\n" * 100


@pytest.fixture
async def db(tmp_path: Path, library: Path) -> Path:
    """A closed database with the seed and fixtures indexed."""
    config = make_config(tmp_path, library)
    async with await Engine.open(config) as engine:
        await engine.reindex()
    return config.db_path


def into_head(args: list[str], stdin: str) -> tuple[int, str, str]:
    """Run ``articlebot *args`` piped into ``head -1``: its exit status and stderr, and head's line."""
    writer = subprocess.Popen([str(ARTICLEBOT), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, env=clean_env())
    assert writer.stdin is not None and writer.stdout is not None and writer.stderr is not None
    head = subprocess.Popen(["head", "-1"], stdin=writer.stdout, stdout=subprocess.PIPE, text=True)
    writer.stdout.close()  # head holds the only read end now, as in a shell pipeline
    writer.stdin.write(stdin)
    writer.stdin.close()
    line, _ = head.communicate(timeout=120)
    errors = writer.stderr.read()
    return writer.wait(timeout=120), errors, line


def test_ask_into_a_closed_pipe_exits_quietly(db: Path) -> None:
    """`articlebot ask` whose reader has already gone: 141, nothing on stderr."""
    writer = subprocess.Popen([str(ARTICLEBOT), "ask", "--db", str(db), "Which jets did Poland offer?"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=clean_env())
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()
    errors = writer.stderr.read()
    assert (writer.wait(timeout=120), errors) == (EXIT_STDOUT_CLOSED, "")


def test_ask_batch_into_head_exits_quietly(db: Path) -> None:
    """`articlebot ask --batch - --json | head -1`: 141, nothing on stderr, head got a whole answer."""
    status, errors, line = into_head(["ask", "--db", str(db), "--json", "--batch", "-"], QUESTIONS)
    assert (status, errors, json.loads(line)["answered"]) == (EXIT_STDOUT_CLOSED, "", True)


def test_chat_into_head_exits_quietly(db: Path) -> None:
    """`articlebot chat | head -1` with questions on stdin: 141, nothing on stderr."""
    status, errors, line = into_head(["chat", "--db", str(db)], QUESTIONS)
    assert (status, errors, line) == (EXIT_STDOUT_CLOSED, "", "> What did Kirby say about investigating the attacks?\n")
