"""End-to-end tests of tests.fake_discord with a real discord.py client (not the project's bot)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.fake_discord import FakeDiscord
from tests.fake_discord.client_runner import pointed_at, run_client

TOKEN = "test-token"
LATE_SLEEP = 3.3  # just past Discord's 3 s interaction deadline


NO_MENTIONS = discord.AllowedMentions.none()


class MiniBot(discord.Client):
    """A minimal client: a few slash commands and an on_message that replies to DMs and mentions."""

    def __init__(self, *, allowed_mentions: discord.AllowedMentions | None = NO_MENTIONS) -> None:
        """Register the commands; a short guild_ready_timeout keeps start-up fast."""
        super().__init__(intents=discord.Intents.default(), allowed_mentions=allowed_mentions, guild_ready_timeout=0.1)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[BaseException] = []
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        _register(self.tree)

    async def setup_hook(self) -> None:
        """Sync the global commands (against the fake)."""
        await self.tree.sync()

    async def _on_tree_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Record errors; answer failed permission checks."""
        self.errors.append(error)
        if isinstance(error, app_commands.CheckFailure) and not interaction.response.is_done():
            await interaction.response.send_message("denied", ephemeral=True)

    async def on_message(self, message: discord.Message) -> None:
        """Reply to DMs and to messages mentioning the bot."""
        if message.author == self.user:
            return
        if message.guild is None or self.user in message.mentions:
            await message.reply(f"echo: {message.content}")


class MoreView(discord.ui.View):
    """One button that edits its message."""

    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        """Replace the message content."""
        await interaction.response.edit_message(content="more quotes", view=None)


