"""The re-ranking evidence of ``index.answering.rerank`` and the question-aware highlight."""

from __future__ import annotations

import pytest

from index.answering.answer_types import has_answer_type, question_type
from index.answering.highlight import best_sentence
from index.answering.pool_evidence import gram_scores, pool_evidence
from index.answering.rerank import Question, evidence, rerank_score
from index.config import RerankWeights
from index.models import Span

WEIGHTS = {"cat": 2.0, "sat": 1.0, "mat": 1.0}


def _question(text: str = "Where the cat sat?") -> Question:
    return Question.of(text, {t: w for t, w in WEIGHTS.items() if t in text})


def test_question_type_from_wording() -> None:
    """How many -> number, when -> date, who -> name, what -> none."""
    kinds = [question_type(q) for q in ("How many cats?", "When did it rain?", "Who won?", "What is it?")]
    assert kinds == ["number", "date", "name", None]


def test_answer_type_name_must_be_new() -> None:
    """A capitalised word already in the question is not an answer to "who"."""
    assert not has_answer_type("name", "Then Paris won.", "Who won in Paris?")
    assert has_answer_type("name", "Then Paris won.", "Who won?")


def test_evidence_shares_of_idf_mass() -> None:
    """"cat" (2) and "sat" (1) of 3: best sentence holds both, the passage both as written."""
    text = "A dog ran. The cat sat down."
    found = evidence(_question(), text, [(0, 10), (11, 28)])
    assert (found.sentence, found.sentence_share, found.exact) == (1, 1.0, 1.0)


def test_evidence_word_pairs_count_stopwords_a_little() -> None:
    """The pair ("the", "cat") scores 0.5 + 2, ("cat", "sat") 2 + 1, of a mass of 3."""
    found = evidence(_question(), "The cat sat.", [(0, 12)])
    assert found.pairs == pytest.approx((0.5 + 2 + 2 + 1) / 3)


def test_rerank_score_adds_weighted_evidence() -> None:
    """Score = bm25 + mass x (0.9 x sentence share) when only that weight is set."""
    found = evidence(_question(), "The cat sat.", [(0, 12)])
    weights = RerankWeights(sentence=0.9, exact=0, pairs=0, prefix=0, answer_type=0)
    assert rerank_score(5.0, found, _question(), weights) == pytest.approx(5.0 + 3 * 0.9)


def test_highlight_prefers_sentence_with_the_kind_asked_for() -> None:
    """Two sentences with the same terms: the one with a number wins "how many"."""
    text = "Cats sat on mats. Cats sat on 3 mats."
    spans = [Span(0, 17), Span(18, 37)]
    question = Question.of("How many mats did cats sat on?", {"cat": 1.0, "sat": 1.0, "mat": 1.0})
    assert best_sentence(text, spans, question.weights, question=question) == 1


def test_gram_scores_match_across_stems_and_share_of_best() -> None:
    """"Normandy" shares "#nor", "norm", … with "Normans"; the best candidate scores 1."""
    question = Question.of("Where did the Normans live?", {"norman": 2.0, "live": 1.0})
    scores = gram_scores(question, ["They lived in Normandy.", "A dog ran.", "Normans lived there."])
    assert scores[2] == 1.0 and 0.0 < scores[0] < 1.0 and scores[1] == 0.0


def test_gram_scores_ignore_grams_every_candidate_has() -> None:
    """idf comes from the candidates: a word all of them hold adds the same small amount."""
    question = Question.of("cat sat?", {"cat": 1.0, "sat": 1.0})
    scores = gram_scores(question, ["cat sat", "cat ran", "cat run"])
    assert scores[0] == 1.0 and scores[1] == pytest.approx(scores[2]) and scores[1] < 0.2
    assert gram_scores(question, []) == []


def test_pool_evidence_prefers_the_sentence_that_sets_a_candidate_apart() -> None:
    """"sat" is in every candidate, "mat" only in the first: its sentence holds more of the local idf."""
    question = Question.of("Where the cat sat on a mat?", {"cat": 1.0, "sat": 1.0, "mat": 1.0})
    texts = [("A cat sat. It sat on a mat.", [(0, 10), (11, 27)]), ("The cat sat.", [(0, 12)]), ("Dogs sat.", [])]
    found = pool_evidence(question, texts)
    assert [f.grams for f in found][0] == 1.0 and found[2].grams < found[1].grams
    assert found[0].sentence_grams == 1.0 and found[0].local_sentence > found[1].local_sentence
    assert pool_evidence(question, []) == []


def test_rerank_score_counts_the_title_per_unit_of_idf_mass() -> None:
    """Only the title weight set: score = bm25 + mass (3) x 0.3 x the title's BM25 (2)."""
    found = evidence(_question(), "The cat sat.", [(0, 12)])
    weights = RerankWeights(sentence=0, exact=0, pairs=0, prefix=0, answer_type=0, title=0.3)
    assert rerank_score(5.0, found, _question(), weights, title=2.0) == pytest.approx(5.0 + 3 * 0.3 * 2)
