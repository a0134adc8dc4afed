"""The fake's interactions with a real discord.py client: slash commands, deferrals, edits,
permissions, options, autocomplete and buttons."""

from __future__ import annotations

from tests.fake_discord import FakeDiscord
from tests.fake_discord.minibot import MiniBot


async def test_slash_command_is_answered(fake: FakeDiscord, bot: MiniBot) -> None:
    """A slash command's immediate response reaches the fake as the final message."""
    result = await fake.slash_command("ping", {"text": "hi"}, user=fake.member)
    assert result.final_message is not None and result.final_message["content"] == "pong hi"


async def test_slash_command_in_dm_is_answered(fake: FakeDiscord, bot: MiniBot) -> None:
    """A slash command sent from a DM (user + context 1) is answered."""
    result = await fake.slash_command("ping", {"text": "dm"}, user=fake.member, dm=True)
    assert result.final_message is not None and result.final_message["content"] == "pong dm"


async def test_deferred_command_answered_by_followup(fake: FakeDiscord, bot: MiniBot) -> None:
    """A deferred command completes with its follow-up, which fills the thinking message."""
    result = await fake.slash_command("slow")
    assert (result.deferred, result.final_message["content"]) == (True, "slow answer")  # type: ignore[index]


async def test_deferred_command_answered_by_edit(fake: FakeDiscord, bot: MiniBot) -> None:
    """edit_original_response after a defer completes the interaction with the edited content."""
    result = await fake.slash_command("edit")
    assert [e.get("content") for e in result.edits] == ["edited answer"]


async def test_original_response_can_be_fetched_and_edited(fake: FakeDiscord, bot: MiniBot) -> None:
    """original_response() then message.edit() edits the original response."""
    result = await fake.slash_command("orig")
    await fake.wait_for(lambda: result.edits, 5, "the edit")
    assert result.final_message["content"] == "draft final"  # type: ignore[index]


async def test_command_sync_is_one_put(fake: FakeDiscord, bot: MiniBot) -> None:
    """tree.sync() is recorded as exactly one PUT of the command list."""
    assert fake.command_puts == 1 and {c.name for c in await bot.tree.fetch_commands()} >= {"ping", "slow"}


async def test_admin_permission_comes_from_member_permissions(fake: FakeDiscord, bot: MiniBot) -> None:
    """The admin passes a manage_guild check."""
    result = await fake.slash_command("admin", user=fake.admin)
    assert result.final_message["content"] == "admin ok"  # type: ignore[index]


async def test_plain_member_fails_permission_check(fake: FakeDiscord, bot: MiniBot) -> None:
    """A plain member fails the manage_guild check."""
    result = await fake.slash_command("admin", user=fake.member)
    assert result.final_message["content"] == "denied"  # type: ignore[index]


async def test_user_option_is_resolved(fake: FakeDiscord, bot: MiniBot) -> None:
    """A user-dict option value arrives as a resolved Member with its permissions."""
    result = await fake.slash_command("whois", {"who": fake.admin}, user=fake.member)
    assert result.final_message["content"] == "moderator admin=True"  # type: ignore[index]


async def test_autocomplete_returns_choices(fake: FakeDiscord, bot: MiniBot) -> None:
    """Autocomplete answers with the client's filtered choices."""
    choices = await fake.autocomplete("search", {"article": "Ukr"}, focused="article")
    assert [c["name"] for c in choices] == ["Ukraine war", "Ukrainian grain"]


async def test_button_click_updates_message(fake: FakeDiscord, bot: MiniBot) -> None:
    """Clicking a button on the bot's message runs the view callback (type 7 update)."""
    sent = await fake.slash_command("buttons")
    clicked = await fake.click(sent.final_message, "more", user=fake.member)  # type: ignore[arg-type]
    assert clicked.final_message["content"] == "more quotes"  # type: ignore[index]
