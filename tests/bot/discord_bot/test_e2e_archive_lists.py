"""End to end: "which articles mention X?" lists them ten at a time, Next shows the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_discord import FakeDiscord


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Twelve short articles that each mention the lighthouse, for conftest's engine."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(1, 13):
        (folder / f"{number:02}.txt").write_text(
            f"Harbour notes {number:02}\n\nThe old lighthouse was repainted in week {number}.\n\n"
            f"Fishermen said the harbour wall needs repairs before winter.\n", encoding="utf-8")
    return folder


async def test_mentions_list_pages_with_next(bot, fake: FakeDiscord) -> None:
    """conftest's bot, on the twelve articles above."""
    reply = await fake.send_dm("Which articles mention the lighthouse?")
    assert reply["content"] == "12 articles mention “lighthouse”\\:"  # ":" escaped, shown as written
    first = reply["embeds"][0]
    assert first["description"].startswith("**1. Harbour notes 01**\nThe old lighthouse was repainted in week 1.")
    assert first["footer"]["text"] == "1–10 of 12"
    button = reply["components"][0]["components"][0]
    assert button["custom_id"].endswith(":10")
    await fake.click(reply, button["custom_id"])
    page = fake.messages[reply["id"]]
    assert page["embeds"][0]["description"].startswith("**11. Harbour notes 11**")
    assert page["embeds"][0]["footer"]["text"] == "11–12 of 12" and not page["components"]
