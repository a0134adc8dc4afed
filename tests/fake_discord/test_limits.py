"""Unit tests of the fake's payload limit checks."""

from __future__ import annotations

from tests.fake_discord.limits import check_callback_payload, check_components, check_embeds, check_message_payload


def test_embed_total_over_6000_is_reported() -> None:
    """Embeds totalling more than 6000 characters are reported."""
    embeds = [{"description": "d" * 4000}, {"description": "d" * 2001}]
    assert any("total 6001" in p for p in check_embeds(embeds, "x"))


def test_six_action_rows_are_reported() -> None:
    """More than 5 action rows are reported."""
    rows = [{"type": 1, "components": []}] * 6
    assert check_components(rows, "x") == ["x: 6 action rows (max 5)"]


def test_parsing_everyone_is_reported() -> None:
    """allowed_mentions parsing everyone is reported even in lenient mode."""
    payload = {"content": "hi", "allowed_mentions": {"parse": ["everyone"]}}
    assert check_message_payload(payload, "x", strict_mentions=False) == ["x: allowed_mentions parses everyone"]


def test_compliant_payload_has_no_problems() -> None:
    """A payload within every limit, with parse [], has no problems."""
    payload = {"content": "hi", "embeds": [{"title": "t", "fields": [{"name": "n", "value": "v"}]}],
               "allowed_mentions": {"parse": []}}
    assert check_message_payload(payload, "x") == []


def test_strict_mode_rejects_parse_users() -> None:
    """In strict mode (the default) allowed_mentions.parse must be empty."""
    payload = {"content": "hi", "allowed_mentions": {"parse": ["users"]}}
    assert check_message_payload(payload, "x") == ["x: allowed_mentions.parse is ['users'], expected []"]


def test_button_label_over_80_is_reported() -> None:
    """A button label longer than 80 characters is reported."""
    rows = [{"type": 1, "components": [{"type": 2, "style": 1, "label": "l" * 81, "custom_id": "c"}]}]
    assert check_components(rows, "x") == ["x row[0] item[0]: button label is 81 chars (max 80)"]


def test_too_many_autocomplete_choices_are_reported() -> None:
    """More than 25 autocomplete choices are reported."""
    body = {"type": 8, "data": {"choices": [{"name": str(i), "value": str(i)} for i in range(26)]}}
    assert check_callback_payload(body, "x") == ["x: 26 choices (max 25)"]
