"""Guarantee 3: every kind of bad input is named with its reason, and nothing indexed is lost.

Already covered elsewhere: empty/binary/oversized files (``tests/index/test_engine_reindex.py``),
a bad new version keeps the old passages (same file), /reindex of a path outside the article
folders is refused (``tests/bot/discord_bot/test_e2e_admin.py``, ``tests/index/test_engine_reindex.py``).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from index.engine import Engine
from index.ingest.files import NOT_REGULAR
from tests.conftest import SEED, make_config
from tests.reliability.conftest import ARTICLEBOT, answers, clean_env, report_of, without_dac_override

FIFTY_MB = 50 * 1024 * 1024
SEED_NAME = SEED.name


def undecodable() -> bytes:
    """A title and then bytes no text encoding makes sense of (seeded, so always the same)."""
    rng = random.Random(1)
    return b"Title\n\nSome text " + bytes(rng.randrange(0x80, 0x100) for _ in range(2000))


def add_bad_inputs(folder: Path) -> None:
    """Write one file (or link) of every bad kind into ``folder``."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (folder / "huge.txt").open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(FIFTY_MB)
    (folder / "undecodable.txt").write_bytes(undecodable())
    (folder / "title_only.txt").write_text("Just a headline\n", encoding="utf-8")
    (folder / "broken_front_matter.md").write_text("---\ntitle: [unclosed\nauthor: x\n---\n\nBody text.\n",
                                                   encoding="utf-8")
    (folder / "unclosed_front_matter.md").write_text("---\ntitle: T\n\nBody text.\n", encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self_loop.txt").symlink_to(folder / "self_loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "no_such_file.txt")
    os.mkfifo(folder / "pipe.txt")
    shutil.copy(SEED, folder / "copy_of_seed.txt")


EXPECTED = {
    "empty.txt": "the file is empty",
    "binary.txt": "the file is binary, not text",
    "huge.txt": "the file is 52.4 MB, over the 10.0 MB limit (index.max_file_bytes)",
    "undecodable.txt": "the file is neither UTF-8 nor a recognisable text encoding",
    "title_only.txt": "the file has a title but no paragraphs to quote",
    "broken_front_matter.md": "the front matter is not valid YAML (line 3)",
    "unclosed_front_matter.md": "the Markdown front matter is not closed by a '---' line",
    "loop": "a symbolic link loop (this folder was already visited)",
    "self_loop.txt": "a symbolic link loop",
    "dangling.txt": "a broken symbolic link",
    "pipe.txt": NOT_REGULAR,
}


@pytest.fixture
def hostile(library: Path) -> Path:
    """The library with every bad input added."""
    add_bad_inputs(library)
    return library


async def test_every_bad_input_is_named_with_its_reason(tmp_path: Path, hostile: Path) -> None:
    """Each of the 11 bad inputs appears in the report by name with its exact reason."""
    async with await Engine.open(make_config(tmp_path, hostile)) as engine:
        report = await engine.reindex()
    assert {Path(b.path).name: b.reason for b in report.bad} == EXPECTED


async def test_duplicate_is_named_and_indexed_once(tmp_path: Path, hostile: Path) -> None:
    """The copy of the seed is reported as a duplicate of it and only three articles are indexed."""
    async with await Engine.open(make_config(tmp_path, hostile)) as engine:
        report = await engine.reindex()
    assert [(Path(d.path).name, d.reason) for d in report.duplicates] == [
        ("copy_of_seed.txt", f"same text as {hostile / SEED_NAME}; indexed once")]
    assert report.articles == 3


async def test_bad_inputs_lose_nothing_already_indexed(engine: Engine, library: Path) -> None:
    """After a reindex full of bad inputs (and an indexed file turned binary), earlier answers are unchanged."""
    questions = ["what did Kirby say?", "library budget council", "tomatoes on a balcony"]
    before = await answers(engine, questions)
    add_bad_inputs(library)
    (library / "budget_vote.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = await engine.reindex()
    assert (await answers(engine, questions), report.articles) == (before, 3)


def test_cli_summary_names_every_bad_input(tmp_path: Path, hostile: Path) -> None:
    """`articlebot reindex` prints one line per bad input with the reason, and counts the duplicates in one."""
    result = CliRunner().invoke(main, ["reindex", str(hostile), "--db", str(tmp_path / "cli.db")])
    expected = {f"  bad: {hostile / name}: {reason}" for name, reason in EXPECTED.items()}
    expected.add("  duplicates: 1 file repeats another file's text (indexed once): copy_of_seed.txt; --verbose lists each")
    assert (expected <= set(result.output.splitlines()), result.exit_code) == (True, 0)


def test_cli_verbose_summary_names_every_duplicate(tmp_path: Path, hostile: Path) -> None:
    """`articlebot reindex --verbose` prints one line per duplicate, naming the file it repeats."""
    result = CliRunner().invoke(main, ["reindex", str(hostile), "--verbose", "--db", str(tmp_path / "cli.db")])
    duplicate = f"  duplicate: {hostile / 'copy_of_seed.txt'}: same text as {hostile / SEED_NAME}; indexed once"
    assert duplicate in result.output.splitlines()


def test_unreadable_file_is_named_as_permission_denied(tmp_path: Path, library: Path) -> None:
    """A file the process may not read (mode 000; as root, run without CAP_DAC_OVERRIDE) is reported."""
    prefix = without_dac_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: a mode-000 file would still be readable")
    locked = library / "locked.txt"
    locked.write_text("Locked\n\nNobody may read this paragraph.\n", encoding="utf-8")
    locked.chmod(0)
    result = subprocess.run([*prefix, str(ARTICLEBOT), "reindex", str(library), "--db", str(tmp_path / "p.db"),
                             "--json"], capture_output=True, text=True, env=clean_env(), timeout=120)
    report = report_of(result)
    assert (report["bad"], report["articles"]) == (
        [{"path": str(locked), "reason": "permission denied (the bot cannot read it)"}], 3)
