"""FakeDiscord: a loopback Discord (REST under /api/v10 + gateway websocket) for a real discord.py client."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from typing import Any

from aiohttp import web

from . import fixtures as fx
from .actions import ActionsMixin
from .gateway import OP_RECONNECT, handle_gateway
from .guilds import FakeGuild, GuildsMixin
from .interactions import InteractionResult
from .rest import RecordedRequest, RestRouter
from .threads import CREATE_PUBLIC_THREADS, SEND_MESSAGES_IN_THREADS, ThreadActionsMixin

Json = dict[str, Any]
LISTEN_BACKLOG = 1024
"""Connections the fake's socket queues before accepting them (above the largest burst)."""


class FakeDiscord(ActionsMixin, ThreadActionsMixin, GuildsMixin):
    """Loopback fake of Discord's REST API and gateway; use as ``async with FakeDiscord() as fake``."""

    def __init__(
        self,
        token: str = "test-token",
        *,
        interaction_deadline: float = 3.0,
        ready_delay: float = 2.5,
        strict_mentions: bool = True,
        retry_after: float = 0.05,
        seed: int = 0,
    ) -> None:
        """Build the fixtures; nothing listens until :meth:`start`."""
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.ready_delay = ready_delay
        self.strict_mentions = strict_mentions
        self.retry_after = retry_after
        self._random = random.Random(seed)
        self.snowflakes = fx.Snowflakes()
        self._build_fixtures()
        self.outgoing: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.failures: list[str] = []
        self.unexpected_routes: list[str] = []
        self.gateway_ops: list[Json] = []
        self.ws_connections: list[str] = []
        self.commands: dict[str, list[Json]] = {}
        self.command_puts = 0
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.intents: int | None = None
        self.session_id: str | None = None
        self.interactions: dict[str, InteractionResult] = {}
        self.messages: dict[str, Json] = {}
        self.bot_messages: list[Json] = []
        self.message_edits: list[Json] = []
        self.dm_channels: dict[str, Json] = {}
        self.threads: dict[str, Json] = {}
        self.identified = asyncio.Event()
        self.client_ready = asyncio.Event()
        self._seq = 0
        self._ws: web.WebSocketResponse | None = None
        self.shard_ws: dict[int, web.WebSocketResponse] = {}  # by shard id, when clients shard
        self.shard_count = 1
        self._cond = asyncio.Condition()
        self._429_next = 0
        self._429_fraction = 0.0
        self._refusals: list[tuple[str, str, int, int, str]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    def _build_fixtures(self) -> None:
        """Create the bot, a plain member, an admin, one guild with a text channel and roles."""
        new = self.snowflakes.next
        self.application_id = new()
        self.guild_id = new()
        self.channel_id = new()
        self.admin_role_id = new()
        self.bot_role_id = new()
        self.bot_user = fx.make_user(self.application_id, "articlebot", bot=True)
        self.member = fx.make_user(new(), "reader")
        self.admin = fx.make_user(new(), "moderator")
        self.users: dict[str, Json] = {u["id"]: u for u in (self.bot_user, self.member, self.admin)}
        self.roles = [
            fx.make_role(self.guild_id, "@everyone", fx.EVERYONE_PERMISSIONS, 0),
            fx.make_role(self.admin_role_id, "Admin", fx.MANAGE_GUILD, 1),
            fx.make_role(self.bot_role_id, "articlebot",
                         fx.EVERYONE_PERMISSIONS | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS, 2),
        ]
        self.member_roles = {self.bot_user["id"]: [self.bot_role_id], self.member["id"]: [], self.admin["id"]: [self.admin_role_id]}
        self.channel = fx.make_text_channel(self.channel_id, self.guild_id, "general")
        members = [fx.make_member(self.users[uid], roles) for uid, roles in self.member_roles.items()]
        self.guild = fx.make_guild(self.guild_id, self.snowflakes.next(), self.roles, [self.channel], members)
        self.guilds = {self.guild_id: FakeGuild(self.guild_id, [self.channel], self.roles, self.member_roles,
                                                self.admin_role_id, self.guild)}

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> FakeDiscord:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application()
        router = RestRouter(self)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", router.handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        # Discord's edge accepts every connection a burst opens (discord.py opens one per request
        # in flight); aiohttp's default backlog of 128 made a 300-interaction burst drop SYNs,
        # each retried by the kernel 1 s later and counted against the bot's 3 s.
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=LISTEN_BACKLOG)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        """aiohttp handler for both gateway paths."""
        return await handle_gateway(self, request)

    async def stop(self) -> None:
        """Close the websocket and stop the server."""
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        """Start the fake."""
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        """Stop the fake."""
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base_url(self) -> str:
        """What ``discord.http.Route.BASE`` must be set to."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway websocket URL (also returned by ``GET /gateway/bot``)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        """READY's ``resume_gateway_url`` (a distinct path so tests can see the client used it)."""
        return f"ws://127.0.0.1:{self.port}/resume"

    # ----------------------------------------------------------------- waiting
    async def _notify(self) -> None:
        """Wake every waiter so it re-checks its predicate."""
        async with self._cond:
            self._cond.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str = "condition") -> Any:
        """Wait until ``predicate()`` is truthy and return its value; TimeoutError names ``what``."""
        async with self._cond:
            try:
                await asyncio.wait_for(self._cond.wait_for(predicate), timeout)
            except TimeoutError:
                recent = (self.failures + self.violations)[-5:]
                raise TimeoutError(f"fake discord: timed out after {timeout}s waiting for {what}; "
                                   f"recent failures/violations: {recent}") from None
        return predicate()

    async def wait_ready(self, timeout: float = 15) -> None:
        """Wait for IDENTIFY + GUILD_CREATE, then for ``on_ready`` (signalled or ``ready_delay`` later)."""
        await asyncio.wait_for(self.identified.wait(), timeout)
        try:
            await asyncio.wait_for(self.client_ready.wait(), self.ready_delay)
        except TimeoutError:
            pass

    def mark_client_ready(self) -> None:
        """Signal that the client fired ``on_ready`` (the client runner calls this)."""
        self.client_ready.set()

    # ----------------------------------------------------------------- gateway
    async def _send_event(self, ws: web.WebSocketResponse, event: str, data: Json) -> None:
        """Send one DISPATCH on ``ws`` with the next sequence number."""
        self._seq += 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def dispatch(self, event: str, data: Json, timeout: float = 10, *, shard: int | None = None) -> None:
        """Send a gateway event to the connected client (waits for a connection, e.g. mid-resume);
        to shard ``shard``'s connection when given."""
        def open_ws() -> web.WebSocketResponse | None:
            ws = self._ws if shard is None else self.shard_ws.get(shard)
            return ws if ws is not None and not ws.closed else None

        ws = await self.wait_for(open_ws, timeout, "a gateway connection" + (f" of shard {shard}" if shard else ""))
        await self._send_event(ws, event, data)

    async def reconnect(self, timeout: float = 10) -> None:
        """Send op 7 RECONNECT and wait until the client has RESUMEd (see :attr:`resumes`)."""
        before = self.resumes
        ws = await self.wait_for(lambda: self._ws, timeout, "a gateway connection")
        await ws.send_str(json.dumps({"op": OP_RECONNECT, "d": None}))
        await self.wait_for(lambda: self.resumes > before, timeout, "RESUME after RECONNECT")

    async def drop_connection(self, code: int = 4000, timeout: float = 10) -> None:
        """Close the websocket abruptly (resumable close code) and wait for the client to RESUME."""
        before = self.resumes
        ws = await self.wait_for(lambda: self._ws, timeout, "a gateway connection")
        await ws.close(code=code, message=b"fake drop")
        await self.wait_for(lambda: self.resumes > before, timeout, "RESUME after a dropped connection")

    # ----------------------------------------------------------------- faults
    def inject_429(self, n: int = 1, *, fraction: float | None = None) -> None:
        """Answer the next ``n`` REST calls (and, with ``fraction``, that share of later ones) with 429."""
        self._429_next += n
        if fraction is not None:
            self._429_fraction = fraction

    def _take_429(self) -> bool:
        """Decide whether the current REST call gets a 429."""
        if self._429_next > 0:
            self._429_next -= 1
            return True
        return self._429_fraction > 0 and self._random.random() < self._429_fraction

    def refuse_next(self, method: str, path: str, status: int = 403, code: int = 50001,
                    message: str = "Missing Access") -> None:
        """Answer the next ``method path`` call (path relative to /api/v10) with this Discord error."""
        self._refusals.append((method, path, status, code, message))

    def _take_refusal(self, method: str, path: str) -> tuple[int, int, str] | None:
        """The error planned for this call, if any (used once)."""
        for planned in self._refusals:
            if planned[:2] == (method, path):
                self._refusals.remove(planned)
                return planned[2:]
        return None

    @property
    def rate_limited(self) -> int:
        """How many REST calls were answered with 429."""
        return sum(1 for r in self.outgoing if r.status == 429)

    def requests(self, method: str | None = None, prefix: str = "") -> list[RecordedRequest]:
        """Recorded requests filtered by method and path prefix (relative to /api/v10)."""
        return [r for r in self.outgoing if (method is None or r.method == method) and r.path.startswith(prefix)]
