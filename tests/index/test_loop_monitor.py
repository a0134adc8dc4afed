"""LoopLagMonitor: it sees a blocked loop, not a loop whose work runs in a thread."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from index.loop_monitor import LoopLagMonitor


def spin(seconds: float) -> None:
    """Busy-wait in the current thread (blocks the loop if called on it)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def test_blocking_the_loop_is_measured() -> None:
    """A 120 ms blocking call on the loop shows as a lag of at least 100 ms."""
    async with LoopLagMonitor(interval=0.005) as mon:
        await asyncio.sleep(0.02)
        spin(0.12)
        await asyncio.sleep(0.02)
    assert mon.max_lag >= 0.10


async def test_stall_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    """A lag above warn_above is logged as a warning."""
    with caplog.at_level(logging.WARNING, logger="index.loop_monitor"):
        async with LoopLagMonitor(interval=0.005, warn_above=0.05):
            await asyncio.sleep(0.02)
            spin(0.1)
            await asyncio.sleep(0.02)
    assert any("event loop stalled" in r.getMessage() for r in caplog.records)


async def test_samples_are_taken_while_active() -> None:
    """Sleeping 100 ms with a 10 ms interval yields several samples."""
    async with LoopLagMonitor(interval=0.01) as mon:
        await asyncio.sleep(0.1)
    assert mon.summary()["samples"] >= 3


async def test_no_samples_after_exit() -> None:
    """Leaving the context stops sampling."""
    async with LoopLagMonitor(interval=0.005) as mon:
        await asyncio.sleep(0.03)
    count = len(mon.lags)
    await asyncio.sleep(0.03)
    assert len(mon.lags) == count


def test_empty_monitor_reports_zero() -> None:
    """Before any sample, max_lag and percentiles are 0.0."""
    mon = LoopLagMonitor()
    assert (mon.max_lag, mon.percentile(99)) == (0.0, 0.0)
