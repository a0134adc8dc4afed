"""Re-rank a question's BM25 candidates with cheap lexical evidence of an answer.

BM25 scores a passage as a bag of words. A passage that answers a question usually also
has the question's words close together (in one sentence), as written (not only the same
stem), in the same order (shared word pairs), and something of the kind asked for (a
number for "how many", a date for "when", a name for "who"). Some evidence is measured
against the other candidates (``pool_evidence``, idf taken over the candidates): the
question's words' character 4-grams, which match where stems differ, in the passage and
in its best sentence, and the best sentence's share of the terms that set it apart from
the other candidates. Each piece of evidence is a share of the question's idf mass (or of
the best candidate's), so the weights below mean the same for every question; they were
fitted on the public half of SQuAD and checked across its two halves (see docs/eval.md).
Question terms naming a candidate's article (its title, dek or author) count half in that
candidate's evidence: they tell which article, not which of its passages. A question term
the passage lacks but says with a related word (``index.answering.thesaurus``: "runs"/"governs")
counts as evidence too, in the passage and in its best sentence, and so does one it says in
another form of the same verb that the stemmer cannot join ("fallen" for "fall",
``index.answering.inflections``).
``Evidence.sentence`` is also the sentence to highlight."""

from __future__ import annotations

from collections import Counter, _count_elements  # type: ignore[attr-defined]
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import filterfalse
from math import fsum
from operator import itemgetter, mul

from index.answering.answer_types import has_answer_type, question_type
from index.answering.direction import direction, opposite
from index.answering.grams import GRAMS_OF_LENGTH
from index.answering.inflections import irregular_forms
from index.answering.thesaurus import Thesaurus, related
from index.config import RerankWeights
from index.tokenize import STOPWORDS, stem, tokenize, words

_PREFIX = 5  # "europe"/"european", "decide"/"decision" share their first five letters
_prefix = itemgetter(slice(None, _PREFIX))  # word -> word[:_PREFIX]
_STOPWORD_PAIR_WEIGHT = 0.5  # weight of a stopword inside a shared word pair

@dataclass(frozen=True, slots=True)
class Question:
    """What the evidence needs from a question, computed once per question."""

    text: str
    weights: Mapping[str, float]
    total: float
    words: frozenset[str]
    pairs: tuple[tuple[str, str], ...]
    kind: str | None
    related: Mapping[str, frozenset[str]] = field(default_factory=dict)  # term -> related stems
    direction: int = 0  # +1 / -1 when its words say a rise / a fall (``index.answering.direction``)

    @classmethod
    def of(cls, text: str, weights: Mapping[str, float], thesaurus: Thesaurus | None = None) -> Question:
        """The question ``text`` with its terms' idf ``weights`` (and related words from ``thesaurus``)."""
        raw = words(text)
        found = with_forms(related(weights, thesaurus), irregular_forms(raw), weights) if thesaurus else {}
        return cls(text, dict(weights), sum(weights.values()), frozenset(w for w in raw if w not in STOPWORDS),
                   tuple(zip(raw, raw[1:])), question_type(text), found, direction(map(stem, raw)))

    def within(self, topic: frozenset[str], keep: float) -> Question:
        """This question read inside an article about ``topic`` (its title/dek/author terms).

        Those terms weigh ``keep`` x their idf; the idf mass (``total``) is unchanged, so
        evidence shares stay comparable between passages of different articles.
        """
        if keep == 1.0 or topic.isdisjoint(self.weights):
            return self
        weights = {t: w * keep if t in topic else w for t, w in self.weights.items()}
        return replace(self, weights=weights)

    def word_weight(self, word: str) -> float:
        """idf weight of a written word (stopwords count a little inside word pairs)."""
        return _STOPWORD_PAIR_WEIGHT if word in STOPWORDS else self.weights.get(stem(word), 0.0)


def with_forms(found: Mapping[str, frozenset[str]], forms: Mapping[str, frozenset[str]],
               weights: Mapping[str, float]) -> dict[str, frozenset[str]]:
    """``found`` (term -> related stems) with each weighed term's irregular forms added."""
    merged = dict(found)
    for term, stems in forms.items():
        if term in weights:
            merged[term] = merged.get(term, frozenset()) | stems
    return merged


@dataclass(frozen=True, slots=True)
class SentenceTerms:
    """One sentence's search terms (stems), written words and adjacent word pairs.

    ``counts`` are its non-stopwords with their number of occurrences, ``grams`` the
    number of character grams they make (see ``word_grams``).
    """

    terms: frozenset[str]
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    counts: Mapping[str, int] = field(default_factory=dict)
    grams: int = 0


@dataclass(frozen=True, slots=True)
class PassageTerms:
    """A passage's sentences' terms, and its written words, word pairs and prefixes."""

    sentences: tuple[SentenceTerms, ...]
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    prefixes: frozenset[str]


@lru_cache(maxsize=1024)
def passage_terms(text: str, sentences: tuple[tuple[int, int], ...]) -> PassageTerms:
    """The terms of ``text`` split at ``sentences`` (the whole text if none); cached."""
    spans = sentences or ((0, len(text)),)
    return terms_of_words([words(text[s:e]) for s, e in spans], words(text))


