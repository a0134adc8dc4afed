"""End to end: /ask, DMs and mentions, run by the real bot against the fake Discord."""

from __future__ import annotations

from tests.bot.conftest import KIRBY, KIRBY_QUESTION, TITLE
from tests.fake_discord import FakeDiscord

KIRBY_DESCRIPTION = (
    "**“It’s not like we’re going to go out and investigate this,” White House National Security Council "
    "spokesman John Kirby told reporters when asked if the US thought Ukraine was behind the attacks in "
    "Moscow.** According to the Times, administration officials seem even less concerned behind closed doors."
    f"\n\n— {TITLE}, Dave DeCamp, ¶3"
)


async def test_ask_from_member_quotes_kirby_with_citation(bot, fake: FakeDiscord) -> None:
    """/ask from a guild member answers with Kirby's quote in bold and its citation."""
    result = await fake.slash_command("ask", {"question": KIRBY_QUESTION}, user=fake.member)
    assert result.final_message["embeds"][0]["description"] == KIRBY_DESCRIPTION
