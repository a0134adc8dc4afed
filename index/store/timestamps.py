"""The one text form of a time in the database: ISO 8601, UTC, whole seconds."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def iso(seconds: float | None = None) -> str:
    """Unix time ``seconds`` (default: now) as every table's ``created_at`` holds it."""
    return datetime.fromtimestamp(time.time() if seconds is None else seconds, UTC).isoformat(timespec="seconds")
