"""Running ``articlebot add`` and ``articlebot feeds`` as a user does: the real command in a
subprocess, with a config file that allows fetches from the page server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from tests.conftest import SEED
from tests.index.sources.expected import PAGES

ARTICLEBOT = Path(sys.executable).with_name("articlebot")
HANSEN = PAGES["time_001.html"]


def write_config(folder: Path, feeds: tuple[str, ...] = ()) -> Path:
    """A config file beside its article folder, allowing fetches from 127.0.0.1."""
    (folder / "articles").mkdir()
    shutil.copy(SEED, folder / "articles" / SEED.name)
    config = folder / "config.toml"
    listed = ", ".join(f'"{url}"' for url in feeds)
    config.write_text(f'[index]\ndb_path = "data/articlebot.db"\narticle_dirs = ["articles"]\n\n'
                      f'[sources]\nfeeds = [{listed}]\nallowed_networks = ["127.0.0.1/32"]\n', encoding="utf-8")
    return config


async def articlebot(*args: str) -> tuple[int, str, str]:
    """Run the command; its exit status, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        str(ARTICLEBOT), *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()
