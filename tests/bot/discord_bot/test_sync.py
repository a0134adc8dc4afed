"""bot.discord_bot.sync.previous_scope: which scope the last sync went to, from what the database kept."""

from __future__ import annotations

from bot.discord_bot.sync import GLOBAL, previous_scope

GLOBAL_HASH = "a" * 64


def test_stored_scope_wins() -> None:
    """A stored scope is the answer, whatever the hash."""
    assert previous_scope("123", GLOBAL_HASH, GLOBAL_HASH) == "123"


def test_hash_of_todays_global_commands_means_global() -> None:
    """A database synced before scopes were stored, with today's global hash, was synced globally."""
    assert previous_scope(None, GLOBAL_HASH, GLOBAL_HASH) == GLOBAL


def test_other_hash_without_scope_is_unknown() -> None:
    """Any other hash without a stored scope gives no scope to clean up."""
    assert previous_scope(None, "b" * 64, GLOBAL_HASH) is None


def test_never_synced_is_unknown() -> None:
    """A database that never synced has no previous scope."""
    assert previous_scope(None, None, GLOBAL_HASH) is None
