"""articlebot's settings: one class with nested sections.

Precedence, highest first: keyword arguments (tests), environment variables
(``ARTICLEBOT_<SECTION>__<KEY>``, plus ``DISCORD_TOKEN``), ``.env``, the TOML file
(``config.toml`` or the path given with ``--config`` / ``ARTICLEBOT_CONFIG``), defaults.
``config.example.toml`` lists every key with its default. Relative ``index.db_path`` and
``index.article_dirs`` in the TOML file are taken from the file's folder; given any other way
(environment, defaults) they are taken from the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import (
    AliasChoices,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.config_file import DEFAULT_CONFIG
from bot.scope_settings import ScopeSettings
from bot.settings_section import Section, file_named, problems, refuse_unknown_sections
from index.bm25.partitions import parse_partitions
from index.bm25.protocol import PARTITIONED, check_engine
from index.config import (
    QUOTES_SHOWN,
    AnalyticsConfig,
    AnswerParams,
    ConversationParams,
    EngineConfig,
    MetricsConfig,
    SearchParams,
    SourcesConfig,
)
from index.sources.addresses import networks
from index.store.sql import is_postgres

# The defaults of the index library (index/config.py), read once here rather than written again.
_ENGINE, _SEARCH, _ANSWER = EngineConfig(), SearchParams(), AnswerParams()


class DiscordSettings(Section):
    """How the bot reaches Discord and who may administer it."""

    # A validation error must never echo what was given: it could be the token.
    model_config = ConfigDict(hide_input_in_errors=True, extra="forbid")

    token: SecretStr | None = None
    api_base_url: str = "https://discord.com/api/v10"
    gateway_url: str | None = None
    dev_guild_id: int | None = None
    # Gateway sharding (bot.discord_bot.sharding): this process runs shard_ids of shard_count.
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: list[int] | None = None
    admin_user_ids: list[int] = Field(default_factory=list)
    cooldown_rate: int = 5
    cooldown_seconds: float = 30.0
    max_quotes: int = QUOTES_SHOWN
    # Ask for the message-content intent, so members can ask in the bot's threads without
    # mentioning it. Privileged: turn on "Message Content Intent" on the Developer Portal's Bot
    # page first. Off, questions in threads need a mention like anywhere else in a server.
    message_content: bool = False
    ask_threads: bool = False  # /ask opens a thread for its answer, in servers that set nothing

    # Questions answered at once (more would starve the event loop that acknowledges
    # interactions), and how many may wait before askers are told to try again later.
    answer_workers: int = 2
    answer_queue: int = 1000


class ConversationSettings(Section):
    """How long a conversation remembers its last answer for follow-up questions."""

    expiry_minutes: float = Field(default=ConversationParams().expiry_seconds / 60, gt=0)


class IndexSettings(Section):
    """Where articles and the index live, and the search parameters."""

    db_path: Path = _ENGINE.db_path
    database: str = _ENGINE.database  # "" (the SQLite file db_path) or a postgresql:// URL
    article_dirs: list[Path] = Field(default_factory=lambda: list(_ENGINE.article_dirs))
    link_targets: list[Path] = Field(default_factory=lambda: list(_ENGINE.link_targets))
    max_file_bytes: int = _ENGINE.max_file_bytes
    max_question_chars: int = _ANSWER.max_question_chars
    # Which BM25 implementation; the key was called `engine` before, which is still read.
    bm25: str = Field(default=_SEARCH.bm25, validation_alias=AliasChoices("bm25", "engine"))
    k1: float = _SEARCH.k1
    b: float = _SEARCH.b
    epsilon: float = _SEARCH.epsilon
    idf: str = _SEARCH.idf
    partitions: list[str] = Field(default_factory=lambda: list(_SEARCH.partitions))
    answer_threshold: float = _ANSWER.answer_threshold
    title_weight: float = _SEARCH.title_weight
    top: int = _ENGINE.top
    further_quotes: float = Field(default=_ANSWER.further_quotes, ge=0.0, le=1.0)
    check_at_open_mb: float = _ENGINE.check_at_open_mb
    related_words: bool = _ANSWER.related_words
    english_rarity: bool = _ANSWER.english_rarity

    @model_validator(mode="after")
    def _search_engine(self) -> IndexSettings:
        check_engine(self.bm25, self.idf)  # a configuration error now, not a failed reindex later
        if self.bm25 in PARTITIONED:
            parse_partitions(self.partitions)
        return self

    @field_validator("database")
    @classmethod
    def _database(cls, value: str) -> str:
        if value and not is_postgres(value):
            raise ValueError("give a postgresql:// URL, or nothing for the SQLite file db_path")
        return value


_ANALYTICS, _METRICS = AnalyticsConfig(), MetricsConfig()  # index/config.py, read once here too


class AnalyticsSettings(Section):
    """What the bot records about each question ([analytics]; defaults in ``AnalyticsConfig``)."""

    enabled: bool = _ANALYTICS.enabled
    retention_days: float = Field(default=_ANALYTICS.retention_days, gt=0)
    store_question_text: bool = _ANALYTICS.store_question_text
    store_member_names: bool = _ANALYTICS.store_member_names
    stats_days: int = Field(default=_ANALYTICS.stats_days, ge=1)

    def config(self) -> AnalyticsConfig:
        """The plain-value config ``index.analytics`` takes."""
        return AnalyticsConfig(**self.model_dump())


class MetricsSettings(Section):
    """The Prometheus endpoint ([metrics]; off without a port; defaults in ``MetricsConfig``)."""

    port: int | None = Field(default=_METRICS.port, ge=0, le=65535)
    host: str = _METRICS.host
    loop_lag_interval: float = Field(default=_METRICS.loop_lag_interval, gt=0)

    def config(self) -> MetricsConfig:
        """The plain-value config ``index.analytics.metrics`` takes."""
        return MetricsConfig(**self.model_dump())


_SOURCES = SourcesConfig()


class SourcesSettings(Section):
    """Pages fetched from URLs and feeds polled for new articles (defaults in ``index.config.SourcesConfig``)."""

    feeds: list[str] = Field(default_factory=lambda: list(_SOURCES.feeds))
    poll_minutes: float = Field(default=_SOURCES.poll_minutes, ge=0)
    max_page_bytes: int = Field(default=_SOURCES.max_page_bytes, gt=0)
    timeout_seconds: float = Field(default=_SOURCES.timeout_seconds, gt=0)
    max_redirects: int = Field(default=_SOURCES.max_redirects, ge=0)
    allowed_networks: list[str] = Field(default_factory=lambda: list(_SOURCES.allowed_networks))
    user_agent: str = _SOURCES.user_agent

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        networks(tuple(value))  # a bad network is a configuration error, not a failed fetch later
        return value

    def config(self) -> SourcesConfig:
        """The plain-value config ``index.sources`` takes."""
        values = self.model_dump()
        return SourcesConfig(**{**values, "feeds": tuple(self.feeds), "allowed_networks": tuple(self.allowed_networks)})


class Settings(BaseSettings):
    """All of articlebot's settings."""

    model_config = SettingsConfigDict(
        env_prefix="ARTICLEBOT_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
        toml_file=Path(os.environ.get("ARTICLEBOT_CONFIG", DEFAULT_CONFIG)),
        hide_input_in_errors=True,
    )

    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    analytics: AnalyticsSettings = Field(default_factory=AnalyticsSettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    sources: SourcesSettings = Field(default_factory=SourcesSettings)
    conversation: ConversationSettings = Field(default_factory=ConversationSettings)
    scopes: ScopeSettings = Field(default_factory=ScopeSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments, env, .env, then the TOML file."""
        return (
            init_settings,
            _DiscordTokenSource(settings_cls),
            env_settings,
            dotenv_settings,
            _TomlFileSource(settings_cls),
        )


class _TomlFileSource(TomlConfigSettingsSource):
    """The TOML file, its relative index paths joined to the file's folder.

    Joined to the folder as written, so ``config.toml`` in the current folder keeps its paths
    as they are, and ``--config /etc/articlebot/config.toml`` finds ``data/`` beside itself.
    """

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        refuse_unknown_sections(values, self.settings_cls.model_fields)
        index = values.get("index")
        if not isinstance(index, dict) or not isinstance(self.toml_file_path, (str, Path)):
            return values
        folder = Path(self.toml_file_path).parent
        index = dict(index)
        if isinstance(index.get("db_path"), str):
            index["db_path"] = str(folder / index["db_path"])
        for key in ("article_dirs", "link_targets"):
            if isinstance(index.get(key), list):
                index[key] = [str(folder / d) if isinstance(d, str) else d for d in index[key]]
        return {**values, "index": index}


class _DiscordTokenSource(PydanticBaseSettingsSource):
    """Reads the conventional ``DISCORD_TOKEN`` variable into ``discord.token``."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        token = os.environ.get("DISCORD_TOKEN")
        if token and not os.environ.get("ARTICLEBOT_DISCORD__TOKEN"):
            return {"discord": {"token": token}}
        return {}


class ConfigError(ValueError):
    """The settings cannot be loaded; the message names the file or key, never a value."""


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Settings read from ``config`` (a TOML file) instead of the default ``config.toml``.

    Raises ``ConfigError`` with one readable sentence for a missing file, broken TOML or a
    value of the wrong type.
    """
    if config is not None and not config.is_file():
        raise ConfigError(f"config file {config} does not exist")
    cls: type[Settings] = Settings
    if config is not None:

        class _FromFile(Settings):
            model_config = SettingsConfigDict(toml_file=config)

        cls = _FromFile
    try:
        return cls(**overrides)
    except ValidationError as error:
        raise ConfigError(f"bad configuration: {problems(error)}") from None
    except ValueError as error:  # TOML syntax errors (tomllib.TOMLDecodeError)
        raise ConfigError(f"bad configuration file: {file_named(cls.model_config.get('toml_file'))}{error}") from None



def engine_config(settings: Settings) -> EngineConfig:
    """The engine's plain-value config from the settings (``index/`` never sees Settings)."""
    return EngineConfig.from_flat(settings.index.model_dump())
