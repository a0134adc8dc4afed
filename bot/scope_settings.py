"""The ``[scopes]`` settings: per-server archives, channel limits and the generation watch."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.settings_section import Section
from index.config import ScopePolicy

_SCOPES = ScopePolicy()


class ScopeSettings(Section):
    """Per-server archives and channel limits (``index.scopes``; defaults in ``index.config.ScopePolicy``)."""

    per_guild: bool = _SCOPES.per_guild
    dm_archive: Literal["shared", "all", "none"] = _SCOPES.dm_archive  # type: ignore[assignment]
    guilds_see_shared: bool = _SCOPES.guilds_see_shared
    generation_poll_seconds: float = Field(default=_SCOPES.generation_poll_seconds, ge=0)

    def policy(self) -> ScopePolicy:
        """The plain-value policy ``index.scopes`` takes."""
        return ScopePolicy(**self.model_dump())
