"""REST routing for the fake: recording, auth, 429 injection, start-up routes and channel messages."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import fixtures as fx
from . import threads, webhooks
from .limits import check_message_payload

if TYPE_CHECKING:
    from .server import FakeDiscord

Json = dict[str, Any]
Handler = Callable[..., Awaitable[web.Response]]


@dataclasses.dataclass
class RecordedRequest:
    """One REST request the client made (``path`` is relative to /api/v10)."""

    method: str
    path: str
    json: Any
    query: dict[str, str]
    status: int = 0


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json`` (what discord.py checks)."""
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    # Uploaded bytes kept on attachments (``data``) are the fake's own record, not sent back.
    body = json.dumps(data, default=lambda value: None if isinstance(value, bytes) else str(value))
    return web.Response(body=body.encode(), status=status, headers=all_headers)


def error(status: int, code: int, message: str, errors: Json | None = None) -> web.Response:
    """A Discord-style JSON error."""
    body: Json = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return json_response(body, status)


def no_content() -> web.Response:
    """204 No Content."""
    return web.Response(status=204)


async def read_payload(request: web.Request) -> Any:
    """The request's JSON body, or ``payload_json`` of a multipart body; each uploaded file's
    bytes go to its ``attachments`` entry as ``data`` (and ``size``)."""
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        raw = form.get("payload_json")
        payload = json.loads(raw) if isinstance(raw, str) else None
        files = {f.filename: f.file.read() for f in form.values() if isinstance(f, web.FileField)}
        for attachment in (payload or {}).get("attachments") or []:
            data = files.get(attachment.get("filename"), b"")
            attachment.update(data=data, size=len(data))
        return payload
    text = await request.text()
    return json.loads(text) if text else None


