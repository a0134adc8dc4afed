"""Event-loop lag monitor: how late does a periodic asyncio sleep wake up?

Input: the running asyncio loop (``async with LoopLagMonitor(interval=0.01) as mon: ...``).
Output: lag samples in seconds (wake-up time minus the requested wake-up time), ``max_lag``,
percentiles and a ``summary()`` dict; each lag above ``warn_above`` is logged as a warning.
A lag of 50 ms means some callback held the loop for about 50 ms (e.g. CPU work that should
have gone to a worker thread). Discord-free, so the engine, the bot and the benchmark share it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from types import TracebackType

import numpy as np

log = logging.getLogger(__name__)


class LoopLagMonitor:
    """Samples event-loop lag while active; use as an async context manager."""

    def __init__(self, interval: float = 0.01, warn_above: float = 0.05,
                 logger: logging.Logger | None = None) -> None:
        """Sleep ``interval`` seconds between samples; warn when lag exceeds ``warn_above``."""
        self.interval = interval
        self.warn_above = warn_above
        self.log = logger or log
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        """Sleep, measure how late the wake-up was, repeat until cancelled."""
        clock = time.perf_counter
        while True:
            due = clock() + self.interval
            await asyncio.sleep(self.interval)
            lag = max(0.0, clock() - due)
            self.lags.append(lag)
            if lag > self.warn_above:
                self.log.warning("event loop stalled for %.1f ms", lag * 1e3)

    def start(self) -> None:
        """Start sampling on the running loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop sampling (samples are kept)."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def __aenter__(self) -> LoopLagMonitor:
        """Start sampling."""
        self.start()
        await asyncio.sleep(0)  # let the sampler take its first timestamp
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        """Stop sampling."""
        await self.stop()

    @property
    def max_lag(self) -> float:
        """Largest lag seen, in seconds (0.0 before any sample)."""
        return max(self.lags, default=0.0)

    def percentile(self, q: float) -> float:
        """The q-th percentile (0-100) of lag, in seconds (0.0 before any sample)."""
        return float(np.percentile(self.lags, q)) if self.lags else 0.0

    def summary(self) -> dict[str, float]:
        """Sample count and lag statistics in milliseconds."""
        return {"samples": float(len(self.lags)), "max_ms": self.max_lag * 1e3,
                "p50_ms": self.percentile(50) * 1e3, "p99_ms": self.percentile(99) * 1e3}
