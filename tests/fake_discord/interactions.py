"""Interaction bookkeeping (one :class:`InteractionResult` per dispatched interaction) and payload builders."""

from __future__ import annotations

import dataclasses
from typing import Any

Json = dict[str, Any]

#: Interaction types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
#: Callback types that carry the final answer at once.
FINAL_CALLBACKS = {4, 7, 8, 9}
#: Callback types that defer the answer to a follow-up or an edit.
DEFERRED_CALLBACKS = {5, 6}
#: Message flag set on the "thinking" message of a type-5 deferral.
LOADING_FLAG = 1 << 7
EPHEMERAL_FLAG = 1 << 6


@dataclasses.dataclass
class InteractionResult:
    """Everything the client did in answer to one interaction the fake dispatched."""

    id: str
    token: str
    type: int
    payload: Json
    dispatched_at: float
    callbacks: list[Json] = dataclasses.field(default_factory=list)
    followups: list[Json] = dataclasses.field(default_factory=list)
    edits: list[Json] = dataclasses.field(default_factory=list)
    deleted: list[str] = dataclasses.field(default_factory=list)
    messages: list[Json] = dataclasses.field(default_factory=list)
    rejected: list[str] = dataclasses.field(default_factory=list)
    choices: list[Json] | None = None
    modal: Json | None = None
    original: Json | None = None
    deferred: bool = False
    completed: bool = False
    acked_at: float | None = None  # event-loop time of the first accepted callback
    completed_at: float | None = None  # event-loop time the final content arrived

    @property
    def acked(self) -> bool:
        """True once a callback was accepted."""
        return bool(self.callbacks)

    @property
    def final_message(self) -> Json | None:
        """The latest message state (content, embeds, components) the interaction produced, if any."""
        return self.messages[-1] if self.messages else None

    @property
    def ephemeral(self) -> bool:
        """True when the final message carries the EPHEMERAL flag."""
        final = self.final_message
        return bool(final and int(final.get("flags") or 0) & EPHEMERAL_FLAG)

    @property
    def settled(self) -> bool:
        """True once the interaction got its final content or a callback was refused."""
        return self.completed or bool(self.rejected)


def infer_option_type(value: Any) -> int:
    """Application command option type for a plain Python value."""
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def build_options(
    schema: list[Json], path: list[str], values: dict[str, Any], focused: str | None = None
) -> list[Json]:
    """Interaction ``data.options`` for a (sub)command path and ``{name: value}`` values."""
    if path:
        sub = next((o for o in schema if o.get("name") == path[0]), {"type": 1 if len(path) == 1 else 2})
        kind = sub.get("type", 1)
        inner = build_options(sub.get("options") or [], path[1:], values, focused)
        return [{"name": path[0], "type": kind, "options": inner}]
    options: list[Json] = []
    for name, value in values.items():
        spec = next((o for o in schema if o.get("name") == name), None)
        kind = spec.get("type", infer_option_type(value)) if spec else infer_option_type(value)
        option: Json = {"name": name, "type": kind, "value": value}
        if focused == name:
            option["focused"] = True
            option["value"] = str(value)
        options.append(option)
    return options


def command_data(command: Json, path: list[str], values: dict[str, Any], focused: str | None = None) -> Json:
    """Interaction ``data`` for a synced command (and optional sub-command path)."""
    data: Json = {
        "id": command["id"],
        "name": command["name"],
        "type": command.get("type", 1),
        "options": build_options(command.get("options") or [], path, values, focused),
    }
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return data


def interaction_metadata(result: InteractionResult) -> Json:
    """The ``interaction_metadata`` a message created by this interaction carries."""
    payload = result.payload
    user = payload.get("user") or payload["member"]["user"]
    meta: Json = {
        "id": result.id,
        "type": result.type,
        "user": user,
        "authorizing_integration_owners": payload.get("authorizing_integration_owners", {}),
    }
    if result.type == APPLICATION_COMMAND:
        meta["name"] = payload["data"]["name"]
        meta["command_type"] = payload["data"].get("type", 1)
    if result.type == MESSAGE_COMPONENT and payload.get("message"):
        meta["interacted_message_id"] = payload["message"]["id"]
    return meta


def callback_response(result: InteractionResult, body: Json, message: Json | None) -> Json:
    """The JSON the callback endpoint returns with ``?with_response=1``."""
    data = body.get("data") or {}
    interaction: Json = {
        "id": result.id,
        "type": result.type,
        "response_message_loading": body.get("type") == 5,
        "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL_FLAG),
    }
    resource: Json = {"type": body.get("type")}
    if message is not None:
        interaction["response_message_id"] = message["id"]
        resource["message"] = message
    return {"interaction": interaction, "resource": resource}
