"""Guarantee 7: the Discord token is never printed — here: configuration errors and settings dumps.

Already in ``tests/bot``: settings ``repr``/``str`` (test_settings.py), in-process log records
(test_e2e_startup.py::test_token_never_logged), and a real ``articlebot run`` process whose
output is searched for the token after answering and SIGTERM, or after Discord rejects it
(test_run_cli.py).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from bot.settings import DiscordSettings, Settings

TOKEN = "MTA5OTk5.reliability.s3cr3t-t0ken-value"


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
