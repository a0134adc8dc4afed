"""index.engine and speakers: who is quoted is preferred over who is mentioned, misspelt names,
pronouns, and the speaker's own words highlighted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.engine import Engine
from tests.conftest import both_backends, make_config

pytestmark = both_backends  # the same tests on SQLite and on PostgreSQL


async def test_speaker_preferred_over_mention(engine: Engine) -> None:
    """Asked what Okafor said, the quote is one Okafor speaks, not one that names him."""
    answer = await engine.ask("What did Okafor say about money?")
    assert answer.quotes[0].speaker is not None
    assert "We cannot spend money" in answer.quotes[0].highlight


async def test_person_mentioned_but_never_quoted_is_said_so(engine: Engine) -> None:
    """Putin is named in the seed but never quoted: the answer says so before the passages."""
    answer = await engine.ask("What did Putin say?")
    assert answer.answered and "Putin" in answer.quotes[0].text
    assert answer.note == "I found no quote by Putin in the articles; these are the closest passages."
    assert answer.to_json()["note"] == answer.note
    quoted = await engine.ask("What did Kirby say?")
    assert quoted.note == "" and "note" not in quoted.to_json()
    about = await engine.ask("What did Putin say about drones?")
    assert about.note == "I found no quote by Putin about drones in the articles; these are the closest passages."


async def test_a_long_question_is_clipped_in_the_note_not_echoed_whole(engine: Engine) -> None:
    """A ~900-character "what did Putin say about …" names its topic in ~80 characters."""
    question = "What did Putin say about drones" + " and the war and the talks" * 35 + "?"
    answer = await engine.ask(question)
    assert answer.note.startswith("I found no quote by Putin about drones and the war and the talks")
    assert answer.note.endswith(" … in the articles; these are the closest passages.")
    assert len(answer.note) < 200 < len(question)


async def test_misspelt_speaker_is_found_when_nobody_has_the_name_as_written(engine: Engine) -> None:
    """"Okafore" is one letter off "Okafor": his quote, not a note that nobody quotes him."""
    answer = await engine.ask("What did Okafore say about money?")
    assert answer.note == ""
    assert answer.quotes[0].speaker == "Ben Okafor"
    assert "We cannot spend money" in answer.quotes[0].highlight


async def test_highlight_is_the_speakers_sentence_about_the_topic(engine: Engine) -> None:
    """Asked what Okafor said about potholes, the bold sentence is his quote on potholes."""
    answer = await engine.ask("What did Okafor say about potholes?")
    assert answer.quotes[0].highlight == "\"The library matters, but so does the pothole on every street.\""


async def test_pronoun_resolves_to_last_named_speaker(engine: Engine) -> None:
    """'he added' after a quote by Okafor counts as Okafor speaking."""
    answer = await engine.ask("What did Okafor say about Sundays?")
    assert "We will open on Sundays" in answer.quotes[0].highlight
    assert answer.quotes[0].speaker == "Ben Okafor"  # credited under the full name the article gives


async def test_quoted_speaker_is_someone_quoted_directly(engine: Engine, tmp_path: Path,
                                                         new_database: Callable[[], str]) -> None:
    """An example speaker for /help comes from the index; an empty index has none."""
    assert await engine.quoted_speaker() in {"John Kirby", "Mayor Ana Torres", "Ben Okafor"}
    async with await Engine.open(make_config(tmp_path / "empty", tmp_path / "nothing", database=new_database())) as empty:
        assert await empty.quoted_speaker() is None


HARBOUR_DUES = """Harbour dues to rise in spring

Mayor Ana Torres believes the harbour dues will have to rise again next spring. "The harbour \
dues are a burden on every fisherman in this town, and I know it," she said.
"""


async def test_speakers_own_words_are_highlighted_rather_than_narration(tmp_path: Path, library: Path,
                                                                      database: str) -> None:
    """Asked what Torres said about the dues, the bold sentence is her quote, not "Torres believes…"."""
    (library / "harbour_dues.txt").write_text(HARBOUR_DUES, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, library, database=database)) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Torres say about harbour dues?")
    assert answer.quotes[0].highlight.startswith('"The harbour dues are a burden')
    assert answer.quotes[0].speaker == "Mayor Ana Torres"


LICENCE_FEE = """Licence fee to stay, says Jowell

The BBC licence fee will stay for another ten years. "The licence fee remains the best way to pay \
for the BBC," said Culture Secretary Tessa Jowell on Tuesday.
"""


async def test_a_role_asked_before_the_name_finds_the_persons_quotes(tmp_path: Path, library: Path,
                                                                     database: str) -> None:
    """Ingest credits "said Culture Secretary Tessa Jowell" to Tessa Jowell; asked with the role in
    front of her name, the question still finds her quote rather than "I found no quote by …"."""
    (library / "licence_fee.txt").write_text(LICENCE_FEE, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, library, database=database)) as engine:
        await engine.reindex()
        answer = await engine.ask("What did Culture Secretary Tessa Jowell say?")
    assert not answer.note
    assert answer.quotes[0].speaker == "Tessa Jowell"
    assert answer.quotes[0].highlight.startswith('"The licence fee remains')
