"""Typos in the words that frame a question ("wat did X sey abut Y"), issue 12: the respeller
only offers indexed words, and "what"/"about" are stopwords (never indexed), "sey" too short."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import asked

REFEREE = ("Manager criticises referee\n\n"
           "\"The referee was a disgrace and the result was decided in his dressing room,\" said Jose Mourinho, "
           "the Chelsea manager, after the defeat.\n")
FERRY = ("Ferry service resumes\n\n"
         "The island ferry resumed its crossings on Monday after the storm damaged the harbour wall.\n")
LAUNCH = ("Rocket test delayed\n\n"
          "Engineers rehearsed the abort procedure twice before the rocket test on Friday.\n")
HATS = ("Hat makers busy before the races\n\n"
        "Milliners say the hat is back: a straw hat with a wide brim sold out in a week.\n")


async def test_misspelt_question_words_are_read_as_meant(tmp_path: Path) -> None:
    answer, capital = await asked(tmp_path, {"referee.txt": REFEREE, "ferry.txt": FERRY, "hats.txt": HATS},
                                  "wat did jose mourinho sey abut the referee", "Wen did the ferry resume its crossings?")
    assert answer.corrected == "what did jose mourinho say about the referee"
    assert answer.answered
    assert answer.quotes[0].citation.title == "Manager criticises referee"
    assert answer.quotes[0].speaker == "Jose Mourinho"
    assert capital.corrected == "When did the ferry resume its crossings?"


async def test_words_near_a_question_word_are_kept_when_english_or_the_archive_uses_them(tmp_path: Path) -> None:
    """"hat" is one edit from "what" and "that", but common in English; "Wat" written as a name
    is a name; "abort" (rarer in English than "about" by far) is in the archive beside "rocket"."""
    hat, name, abort = await asked(
        tmp_path, {"referee.txt": REFEREE, "ferry.txt": FERRY, "hats.txt": HATS, "launch.txt": LAUNCH},
        "Which hat sold out?", "Did the referee meet Wat Tyler?", "When did engineers rehearse the rocket abort procedure?")
    assert hat.corrected == ""
    assert hat.answered and hat.quotes[0].citation.title == "Hat makers busy before the races"
    assert "Wat" in (name.corrected or name.question)
    assert abort.corrected == ""
    assert abort.answered and abort.quotes[0].citation.title == "Rocket test delayed"


async def test_a_word_written_as_an_option_is_not_respelled(tmp_path: Path) -> None:
    """"--json" typed in a message was read as "--jason" (one edit from a name in the archive);
    a word written as an option is no typo, while a hyphenated name's parts still are words."""
    option, typo = await asked(tmp_path, {"referee.txt": REFEREE, "jason.txt": "Jason signs\n\nJason Robinson signed "
                                                                               "for the club on Monday.\n"},
                               "when did Jason Robinson sign --json", "when did Jason Robinsonn sign --json")
    assert option.corrected == ""
    assert typo.corrected == "when did Jason Robinson sign --json"
