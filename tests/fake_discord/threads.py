"""Threads and message commands in the fake Discord, shaped like what Discord sends.

- ``POST /channels/{id}/messages/{message_id}/threads`` starts a public thread on a message: the
  thread's id is the message's id, its ``owner_id`` the caller; Discord answers with the thread
  channel and sends THREAD_CREATE (``newly_created``) over the gateway. It needs the Create
  Public Threads permission in the channel, else 403 50013 like Discord.
- Members post in a thread like in a channel (content withheld without the message-content
  intent unless the bot is mentioned: ``post_in_thread(..., mention=True)``).
- A message command (right-click → Apps) is INTERACTION_CREATE type 2 whose ``data`` has
  ``type`` 3, ``target_id`` and the message in ``resolved.messages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fixtures as fx
from .interactions import APPLICATION_COMMAND, InteractionResult

if TYPE_CHECKING:
    from aiohttp import web

    from .rest import RestRouter

Json = dict[str, Any]
PUBLIC_THREAD = 11
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
MESSAGE_COMMAND = 3


def make_thread(message: Json, owner_id: str, name: str, archive_minutes: int) -> Json:
    """A public thread channel started on ``message`` (Discord gives it the message's id)."""
    return {
        "id": message["id"], "type": PUBLIC_THREAD, "guild_id": message["guild_id"],
        "parent_id": message["channel_id"], "owner_id": owner_id, "name": name,
        "last_message_id": None, "message_count": 0, "member_count": 1, "rate_limit_per_user": 0,
        "total_message_sent": 0, "flags": 0,
        "thread_metadata": {"archived": False, "auto_archive_duration": archive_minutes,
                            "archive_timestamp": fx.iso_now(), "locked": False, "create_timestamp": fx.iso_now()},
    }


async def start_thread(router: RestRouter, request: web.Request, payload: Any, channel_id: str,
                       message_id: str) -> web.Response:
    """Start a thread on a message of the guild channel (the bot must be allowed to)."""
    from .rest import error, json_response

    fake = router.fake
    message = fake.messages.get(message_id)
    if message is None or message["channel_id"] != channel_id or channel_id != fake.channel_id:
        return error(404, 10008, "Unknown Message")
    if message_id in fake.threads:
        return error(400, 160004, "A thread has already been created for this message")
    if not fake.bot_permissions() & CREATE_PUBLIC_THREADS:
        return error(403, 50013, "Missing Permissions")
    name = str((payload or {}).get("name") or "")
    if not 1 <= len(name) <= 100:
        return error(400, 50035, "Invalid Form Body", {"name": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH"}]}})
    thread = make_thread(message, fake.bot_user["id"], name, int((payload or {}).get("auto_archive_duration") or 4320))
    fake.threads[thread["id"]] = thread
    await fake.dispatch("THREAD_CREATE", dict(thread, newly_created=True))
    return json_response(thread)


class ThreadActionsMixin:
    """What members do in threads and with message commands (part of :class:`FakeDiscord`)."""

    def bot_permissions(self: Any) -> int:
        """The bot's guild permissions from its roles."""
        roles = {self.guild_id, *self.member_roles[self.bot_user["id"]]}
        total = 0
        for role in self.roles:
            if role["id"] in roles:
                total |= int(role["permissions"])
        return total

    async def post_in_thread(self: Any, thread: Json, content: str, *, user: Json | None = None,
                             mention: bool = False, timeout: float = 10) -> Json:
        """``user`` writes in ``thread``; returns the bot's next message there.

        Without ``mention`` the content is withheld, as by Discord, unless the client identified
        with the message-content intent. With ``mention`` the message starts ``<@bot>`` and lists
        the bot in ``mentions`` (a thread member object), and its content is delivered whatever
        the intents, as Discord does for a message that mentions the bot."""
        user = user or self.member
        if mention:
            guild = self.guild_by_id(thread["guild_id"])
            bot = dict(self.bot_user, member=fx.make_member(self.bot_user, guild.member_roles[self.bot_user["id"]]))
            bot["member"].pop("user")
            message = self._user_message(f"<@{self.bot_user['id']}> {content}", user, thread["id"], True, [bot], guild)
        else:
            message = self._user_message(content, user, thread["id"], True, [])
            if not int(self.intents or 0) & (1 << 15):
                message = dict(message, content="")
        return await self._send_and_wait_reply(message, timeout)

    async def wait_thread(self: Any, timeout: float = 10) -> Json:
        """The newest thread the bot started (waits for one)."""
        return await self.wait_for(lambda: list(self.threads.values())[-1] if self.threads else None,
                                   timeout, "a thread started by the bot")

    async def message_command(self: Any, name: str, target: Json, *, user: Json | None = None,
                              timeout: float = 10) -> InteractionResult:
        """``user`` runs the message command ``name`` on ``target`` (right-click → Apps)."""
        command = self.find_command(name)
        data: Json = {"id": command["id"], "name": command["name"], "type": MESSAGE_COMMAND,
                      "target_id": target["id"], "resolved": {"messages": {target["id"]: target}}}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        dm = "guild_id" not in target
        return await self._run(self._interaction(APPLICATION_COMMAND, data, user, dm), timeout)

    def member_message(self: Any, content: str, *, user: Json) -> Json:
        """A message ``user`` posted in the guild channel earlier (not dispatched: the bot did
        not see it, e.g. without the message-content intent)."""
        return self._user_message(content, user, self.channel_id, True, [])
