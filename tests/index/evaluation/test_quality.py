"""Speaker attribution rules tuned by ``articlebot eval speakers`` (index/speakers.py)."""

from __future__ import annotations

from index.answering.speaker_questions import same_person
from index.ingest.speakers import FullNames, attribute, full_names, is_direct_quote, resolve
from index.models import Span


def test_scare_quotes_are_not_a_direct_quote() -> None:
    """One or two quoted words are not someone's quote."""
    assert not is_direct_quote('She said the plans were "inadequate" and "patchy".')


def test_three_quoted_words_are_a_direct_quote() -> None:
    """A quotation of three words or more is a direct quote."""
    assert is_direct_quote('She said: "We will win."')


def test_open_quote_mark_is_a_direct_quote() -> None:
    """A quote that runs on past the sentence still counts."""
    assert is_direct_quote('"We will win.')


def test_full_names_skip_role_words() -> None:
    """"Chancellor Gordon Brown" gives Brown's first name, not his title."""
    assert full_names(["Chancellor Gordon Brown spoke."]) == {"Brown": "Gordon Brown"}


def test_surnames_looked_up_one_at_a_time_are_the_full_names() -> None:
    """``FullNames`` gives each surname what ``full_names`` gives it: the first first name, past
    role words and texts without the surname, and nothing for a surname never written in full."""
    texts = ["Chancellor Brown spoke to Tony Blair.", "The Home Office said Ann Brown and Gordon Brown met.",
             "Mr Kennedy left. Microsoft said so, and so did Smith-Jones."]
    lazy, full = FullNames(texts), full_names(texts)
    asked = ["Brown", "Blair", "Kennedy", "Microsoft", "Office", "Smith", "Jones"]
    assert [lazy.get(n) for n in asked] == [full.get(n) for n in asked] == [
        "Ann Brown", "Tony Blair", None, None, None, None, None]
    assert dict(lazy) == full


def test_resolve_titled_surname() -> None:
    """"Mr Brown" becomes the article's "Gordon Brown"; other names stay."""
    known = {"Brown": "Gordon Brown"}
    assert (resolve("Mr Brown", known), resolve("Ann Smith", known)) == ("Gordon Brown", "Ann Smith")


def test_attribute_credits_full_name() -> None:
    """A quote by "Mr Kennedy" is credited to the article's Charles Kennedy."""
    texts = ["Charles Kennedy spoke.", '"We will win the vote," Mr Kennedy said.']
    spans = [(Span(0, 22),), (Span(0, 41),)]
    assert attribute(texts, spans)[1][0].speaker == "Charles Kennedy"


def test_same_surname_other_first_name_is_not_same_person() -> None:
    """John Kennedy is not Charles Kennedy; Kennedy may be either."""
    assert not same_person("John Kennedy", "Charles Kennedy")
    assert same_person("Kennedy", "Charles Kennedy")


async def test_unanswered_question_reports_its_confidence(engine) -> None:  # noqa: ANN001
    """An unanswered question still carries the confidence it was judged on, below 0.45."""
    answer = await engine.ask("What is a good recipe for banana bread?")
    assert not answer.answered and 0.0 <= answer.confidence < 0.45


async def test_speaker_answer_has_full_confidence(engine) -> None:  # noqa: ANN001
    """A quote by the asked speaker makes the answer certain (confidence 1.0)."""
    answer = await engine.ask("What did Okafor say about Sundays?")
    assert answer.confidence == 1.0
