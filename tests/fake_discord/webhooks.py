"""Interaction callbacks and webhook follow-ups/edits, with Discord's 3 s and single-ack rules."""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import fixtures as fx
from .interactions import (
    APPLICATION_COMMAND,
    DEFERRED_CALLBACKS,
    EPHEMERAL_FLAG,
    LOADING_FLAG,
    InteractionResult,
    callback_response,
    interaction_metadata,
)
from .limits import check_callback_payload

if TYPE_CHECKING:
    from .rest import RestRouter

Json = dict[str, Any]


def _rest() -> Any:
    """The rest module (imported lazily: it imports this one)."""
    from . import rest

    return rest


def _now() -> float:
    """Event-loop clock."""
    return asyncio.get_running_loop().time()


def _by_token(router: RestRouter, token: str) -> InteractionResult | None:
    """The interaction a webhook token belongs to."""
    return next((r for r in router.fake.interactions.values() if r.token == token), None)


def _new_message(router: RestRouter, result: InteractionResult, payload: Json, *, slash_type: bool) -> Json:
    """A message created by an interaction response or follow-up."""
    fake = router.fake
    source = result.payload
    user = source.get("user") or source["member"]["user"]
    meta = interaction_metadata(result)
    extra: Json = {
        "webhook_id": fake.application_id,
        "application_id": fake.application_id,
        "interaction_metadata": meta,
        "interaction": {"id": result.id, "type": result.type, "name": meta.get("name", ""), "user": user},
        "type": 20 if slash_type and result.type == APPLICATION_COMMAND else 0,
    }
    guild_id = source.get("guild_id")
    member = fake.guild_member(fake.bot_user) if guild_id else None
    return fx.make_message(fake.snowflakes.next(), source["channel_id"], fake.bot_user, payload,
                           guild_id=guild_id, member=member, extra=extra)


def _kept_flags(message: Json, data: Json) -> int:
    """Flags after an edit or the follow-up that fills a thinking message: the loading state ends
    and the EPHEMERAL bit stays as it was (Discord never changes a message's visibility; the first
    follow-up after a type-5 defer takes the defer's, whatever it asks for)."""
    current = int(message.get("flags") or 0) & ~LOADING_FLAG
    if data.get("flags") is None:
        return current
    return (current & EPHEMERAL_FLAG) | (int(data["flags"]) & ~(EPHEMERAL_FLAG | LOADING_FLAG))


def _component_message(router: RestRouter, result: InteractionResult) -> Json | None:
    """The live message a component interaction was on."""
    clicked = result.payload.get("message")
    if clicked is None:
        return None
    return router.fake.messages.get(clicked["id"], clicked)


async def callback(router: RestRouter, request: web.Request, payload: Any, interaction_id: str, token: str) -> web.Response:
    """``POST /interactions/{id}/{token}/callback``: 3 s deadline, one ack, limits; returns the callback JSON."""
    rest = _rest()
    fake = router.fake
    result = fake.interactions.get(interaction_id)
    if result is None or result.token != token:
        fake.failures.append(f"callback for unknown interaction {interaction_id}")
        return rest.error(404, 10062, "Unknown interaction")
    late = _now() - result.dispatched_at
    if late > fake.interaction_deadline:
        reason = f"late callback for interaction {interaction_id}: {late:.2f}s after dispatch (10062)"
        fake.failures.append(reason)
        result.rejected.append(reason)
        return rest.error(404, 10062, "Unknown interaction")
    if result.acked:
        reason = f"second callback for interaction {interaction_id} (40060 already acknowledged)"
        fake.failures.append(reason)
        result.rejected.append(reason)
        return rest.error(400, 40060, "Interaction has already been acknowledged.")
    body = payload or {}
    problems = check_callback_payload(body, f"callback {interaction_id}", strict_mentions=fake.strict_mentions)
    if problems:
        fake.violations.extend(problems)
        result.rejected.extend(problems)
        return rest.error(400, 50035, "Invalid Form Body", {"_errors": [{"message": p} for p in problems]})
    return rest.json_response(_accept_callback(router, result, body))


