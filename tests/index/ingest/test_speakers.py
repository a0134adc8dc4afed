"""Tests for index.ingest.speakers: quote attribution and speaker questions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.answering.passage_features import analyse
from index.answering.speaker_questions import SpeakerQuery, same_person, speaker_question
from index.ingest.sentences import sentence_spans
from index.ingest.speakers import attribute, sentence_speakers


@pytest.mark.parametrize(("sentence", "names"), [
    ("“It’s over,” spokesman John Kirby told reporters.", ["John Kirby"]),
    ("\"We are pleased,\" said Mr Smith, the chief executive.", ["Mr Smith"]),
    ("But Tony Blair said: \"No.\"", ["Tony Blair"]),
    ("According to Jane Doe, the plan failed.", ["Jane Doe"]),
    ("But he said Mr Blair had lost the trust of voters.", []),
    ("Castaignede told BBC Sport: \"The pressure is big.\"", ["Castaignede"]),
    ("The weather was fine.", []),
])
def test_sentence_speakers(sentence: str, names: list[str]) -> None:
    """Names credited with speech are found before and after the verb."""
    assert sentence_speakers(sentence) == names


@pytest.mark.parametrize(("sentence", "names"), [
    ('"We will pay," said Yukos chief executive Steven Theede.', ["Steven Theede"]),
    ('"We will pay," said chief executive Steven Theede on Monday.', ["Steven Theede"]),
    ('"No comment," said BP spokesman Toby Odone.', ["Toby Odone"]),
    ('"Fine," said Sandvine\'s chief technology officer Marc Morin.', ["Marc Morin"]),
    ('"Fine," said the firm\'s chief executive, Jane Smith.', ["Jane Smith"]),
    ('"Fine," said two-time Academy Award winner Tom Hanks.', ["Tom Hanks"]),
    ("According to Labour chairman Ian McCartney, the plan failed.", ["Ian McCartney"]),
    ("Yukos's finance director, Jane Smith, said the firm would appeal.", ["Jane Smith"]),
    ('"It is over," said Prime Minister Tony Blair.', ["Tony Blair"]),
    ("Suffolk Chief Constable Alastair McWhirter told the BBC the law would be enforced.", ["Alastair McWhirter"]),
    ('"We are pleased," said Labour MP John Smith.', ["John Smith"]),
])
def test_a_role_between_verb_and_name_is_not_the_speaker(sentence: str, names: list[str]) -> None:
    """The person holding a role is credited, not the company, party or title written before them."""
    assert sentence_speakers(sentence) == names


@pytest.mark.parametrize(("sentence", "names"), [
    ('"Fine," added the two-time Academy Award winner.', []),  # a description, not a name, follows
    ('"Fine," said the Home Office.', []),
    ('"Fine," said on Monday Tony Blair.', []),  # "on Monday" is no role
    ('"Fine," said Chancellor Brown.', ["Chancellor Brown"]),  # no first name left without the title
    ('"Fine," said Home Office.', ["Home Office"]),
    ("In the end, Paris Hilton, said the firm.", []),  # names between commas only after a role
])
def test_what_is_not_a_role_and_name_is_left_as_it_was(sentence: str, names: list[str]) -> None:
    """Words that are no role, or a role without a first name and surname after it, change nothing."""
    assert sentence_speakers(sentence) == names


def test_he_said_after_a_role_resolves_to_the_person() -> None:
    """The next "he said" is the role holder's, not the company's."""
    text = '"It gives us a kind of life after death," said Yukos chief executive Steven Theede. "We will fight," he said.'
    found = attribute([text], [sentence_spans(text)])[0]
    assert [(a.speaker, a.sentence) for a in found] == [("Steven Theede", 0), ("Steven Theede", 1)]


@pytest.mark.parametrize(("question", "expected"), [
    ("what did Kirby say?", SpeakerQuery("Kirby", None)),
    ("What did John Kirby say about the attacks?", SpeakerQuery("John Kirby", "the attacks")),
    ("what does Putin think of NATO?", SpeakerQuery("Putin", "NATO")),
    ("According to Kirby, is the US investigating?", SpeakerQuery("Kirby", "is the US investigating")),
    ("can you tell me what Mourinho actually said about the referee?", SpeakerQuery("Mourinho", "the referee")),
    ("What did Kirby really think of NATO?", SpeakerQuery("Kirby", "NATO")),
    ("What did Grace Kelly say about Monaco?", SpeakerQuery("Grace Kelly", "Monaco")),
    ("Which fighter jets did Poland offer to send to Ukraine?", None),
    ("What is a good recipe for banana bread?", None),
])
def test_speaker_question(question: str, expected: SpeakerQuery | None) -> None:
    """Speaker questions give the name and topic; others give None."""
    assert speaker_question(question) == expected


def test_same_person_by_surname_or_all_words() -> None:
    """'Kirby' and 'John Kirby' fit 'John Kirby'; 'Jane Kirby' fits by surname only."""
    assert same_person("Kirby", "John Kirby")
    assert same_person("Mr Kirby", "John Kirby")
    assert not same_person("Smith", "John Kirby")


def test_quote_continuing_after_attribution_keeps_its_speaker() -> None:
    """'"…," said X. "More."' credits the second sentence to X too; plain text after it is not."""
    text = '"We won the cup," said Mr Smith. "It was very hard." The crowd left.'
    spans = sentence_spans(text)
    found = attribute([text], [spans])[0]
    assert [(a.speaker, a.sentence, a.direct) for a in found] == [("Mr Smith", 0, True), ("Mr Smith", 1, True)]


def test_name_after_he_said_is_what_was_said_not_the_speaker() -> None:
    """In "he said Mr Blair had lost…" Kennedy is still talking, and so in the next quote."""
    text = ('Charles Kennedy said the party was ready. But he said Mr Blair had lost the trust of voters. '
            '"There is a lack of trust in Tony Blair," he said.')
    found = attribute([text], [sentence_spans(text)])[0]
    assert {a.speaker for a in found} == {"Charles Kennedy"}
    assert [(a.sentence, a.direct) for a in found] == [(0, False), (1, False), (2, True)]


def test_passage_words_find_the_same_speakers_as_the_text() -> None:
    """Given each passage's words (what the reindex passes), the attributions are those found
    from the text alone: an "essays"/"States" that holds a verb, a capitalised "Said", "he
    said" carried over from an earlier passage, "according to", and a non-ASCII passage."""
    texts = [
        "Her essays were read in the United States. The weather was fine.",
        "Charles Kennedy said the party was ready. Essays on it abound.",
        'But he said Mr Blair had lost the trust of voters. "It is over," he added.',
        "Said the minister: nothing. According to Jane Doe, the plan failed.",
        "“We won,” said Zoë Müller. She asked for more.",
        "The report notes that prices rose; she notes it too.",
    ]
    spans = [sentence_spans(text) for text in texts]
    written = []
    for text, found in zip(texts, spans):
        _, _, (per_sentence, whole) = analyse(text, [(s.start, s.end) for s in found])
        written.append((whole, per_sentence) if text.isascii() else None)
    alone = attribute(texts, spans)
    assert attribute(texts, spans, written) == alone
    assert {a.speaker for found in alone for a in found} == {"Charles Kennedy", "Jane Doe", "Zoë Müller"}


_PIECES = ["Mr", "John", "Smith", "de", "van", "al-Sayed", "McCain", "the", "company", "chief", "BP's", "it", "he", "said", "says",
           "say", "told", "SAID", "Said", "essays", "said2", "_said", "according to", "According to", ",", ".",
           '"', "“", "”", "'", "»", ":"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  ", "\n", ", "])), max_size=14))
def test_the_verbs_known_change_no_speaker(pieces: list[tuple[str, str]]) -> None:
    """Told which speech verbs are among a sentence's words, the name patterns search only where
    a match can lie, and find the same names, in the same order, as searching it all."""
    sentence = "".join(piece + gap for piece, gap in pieces)
    said = {"said", "says", "say", "told"}.intersection(re.findall(r"[a-z0-9]+", sentence.lower()))  # its verbs
    assert sentence_speakers(sentence, bool(said), said) == sentence_speakers(sentence)
