"""Paths given to a reindex -> the article files under them, or a reason each is bad.

Article files are ``.txt``, ``.md``, ``.markdown``, ``.html`` and ``.htm`` (README/LICENSE-style files and hidden
files are not articles). Directories are walked without following symlinked directories
into a loop; unreadable entries are reported by name instead of stopping the walk. The other
files of an article folder are listed as ``skipped`` with why (a ``.xml`` file is not read
without a word), except hidden files and editors' backups, which no one means as articles.

Discovery never leaves the article folders: a symbolic link (to a file or a folder) whose
target lies outside the paths given, the configured folders and the folders named in
``index.link_targets`` is reported as a bad file, not followed (issue 18: a link to
``/etc/passwd`` made it quotable by every member).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
LINK_OUTSIDE = "links outside the article folders are not followed"
NOT_REGULAR = "not a regular file (a pipe, socket or device would block or never end)"
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "copying", "notice", "authors"})
_BACKUP_SUFFIXES = frozenset({".swp", ".swo", ".swx", ".bak", ".orig", ".tmp", ".part", ".crdownload"})
"""An editor's or a download's leftovers, skipped without a word like hidden files."""
README_STYLE = "a README or LICENSE-style file, not an article"


@dataclass(frozen=True, slots=True)
class Found:
    """A file to index (``reason`` is None) or a path that cannot be (with why)."""

    path: Path
    reason: str | None = None
    skipped: bool = False  # not an article file, left alone: ``reason`` says why


def is_article_name(path: Path) -> bool:
    """True for article file names: right suffix, not hidden, not a README-style file."""
    return (
        path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() not in _NOT_ARTICLES
    )


def skip_reason(path: Path) -> str | None:
    """Why the file at ``path``, in an article folder, is not indexed; None when it is an article
    file, or a hidden file or an editor's backup ("notes.txt~", "#notes.txt#", "a.swp"), which
    need no word."""
    name = path.name
    if name.startswith((".", "#", "~$")) or name.endswith(("~", "#")) or path.suffix.lower() in _BACKUP_SUFFIXES:
        return None
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return None if is_article_name(path) else README_STYLE
    kinds = ", ".join(sorted(ARTICLE_SUFFIXES, key=lambda s: (len(s), s)))
    return f"not an article file ({path.suffix.lower() or 'no file type'}; articles are {kinds})"


def discover(paths: list[Path], *, roots: Sequence[Path] = (), allowed: Sequence[Path] = ()) -> list[Found]:
    """Every article file under ``paths`` (absolute, sorted, each once), bad paths, and the
    other files of the folders walked (``skipped``, with why; see ``skip_reason``).

    Links are followed only into ``paths``, ``roots`` (the configured article folders) and
    ``allowed`` (folders the config lets links lead into).
    """
    found: dict[Path, Found] = {}
    inside = _Boundary([*paths, *roots, *allowed])
    for given in paths:
        target = given.absolute()
        if not target.exists() and not target.is_symlink():
            found[target] = Found(target, "no such file or folder")
        elif target.is_dir():
            for item in _walk(target, inside):
                found.setdefault(item.path, item)
        elif target.is_symlink() and not target.exists():
            found[target] = Found(target, _dangling_reason(target))
        else:
            found.setdefault(target, Found(target, None if target.is_file() else NOT_REGULAR))
    return sorted(found.values(), key=lambda f: str(f.path))


class _Boundary:
    """The folders discovery may enter, resolved once."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [folder.resolve() for folder in folders]

    def holds(self, link: Path) -> bool:
        """True when the link's final target lies inside one of the folders."""
        target = link.resolve()
        return any(target == folder or target.is_relative_to(folder) for folder in self.folders)


def holds_entries(folder: Path) -> bool:
    """True when ``discover([folder])`` would list something (an article file or a bad path),
    found without walking past the first."""
    return next((item for item in _entries(folder.absolute(), _Boundary([folder])) if not item.skipped),
                None) is not None


def _walk(root: Path, inside: _Boundary) -> list[Found]:
    """Article files below ``root`` and the files skipped there; symlinked folders are followed
    once, loops reported, links leading outside ``inside`` reported."""
    return list(_entries(root, inside))


def _entries(root: Path, inside: _Boundary) -> Iterator[Found]:
    """``_walk``'s entries, one at a time."""
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as error:
            yield Found(folder, _os_reason(error))
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            yield Found(folder, "a symbolic link loop (this folder was already visited)")
            continue
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield Found(folder, _os_reason(error))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink() and path.exists() and not inside.holds(path):
                    if entry.is_dir() or is_article_name(path):
                        yield Found(path, LINK_OUTSIDE)
                elif entry.is_dir():
                    if not entry.name.startswith("."):
                        stack.append(path)
                elif entry.is_symlink() and not path.exists():
                    if is_article_name(path):
                        yield Found(path, _dangling_reason(path))
                elif is_article_name(path):
                    yield Found(path, None if entry.is_file() else NOT_REGULAR)
                elif (why := skip_reason(path)) is not None:
                    yield Found(path, why, skipped=True)
            except OSError as error:
                yield Found(path, _os_reason(error))


def _dangling_reason(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a missing target."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop"
    return "a broken symbolic link"


def _os_reason(error: OSError) -> str:
    """A one-phrase reason for an OS error."""
    if isinstance(error, PermissionError):
        return "permission denied (the bot cannot read it)"
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    return error.strerror.lower() if error.strerror else str(error)


def is_within(path: Path, roots: list[Path]) -> bool:
    """True when ``path`` (resolved) lies inside one of ``roots`` (resolved)."""
    resolved = path.resolve()
    return any(resolved == r.resolve() or resolved.is_relative_to(r.resolve()) for r in roots)
