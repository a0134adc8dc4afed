"""Words for a reindex report shared by the console and Discord: paths shown relative to the
article folders, and the counted lines that stand for the duplicate files and for the files
skipped as not articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from index.ingest.files import ARTICLE_SUFFIXES
from index.models import BadFile

SHOWN_DUPLICATES = 3
"""Duplicates (or skipped files) named in a counted line (``--verbose`` or the log lists every one)."""


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
    files, verb = ("1 file", "repeats") if len(duplicates) == 1 else (f"{len(duplicates)} files", "repeat")
    return f"{files} {verb} another file's text (indexed once): {_first_names(duplicates, roots, show)}"


def ignored_summary(ignored: Sequence[BadFile], roots: Sequence[Path] = (),
                    show: Callable[[str], str] = str) -> str:
    """"N files that are not articles were skipped (2 .xml, 1 README): a, b, c and N more", named
    as in ``duplicates_summary``."""
    kinds = Counter(_kind(Path(item.path)) for item in ignored)
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    files = "1 file that is not an article was" if len(ignored) == 1 else f"{len(ignored)} files that are not articles were"
    return f"{files} skipped ({counted}): {_first_names(ignored, roots, show)}"


def _kind(path: Path) -> str:
    """What kind of file a skipped one is: its file type (".xml"), or its name ("README") when
    the type is an article's."""
    suffix = path.suffix.lower()
    return path.stem if suffix in ARTICLE_SUFFIXES else suffix or "no file type"


def _first_names(files: Sequence[BadFile], roots: Sequence[Path], show: Callable[[str], str]) -> str:
    """"a, b, c and N more": the first ``SHOWN_DUPLICATES`` of ``files`` by name."""
    names = [show(shown_path(f.path, roots)) for f in files[:SHOWN_DUPLICATES]]
    rest = len(files) - len(names)
    return ", ".join(names) + (f" and {rest} more" if rest else "")