def _accept_callback(router: RestRouter, result: InteractionResult, body: Json) -> Json:
    """Apply an accepted callback to the interaction's state; return the with_response JSON."""
    kind = body.get("type")
    data = body.get("data") or {}
    result.callbacks.append(body)
    result.acked_at = _now()
    message: Json | None = None
    if kind == 4:
        message = router.store(_new_message(router, result, data, slash_type=True))
        result.original = message
        result.messages.append(copy.deepcopy(message))
    elif kind == 5:
        result.deferred = True
        loading = dict(data, content="", flags=int(data.get("flags") or 0) | LOADING_FLAG)
        result.original = router.store(_new_message(router, result, loading, slash_type=True))
    elif kind == 6:
        result.deferred = True
        result.original = _component_message(router, result)
    elif kind == 7:
        target = _component_message(router, result)
        if target is not None:
            message = fx.apply_edit(target, data)
            result.original = message
            result.messages.append(copy.deepcopy(message))
    elif kind == 8:
        result.choices = list(data.get("choices") or [])
    elif kind == 9:
        result.modal = data
    if kind not in DEFERRED_CALLBACKS:
        _complete(result)
    return callback_response(result, body, message)


async def followup(router: RestRouter, request: web.Request, payload: Any, app_id: str, token: str) -> web.Response:
    """``POST /webhooks/{app}/{token}``: a follow-up; the first one after a type-5 defer fills the thinking
    message (with the defer's visibility), later ones are new messages with their own flags."""
    rest = _rest()
    fake = router.fake
    result = _by_token(router, token)
    if result is None or app_id != fake.application_id or not result.acked:
        fake.failures.append(f"follow-up for unknown or unacknowledged interaction token {token[:12]}...")
        return rest.error(404, 10015, "Unknown Webhook")
    refused = router.check(payload, f"POST /webhooks/{app_id}/<token>")
    if refused:
        result.rejected.append(f"follow-up refused (50035) for interaction {result.id}")
        return refused
    data = payload or {}
    result.followups.append(data)
    original = result.original
    if original is not None and int(original.get("flags") or 0) & LOADING_FLAG:
        message = fx.apply_edit(original, dict(data, flags=_kept_flags(original, data)))
        message["edited_timestamp"] = None
    else:
        message = router.store(_new_message(router, result, data, slash_type=False))
    result.messages.append(copy.deepcopy(message))
    _complete(result)
    return rest.json_response(message)


def _complete(result: InteractionResult) -> None:
    """Mark the interaction as holding its final content, remembering when it first did."""
    if not result.completed:
        result.completed_at = _now()
    result.completed = True


def _target(router: RestRouter, result: InteractionResult, message_id: str) -> Json | None:
    """``@original`` or a follow-up message id of this interaction."""
    if message_id == "@original":
        return result.original
    message = router.fake.messages.get(message_id)
    return message if message is not None and message.get("webhook_id") == router.fake.application_id else None


async def get_message(router: RestRouter, request: web.Request, payload: Any, app_id: str, token: str, message_id: str) -> web.Response:
    """``GET /webhooks/{app}/{token}/messages/{id|@original}``."""
    rest = _rest()
    result = _by_token(router, token)
    message = _target(router, result, message_id) if result else None
    if message is None:
        router.fake.failures.append(f"GET of unknown interaction message {message_id}")
        return rest.error(404, 10008, "Unknown Message")
    return rest.json_response(message)


async def edit(router: RestRouter, request: web.Request, payload: Any, app_id: str, token: str, message_id: str) -> web.Response:
    """``PATCH /webhooks/{app}/{token}/messages/{id|@original}``: edit (limits checked, visibility kept);
    completes a deferral."""
    rest = _rest()
    fake = router.fake
    result = _by_token(router, token)
    message = _target(router, result, message_id) if result else None
    if result is None or message is None:
        fake.failures.append(f"edit of unknown interaction message {message_id} (not acknowledged yet?)")
        return rest.error(404, 10008, "Unknown Message")
    refused = router.check(payload, f"PATCH /webhooks/{app_id}/<token>/messages/{message_id}")
    if refused:
        result.rejected.append(f"edit refused (50035) for interaction {result.id}")
        return refused
    data = dict(payload or {})
    data["flags"] = _kept_flags(message, data)
    fx.apply_edit(message, data)
    result.edits.append(payload or {})
    result.messages.append(copy.deepcopy(message))
    _complete(result)
    return rest.json_response(message)


async def delete(router: RestRouter, request: web.Request, payload: Any, app_id: str, token: str, message_id: str) -> web.Response:
    """``DELETE /webhooks/{app}/{token}/messages/{id|@original}``: gone for good (``@original`` included:
    later follow-ups are new messages)."""
    rest = _rest()
    fake = router.fake
    result = _by_token(router, token)
    message = _target(router, result, message_id) if result else None
    if result is None or message is None:
        fake.failures.append(f"delete of unknown interaction message {message_id}")
        return rest.error(404, 10008, "Unknown Message")
    fake.messages.pop(message["id"], None)
    if result.original is not None and result.original["id"] == message["id"]:
        result.original = None
    result.deleted.append(message["id"])
    return rest.no_content()
