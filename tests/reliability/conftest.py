"""Shared helpers for the reliability tests: the BBC corpus, a changed copy of it, the CLI.

The BBC folder (2225 articles) lives in ``../shared/data/bbc-news`` beside the checkout;
tests that need it skip with a reason when it is absent (CI has it).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from tests.conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
BBC = SHARED_DATA / "bbc-news"
BBC_FILES = 2225
ARTICLEBOT = Path(sys.executable).with_name("articlebot")
needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc-news is not beside the checkout")

# What the base index of the kill test differs by from the full BBC copy.
HELD_BACK = ("politics", "sport", "tech")  # folders added by the big reindex
CHANGED = 20  # business files indexed with an extra paragraph, restored before the big reindex
EXTRA = 10  # entertainment files indexed in the base only, deleted before the big reindex


def bbc_copy(folder: Path) -> Path:
    """A private copy of the BBC folder (so tests may change it)."""
    shutil.copytree(BBC, folder)
    return folder


def stage_base(library: Path, aside: Path) -> list[Path]:
    """Make ``library`` the base state: folders held back, files changed, extra files added.

    Returns the changed files; ``stage_full`` undoes everything.
    """
    aside.mkdir()
    for name in HELD_BACK:
        shutil.move(str(library / name), str(aside / name))
    changed = sorted((library / "business").glob("*.txt"))[:CHANGED]
    for path in changed:
        shutil.copy(path, aside / f"business-{path.name}")
        with path.open("a", encoding="latin-1") as handle:
            handle.write(f"\n\nAn extra paragraph added for the base index of {path.stem}, later withdrawn.\n")
    for n in range(EXTRA):
        (library / "entertainment" / f"extra-{n}.txt").write_text(
            f"Extra council item {n}\n\nThe councillor for ward {n} said the rhubarb levy was fair.\n",
            encoding="utf-8",
        )
    return changed


def stage_full(library: Path, aside: Path, changed: list[Path]) -> None:
    """Undo ``stage_base``: held-back folders back, changed files restored, extra files deleted."""
    for name in HELD_BACK:
        shutil.move(str(aside / name), str(library / name))
    for path in changed:
        shutil.copy(aside / f"business-{path.name}", path)
    for n in range(EXTRA):
        (library / "entertainment" / f"extra-{n}.txt").unlink()


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed ``articlebot`` command to completion."""
    return subprocess.run([str(ARTICLEBOT), *args], capture_output=True, text=True, timeout=timeout,
                          env=clean_env(), cwd=ROOT)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without ARTICLEBOT_* or DISCORD_TOKEN, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLEBOT_") and k != "DISCORD_TOKEN"}
    env.update(extra)
    return env


async def answers(engine: Engine, questions: list[str]) -> list[dict[str, object]]:
    """The ``--json`` form of the engine's answer to each question."""
    return [(await engine.ask(q)).to_json() for q in questions]


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` of ``db``, read with a separate plain connection."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def uncommitted_rows(db: Path) -> int:
    """Articles written past the committed generation (left by an interrupted reindex)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        gen = int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
        return int(conn.execute("SELECT count(*) FROM articles WHERE added_gen > ?", (gen,)).fetchone()[0])


def committed_generation(db: Path) -> int:
    """``meta.generation`` of ``db``."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])


def report_of(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """The JSON report a ``reindex --json`` run printed."""
    return json.loads(result.stdout)


def without_dac_override() -> list[str] | None:
    """A command prefix under which even root obeys file permissions, or None if there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else None