def _register(tree: app_commands.CommandTree[Any]) -> None:
    """Define the test commands on ``tree``."""

    @tree.command(name="ping", description="Answer at once")
    async def ping(interaction: discord.Interaction, text: str = "") -> None:
        await interaction.response.send_message(f"pong {text}".strip())

    @tree.command(name="slow", description="Defer, then follow up")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("slow answer")

    @tree.command(name="edit", description="Defer, then edit the original response")
    async def edit(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="edited answer")

    @tree.command(name="late", description="Answer after the 3 s deadline")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(LATE_SLEEP)
        await interaction.response.send_message("too late")

    @tree.command(name="big", description="Answer with too much content")
    async def big(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("x" * 2001)

    @tree.command(name="twice", description="Acknowledge twice (bypassing discord.py's guard)")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        interaction.response._response_type = None
        await interaction.response.send_message("second")

    @tree.command(name="buttons", description="Answer with a button")
    async def buttons(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("quotes", view=MoreView(timeout=60))

    @tree.command(name="admin", description="Needs Manage Server")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def admin(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("admin ok")

    @tree.command(name="orig", description="Answer, fetch the original response and edit it")
    async def orig(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("draft")
        message = await interaction.original_response()
        await message.edit(content=f"{message.content} final")

    @tree.command(name="dmme", description="Answer by DM")
    async def dmme(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("check your DMs", ephemeral=True)
        await interaction.user.send("private answer")

    @tree.command(name="whois", description="A user option")
    async def whois(interaction: discord.Interaction, who: discord.Member) -> None:
        await interaction.response.send_message(f"{who.name} admin={who.guild_permissions.manage_guild}")

    @tree.command(name="search", description="Autocompleted article")
    async def search(interaction: discord.Interaction, article: str) -> None:
        await interaction.response.send_message(article)

    @search.autocomplete("article")
    async def search_article(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        titles = ["Ukraine war", "Ukrainian grain", "Kirby interview"]
        return [app_commands.Choice(name=t, value=t) for t in titles if t.lower().startswith(current.lower())]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A running fake Discord."""
    async with FakeDiscord(token=TOKEN) as running:
        yield running


@pytest.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[MiniBot]:
    """A MiniBot connected to the fake and ready."""
    async with run_client(MiniBot(), fake) as client:
        yield client


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


async def test_user_send_opens_dm_channel(fake: FakeDiscord, bot: MiniBot) -> None:
    """interaction.user.send() opens a DM channel and posts there."""
    await fake.slash_command("dmme", user=fake.admin)
    dm_id = fake.dm_channel_for(fake.admin)["id"]
    sent = await fake.wait_for(lambda: fake.channel_messages(dm_id), 5, "the DM")
    assert sent[0]["content"] == "private answer"


async def test_dm_is_replied(fake: FakeDiscord, bot: MiniBot) -> None:
    """A DM from a user gets a reply referencing it."""
    reply = await fake.send_dm("what did Kirby say?", user=fake.member)
    assert reply["content"] == "echo: what did Kirby say?"


async def test_mention_is_replied(fake: FakeDiscord, bot: MiniBot) -> None:
    """A guild message mentioning the bot gets a reply in the guild channel."""
    reply = await fake.send_mention("hello", user=fake.admin)
    assert (reply["channel_id"], reply["type"]) == (fake.channel_id, 19)


async def test_guild_fixture_is_complete(fake: FakeDiscord, bot: MiniBot) -> None:
    """The guild arrives with member_count 3 (bot, member, admin) and the bot as guild.me."""
    guild = bot.get_guild(int(fake.guild_id))
    assert guild is not None and guild.member_count == 3 and guild.me.id == int(fake.bot_user["id"])


async def test_json_content_type_is_bare(fake: FakeDiscord) -> None:
    """JSON responses carry exactly 'application/json' (discord.py decodes nothing else)."""
    auth = {"Authorization": f"Bot {TOKEN}"}
    async with aiohttp.ClientSession(headers=auth) as session, session.get(f"{fake.api_base_url}/gateway/bot") as resp:
        assert (resp.status, resp.headers["Content-Type"]) == (200, "application/json")


async def test_gateway_discovery_points_at_fake(fake: FakeDiscord, bot: MiniBot) -> None:
    """GET /gateway/bot returns the fake's websocket URL."""
    _, url, _ = await bot.http.get_bot_gateway()
    assert url == fake.gateway_url


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


async def test_over_limit_payload_is_a_violation(fake: FakeDiscord, bot: MiniBot) -> None:
    """Content over 2000 characters is refused and recorded in violations."""
    await fake.slash_command("big")
    assert any("content is 2001 chars" in v for v in fake.violations)


async def test_missing_allowed_mentions_is_a_violation(fake: FakeDiscord) -> None:
    """A client without an allowed_mentions default produces a violation."""
    async with run_client(MiniBot(allowed_mentions=None), fake):
        await fake.slash_command("ping")
    assert any("allowed_mentions missing" in v for v in fake.violations)


async def test_late_callback_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    """A callback more than 3 s after dispatch gets 10062 Unknown interaction."""
    result = await fake.slash_command("late", timeout=10)
    assert result.final_message is None and any("10062" in f for f in fake.failures)


async def test_second_callback_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    """A second callback for one interaction gets 40060 already acknowledged."""
    await fake.slash_command("twice")
    await fake.wait_for(lambda: any("40060" in f for f in fake.failures), 5, "the 40060 failure")
    assert isinstance(bot.errors[-1].__cause__, discord.HTTPException)


async def test_rate_limited_callback_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """Interaction callbacks answered with 429 are retried and the answer still arrives."""
    fake.inject_429(n=3)
    result = await fake.slash_command("ping", {"text": "retry"})
    assert (result.final_message["content"], fake.rate_limited) == ("pong retry", 3)  # type: ignore[index]


async def test_rate_limited_channel_message_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """Channel messages answered with 429 are retried by the HTTP client and the reply arrives."""
    fake.inject_429(n=2)
    reply = await fake.send_dm("again")
    assert (reply["content"], fake.rate_limited) == ("echo: again", 2)


async def test_fraction_of_rate_limits_is_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    """With a share of all REST calls answered 429, DM replies still arrive."""
    fake.inject_429(n=0, fraction=0.3)
    replies = [(await fake.send_dm(f"q{i}"))["content"] for i in range(4)]
    assert replies == [f"echo: q{i}" for i in range(4)] and fake.rate_limited > 0


async def test_guild_message_without_intent_has_no_content(fake: FakeDiscord, bot: MiniBot) -> None:
    """A non-mention guild message arrives without content when the intent is off."""
    seen = asyncio.ensure_future(bot.wait_for("message", timeout=5))
    await asyncio.sleep(0)
    await fake.post_message("secret", user=fake.member)
    assert (await seen).content == ""


async def test_wait_ready_without_runner(fake: FakeDiscord) -> None:
    """A client started by hand is usable after fake.wait_ready()."""
    client = MiniBot()
    with pointed_at(fake):
        task = asyncio.create_task(client.start(TOKEN))
        await fake.wait_ready(timeout=15)
        result = await fake.slash_command("ping", {"text": "manual"})
        await client.close()
        await task
    assert result.final_message["content"] == "pong manual"  # type: ignore[index]


async def test_reconnect_resumes_on_resume_url(fake: FakeDiscord, bot: MiniBot) -> None:
    """After op 7 the client RESUMEs on resume_gateway_url and keeps answering."""
    await fake.reconnect()
    result = await fake.slash_command("ping", {"text": "after"})
    assert (fake.resumes, fake.ws_connections[-1], result.final_message["content"]) == (1, "/resume", "pong after")  # type: ignore[index]


async def test_dropped_connection_resumes(fake: FakeDiscord, bot: MiniBot) -> None:
    """After an abrupt close the client resumes and still replies to DMs."""
    await fake.drop_connection()
    reply = await fake.send_dm("still there?")
    assert (fake.resumes, fake.identifies, reply["content"]) == (1, 1, "echo: still there?")


async def test_wrong_token_fails_login(fake: FakeDiscord) -> None:
    """A wrong token is refused with 401, which discord.py turns into LoginFailure."""
    with pytest.raises(discord.LoginFailure):
        async with run_client(MiniBot(), fake, token="wrong-token"):
            pass


async def test_gateway_wrong_token_closes_4004(fake: FakeDiscord) -> None:
    """IDENTIFY with a wrong token closes the websocket with 4004."""
    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        await ws.receive_json()
        await ws.send_json({"op": 2, "d": {"token": "nope", "intents": 0, "properties": {}}})
        await ws.receive()
    assert ws.close_code == 4004


async def test_unknown_route_is_recorded(fake: FakeDiscord, bot: MiniBot) -> None:
    """A REST route the fake does not know is a recorded 404."""
    with pytest.raises(discord.NotFound):
        await bot.fetch_guild(int(fake.guild_id))
    assert fake.unexpected_routes == [f"GET /guilds/{fake.guild_id}"]
