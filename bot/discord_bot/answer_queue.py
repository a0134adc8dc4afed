"""The answer queue: every question the bot answers waits here for one of a few workers.

Why a queue: each answer runs its search in worker threads, and every thread competes with the
event loop for the GIL. Three hundred answers at once left the loop too little time to send the
3 s acknowledgements (issue 18). A few workers keep the loop responsive; the queue is bounded,
so a flood gets a polite "busy, try again in N s" instead of silence; users take turns, so one
user's many questions never hold back another user's first one.

The queue also measures how long answers take (a moving average), which tells the /ask handler
whether the answer can arrive inside its short wait or should be deferred at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

ACK_FIRST_MAX = 1.0
"""Longest a worker waits for pending acknowledgements before it answers anyway."""
FIRST_GUESS = 0.25
"""Seconds one answer is assumed to take before any was measured."""
SMOOTHING = 0.2
"""Weight of the newest answer in the moving average of answer times."""


class QueueFull(Exception):
    """The queue holds as many questions as it may; ``retry_after`` says when to try again."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"the answer queue is full; try again in {retry_after:.0f} s")
        self.retry_after = retry_after


@dataclass
class _Job:
    """One question waiting: how to answer it, and where the answer goes."""

    work: Callable[[], Awaitable[Any]]
    future: asyncio.Future[Any] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class AnswerQueue:
    """A bounded, per-user round-robin queue served by ``workers`` tasks."""

    def __init__(self, workers: int, capacity: int) -> None:
        self.workers = max(1, workers)
        self.capacity = max(1, capacity)
        self.average = FIRST_GUESS
        self.running = 0
        self._waiting: dict[int, deque[_Job]] = {}
        self._turns: deque[int] = deque()  # users with questions waiting, in serving order
        self._size = 0
        self._wakeup: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._acknowledging = 0
        self._acks_sent = asyncio.Event()
        self._acks_sent.set()

    def __len__(self) -> int:
        """Questions waiting (not counting those being answered)."""
        return self._size

    def expected_wait(self) -> float:
        """Seconds until a question submitted now would be answered, from the measured average."""
        ahead = self._size + self.running
        return (math.floor(ahead / self.workers) + 1) * self.average

    @contextlib.contextmanager
    def acknowledging(self) -> Iterator[Callable[[], None]]:
        """While the block runs (or until it calls the function it gets) an interaction waits for
        its acknowledgement: workers start no new answer meanwhile (for at most
        ``ACK_FIRST_MAX``), so a burst's acknowledgements go out first instead of sharing the
        interpreter with a few hundred searches."""
        self._acknowledging += 1
        self._acks_sent.clear()
        released = False

        def acknowledged() -> None:
            nonlocal released
            if not released:
                released = True
                self._acknowledging -= 1
                if self._acknowledging == 0:
                    self._acks_sent.set()

        try:
            yield acknowledged
        finally:
            acknowledged()

    def submit(self, user_id: int, work: Callable[[], Awaitable[Any]]) -> asyncio.Future[Any]:
        """Queue ``work`` for ``user_id``; its future holds the answer. Raises ``QueueFull``."""
        if self._size >= self.capacity:
            raise QueueFull(max(1.0, math.ceil(self.expected_wait())))
        self._start()
        job = _Job(work)
        waiting = self._waiting.setdefault(user_id, deque())
        if not waiting:
            self._turns.append(user_id)
        waiting.append(job)
        self._size += 1
        assert self._wakeup is not None
        self._wakeup.set()
        return job.future

    async def close(self) -> None:
        """Stop the workers; questions still waiting are cancelled."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        while self._turns:
            for job in self._waiting.pop(self._turns.popleft(), deque()):
                job.future.cancel()
        self._size = 0

    def _start(self) -> None:
        """Start the workers on first use (they need the running event loop)."""
        if self._tasks:
            return
        self._wakeup = asyncio.Event()
        self._tasks = [asyncio.create_task(self._serve(), name=f"answer-worker-{n}") for n in range(self.workers)]

    def _next(self) -> _Job | None:
        """The next job: the first question of the user whose turn it is (None when empty)."""
        while self._turns:
            user_id = self._turns.popleft()
            waiting = self._waiting[user_id]
            job = waiting.popleft()
            if waiting:
                self._turns.append(user_id)  # their next question waits for everyone else's turn
            else:
                del self._waiting[user_id]
            self._size -= 1
            if not job.future.cancelled():  # the asker went away (a failed deferral)
                return job
        return None

    async def _serve(self) -> None:
        """One worker: answer jobs one at a time, forever."""
        assert self._wakeup is not None
        while True:
            if not self._acks_sent.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._acks_sent.wait(), ACK_FIRST_MAX)
            job = self._next()
            if job is None:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            await self._answer(job)

    async def _answer(self, job: _Job) -> None:
        """Run one job, hand its result (or error) to its future, and measure it."""
        self.running += 1
        started = time.perf_counter()
        try:
            result = await job.work()
        except asyncio.CancelledError:
            job.future.cancel()
            raise
        except Exception as error:
            if not job.future.done():
                job.future.set_exception(error)
        else:
            if not job.future.done():
                job.future.set_result(result)
        finally:
            self.running -= 1
            self.average += SMOOTHING * (time.perf_counter() - started - self.average)
