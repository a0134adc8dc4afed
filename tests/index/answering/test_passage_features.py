"""The features a reindex stores per passage read back as what the re-rank computes from the text."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.answering.passage_features import analyse
from index.answering.rerank import passage_terms, term_counts
from index.answering.stored_terms import counts_of, terms_of
from index.ingest.sentences import sentence_spans
from index.tokenize import tokenize, words


@dataclass(frozen=True)
class Stored:
    text: str
    sentences: list[tuple[int, int]]
    features: bytes | None


TEXTS = [
    'Prices rose 4.5% in March, said Anna Berg. "The harbour was calm," she added.',
    "The MiG-29's engines weren't ready; U.S. officials said so twice. Twice!",
    "Straße and the ﬁnal café: Zürich’s ÉCOLE opened in 1970s Normandy. It costs £5.",
    "One sentence only, no full stop",
    "",
]


def _spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentence_spans(text)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("split", ["sentences", "none", "mid-word and gaps", "touching mid-word"])
def test_stored_features_equal_the_text_analysed_at_answer_time(text: str, split: str) -> None:
    """Tokens, sentence terms, words, pairs, prefixes and term counts are the same whether read
    from the blob or computed from the text: ASCII or not, whatever the sentence spans."""
    spans = {"sentences": _spans(text), "none": [],
             "mid-word and gaps": [(0, len(text) // 3), (len(text) // 3 + 2, len(text))],
             "touching mid-word": [(0, 2), (2, len(text))]}[split]
    tokens, blob, _ = analyse(text, spans)
    row = Stored(text, spans, blob)
    assert tokens == tokenize(text)
    assert terms_of(row) == passage_terms(text, tuple(spans))
    assert counts_of(row) == term_counts(text)


def _pickled_sets(text: str, spans: list[tuple[int, int]]) -> bytes:
    """A features blob as reindexes before format 3 wrote it: the terms' sets, pickled."""
    terms, (counts, length) = passage_terms(text, tuple(spans)), term_counts(text)
    per_sentence = tuple((s.terms, s.words, s.pairs, dict(s.counts), s.grams) for s in terms.sentences)
    return pickle.dumps((2, per_sentence, terms.words, terms.pairs, terms.prefixes, dict(counts), length), 5)


@pytest.mark.parametrize("text", TEXTS[:3])
@pytest.mark.parametrize("written", ["words", "pickled sets (before format 3)"])
def test_the_terms_are_read_from_the_blob(text: str, written: str) -> None:
    """The terms come from the blob, not from the row's text (here another text's blob), and a
    database indexed before the blob held words keeps answering from its pickled sets."""
    spans = _spans(text)
    blob = analyse(text, spans)[1] if written == "words" else _pickled_sets(text, spans)
    row = Stored(TEXTS[3], _spans(TEXTS[3]), blob)
    assert terms_of(row) == passage_terms(text, tuple(spans))
    assert counts_of(row) == term_counts(text)


def test_the_blob_holds_the_words_once_as_text() -> None:
    """Each sentence's words, once, as text: far smaller than the pickled sets."""
    text = TEXTS[0]
    _, blob, (per_sentence, _) = analyse(text, _spans(text))
    assert blob[1:].decode().split("\n") == [" ".join(words) for words in per_sentence]
    assert len(blob) * 3 < len(_pickled_sets(text, _spans(text)))


class _MakesFolder:
    """Unpickled by a plain ``pickle.loads``, this would create ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.folder),)


@pytest.mark.parametrize("kind", ["names a function", "garbage pickle", "garbage marshal"])
def test_a_damaged_or_hostile_blob_is_not_run_but_recomputed(kind: str, tmp_path: Path) -> None:
    """A blob that names a function, or is garbage, is ignored (nothing in it runs): the text is
    analysed instead."""
    folder = tmp_path / "ran"
    blob = {"names a function": pickle.dumps(_MakesFolder(folder)), "garbage pickle": b"\x80\x05garbage",
            "garbage marshal": b"\x00\x01"}[kind]
    text = TEXTS[0]
    row = Stored(text, _spans(text), blob)
    assert terms_of(row) == passage_terms(text, tuple(_spans(text)))
    assert counts_of(row) == term_counts(text)
    assert not folder.exists()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=120), st.data())
def test_the_words_of_ascii_text_are_the_tokenizers(text: str, data: st.DataObject) -> None:
    """The words analysed (an ASCII text's split by a byte table, not the tokenizer's pattern)
    are ``index.tokenize.words`` of each sentence and of the whole text, whatever the characters
    (digits, underscores, apostrophes, control characters) and the spans."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(start, end) for start, end in zip(cuts[::2], cuts[1::2]) if start < end]
    per_sentence, whole = analyse(text, spans)[2]
    assert per_sentence == [words(text[start:end]) for start, end in spans or [(0, len(text))]]
    assert whole == words(text)
