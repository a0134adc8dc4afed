"""Checks outgoing payloads against Discord's documented limits and the allowed_mentions policy."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_TEXT_MAX = 2048
AUTHOR_NAME_MAX = 256
EMBED_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
ROW_ITEMS_MAX = 5
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
SELECT_OPTIONS_MAX = 25
SELECT_TEXT_MAX = 100
PLACEHOLDER_MAX = 150
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
MODAL_TITLE_MAX = 45


def _len(value: Any) -> int:
    """Length of a string-ish value (None counts as 0)."""
    return len(str(value)) if value is not None else 0


def _check_max(problems: list[str], where: str, what: str, value: Any, limit: int) -> None:
    """Append a problem when ``value`` is longer than ``limit``."""
    if _len(value) > limit:
        problems.append(f"{where}: {what} is {_len(value)} chars (max {limit})")


def check_embeds(embeds: list[Json], where: str) -> list[str]:
    """Problems with a list of embeds (per-field limits and the 6000-char total)."""
    problems: list[str] = []
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"{where}: {len(embeds)} embeds (max {EMBEDS_MAX})")
    total = 0
    for i, embed in enumerate(embeds):
        at = f"{where} embed[{i}]"
        _check_max(problems, at, "title", embed.get("title"), EMBED_TITLE_MAX)
        _check_max(problems, at, "description", embed.get("description"), EMBED_DESCRIPTION_MAX)
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS_MAX:
            problems.append(f"{at}: {len(fields)} fields (max {EMBED_FIELDS_MAX})")
        footer = (embed.get("footer") or {}).get("text")
        author = (embed.get("author") or {}).get("name")
        _check_max(problems, at, "footer text", footer, FOOTER_TEXT_MAX)
        _check_max(problems, at, "author name", author, AUTHOR_NAME_MAX)
        total += _len(embed.get("title")) + _len(embed.get("description")) + _len(footer) + _len(author)
        for j, field in enumerate(fields):
            _check_max(problems, f"{at} field[{j}]", "name", field.get("name"), FIELD_NAME_MAX)
            _check_max(problems, f"{at} field[{j}]", "value", field.get("value"), FIELD_VALUE_MAX)
            total += _len(field.get("name")) + _len(field.get("value"))
    if total > EMBED_TOTAL_MAX:
        problems.append(f"{where}: embeds total {total} chars (max {EMBED_TOTAL_MAX})")
    return problems


def _check_component(problems: list[str], at: str, comp: Json) -> None:
    """Problems with one button / select inside an action row."""
    _check_max(problems, at, "custom_id", comp.get("custom_id"), CUSTOM_ID_MAX)
    if comp.get("type") == 2:
        _check_max(problems, at, "button label", comp.get("label"), BUTTON_LABEL_MAX)
        return
    _check_max(problems, at, "placeholder", comp.get("placeholder"), PLACEHOLDER_MAX)
    options = comp.get("options") or []
    if len(options) > SELECT_OPTIONS_MAX:
        problems.append(f"{at}: {len(options)} select options (max {SELECT_OPTIONS_MAX})")
    for k, opt in enumerate(options):
        for key in ("label", "value", "description"):
            _check_max(problems, f"{at} option[{k}]", key, opt.get(key), SELECT_TEXT_MAX)


def check_components(components: list[Json], where: str) -> list[str]:
    """Problems with action rows: row count, items per row, labels and custom_ids."""
    problems: list[str] = []
    if len(components) > ACTION_ROWS_MAX:
        problems.append(f"{where}: {len(components)} action rows (max {ACTION_ROWS_MAX})")
    for i, row in enumerate(components):
        at = f"{where} row[{i}]"
        children = row.get("components") or []
        if row.get("type") == 1 and len(children) > ROW_ITEMS_MAX:
            problems.append(f"{at}: {len(children)} components in a row (max {ROW_ITEMS_MAX})")
        if row.get("type") != 1:
            _check_component(problems, at, row)
        for j, comp in enumerate(children):
            _check_component(problems, f"{at} item[{j}]", comp)
    return problems


def check_allowed_mentions(payload: Json, where: str, *, strict: bool) -> list[str]:
    """``allowed_mentions`` must be present, never parse ``everyone``, and (strict) parse nothing."""
    mentions = payload.get("allowed_mentions")
    if mentions is None:
        return [f"{where}: allowed_mentions missing"]
    parse = mentions.get("parse")
    if parse is None:
        return [f"{where}: allowed_mentions.parse missing (defaults to parsing everything)"]
    if "everyone" in parse:
        return [f"{where}: allowed_mentions parses everyone"]
    if strict and parse:
        return [f"{where}: allowed_mentions.parse is {parse!r}, expected []"]
    return []


def check_message_payload(payload: Json, where: str, *, strict_mentions: bool = True) -> list[str]:
    """Problems with a message create/edit payload (content, embeds, components, allowed_mentions)."""
    problems: list[str] = []
    _check_max(problems, where, "content", payload.get("content"), CONTENT_MAX)
    problems += check_embeds(payload.get("embeds") or [], where)
    problems += check_components(payload.get("components") or [], where)
    if payload.get("content") or payload.get("embeds"):
        problems += check_allowed_mentions(payload, where, strict=strict_mentions)
    return problems


def check_callback_payload(body: Json, where: str, *, strict_mentions: bool = True) -> list[str]:
    """Problems with an interaction callback body ``{"type": N, "data": {...}}``."""
    kind = body.get("type")
    data = body.get("data") or {}
    if kind in (4, 7):
        return check_message_payload(data, where, strict_mentions=strict_mentions)
    if kind == 8:
        choices = data.get("choices") or []
        problems = [f"{where}: {len(choices)} choices (max {CHOICES_MAX})"] if len(choices) > CHOICES_MAX else []
        for i, choice in enumerate(choices):
            _check_max(problems, f"{where} choice[{i}]", "name", choice.get("name"), CHOICE_NAME_MAX)
            _check_max(problems, f"{where} choice[{i}]", "value", choice.get("value"), CHOICE_VALUE_MAX)
        return problems
    if kind == 9:
        problems = []
        _check_max(problems, where, "modal title", data.get("title"), MODAL_TITLE_MAX)
        _check_max(problems, where, "modal custom_id", data.get("custom_id"), CUSTOM_ID_MAX)
        if len(data.get("components") or []) > ACTION_ROWS_MAX:
            problems.append(f"{where}: modal has more than {ACTION_ROWS_MAX} rows")
        return problems
    return []