class RestRouter:
    """Dispatches ``/api/v10/...`` requests to handlers; unknown routes are recorded 404s."""

    def __init__(self, fake: FakeDiscord) -> None:
        """Build the route table."""
        self.fake = fake
        w = webhooks
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = [
            (m, re.compile(p + "$"), h)
            for m, p, h in [
                ("GET", r"users/@me", self.get_me),
                ("GET", r"gateway(?:/bot)?", self.get_gateway),
                ("GET", r"(?:oauth2/)?applications/@me", self.get_application),
                ("GET", r"applications/(\d+)/commands", self.get_commands),
                ("PUT", r"applications/(\d+)/commands", self.put_commands),
                ("GET", r"applications/(\d+)/guilds/(\d+)/commands", self.get_commands),
                ("PUT", r"applications/(\d+)/guilds/(\d+)/commands", self.put_commands),
                ("POST", r"interactions/(\d+)/([^/]+)/callback", partial(w.callback, self)),
                ("POST", r"webhooks/(\d+)/([^/]+)", partial(w.followup, self)),
                ("GET", r"webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", partial(w.get_message, self)),
                ("PATCH", r"webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", partial(w.edit, self)),
                ("DELETE", r"webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", partial(w.delete, self)),
                ("POST", r"users/@me/channels", self.open_dm),
                ("GET", r"channels/(\d+)", self.get_channel),
                ("POST", r"channels/(\d+)/messages", self.create_message),
                ("GET", r"channels/(\d+)/messages/(\d+)", self.get_message),
                ("PATCH", r"channels/(\d+)/messages/(\d+)", self.edit_message),
                ("DELETE", r"channels/(\d+)/messages/(\d+)", self.delete_message),
                ("POST", r"channels/(\d+)/typing", self.typing),
                ("POST", r"channels/(\d+)/messages/(\d+)/threads", partial(threads.start_thread, self)),
                ("PUT", r"channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me", self.typing),
                ("DELETE", r"channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me", self.typing),
            ]
        ]

    async def handle(self, request: web.Request) -> web.Response:
        """Record the request, maybe answer 429, check auth, and route it."""
        fake = self.fake
        path = request.match_info["tail"]
        payload = await read_payload(request)
        record = RecordedRequest(request.method, path, payload, dict(request.query))
        fake.outgoing.append(record)
        response = await self._route(request, path, payload)
        record.status = response.status
        await fake._notify()
        return response

    async def _route(self, request: web.Request, path: str, payload: Any) -> web.Response:
        """Pick the response for one request."""
        fake = self.fake
        if fake._take_429():
            return rate_limited(request.method, path, fake.retry_after)
        refusal = fake._take_refusal(request.method, path)
        if refusal is not None:
            return error(*refusal)
        is_webhook = path.startswith(("interactions/", "webhooks/"))
        if not is_webhook and request.headers.get("Authorization") != f"Bot {fake.token}":
            fake.failures.append(f"401 for {request.method} /{path}: bad or missing token")
            return error(401, 0, "401: Unauthorized")
        for method, pattern, handler in self.routes:
            match = pattern.match(path)
            if match and method == request.method:
                return await handler(request, payload, *match.groups())
        route = f"{request.method} /{path}"
        fake.unexpected_routes.append(route)
        fake.failures.append(f"unexpected route {route}")
        return error(404, 0, "404: Not Found")

    # ------------------------------------------------------------- checks
    def check(self, payload: Json | None, where: str) -> web.Response | None:
        """Record limit/allowed_mentions violations; return the 400 to send, if any."""
        problems = check_message_payload(payload or {}, where, strict_mentions=self.fake.strict_mentions)
        if not problems:
            return None
        self.fake.violations.extend(problems)
        return error(400, 50035, "Invalid Form Body", {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": p} for p in problems]})

    def store(self, message: Json) -> Json:
        """Remember a message the bot created (for later edits, references and waiters)."""
        self.fake.messages[message["id"]] = message
        self.fake.bot_messages.append(message)
        return message

    # ------------------------------------------------------------- start-up
    async def get_me(self, request: web.Request, payload: Any) -> web.Response:
        """The bot user (login)."""
        return json_response(self.fake.bot_user)

    async def get_gateway(self, request: web.Request, payload: Any) -> web.Response:
        """Gateway discovery pointing at the fake."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit})

    async def get_application(self, request: web.Request, payload: Any) -> web.Response:
        """Application info."""
        fake = self.fake
        return json_response({
            "id": fake.application_id, "name": "articlebot", "icon": None, "description": "fake",
            "bot_public": True, "bot_require_code_grant": False, "owner": fake.admin, "team": None,
            "verify_key": "0" * 64, "flags": 0, "summary": "", "rpc_origins": [], "bot": fake.bot_user,
        })

    def _scope(self, app_id: str, guild_id: str | None) -> str | None:
        """Storage key for a command scope (None when the application id is wrong)."""
        if app_id != self.fake.application_id:
            return None
        return f"guild:{guild_id}" if guild_id else "global"

    async def get_commands(self, request: web.Request, payload: Any, app_id: str, guild_id: str | None = None) -> web.Response:
        """The synced commands of a scope."""
        scope = self._scope(app_id, guild_id)
        if scope is None:
            return error(404, 10002, "Unknown Application")
        return json_response(self.fake.commands.get(scope, []))

    async def put_commands(self, request: web.Request, payload: Any, app_id: str, guild_id: str | None = None) -> web.Response:
        """Bulk overwrite; keeps ids of commands whose name survives, counts the PUT."""
        scope = self._scope(app_id, guild_id)
        if scope is None:
            return error(404, 10002, "Unknown Application")
        fake = self.fake
        fake.command_puts += 1
        old = {c["name"]: c for c in fake.commands.get(scope, [])}
        stored = []
        for cmd in payload or []:
            cid = old[cmd["name"]]["id"] if cmd["name"] in old else fake.snowflakes.next()
            full = {"type": 1, "description": "", "options": [], "default_member_permissions": None,
                    "dm_permission": True, "nsfw": False, **cmd,
                    "id": cid, "application_id": fake.application_id, "version": fake.snowflakes.next()}
            if guild_id:
                full["guild_id"] = guild_id
            stored.append(full)
        fake.commands[scope] = stored
        return json_response(stored)

    # ------------------------------------------------------------- channels
    async def open_dm(self, request: web.Request, payload: Any) -> web.Response:
        """Open (or reuse) the DM channel with a known user."""
        user = self.fake.users.get(str((payload or {}).get("recipient_id")))
        if user is None:
            return error(400, 50033, "Invalid Recipient(s)")
        return json_response(self.fake.dm_channel_for(user))

    def channel(self, channel_id: str) -> Json | None:
        """The guild text channel or a DM channel by id."""
        for guild in self.fake.guilds.values():
            for channel in guild.channels:
                if channel["id"] == channel_id:
                    return channel
        if channel_id in self.fake.threads:
            return self.fake.threads[channel_id]
        return next((c for c in self.fake.dm_channels.values() if c["id"] == channel_id), None)

    async def get_channel(self, request: web.Request, payload: Any, channel_id: str) -> web.Response:
        """A channel object."""
        channel = self.channel(channel_id)
        return json_response(channel) if channel else error(404, 10003, "Unknown Channel")

    async def create_message(self, request: web.Request, payload: Any, channel_id: str) -> web.Response:
        """Create a bot message (limits checked; ``message_reference`` turns it into a reply)."""
        channel = self.channel(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        refused = self.check(payload, f"POST /channels/{channel_id}/messages")
        if refused:
            return refused
        fake = self.fake
        guild_id = channel.get("guild_id")
        extra: Json = {}
        ref = (payload or {}).get("message_reference")
        if ref:
            ref_id = str(ref.get("message_id"))
            extra = {"type": 19, "message_reference": {"message_id": ref_id, "channel_id": channel_id,
                                                        "guild_id": guild_id, "type": 0}}
            if ref_id in fake.messages:
                extra["referenced_message"] = fake.messages[ref_id]
        member = fake.guild_member(fake.bot_user, guild=fake.guild_by_id(guild_id)) if guild_id else None
        message = fx.make_message(fake.snowflakes.next(), channel_id, fake.bot_user, payload or {},
                                  guild_id=guild_id, member=member, extra=extra)
        return json_response(self.store(message))

    async def get_message(self, request: web.Request, payload: Any, channel_id: str, message_id: str) -> web.Response:
        """A stored message."""
        message = self.fake.messages.get(message_id)
        return json_response(message) if message else error(404, 10008, "Unknown Message")

    async def edit_message(self, request: web.Request, payload: Any, channel_id: str, message_id: str) -> web.Response:
        """Edit a bot message (limits checked)."""
        message = self.fake.messages.get(message_id)
        if message is None or message["author"]["id"] != self.fake.bot_user["id"]:
            self.fake.failures.append(f"edit of unknown or foreign message {message_id}")
            return error(404, 10008, "Unknown Message")
        refused = self.check(payload, f"PATCH /channels/{channel_id}/messages/{message_id}")
        if refused:
            return refused
        fx.apply_edit(message, payload or {})
        self.fake.message_edits.append(dict(message))
        return json_response(message)

    async def delete_message(self, request: web.Request, payload: Any, channel_id: str, message_id: str) -> web.Response:
        """Delete a message."""
        if self.fake.messages.pop(message_id, None) is None:
            return error(404, 10008, "Unknown Message")
        return no_content()

    async def typing(self, request: web.Request, payload: Any, *args: str) -> web.Response:
        """Typing indicators and reactions: accepted, nothing to store."""
        return no_content()


def rate_limited(method: str, path: str, retry_after: float) -> web.Response:
    """A 429 shaped like Discord's, including the ``Via`` header discord.py requires to retry."""
    bucket = hashlib.md5(f"{method} {path}".encode()).hexdigest()[:16]
    headers = {
        "Via": "1.1 google",
        "Retry-After": str(max(1, round(retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": bucket,
        "X-RateLimit-Scope": "user",
    }
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False, "code": 0}
    return json_response(body, 429, headers)
