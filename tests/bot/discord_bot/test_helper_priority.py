"""A /reindex's helper processes run nicer than the bot (``bot.discord_bot.helper_priority``)."""

from __future__ import annotations

import multiprocessing
import os
import time

from bot.discord_bot.helper_priority import HelperPriority


def test_helper_processes_are_lowered_once_each_and_the_bot_is_not() -> None:
    """Two helper processes (started like the reindex's, with ``spawn``) end 10 nicer than this
    process; a second call changes nothing; this process keeps its own priority."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    context = multiprocessing.get_context("spawn")
    helpers = [context.Process(target=time.sleep, args=(60,)) for _ in range(2)]
    for helper in helpers:
        helper.start()
    try:
        priority = HelperPriority()
        first, second = priority.lower(), priority.lower()
        niceness = [os.getpriority(os.PRIO_PROCESS, helper.pid or 0) for helper in helpers]
    finally:
        for helper in helpers:
            helper.kill()
            helper.join()
    assert (first, second) == (2, 0)
    assert niceness == [min(19, own + 10)] * 2
    assert os.getpriority(os.PRIO_PROCESS, 0) == own
