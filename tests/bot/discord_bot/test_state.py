"""The bot's small helpers: per-user cooldown, the answer cache, buttons, the sync hash, error sentences."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discord_bot.answer_cache import AnswerCache
from bot.discord_bot.cooldown import UserCooldowns
from bot.discord_bot.render import STORE_TROUBLE_TEXT
from bot.discord_bot.responses import PoliteRefusal, user_message
from bot.discord_bot.sync import command_hash
from bot.discord_bot.views import answer_view, sources_view
from index.errors import CorruptDatabase, QuestionTooLong
from index.models import Answer, Citation, Quote


def quote(passage_id: int) -> Quote:
    """A minimal quote from ¶passage_id."""
    return Quote("Text.", "Text.", 0, 5, Citation("T", None, passage_id, "s"), 0, 5, 1.0, passage_id, 1)


def test_cooldown_allows_rate_then_waits() -> None:
    """Two asks per 10 s: the third within the window must wait the rest of it."""
    cooldowns = UserCooldowns(2, 10.0)
    hits = [cooldowns.hit(1, now=100.0), cooldowns.hit(1, now=101.0), cooldowns.hit(1, now=102.0)]
    assert hits == [None, None, 8.0]


def test_cooldown_is_per_user() -> None:
    """Another user is not slowed by the first one's asks."""
    cooldowns = UserCooldowns(1, 10.0)
    cooldowns.hit(1, now=100.0)
    assert cooldowns.hit(2, now=100.0) is None


def test_cooldown_rate_zero_is_off() -> None:
    """A rate of 0 never makes anyone wait."""
    cooldowns = UserCooldowns(0, 10.0)
    assert [cooldowns.hit(1, now=100.0) for _ in range(5)] == [None] * 5


def test_answer_cache_forgets_the_oldest() -> None:
    """Past its size, the cache drops the least recently used answer."""
    cache = AnswerCache(max_answers=2)
    keys = [cache.put(Answer(f"q{n}", True, (quote(n),))) for n in range(3)]
    assert [cache.get(k) is not None for k in keys] == [False, True, True]


def test_answer_cache_keeps_shown_then_more_quotes() -> None:
    """A cached answer holds the shown quotes followed by the "More" ones."""
    cache = AnswerCache()
    key = cache.put(Answer("q", True, (quote(1),), more=(quote(2), quote(3))))
    assert [q.passage_id for q in cache.get(key).quotes] == [1, 2, 3]


def test_ten_quotes_fit_five_rows_of_buttons() -> None:
    """Ten Context buttons plus More and 👍/👎 take three rows of at most five."""
    view = answer_view([quote(n) for n in range(10)], key="0123abcd", next_offset=10, feedback=True)
    rows = [row["components"] for row in view.to_components()]
    assert [len(r) for r in rows] == [5, 5, 3]


def test_button_custom_ids_stay_short() -> None:
    """Every custom_id stays far below Discord's 100 characters."""
    view = answer_view([quote(2**63 - 1)], key="0123abcd", next_offset=999, feedback=True)
    longest = max(len(item["custom_id"]) for row in view.to_components() for item in row["components"])
    assert longest <= 30


def test_single_sources_page_has_no_buttons() -> None:
    """Ten articles or fewer need no Previous/Next."""
    assert sources_view(0, 10) is None


def _tree_with(description: str) -> app_commands.CommandTree:
    """A tree with one /ask command described as ``description``."""
    client = discord.Client(intents=discord.Intents.none())
    tree = app_commands.CommandTree(client)

    @tree.command(name="ask", description=description)
    async def ask(interaction: discord.Interaction, question: str) -> None:
        """Ask."""

    return tree


def test_command_hash_is_stable() -> None:
    """The same definitions hash the same."""
    assert command_hash(_tree_with("Ask"), None) == command_hash(_tree_with("Ask"), None)


def test_command_hash_changes_with_the_definition() -> None:
    """A changed description changes the hash (so the bot syncs)."""
    assert command_hash(_tree_with("Ask"), None) != command_hash(_tree_with("Ask a question"), None)


def test_command_hash_changes_with_the_target() -> None:
    """Moving from global to a dev guild changes the hash."""
    assert command_hash(_tree_with("Ask"), None) != command_hash(_tree_with("Ask"), 42)


def test_engine_errors_show_their_sentence() -> None:
    """An ArticlebotError (wrapped by the command) is shown as its own sentence."""
    wrapped = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapped.original = QuestionTooLong("Your question is too long.")
    assert user_message(wrapped) == "Your question is too long."


def test_refusals_show_their_sentence() -> None:
    """A polite refusal is shown as written."""
    assert user_message(PoliteRefusal("Only admins.")) == "Only admins."


def test_bugs_get_no_sentence() -> None:
    """Anything else is a bug: no user sentence (the generic apology is used)."""
    assert user_message(RuntimeError("boom")) is None


def test_database_trouble_hides_server_paths_from_members(caplog) -> None:
    """A store error names files on the server: members get a general sentence, the log the details."""
    wrapped = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapped.original = CorruptDatabase("/srv/articlebot/data/articles.db is not a readable articlebot database")
    text = user_message(wrapped)
    assert text == STORE_TROUBLE_TEXT and "/srv" not in text
    assert "/srv/articlebot/data/articles.db" in caplog.text
