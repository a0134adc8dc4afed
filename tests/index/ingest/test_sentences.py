"""Sentence splitting (index/ingest/sentences.py): the cases the regex splitter used to get wrong
(docs/eval.md, issue 12 ninth round) and the ones it must keep getting right."""

from __future__ import annotations

import pytest

from index.ingest.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    # a possessive or a contraction is not an initial ("'s" and "'t" used to read as one letter)
    ("Arms purchases exceeded five times Israel's. Another motive was the Shah.",
     ["Arms purchases exceeded five times Israel's.", "Another motive was the Shah."]),
    ("I think it probably isn't. An 11 hour stretch is not surprising.",
     ["I think it probably isn't.", "An 11 hour stretch is not surprising."]),
    # a lone small letter is a variable, not an initial
    ("It is prime for any natural number n. Here the floor is taken.",
     ["It is prime for any natural number n.", "Here the floor is taken."]),
    # a capital letter or an abbreviation before a word that opens sentences
    ("It was launched on a Saturn V. It was equipped with a telescope.",
     ["It was launched on a Saturn V.", "It was equipped with a telescope."]),
    ("Sales grew in the U.S. The company said so.", ["Sales grew in the U.S.", "The company said so."]),
    ("He co-hosted the show with Ant and Dec. She won an award.",
     ["He co-hosted the show with Ant and Dec.", "She won an award."]),
    # a footnote mark after the end stays with its sentence
    ("The College trained ministers.[citation needed] Such men were rare.[3] Later it grew.",
     ["The College trained ministers.[citation needed]", "Such men were rare.[3]", "Later it grew."]),
])
def test_sentences_end_where_the_old_splitter_ran_on(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "The name first appeared in a book by J.I. Pontanus in 1631.",
    "The theory was challenged by bacteriologist J. F. D. Shrewsbury in 1970.",
    "The pass was intercepted by safety T. J. Ward on the goal line.",
    "The case of Sparf v. United States settled it.",
    "In 1939, c. 1,300,000 people lived in Warsaw.",
    "He met Dr. Harrison Schmitt and Mr. J. Smith at St. Mary's in Oct. 1972.",
])
def test_initials_and_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_spans_cover_the_text_without_the_spaces_between() -> None:
    text = "First one.[1]  Second one isn't.   Third (J. Doe) left. "
    spans = sentence_spans(text)
    assert sentences(text) == ["First one.[1]", "Second one isn't.", "Third (J. Doe) left."]
    assert all(text[s.start:s.end] == text[s.start:s.end].strip() for s in spans)
