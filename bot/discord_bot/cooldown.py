"""Per-user cooldown shared by /ask, DMs and mentions (``discord.cooldown_rate`` per ``cooldown_seconds``)."""

from __future__ import annotations

import time

from discord.app_commands import Cooldown

MAX_TRACKED = 10_000


class UserCooldowns:
    """A token bucket per user id; a rate of 0 or less turns the cooldown off."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, Cooldown] = {}

    def hit(self, user_id: int, now: float | None = None) -> float | None:
        """Use one token for ``user_id``; seconds to wait when none is left, else None."""
        if self.rate <= 0 or self.per <= 0:
            return None
        now = time.time() if now is None else now
        if len(self._buckets) >= MAX_TRACKED:
            self._forget_idle(now)
        bucket = self._buckets.setdefault(user_id, Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now)

    def _forget_idle(self, now: float) -> None:
        """Drop buckets whose window has passed, so memory stays bounded."""
        idle = [uid for uid, b in self._buckets.items() if now > b._window + self.per]
        for uid in idle:
            del self._buckets[uid]
