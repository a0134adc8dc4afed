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
counts as evidence too, in the passage and in its best sentence.
``Evidence.sentence`` is also the sentence to highlight."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from index.answering.thesaurus import Thesaurus, related
from index.tokenize import STOPWORDS, stem, tokenize, words

_PREFIX = 5  # "europe"/"european", "decide"/"decision" share their first five letters
_STOPWORD_PAIR_WEIGHT = 0.5  # weight of a stopword inside a shared word pair
_GRAM = 4  # character n-grams of "#word#": "#euro", "euro", …, "ean#"
_GRAM_K1, _GRAM_B = 1.2, 0.75

_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|few|several|dozens?|half)\b"
)
_DATE = re.compile(
    r"\b(?:\d{3,4}s?|\d{1,2}(?:st|nd|rd|th)|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|century|centuries|decade|bc|ad)\b"
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_ASKS_NUMBER = re.compile(
    r"\bhow (?:many|much|long|old|far|large|big|tall|high|often)\b"
    r"|\bwhat (?:percentage|percent|number|amount)\b"
)
_ASKS_DATE = re.compile(
    r"\bwhen\b|\b(?:what|which) (?:year|century|decade|date|day|month|time|period)\b|\bwhat years?\b"
)
_ASKS_NAME = re.compile(r"\bwho(?:m|se)?\b|\bwhere\b")


@dataclass(frozen=True, slots=True)
class RerankWeights:
    """How much each piece of evidence adds, in shares of the question's idf mass."""

    bm25: float = 1.0
    sentence: float = 0.75
    exact: float = 0.5
    pairs: float = 0.7
    prefix: float = 0.7
    answer_type: float = 0.35
    grams: float = 0.85
    sentence_grams: float = 0.8
    local_sentence: float = 0.45
    title: float = 0.3  # x the article's title/dek/author BM25 (already 0.3x in the BM25 score)
    # Inside an article, question terms its title/dek/author already match (its topic) say
    # little about which of its passages answers: they count this much in those passages'
    # BM25 and evidence (see ``Question.within``).
    topic_terms: float = 0.5
    # Question terms the passage lacks but says with a related word (``index.answering.thesaurus``):
    # in the passage, and the gain of its best sentence counting them.
    synonyms: float = 0.5
    sentence_synonyms: float = 0.5


def question_type(question: str) -> str | None:
    """``"number"``, ``"date"``, ``"name"`` or ``None`` from the question's wording."""
    text = question.casefold()
    if _ASKS_NUMBER.search(text):
        return "number"
    if _ASKS_DATE.search(text):
        return "date"
    if _ASKS_NAME.search(text):
        return "name"
    return None


def has_answer_type(kind: str | None, sentence: str, question: str) -> bool:
    """True when ``sentence`` holds something of the ``kind`` asked for."""
    if kind == "number":
        return bool(_NUMBER.search(sentence.casefold()))
    if kind == "date":
        return bool(_DATE.search(sentence.casefold()))
    if kind == "name":
        asked = set(words(question))
        return any(m.group().casefold() not in asked for m in _NAME.finditer(sentence))
    return False


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

    @classmethod
    def of(cls, text: str, weights: Mapping[str, float], thesaurus: Thesaurus | None = None) -> Question:
        """The question ``text`` with its terms' idf ``weights`` (and related words from ``thesaurus``)."""
        raw = words(text)
        found = related(weights, thesaurus) if thesaurus else {}
        return cls(text, dict(weights), sum(weights.values()), frozenset(w for w in raw if w not in STOPWORDS),
                   tuple(zip(raw, raw[1:])), question_type(text), found)

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
    per_sentence = []
    for s, e in spans:
        raw = words(text[s:e])
        counts = Counter(w for w in raw if w not in STOPWORDS)
        per_sentence.append(SentenceTerms(
            frozenset(stem(w) for w in counts), frozenset(raw), frozenset(zip(raw, raw[1:])),
            dict(counts), sum(n * _gram_count(w) for w, n in counts.items())))
    raw = words(text)
    return PassageTerms(tuple(per_sentence), frozenset(raw), frozenset(zip(raw, raw[1:])),
                        frozenset(w[:_PREFIX] for w in raw))


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


def evidence(question: Question, text: str, sentences: Sequence[tuple[int, int]]) -> Evidence:
    """The evidence that ``text`` (with these sentence spans) answers ``question``."""
    terms = passage_terms(text, tuple(tuple(s) for s in sentences))
    total = question.total or 1.0
    w = question.weights
    per_sentence = [sum(w[t] for t in found.terms if t in w) for found in terms.sentences]
    best = max(range(len(per_sentence)), key=lambda i: (per_sentence[i], -i))
    exact = sum(question.word_weight(x) for x in question.words if x in terms.words)
    prefix = sum(question.word_weight(x) for x in question.words if x[:_PREFIX] in terms.prefixes)
    pairs = sum(question.word_weight(a) + question.word_weight(b) for a, b in question.pairs if (a, b) in terms.pairs)
    spans = sentences or ((0, len(text)),)
    start, end = spans[best]
    synonyms, sentence_synonyms = _synonym_shares(question, terms, per_sentence[best])
    return Evidence(
        sentence=best,
        sentence_share=per_sentence[best] / total,
        exact=exact / total,
        pairs=pairs / total,
        prefix=prefix / total,
        answer_type=has_answer_type(question.kind, text[start:end], question.text),
        synonyms=synonyms / total,
        sentence_synonyms=sentence_synonyms / total,
    )


def _synonym_shares(question: Question, terms: PassageTerms, best: float) -> tuple[float, float]:
    """idf of the question terms the passage lacks but has a related word for, and how
    much more than ``best`` (its best sentence's direct idf) one sentence holds counting them."""
    if not question.related:
        return 0.0, 0.0
    w = question.weights
    found = frozenset().union(*(s.terms for s in terms.sentences))
    passage = sum(w[t] for t, r in question.related.items() if t not in found and not r.isdisjoint(found))
    counting = max(
        sum(w[t] for t in s.terms if t in w)
        + sum(w[t] for t, r in question.related.items() if t not in s.terms and not r.isdisjoint(s.terms))
        for s in terms.sentences
    )
    return passage, max(0.0, counting - best)


@lru_cache(maxsize=100_000)
def word_grams(word: str) -> tuple[str, ...]:
    """Character 4-grams of ``word`` padded with ``#`` (the padded word itself if shorter)."""
    padded = f"#{word}#"
    return tuple(padded[i:i + _GRAM] for i in range(max(1, len(padded) - _GRAM + 1)))


def _gram_count(word: str) -> int:
    """``len(word_grams(word))`` without making them."""
    return max(1, len(word) + 3 - _GRAM)


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


@lru_cache(maxsize=100_000)
def _gram_set(word: str) -> frozenset[str]:
    return frozenset(word_grams(word))


def _gram_matrices(question: Question, passages: Sequence[PassageTerms]
                   ) -> tuple[Counter[str], list[str], np.ndarray, np.ndarray]:
    """The question's grams, and their counts per passage and per sentence (all passages').

    Only the question's grams are looked for: the distinct words of all the passages are
    matched against them once (most share none), then each sentence's matching words
    are counted.
    """
    asked = Counter(g for word in question.words for g in word_grams(word))
    grams = sorted(asked)
    column = {g: j for j, g in enumerate(grams)}
    offsets = np.cumsum([0] + [len(p.sentences) for p in passages]).tolist()
    matching = {}  # word -> the columns of its grams (repeats kept) the question has
    for word in frozenset().union(*(found.words for found in passages)):
        if not _gram_set(word).isdisjoint(column):
            matching[word] = [column[g] for g in word_grams(word) if g in column]
    cells: list[tuple[int, int, int, int]] = []  # passage, sentence row, gram column, count
    for k, found in enumerate(passages):
        for number, sentence in enumerate(found.sentences):
            row = offsets[k] + number
            for word in sentence.counts.keys() & matching.keys():
                count = sentence.counts[word]
                cells.extend((k, row, j, count) for j in matching[word])
    per_passage = np.zeros((len(passages), len(grams)))
    per_sentence = np.zeros((offsets[-1], len(grams)))
    if cells:
        k_, row, col, count = (np.array(c) for c in zip(*cells))
        np.add.at(per_sentence, (row, col), count)
        np.add.at(per_passage, (k_, col), count)
    return asked, grams, per_passage, per_sentence


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


@dataclass(frozen=True, slots=True)
class PoolEvidence:
    """Evidence measured against the other candidates (idf taken over the candidates)."""

    grams: float = 0.0  # the passage's gram_scores
    sentence_grams: float = 0.0  # its best sentence's gram_scores among all candidates' sentences
    local_sentence: float = 0.0  # its best sentence's share of the question terms' candidate idf


def pool_evidence(question: Question, passages: Sequence[tuple[str, Sequence[tuple[int, int]]]]
                  ) -> list[PoolEvidence]:
    """``PoolEvidence`` of each candidate ``(text, sentence spans)``, in order."""
    if not passages:
        return []
    spans = [tuple(tuple(s) for s in sentences) for _, sentences in passages]
    split = [passage_terms(text, cut) for (text, _), cut in zip(passages, spans)]
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
    best_local = [max(sum(local[t] for t in terms) for terms in per_sentence) / total for per_sentence in found]
    return [PoolEvidence(*values) for values in zip(whole, best_grams, best_local)]


def rerank_score(bm25: float, found: Evidence, question: Question, weights: RerankWeights,
                 pool: PoolEvidence = PoolEvidence(), title: float = 0.0) -> float:
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
    )
    return weights.bm25 * bm25 + total * bonus
