"""Words for a reindex report shared by the console and Discord: paths shown relative to the
article folders, and the one counted line that stands for the duplicate files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from index.models import BadFile

SHOWN_DUPLICATES = 3
"""Duplicates named in the counted line (``--verbose`` or the log lists every one)."""


def shown_path(path: str, roots: Sequence[Path]) -> str:
    """``path`` relative to the deepest of ``roots`` holding it, else as given."""
    for root in sorted(roots, key=lambda r: len(r.absolute().parts), reverse=True):
        if inside(path, root):
            return str(Path(path).relative_to(root.absolute()))
    return path


def inside(path: str, root: Path) -> bool:
    """True when ``path`` lies below ``root`` (compared as absolute paths, links not followed)."""
    return Path(path).is_relative_to(root.absolute()) and Path(path) != root.absolute()


def duplicates_summary(duplicates: Sequence[BadFile], roots: Sequence[Path] = (),
                       show: Callable[[str], str] = str) -> str:
    """"N files repeat another file's text (indexed once): a, b, c and N more", the names
    relative to ``roots`` and passed through ``show`` (e.g. Discord's escaping)."""
    names = [show(shown_path(d.path, roots)) for d in duplicates[:SHOWN_DUPLICATES]]
    rest = len(duplicates) - len(names)
    listed = ", ".join(names) + (f" and {rest} more" if rest else "")
    files, verb = ("1 file", "repeats") if len(duplicates) == 1 else (f"{len(duplicates)} files", "repeat")
    return f"{files} {verb} another file's text (indexed once): {listed}"
