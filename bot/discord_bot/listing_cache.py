"""Recent article lists (archive questions' answers) by short key, for their Next buttons."""

from __future__ import annotations

import secrets
from collections import OrderedDict

from index.conversation import ArchiveReply

MAX_LISTS = 500
"""Lists kept; the least recently used go first (their Next then asks to ask again)."""


class ListingCache:
    """Recent article lists by short key (least recently used go first)."""

    def __init__(self, max_lists: int = MAX_LISTS) -> None:
        self.max_lists = max_lists
        self._lists: OrderedDict[str, ArchiveReply] = OrderedDict()

    def put(self, reply: ArchiveReply) -> str:
        key = secrets.token_hex(4)
        self._lists[key] = reply
        while len(self._lists) > self.max_lists:
            self._lists.popitem(last=False)
        return key

    def get(self, key: str) -> ArchiveReply | None:
        found = self._lists.get(key)
        if found is not None:
            self._lists.move_to_end(key)
        return found
