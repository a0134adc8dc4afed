"""Which sentence of a passage answers the question: the one to bold.

Each sentence gets a few numbers (``SentenceFeatures``): the share of the question's idf
it holds, the question's words as written and its word pairs, the same share with idf
taken over the passage's own sentences (words every sentence has say little), whether it
holds a candidate of the kind asked for (``index.answering.answer_kinds``: a date for "when", a
person for "who", …) and whether one sits next to the question's words (a number next to
the asked unit: "2,850 jobs"), and the share the sentence before it holds (answers often
follow the sentence that restates the question), and the share of the question's terms it says
with a related word (``index.answering.thesaurus``: "razed" / "destroyed"). A sentence that opens by
referring back ("It was set up in 1337", "The song first topped the charts in 1958") also gets
the share of the question that the sentence before adds to its own (``carried``): what its "it"
or "the song" stands for.
``index.config.AnswerSentenceWeights`` weigh them; they were fitted on SQuAD with a listwise
logistic model, on one half of the articles and tested on the other (docs/eval.md). The
related-word weight was added later with the others fixed: each half of SQuAD (even / odd
articles) gains most from 3-4 (bold holds the answer +0.4 / +0.5 points); 3 is used. A
sentence quoting the asked speaker is preferred. The ``carried`` weight was also added with the
others fixed: both halves of SQuAD gain a little at 0.25-1 and lose from 2 (docs/eval.md, sixth round).
A sentence going the other way from the question's verb ("jumped" for "How much did the shares
fall?", ``index.answering.direction``) is held back (``opposite``, eighth round).
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter

from index.answering.answer_kinds import AnswerKind, candidates, has_unit_near
from index.answering.direction import opposite
from index.answering.rerank import PassageTerms, Question, SentenceTerms, passage_terms
from index.config import AnswerSentenceWeights
from index.models import Span
from index.tokenize import STOPWORDS, stem, words

_NEAR = 40  # characters between a candidate and a question word for "next to"
# a sentence opening with these refers back to the one before ("It was …", "The festival is held …")
_REFERS_BACK = re.compile(r"\W*(?:he|she|it|they|this|these|his|her|its|their|the|such)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What one sentence holds of the question (shares of the question's idf mass)."""

    share: float
    exact: float
    pairs: float
    local: float
    candidate: float
    near: float
    previous: float
    related: float  # share of the question's terms the sentence lacks but says with a related word
    carried: float  # share the sentence before adds, when this one opens by referring back to it
    opposite: float  # 1 when it goes the other way from the question's verb ("jumped" for "fall")


def sentence_features(question: Question, kind: AnswerKind, text: str, spans: Sequence[Span],
                      terms: PassageTerms | None = None) -> list[SentenceFeatures]:
    """``SentenceFeatures`` of each sentence of ``text`` (``terms``: its ``passage_terms`` when stored)."""
    found = (terms or passage_terms(text, tuple((s.start, s.end) for s in spans))).sentences
    w = question.weights
    total = question.total or 1.0
    shares = [math.fsum([w[t] for t in f.terms if t in w]) / total for f in found]
    carried = _carried(w, total, text, spans, found)
    local = _local_idf(w, [f.terms for f in found])
    local_total = sum(local.values()) or 1.0
    n_pairs = max(len(question.pairs), 1)
    features = []
    for i, (span, held) in enumerate(zip(spans, found)):
        sentence = text[span.start:span.end]
        spots = candidates(kind, sentence) if kind.kind else []
        features.append(SentenceFeatures(
            share=shares[i],
            exact=math.fsum([question.word_weight(x) for x in question.words if x in held.words]) / total,
            pairs=sum(1 for p in question.pairs if p in held.pairs) / n_pairs,
            local=math.fsum([local.get(t, 0.0) for t in held.terms]) / local_total,
            candidate=float(bool(spots)),
            near=float(near_question(kind, sentence, spots, w)),
            previous=shares[i - 1] if i else 0.0,
            related=sum(w[t] for t, r in question.related.items()
                        if t not in held.terms and not r.isdisjoint(held.terms)) / total,
            carried=carried[i],
            opposite=float(opposite(question.direction, held.terms))))
    return features


def _carried(weights: Mapping[str, float], total: float, text: str, spans: Sequence[Span],
             found: Sequence[SentenceTerms]) -> list[float]:
    """Per sentence: the share of the question's idf mass that the sentence before holds and it
    lacks, when it opens by referring back (0 otherwise, and for the first sentence)."""
    result = [0.0] * len(spans)
    for i in range(1, len(spans)):
        if _REFERS_BACK.match(text, spans[i].start):
            own = found[i].terms
            result[i] = math.fsum([weights[t] for t in found[i - 1].terms - own if t in weights]) / total
    return result


def _local_idf(weights: Iterable[str], sentences: Sequence[frozenset[str]]) -> dict[str, float]:
    """idf of the question's terms over the passage's sentences (terms no sentence holds left out)."""
    n = len(sentences)
    result = {}
    for term in weights:
        df = sum(1 for s in sentences if term in s)
        if df:
            result[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
    return result


def near_question(kind: AnswerKind, sentence: str, spots: Sequence[tuple[int, int]],
                  terms: Container[str]) -> bool:
    """True when a candidate lies within a few words of a question term (and of the asked unit)."""
    if not spots or not has_unit_near(kind, sentence, spots):
        return False
    for start, end in spots:
        around = sentence[max(0, start - _NEAR):end + _NEAR]
        if any(stem(x) in terms for x in words(around) if x not in STOPWORDS):
            return True
    return False


def answer_near(kind: AnswerKind, text: str, sentences: Sequence[tuple[int, int]], terms: Container[str]) -> bool:
    """True when a sentence of ``text`` holds a candidate of ``kind`` next to a question term."""
    for start, end in sentences or ((0, len(text)),):
        sentence = text[start:end]
        spots = candidates(kind, sentence)
        if spots and near_question(kind, sentence, spots, terms):
            return True
    return False


_FEATURES = attrgetter(*(f.name for f in fields(SentenceFeatures)))
_WEIGHTS = attrgetter(*(f.name for f in fields(AnswerSentenceWeights)))


def score(features: SentenceFeatures, weights: AnswerSentenceWeights) -> float:
    """The weighted sum of ``features`` (field by field, in order: ``dataclasses.astuple``
    without its deep copies, which cost more than the rest of the choice)."""
    return sum(f * w for f, w in zip(_FEATURES(features), _WEIGHTS(weights)))


def answer_sentence(question: Question, kind: AnswerKind, text: str, spans: Sequence[Span],
                    weights: AnswerSentenceWeights, preferred: Sequence[int] = (),
                    terms: PassageTerms | None = None) -> int:
    """Index of the sentence to bold (``preferred`` sentences first, if any); ties: earlier."""
    if not spans:
        return -1
    scores = [score(f, weights) for f in sentence_features(question, kind, text, spans, terms)]
    pool = [i for i in preferred if 0 <= i < len(spans)] or list(range(len(spans)))
    return max(pool, key=lambda i: (scores[i], -i))
