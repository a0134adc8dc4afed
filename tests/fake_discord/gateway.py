"""The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME -> RESUMED."""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

HEARTBEAT_INTERVAL_MS = 41250
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_RESUME, OP_RECONNECT = 0, 1, 2, 6, 7
OP_INVALID_SESSION, OP_HELLO, OP_HEARTBEAT_ACK = 9, 10, 11


async def handle_gateway(fake: FakeDiscord, request: web.Request) -> web.WebSocketResponse:
    """Serve one gateway websocket connection until it closes."""
    ws = web.WebSocketResponse(max_msg_size=0)
    await ws.prepare(request)
    fake.ws_connections.append(request.path)
    await ws.send_str(json.dumps({"op": OP_HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}))
    try:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            if not await _handle_op(fake, ws, payload):
                break
    finally:
        if fake._ws is ws:
            fake._ws = None
        for shard, open_ws in list(fake.shard_ws.items()):
            if open_ws is ws:
                del fake.shard_ws[shard]
        await fake._notify()
    return ws


async def _handle_op(fake: FakeDiscord, ws: web.WebSocketResponse, payload: dict[str, Any]) -> bool:
    """Handle one client opcode; return False when the connection must end."""
    op = payload.get("op")
    data = payload.get("d")
    if op == OP_HEARTBEAT:
        fake.heartbeats += 1
        await ws.send_str(json.dumps({"op": OP_HEARTBEAT_ACK}))
        return True
    if op == OP_IDENTIFY:
        return await _identify(fake, ws, data or {})
    if op == OP_RESUME:
        return await _resume(fake, ws, data or {})
    fake.gateway_ops.append(payload)
    return True


async def _identify(fake: FakeDiscord, ws: web.WebSocketResponse, data: dict[str, Any]) -> bool:
    """Check the token; send READY then GUILD_CREATE."""
    if data.get("token") != fake.token:
        fake.failures.append("gateway IDENTIFY with a wrong token (closed 4004)")
        await ws.close(code=4004, message=b"Authentication failed.")
        return False
    fake.identifies += 1
    fake.intents = data.get("intents")
    fake.session_id = secrets.token_hex(16)
    fake._seq = 0
    shard_id, count = data.get("shard") or [0, 1]
    fake.shard_count = count
    fake.shard_ws[shard_id] = ws
    if shard_id == 0:
        fake._ws = ws
    guilds = fake.guilds_of_shard(shard_id, count)
    ready = {
        "v": 10,
        "user": fake.bot_user,
        "session_id": fake.session_id,
        "resume_gateway_url": fake.resume_gateway_url,
        "application": {"id": fake.application_id, "flags": 0},
        "guilds": [{"id": guild.id, "unavailable": True} for guild in guilds],
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "shard": [shard_id, count],
    }
    await fake._send_event(ws, "READY", ready)
    for guild in guilds:
        await fake._send_event(ws, "GUILD_CREATE", guild.payload)
    fake.identified.set()
    await fake._notify()
    return True


async def _resume(fake: FakeDiscord, ws: web.WebSocketResponse, data: dict[str, Any]) -> bool:
    """Accept a RESUME with the right token and session; otherwise invalidate the session."""
    if data.get("token") != fake.token or data.get("session_id") != fake.session_id:
        fake.failures.append(f"gateway RESUME refused (session {data.get('session_id')!r})")
        await ws.send_str(json.dumps({"op": OP_INVALID_SESSION, "d": False}))
        return True
    fake._ws = ws
    fake.resumes += 1
    await fake._send_event(ws, "RESUMED", {})
    await fake._notify()
    return True
