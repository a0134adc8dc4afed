"""Keep the cyclic garbage collector's full passes off the answer path.

A long-lived front end holds millions of objects that live as long as the process (the word
tables, the index's vocabulary, numba's and discord.py's modules). A full collection walks
them all while holding the GIL: 100-300 ms stolen from whichever question is being answered,
every few hundred questions. ``settle`` runs once after warm-up: it collects what start-up
left, moves every surviving object into the permanent generation (``gc.freeze``), which the
collector never walks again, and raises the thresholds so that an answer's few surviving
objects (cache entries) no longer add up to a full pass within any realistic batch; young
cycles are still collected as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 10_000  # allocations (net of frees) between young collections (CPython's default: 700)
MIDDLE = 20  # young collections per middle one (default 10)
OLD = 100  # middle collections per full one (default 10)


def settle() -> None:
    """Collect once, freeze what survives, and space out the full collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building objects that make no cycles.

    Left on, the collector walks the new objects again and again while holding the GIL (and,
    at every middle pass, the cached ones of the answers before), which costs more than the
    build itself: a Searcher's token lists, a passage's features read back.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
