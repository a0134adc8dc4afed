"""The ``articlebot`` executable: the command's modules imported with the cyclic garbage
collector paused, then kept out of its passes; then the command (``bot.console.cli``).

Importing them makes some 100,000 objects that live as long as the process (modules, classes,
functions, compiled patterns) and no garbage cycles. With the collector on, its passes during
the imports, and each full pass after them, walk all of those again: ~10 % of a one-shot
``articlebot ask``'s CPU. ``gc.freeze`` moves them to the permanent generation, which the
collector never walks; what the command itself makes is collected as usual (a long-lived
front end later settles its own tables the same way: ``index.collector``).
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run the ``articlebot`` command line."""
    gc.disable()
    try:
        from bot.console.cli import main as command
    finally:
        gc.freeze()
        gc.enable()
    command()