def terms_of_words(sentence_words: Sequence[list[str]], raw: list[str]) -> PassageTerms:
    """``passage_terms`` from the words (``index.tokenize.words``) of each sentence and of the
    whole text (the index-time features split them once per passage)."""
    per_sentence = []
    written, pairs = frozenset(raw), frozenset(zip(raw, raw[1:]))
    for said in sentence_words:  # map/filterfalse: the same values without a Python frame per word
        counts: dict[str, int] = {}  # Counter's counting without its Python-level checks
        _count_elements(counts, filterfalse(STOPWORDS.__contains__, said))
        whole = said == raw  # a one-sentence passage: its sets are the passage's (stored once)
        per_sentence.append(SentenceTerms(
            frozenset(map(stem, counts)), written if whole else frozenset(said),
            pairs if whole else frozenset(zip(said, said[1:])),
            counts, sum(map(mul, counts.values(), map(GRAMS_OF_LENGTH.__getitem__, map(len, counts))))))
    return PassageTerms(tuple(per_sentence), written, pairs, frozenset(map(_prefix, raw)))


@lru_cache(maxsize=1024)
def term_counts(text: str) -> tuple[Counter[str], int]:
    """How often each search term occurs in ``text``, and its number of terms; cached."""
    terms = tokenize(text)
    return Counter(terms), len(terms)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Shares of the question's idf mass found in a passage, and its best sentence."""

    sentence: int
    sentence_share: float
    exact: float
    pairs: float
    prefix: float
    answer_type: bool
    synonyms: float = 0.0  # share of question terms absent but said with a related word
    sentence_synonyms: float = 0.0  # how much more the best sentence holds counting those
    opposite: bool = False  # the best sentence goes the other way from the question's verb (rise / fall)


def evidence(question: Question, text: str, sentences: Sequence[tuple[int, int]],
             terms: PassageTerms | None = None) -> Evidence:
    """The evidence that ``text`` (with these sentence spans) answers ``question``
    (``terms``: its ``passage_terms`` when stored at index time)."""
    terms = terms or passage_terms(text, tuple(tuple(s) for s in sentences))
    total = question.total or 1.0
    w = question.weights
    per_sentence = [fsum([w[t] for t in found.terms if t in w]) for found in terms.sentences]
    best = max(range(len(per_sentence)), key=lambda i: (per_sentence[i], -i))
    exact = fsum([question.word_weight(x) for x in question.words if x in terms.words])
    prefix = fsum([question.word_weight(x) for x in question.words if x[:_PREFIX] in terms.prefixes])
    pairs = sum([question.word_weight(a) + question.word_weight(b) for a, b in question.pairs if (a, b) in terms.pairs])
    spans = sentences or ((0, len(text)),)
    start, end = spans[best]
    synonyms, sentence_synonyms = _synonym_shares(question, terms, per_sentence, per_sentence[best])
    return Evidence(
        sentence=best,
        sentence_share=per_sentence[best] / total,
        exact=exact / total,
        pairs=pairs / total,
        prefix=prefix / total,
        answer_type=has_answer_type(question.kind, text[start:end], question.text),
        synonyms=synonyms / total,
        sentence_synonyms=sentence_synonyms / total,
        opposite=opposite(question.direction, terms.sentences[best].terms)
        and not any(direction(s.terms) == question.direction for s in terms.sentences),
    )


def _synonym_shares(question: Question, terms: PassageTerms, direct: list[float], best: float) -> tuple[float, float]:
    """idf of the question terms the passage lacks but has a related word for, and how
    much more than ``best`` (its best sentence's direct idf) one sentence holds counting them
    (``direct``: each sentence's direct idf)."""
    if not question.related:
        return 0.0, 0.0
    w = question.weights
    found = frozenset().union(*(s.terms for s in terms.sentences))
    said = [(t, r) for t, r in question.related.items() if not r.isdisjoint(found)]  # in no sentence otherwise
    passage = sum([w[t] for t, r in said if t not in found])
    if not said:  # every sentence holds its direct idf only: none holds more than the best
        return passage, 0.0
    counting = max(
        held + sum([w[t] for t, r in said if t not in s.terms and not r.isdisjoint(s.terms)])
        for held, s in zip(direct, terms.sentences)
    )
    return passage, max(0.0, counting - best)


@dataclass(frozen=True, slots=True)
class PoolEvidence:
    """Evidence measured against the other candidates (idf taken over the candidates)."""

    grams: float = 0.0  # the passage's gram_scores
    sentence_grams: float = 0.0  # its best sentence's gram_scores among all candidates' sentences
    local_sentence: float = 0.0  # its best sentence's share of the question terms' candidate idf


_NO_POOL_EVIDENCE = PoolEvidence()


def rerank_score(bm25: float, found: Evidence, question: Question, weights: RerankWeights,
                 pool: PoolEvidence = _NO_POOL_EVIDENCE, title: float = 0.0) -> float:
    """``bm25`` plus the weighted evidence, in the BM25 score's units.

    ``pool`` is this passage's ``pool_evidence``; ``title`` its article's title/dek/author
    BM25, which counts again here in proportion to the question's idf mass (a long
    question naming an article's subject says more about the article than a short one).
    """
    total = question.total or 1.0
    bonus = (
        weights.sentence * found.sentence_share
        + weights.exact * found.exact
        + weights.pairs * found.pairs
        + weights.prefix * found.prefix
        + weights.answer_type * found.answer_type
        + weights.grams * pool.grams
        + weights.sentence_grams * pool.sentence_grams
        + weights.local_sentence * pool.local_sentence
        + weights.title * title
        + weights.synonyms * found.synonyms
        + weights.sentence_synonyms * found.sentence_synonyms
        + weights.opposite * found.opposite
    )
    return weights.bm25 * bm25 + total * bonus
