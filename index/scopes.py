"""Which articles a question may quote: a server's own archive, a channel's subset, the shared one.

An ``ArchiveScope`` is a rule on article paths. Each Discord server (guild) may claim folders
as its own archive (``index/store/scopes.py`` keeps the claims); articles under a claimed folder
belong to the servers that claimed it, every other article is the shared archive. A server sees
its own folders (and the shared archive unless ``[scopes] guilds_see_shared`` is off); a channel
limited by a server admin sees only what lies under its folder, within what its server sees.
With nothing claimed and no channel limited, every scope is ``EVERYTHING`` and search runs
exactly as before scopes existed.

The front end names the scope a question runs in with ``searching_in(scope)``; the engine reads
it with ``current_scope()`` on every read that lists or quotes articles, so a path that forgets
to pass a scope along cannot widen it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from index.config import DM_ARCHIVES, ScopePolicy


def is_under(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or lies inside it (by path text, as the store keeps them)."""
    folder = folder.rstrip(os.sep) or os.sep
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


@dataclass(frozen=True, slots=True)
class ArchiveScope:
    """The articles a question may quote, as a rule on their paths."""

    folders: tuple[str, ...] = ()  # this archive's own folders
    shared: bool = True  # also the shared archive: articles under no claimed folder
    claimed: tuple[str, ...] = ()  # every folder some server claimed (not shared)
    within: str | None = None  # a channel's limit: only articles under this folder
    nothing: bool = False  # a scope that sees no article (e.g. DMs with dm_archive = "none")

    @property
    def everything(self) -> bool:
        """True when every article is visible (no filtering needed)."""
        return not self.nothing and self.shared and not self.claimed and self.within is None

    def visible(self, path: str) -> bool:
        """True when the article stored under ``path`` may be quoted in this scope."""
        if self.nothing or (self.within is not None and not is_under(path, self.within)):
            return False
        if any(is_under(path, folder) for folder in self.folders):
            return True
        return self.shared and not any(is_under(path, folder) for folder in self.claimed)


EVERYTHING = ArchiveScope()
NOTHING = ArchiveScope(shared=False, nothing=True)

_current: ContextVar[ArchiveScope] = ContextVar("archive_scope", default=EVERYTHING)


@contextmanager
def searching_in(scope: ArchiveScope) -> Iterator[ArchiveScope]:
    """Run the engine reads inside the block in ``scope`` (restored after)."""
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


def current_scope() -> ArchiveScope:
    """The scope the running question was given (``EVERYTHING`` outside ``searching_in``)."""
    return _current.get()


def guild_scope(guild_id: str, claims: Mapping[str, Sequence[str]], policy: ScopePolicy,
                within: str | None = None) -> ArchiveScope:
    """What server ``guild_id`` sees, given every server's claimed folders (``claims``: guild id ->
    folders) and a channel's limit. A server with no folder of its own sees the shared archive,
    as a single-archive bot always did."""
    claimed = tuple(sorted({folder for folders in claims.values() for folder in folders}))
    own = tuple(claims.get(guild_id, ()))
    shared = policy.guilds_see_shared or not own
    return ArchiveScope(folders=own, shared=shared, claimed=claimed, within=within)


def dm_scope(claims: Mapping[str, Sequence[str]], policy: ScopePolicy) -> ArchiveScope:
    """What a direct message searches: ``policy.dm_archive`` is "shared", "all" or "none"."""
    if policy.dm_archive not in DM_ARCHIVES:
        raise ValueError(f"dm_archive is one of {', '.join(DM_ARCHIVES)}, not {policy.dm_archive!r}")
    if policy.dm_archive == "all":
        return EVERYTHING
    if policy.dm_archive == "none":
        return NOTHING
    claimed = tuple(sorted({folder for folders in claims.values() for folder in folders}))
    return ArchiveScope(claimed=claimed)
