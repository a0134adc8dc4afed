"""Tests for bot.settings: sources, precedence and the example file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, engine_config, load_settings
from tests.conftest import ROOT


def test_example_config_matches_defaults() -> None:
    """config.example.toml loads, and every key in it equals the default."""
    assert load_settings(ROOT / "config.example.toml").model_dump() == Settings(_env_file=None).model_dump()  # type: ignore[call-arg]


def test_env_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ARTICLEBOT_INDEX__K1 beats the TOML file, which beats the default."""
    config = tmp_path / "c.toml"
    config.write_text("[index]\nk1 = 1.1\nb = 0.5\n")
    monkeypatch.setenv("ARTICLEBOT_INDEX__K1", "1.3")
    settings = load_settings(config)
    assert (settings.index.k1, settings.index.b) == (1.3, 0.5)


def test_discord_token_variable_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """DISCORD_TOKEN fills discord.token, and the token never shows in repr."""
    monkeypatch.setenv("DISCORD_TOKEN", "sekrit-token-value")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.discord.token is not None
    assert settings.discord.token.get_secret_value() == "sekrit-token-value"
    assert "sekrit-token-value" not in repr(settings) + str(settings)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    """--config pointing nowhere is refused with the path in the message."""
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_engine_config_carries_index_values() -> None:
    """engine_config passes plain index values to the engine."""
    config = engine_config(Settings(_env_file=None, index={"db_path": "x.db", "k1": 1.2}))  # type: ignore[call-arg]
    assert (config.db_path, config.k1, config.article_dirs) == (Path("x.db"), 1.2, (Path("seeds"),))
