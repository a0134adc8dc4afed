"""The folder where articlebot keeps files it can always rebuild (mapped word tables, …), and
the rule that keeps it from growing: of each kind of file, only the newest few stay."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$ARTICLEBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/articlebot`` (``~/.cache/articlebot``)."""
    chosen = os.environ.get("ARTICLEBOT_CACHE_DIR")
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "articlebot"


def keep_newest(folder: Path, pattern: str, kept: int) -> None:
    """Remove all but the ``kept`` most recently written files of ``folder`` matching ``pattern``.

    Each checkout, database or changed word list writes its own cache files; without this they
    pile up (hundreds of megabytes after a few months of upgrades). A file another process has
    mapped stays readable there (POSIX); one that cannot be removed is left for the next time."""
    try:
        found = sorted(folder.glob(pattern), key=_modified, reverse=True)
    except OSError:
        return
    for old in found[kept:]:
        try:
            old.unlink(missing_ok=True)
        except OSError:
            pass


def _modified(path: Path) -> float:
    """``path``'s modification time; 0 for a file removed meanwhile by another process."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
