"""The sources' settings, each default defined here once (``bot/settings.py`` reads them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourcesConfig:
    """How pages and feeds are fetched and how often feeds are polled."""

    feeds: tuple[str, ...] = ()
    poll_minutes: float = 60.0
    max_page_bytes: int = 5_000_000
    timeout_seconds: float = 20.0
    max_redirects: int = 5
    allowed_networks: tuple[str, ...] = ()  # private or local networks that may be fetched from (CIDR)
    user_agent: str = "articlebot/0.1 (indexes articles an admin asked for)"
