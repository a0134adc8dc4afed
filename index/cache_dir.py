"""The folder where articlebot keeps files it can always rebuild (mapped word tables, …)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$ARTICLEBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/articlebot`` (``~/.cache/articlebot``)."""
    chosen = os.environ.get("ARTICLEBOT_CACHE_DIR")
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "articlebot"
