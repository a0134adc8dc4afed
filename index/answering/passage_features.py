"""What the re-rank needs of a passage that no question changes, written once at index time.

``analyse`` runs in the reindex's workers: a passage's search tokens, and a compact blob of its
written words, sentence by sentence, stored beside the passage (``passages.features``). The
words are split once per passage (one lowercasing and one pattern for an ASCII text) and shared
by the sentences, the whole text, the tokens and the speaker detection.
``index.answering.stored_terms`` reads the blob back (``words_of``) into the sentence terms,
written words, word pairs, prefixes and search-term counts the re-rank uses.

The blob (format 3) is UTF-8 text, not a pickle: the words of each sentence joined by spaces, the
sentences by newlines (a word never holds whitespace), then, only when the whole text's words are
not the sentences' words in order (spans that cut a word or leave words out), a form feed and
the whole text's words. Writing it is one join, where building the sets and pickling them cost
~40 us a passage, and it is ~5x smaller. This module imports nothing of the re-rank (nor numpy):
the reindex's workers start faster.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.tokenize import stemmed, words

_FORMAT = b"\x03"  # the first byte of a blob of words; change it when their layout changes
_SENTENCE, _WHOLE = "\n", "\f"  # between two sentences' words; before the whole text's
# ``index.tokenize.words`` of ASCII text is its ``[a-z0-9]+`` runs once lowercased: these bytes
# lowercase the letters and make every other character a space, in one C pass.
_WORD_BYTES = bytes(c | 0x20 if 0x41 <= c <= 0x5A else c if 0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A else 0x20
                    for c in range(256))


Words = tuple[list[list[str]], list[str]]
"""A passage's words (``index.tokenize.words``): each sentence's, and the whole text's."""


def split_words(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[list[str]], list[str]]:
    """``index.tokenize.words`` of each sentence of ``text`` (the whole text if none) and of the
    whole text. An ASCII text is lowercased once, every other character made a space, so that
    ``str.split`` gives its words (what a ``[a-z0-9]+`` findall gives, without a match object
    per word); the sentences' words, when they make up the whole text's, are the same
    objects (so the blob stores each word once)."""
    spans = sentences or ((0, len(text)),)
    if not text.isascii():  # NFKC and casefold may move characters: split each sentence itself
        return [words(text[s:e]) for s, e in spans], words(text)
    lowered = text.encode().translate(_WORD_BYTES).decode()  # ASCII text: one byte a character
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(text):
        said = lowered.split()  # most passages: their one sentence is the whole text
        return [said], said
    per_sentence = [lowered[s:e].split() for s, e in spans]
    if _words_of_whole(lowered, spans):
        return per_sentence, [w for said in per_sentence for w in said]
    whole = lowered.split()
    joined = [word for said in per_sentence for word in said]
    return per_sentence, joined if joined == whole else whole


def _words_of_whole(lowered: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the words of ``spans`` are, in order, the words of the whole text (so it need
    not be split again): the spans start at its start, end at its end, and between two of them
    lies at least one character and no word character (``lowered``: spaces in place of those)."""
    if spans[0][0] != 0 or spans[-1][1] != len(lowered):
        return False
    return all(start > end and lowered[end:start].isspace() for (_, end), (start, _) in zip(spans, spans[1:]))


def analyse(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[str], bytes, Words]:
    """A passage's search tokens (``index.tokenize.tokenize``), its features blob and its words
    (``split_words``: each sentence's, the whole text's), which the speaker detection reads."""
    per_sentence, whole = split_words(text, sentences)
    return list(stemmed(whole)), _blob(per_sentence, whole), (per_sentence, whole)


def _blob(per_sentence: list[list[str]], whole: list[str]) -> bytes:
    said = _SENTENCE.join(map(" ".join, per_sentence))
    if len(per_sentence) == 1 and per_sentence[0] is whole or _joined(per_sentence) == whole:
        return _FORMAT + said.encode()
    return _FORMAT + f"{said}{_WHOLE}{' '.join(whole)}".encode()


def _joined(per_sentence: list[list[str]]) -> list[str]:
    return [word for said in per_sentence for word in said]


def words_of(blob: bytes) -> Words | None:
    """The words written in a blob of this format, or None when it is not one or cannot be read."""
    if blob[:1] != _FORMAT:
        return None
    try:
        text = blob[1:].decode()
    except UnicodeDecodeError:
        return None
    said, has_whole, rest = text.partition(_WHOLE)
    per_sentence = [sentence.split() for sentence in said.split(_SENTENCE)]
    if has_whole:
        return per_sentence, rest.split()
    return per_sentence, per_sentence[0] if len(per_sentence) == 1 else _joined(per_sentence)
