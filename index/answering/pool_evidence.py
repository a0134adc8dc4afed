"""Evidence measured against the other candidates of a question (idf taken over the candidates).

The question's words' character 4-grams, which match where stems differ, in the passage and
in its best sentence; and the best sentence's share of the terms that set it apart from the
other candidates (see ``index.answering.rerank`` for how the evidence is weighed).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate

import numpy as np

from index.answering.grams import word_grams
from index.answering.rerank import PassageTerms, PoolEvidence, Question, passage_terms
from index.tokenize import STOPWORDS

_GRAM_K1, _GRAM_B = 1.2, 0.75


def _shares_of_best(asked: Counter[str], grams: list[str], tf: np.ndarray, lengths: np.ndarray) -> list[float]:
    """BM25 of each row of ``tf`` (counts of ``grams``), idf over the rows, as a share of the best."""
    if not tf.shape[0]:
        return []
    df = np.count_nonzero(tf, axis=0)
    idf = np.log(1 + (tf.shape[0] - df + 0.5) / (df + 0.5)) * np.array([asked[g] for g in grams])
    norm = _GRAM_K1 * (1 - _GRAM_B + _GRAM_B * lengths / (lengths.mean() or 1.0))
    scores = (idf * tf * (_GRAM_K1 + 1) / (tf + norm[:, None])).sum(axis=1)
    best = float(scores.max()) if scores.size else 0.0
    return [float(x) / best if best > 0 else 0.0 for x in scores]


def _holding(words: list[str], wanted: Iterable[str]) -> list[str]:
    """The ``words`` (distinct, no "#" or newline) one of whose grams (``word_grams``) is one of
    ``wanted``: each gram looked for by ``str.find`` in all the words padded and joined (a
    gram holds at most one "#" at either end, so none spans two words)."""
    joined = "#" + "#\n#".join(words) + "#"
    ends = list(accumulate(len(word) + 3 for word in words))  # index in ``joined`` past each word's line
    found: set[int] = set()
    for gram in wanted:
        at = joined.find(gram)
        while at >= 0:
            found.add(bisect_right(ends, at))
            at = joined.find(gram, at + 1)
    return [words[i] for i in sorted(found)]


def _gram_matrices(question: Question, passages: Sequence[PassageTerms]
                   ) -> tuple[Counter[str], list[str], np.ndarray, np.ndarray]:
    """The question's grams, and their counts per passage and per sentence (all passages').

    Only the question's grams are looked for: the distinct words of all the passages are
    searched for them at once (most words hold none). Each sentence's matching words are counted
    (sentences x words), and that times each word's grams (words x grams) gives the counts.
    """
    asked = Counter(g for word in question.words for g in word_grams(word))
    grams = sorted(asked)
    column = {g: j for j, g in enumerate(grams)}
    # Stopwords are never counted (``SentenceTerms.counts``): only the other words are matched.
    counted = frozenset().union(*(found.words for found in passages)) - STOPWORDS
    matching: dict[str, int] = {}  # word -> its row in word_grams_matrix
    word_cells: list[int] = []  # row * width + column, for each of its grams the question has
    width = len(grams)
    for word in _holding(list(counted), grams):
        at = len(matching) * width
        matching[word] = len(matching)
        word_cells.extend(at + column[g] for g in word_grams(word) if g in column)
    sentences = [sentence for found in passages for sentence in found.sentences]
    cells: list[int] = []  # sentence row * words + word row
    counts: list[int] = []
    n_words = len(matching)
    for row, sentence in enumerate(sentences):
        held = sentence.counts
        for word in held.keys() & matching.keys():
            cells.append(row * n_words + matching[word])
            counts.append(held[word])
    rows = len(sentences)
    if not cells:
        return asked, grams, np.zeros((len(passages), width)), np.zeros((rows, width))
    per_word = np.bincount(word_cells, minlength=n_words * width).reshape(n_words, width).astype(np.float64)
    words_in = np.bincount(cells, counts, rows * n_words).reshape(rows, n_words)
    per_sentence = words_in @ per_word  # whole numbers: exact in float64, whatever the order
    starts = np.cumsum([0] + [len(p.sentences) for p in passages[:-1]])
    return asked, grams, np.add.reduceat(per_sentence, starts, axis=0), per_sentence


def gram_scores(question: Question, texts: Sequence[str]) -> list[float]:
    """Character 4-gram BM25 of each of ``texts`` for the question, as a share of the best.

    idf and average length are taken over ``texts`` (the candidates), so grams every
    candidate has count little and the score separates the candidates by what only some
    of them share with the question: inflections and derivations stemming misses
    ("Norman"/"Normandy", "1970s"/"1970"), compounds, misspellings.
    """
    found = [passage_terms(t, ()) for t in texts]
    asked, grams, tf, _ = _gram_matrices(question, found)
    return _shares_of_best(asked, grams, tf, np.array([_grams_in(f) for f in found], dtype=np.float64))


def _grams_in(found: PassageTerms) -> int:
    """Number of character grams of a passage's non-stopwords."""
    return sum(sentence.grams for sentence in found.sentences)


def pool_evidence(question: Question, passages: Sequence[tuple[str, Sequence[tuple[int, int]]]],
                  terms: Sequence[PassageTerms] | None = None) -> list[PoolEvidence]:
    """``PoolEvidence`` of each candidate ``(text, sentence spans)``, in order (``terms``:
    their ``passage_terms`` when stored at index time)."""
    if not passages:
        return []
    split = list(terms) if terms is not None else [
        passage_terms(text, tuple(tuple(s) for s in sentences)) for text, sentences in passages]
    asked_grams, grams, tf, tf_sentences = _gram_matrices(question, split)
    whole = _shares_of_best(asked_grams, grams, tf,
                            np.array([_grams_in(f) for f in split], dtype=np.float64))
    by_sentence = _shares_of_best(asked_grams, grams, tf_sentences,
                                  np.array([t.grams for f in split for t in f.sentences], dtype=np.float64))
    ends = np.cumsum([len(f.sentences) for f in split]).tolist()
    best_grams = [max(by_sentence[start:end]) for start, end in zip([0, *ends], ends)]
    asked = question.weights.keys()
    found = [[sentence.terms & asked for sentence in terms.sentences] for terms in split]
    df = Counter(t for per_sentence in found for t in frozenset().union(*per_sentence))
    n = len(passages)
    local = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in asked}
    total = sum(local.values()) or 1.0
    best_local = [max([math.fsum([local[t] for t in terms]) for terms in per_sentence]) / total for per_sentence in found]
    return [PoolEvidence(*values) for values in zip(whole, best_grams, best_local)]
