"""Tests for bot.settings: sources, precedence and the example file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from bot.settings import ConfigError, Settings, engine_config, load_settings
from index.config import EngineConfig
from tests.conftest import ROOT


def test_example_config_matches_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """config.example.toml loads, and every key in it equals the default (read from its own folder)."""
    monkeypatch.chdir(ROOT)
    assert load_settings(Path("config.example.toml")).model_dump() == Settings(_env_file=None).model_dump()  # type: ignore[call-arg]


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
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


@pytest.mark.parametrize(("text", "message"), [
    ("[index]\nk1 = \"high\"\n", "bad configuration: index.k1: Input should be a valid number"),
    ("[index\nk1 = 1\n", "bad configuration file:"),
    ("[index]\nidf = \"bm99\"\n", "bad configuration: index: Value error, unknown idf mode 'bm99'; expected one of okapi, xapian"),
    ("[index]\nbm25 = \"xapian\"\nidf = \"xapian\"\npartitions = [\"part0\"]\n",
     "bad configuration: index: Value error, partition"),
    ("[index]\nbm25 = \"xapian\"\n", "bad configuration: index: Value error, the xapian engine scores with Xapian's idf"),
])
def test_bad_config_is_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    """A wrong type or broken TOML gives ConfigError naming the key, not the value."""
    config = tmp_path / "c.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value).startswith(message)
    assert "high" not in str(caught.value)


def test_run_with_bad_config_exits_cleanly(tmp_path: Path) -> None:
    """articlebot run with a broken config prints one line and exits 1, no traceback."""
    config = tmp_path / "c.toml"
    config.write_text("[discord]\ntoken = 12345\ncooldown_rate = \"lots\"\n")
    result = CliRunner().invoke(main, ["run", "--config", str(config)])
    assert result.exit_code == 1
    assert result.output == ("Error: bad configuration: discord.token: Input should be a valid string; "
                             "discord.cooldown_rate: Input should be a valid integer, unable to parse string as an integer\n")
    assert "12345" not in result.output and "lots" not in result.output


def test_engine_config_carries_index_values() -> None:
    """engine_config passes plain index values to the engine."""
    config = engine_config(Settings(_env_file=None, index={"db_path": "x.db", "k1": 1.2,  # type: ignore[call-arg]
                                                           "answer_threshold": 0.3, "top": 5}))
    assert (config.db_path, config.search.k1, config.answer.answer_threshold, config.top, config.article_dirs) == (
        Path("x.db"), 1.2, 0.3, 5, (Path("seeds"),))


def test_the_bm25_choice_is_read_under_its_old_key_too() -> None:
    """`bm25` names the BM25 implementation; config files that still say `engine` keep working."""
    old = engine_config(Settings(_env_file=None, index={"engine": "rank-bm25"}))  # type: ignore[call-arg]
    new = engine_config(Settings(_env_file=None, index={"bm25": "rank-bm25"}))  # type: ignore[call-arg]
    assert (old.search.bm25, new.search.bm25, EngineConfig().search.bm25) == ("rank-bm25", "rank-bm25", "fast")


def test_relative_paths_in_a_config_file_are_taken_from_its_folder(tmp_path: Path) -> None:
    """index.db_path and article_dirs written relative in a TOML file are joined to the file's folder."""
    config = tmp_path / "site" / "articlebot.toml"
    config.parent.mkdir()
    config.write_text(f'[index]\ndb_path = "data/a.db"\narticle_dirs = ["articles", "{tmp_path / "elsewhere"}"]\n')
    index = load_settings(config).index
    assert (index.db_path, index.article_dirs) == (
        tmp_path / "site" / "data" / "a.db", [tmp_path / "site" / "articles", tmp_path / "elsewhere"])


def test_relative_paths_from_the_environment_stay_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative db_path given by ARTICLEBOT_INDEX__DB_PATH is the current folder's, not the config file's."""
    config = tmp_path / "site" / "articlebot.toml"
    config.parent.mkdir()
    config.write_text('[index]\ndb_path = "data/a.db"\n')
    monkeypatch.setenv("ARTICLEBOT_INDEX__DB_PATH", "mine.db")
    assert load_settings(config).index.db_path == Path("mine.db")


def test_config_toml_in_the_current_folder_keeps_its_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default config.toml is read from the current folder, so its relative paths read as written."""
    (tmp_path / "config.toml").write_text('[index]\ndb_path = "data/a.db"\n')
    monkeypatch.chdir(tmp_path)
    assert load_settings(Path("config.toml")).index.db_path == Path("data/a.db")


def test_ask_from_another_folder_finds_the_config_files_database(tmp_path: Path, library: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`articlebot ask --config site/c.toml` run elsewhere answers from the database beside the config."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "c.toml").write_text(f'[index]\ndb_path = "data/a.db"\narticle_dirs = ["{library}"]\n')
    runner = CliRunner()
    assert runner.invoke(main, ["reindex", "--config", str(site / "c.toml")]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(main, ["ask", "--json", "--config", "../site/c.toml", "what did Kirby say?"])
    assert (result.exit_code, json.loads(result.output)["answered"], list(elsewhere.iterdir())) == (0, True, [])


def test_english_aids_can_be_turned_off_for_other_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[index] related_words / english_rarity reach the answer layer (on by default)."""
    monkeypatch.chdir(tmp_path)
    assert engine_config(load_settings(None)).answer.english_rarity is True
    config = tmp_path / "c.toml"
    config.write_text("[index]\nrelated_words = false\n")
    monkeypatch.setenv("ARTICLEBOT_INDEX__ENGLISH_RARITY", "false")
    params = engine_config(load_settings(config)).answer
    assert (params.related_words, params.english_rarity) == (False, False)


@pytest.mark.parametrize(("text", "message"), [
    ("[index]\ntpo = 1\n", "bad configuration: index.tpo: unknown key (config.example.toml lists every key)"),
    ("[discord]\nmax_quote = 5\n", "bad configuration: discord.max_quote: unknown key"),
    ("[scopes]\nper_guilds = true\n", "bad configuration: scopes.per_guilds: unknown key"),
    ("[indx]\ntop = 1\n", "bad configuration file: {config}: unknown section [indx]"),
])
def test_a_mistyped_key_or_section_is_named_not_ignored(tmp_path: Path, text: str, message: str) -> None:
    """`tpo = 1` for `top = 1` used to load silently with the default in force."""
    config = tmp_path / "c.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value).startswith(message.format(config=config))


def test_a_mistyped_variable_is_named_as_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A typo in an ARTICLEBOT_ variable is refused naming the variable, not the (correct) file."""
    config = tmp_path / "c.toml"
    config.write_text("[index]\ntop = 2\n")
    monkeypatch.setenv("ARTICLEBOT_INDEX__TPO", "3")
    with pytest.raises(ConfigError, match=r"^bad configuration: index\.tpo: unknown key .* \(from ARTICLEBOT_INDEX__TPO\)$"):
        load_settings(config)
    monkeypatch.delenv("ARTICLEBOT_INDEX__TPO")
    assert load_settings(config).index.top == 2


def test_the_old_engine_key_is_still_read(tmp_path: Path) -> None:
    """`engine` (bm25's former name) is no unknown key."""
    (tmp_path / "old.toml").write_text('[index]\nengine = "rank-bm25"\n')
    assert load_settings(tmp_path / "old.toml").index.bm25 == "rank-bm25"
