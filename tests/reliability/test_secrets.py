"""Guarantee 7: the Discord token is never printed — not in settings dumps, logs or error messages.

A real ``articlebot run`` process talks to the fake Discord, answers a question and is stopped;
everything it printed (discord.py's INFO logs included) is searched for the token. Already in
``tests/bot``: settings ``repr``/``str`` (test_settings.py) and in-process log records
(test_e2e_startup.py::test_token_never_logged).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from bot.run import BAD_TOKEN
from bot.settings import DiscordSettings, Settings
from tests.bot.conftest import KIRBY, KIRBY_QUESTION, SEED
from tests.fake_discord import FakeDiscord
from tests.reliability.conftest import ARTICLEBOT, ROOT, clean_env

TOKEN = "MTA5OTk5.reliability.s3cr3t-t0ken-value"


def bot_env(fake: FakeDiscord, tmp_path: Path, token: str) -> dict[str, str]:
    """Environment for `articlebot run` against ``fake`` with the seed as the only article folder."""
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    shutil.copy(SEED, articles / SEED.name)
    return clean_env(DISCORD_TOKEN=token, ARTICLEBOT_DISCORD__API_BASE_URL=fake.api_base_url,
                     ARTICLEBOT_DISCORD__COOLDOWN_RATE="0",
                     ARTICLEBOT_INDEX__DB_PATH=str(tmp_path / "db" / "articlebot.db"),
                     ARTICLEBOT_INDEX__ARTICLE_DIRS=json.dumps([str(articles)]))


async def start(env: dict[str, str]) -> asyncio.subprocess.Process:
    """Start `articlebot run` with ``env``, capturing everything it prints."""
    return await asyncio.create_subprocess_exec(str(ARTICLEBOT), "run", env=env, cwd=ROOT,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_a_whole_bot_session_never_prints_the_token(tmp_path: Path) -> None:
    """`articlebot run`: start, index, sync, answer /ask, SIGTERM — exit 0 and the token is nowhere in its output."""
    async with FakeDiscord(token=TOKEN, ready_delay=0.5) as fake:
        process = await start(bot_env(fake, tmp_path, TOKEN))
        try:
            await fake.wait_ready(timeout=120)
            result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member, timeout=60)
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 60)
    printed = out.decode() + err.decode()
    answered = result.final_message["embeds"][0]["description"].startswith(f"**{KIRBY}")
    assert (process.returncode, answered, TOKEN in printed, "Synced 4 application commands" in printed) == (0, True, False, True)


async def test_rejected_token_is_not_echoed(tmp_path: Path) -> None:
    """A token Discord rejects: exit 2 with the 'rejected' sentence only, the token not printed."""
    wrong = "MTA5OTk5.wrong.n0t-th3-right-t0ken"
    async with FakeDiscord(token=TOKEN) as fake:
        process = await start(bot_env(fake, tmp_path, wrong))
        out, err = await asyncio.wait_for(process.communicate(), 120)
    printed = out.decode() + err.decode()
    assert (process.returncode, BAD_TOKEN in printed, wrong in printed) == (2, True, False)


def test_config_error_about_the_token_does_not_echo_it(tmp_path: Path) -> None:
    """A token of the wrong type in config.toml is reported as a bad configuration without its value."""
    config = tmp_path / "config.toml"
    config.write_text(f'[discord]\ntoken = ["{TOKEN}"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["sources", "--config", str(config), "--db", str(tmp_path / "x.db")])
    assert (result.exit_code, "bad configuration" in result.output, TOKEN in result.output) == (1, True, False)


def test_settings_dumps_hide_the_token() -> None:
    """JSON and dict dumps of the settings show the token masked."""
    settings = Settings(_env_file=None, discord=DiscordSettings(token=TOKEN))  # type: ignore[call-arg]
    dumps = settings.model_dump_json() + str(settings.model_dump()) + repr(settings.discord)
    assert (TOKEN in dumps, "**********" in dumps) == (False, True)
