"""The engine's config for one-shot console commands, remembered between runs.

Reading the settings imports pydantic and pydantic-settings, which costs more than answering
the question: about a third of a one-shot ``articlebot ask``. What ``ask`` needs from them
is a plain ``EngineConfig``. The flat values it was made from are kept in the cache folder
(``index.cache_dir``) with a fingerprint of everything that can change them: the articlebot
modules that define settings and their defaults, the current folder, ``--config`` and
``--db``, the bytes of the TOML file and of ``.env``, and every ``ARTICLEBOT_*`` variable.
While the fingerprint is the same, the values are reused without reading the settings (one
file per fingerprint, the ``KEPT`` last written: commands alternating between two databases, folders
or checkouts each find theirs);
any change, or any problem with the cache file, reads the settings as usual (so a broken
config is reported as usual). Only what the engine needs is kept: never the Discord token, and
nothing when the PostgreSQL URL holds a password.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.config_file import DEFAULT_CONFIG
from index.cache_dir import cache_dir, keep_newest
from index.config import EngineConfig

CACHE_PREFIX = "engine-config-"
KEPT = 16
# The modules whose code decides what the settings resolve to.
_SOURCES = (Path(__file__).resolve().parents[1] / "settings.py",
            Path(__file__).resolve().parents[1] / "settings_section.py",  # which keys are refused
            Path(__file__).resolve().parents[2] / "index" / "config.py")


def fingerprint(config: Path | None, db: Path | None) -> str:
    """A digest of everything the engine config of this command can depend on."""
    toml = config if config is not None else Path(os.environ.get("ARTICLEBOT_CONFIG") or DEFAULT_CONFIG)
    digest = hashlib.sha256()
    for part in (os.getcwd(), str(config), str(db), str(toml)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for path in (*_SOURCES, toml, Path(".env")):
        digest.update(_contents(path) + b"\0")
    for name in sorted(n for n in os.environ if n.startswith("ARTICLEBOT_")):
        digest.update(f"{name}={os.environ[name]}".encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _contents(path: Path) -> bytes:
    try:
        return b"file:" + path.read_bytes()
    except OSError:
        return b"absent"


def cached_engine_config(config: Path | None, db: Path | None,
                         read: Callable[[], dict[str, Any]]) -> EngineConfig:
    """The engine config for ``--config``/``--db``: from the cache when nothing it depends on
    changed, else ``read()`` (the flat values from the settings, errors raised as they come),
    saved for the next run."""
    key = fingerprint(config, db)
    path = cache_dir() / f"{CACHE_PREFIX}{key[:32]}.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["fingerprint"] == key:
            return EngineConfig.from_flat(saved["values"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    values = read()
    if not _holds_password(values):  # a PostgreSQL password is never written to the cache folder
        _save(path, {"fingerprint": key, "values": values})
    return EngineConfig.from_flat(values)


def _holds_password(values: dict[str, Any]) -> bool:
    """True when the configured ``database`` URL carries a password."""
    return bool(urlsplit(str(values.get("database") or "")).password)


def _save(path: Path, record: dict[str, Any]) -> None:
    """Write ``record`` atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        staging.write_text(json.dumps(record, default=str), encoding="utf-8")
        os.replace(staging, path)
    except OSError:
        return
    keep_newest(path.parent, f"{CACHE_PREFIX}*.json", KEPT)
