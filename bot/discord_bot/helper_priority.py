"""A /reindex's helper processes yield the CPU to the bot's own answering.

A reindex of a large folder parses its files in worker processes (one per core) started by the
bot's process. At the default priority they take as much CPU as the bot's event loop, which must
acknowledge every interaction within Discord's 3 s: on a busy machine (load 10 on 2 cores) a burst
of /ask during a reindex was acknowledged too late. Lowered (``nice`` +10), the workers still use
every idle cycle, but the bot's answering gets the CPU first when both want it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

log = logging.getLogger(__name__)

HELPER_NICENESS = 10
"""How much nicer than the bot a reindex's worker processes run (0 = as the bot, 19 = the nicest)."""


class HelperPriority:
    """Lowers the priority of this process's helper processes, each once."""

    def __init__(self, niceness: int = HELPER_NICENESS) -> None:
        self.niceness = niceness
        self._lowered: set[int] = set()

    def lower(self) -> int:
        """Lower every helper process started since the last call; returns how many were lowered.

        Cheap enough to call at each progress report: a helper is looked at once. A helper that
        already ended, or that this user may not renice, is left as it is.
        """
        lowered = 0
        for child in multiprocessing.active_children():
            pid = child.pid
            if pid is None or pid in self._lowered:
                continue
            self._lowered.add(pid)
            try:
                target = min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + self.niceness)
                if os.getpriority(os.PRIO_PROCESS, pid) < target:
                    os.setpriority(os.PRIO_PROCESS, pid, target)
                    lowered += 1
            except OSError as error:  # ended meanwhile, or not ours to change
                log.debug("Could not lower the priority of helper process %s: %s", pid, error)
        return lowered
