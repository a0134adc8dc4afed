"""The bold sentence when the answer refers back ("It was set up in 1872"), issue 12: a
sentence opening with a pronoun or "the …" gets the question's words the sentence before
holds (``index.answering.answer_sentence``'s ``carried``), asked of the real engine."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import asked

TRUST = ("Harbour trust marks anniversary\n\n"
         "The Kelsey Harbour Trust looks after the docks, the lighthouse and two marinas on the Wend "
         "estuary, and employs 140 people. It was set up in 1872 by local merchants to keep the channel "
         "dredged. Today its board meets in the old customs house.\n")
FERRY = ("Ferry service resumes\n\n"
         "The island ferry resumed its crossings on Monday after the storm damaged the harbour wall.\n")


async def test_the_sentence_saying_it_is_bold_when_it_holds_the_answer(tmp_path: Path) -> None:
    """"When was the trust set up?": the sentence naming the trust holds no date; the next one,
    about "it", does. The restating sentence stays bold when it holds the answer itself."""
    founded, staff = await asked(tmp_path, {"trust.txt": TRUST, "ferry.txt": FERRY},
                                 "When was the Kelsey Harbour Trust set up?",
                                 "How many people does the Kelsey Harbour Trust employ?")
    assert founded.answered and founded.quotes[0].citation.title == "Harbour trust marks anniversary"
    assert founded.quotes[0].highlight == "It was set up in 1872 by local merchants to keep the channel dredged."
    assert staff.quotes[0].highlight.startswith("The Kelsey Harbour Trust looks after")
    assert "140 people" in staff.quotes[0].highlight
