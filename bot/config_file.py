"""Where the settings file is looked for, read by the settings and by the console's cache of them."""

from __future__ import annotations

from pathlib import Path

DEFAULT_CONFIG = Path("config.toml")
"""The TOML settings file when neither ``--config`` nor ``ARTICLEBOT_CONFIG`` names another."""
