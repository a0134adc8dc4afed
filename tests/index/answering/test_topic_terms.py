"""Question terms naming an article's topic count less when ranking that article's passages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from index.answering.answer import answer_question
from index.answering.rerank import Question
from index.answering.search import Searcher
from index.config import AnswerParams, RerankWeights, SearchParams
from index.engine import Engine
from index.store.rows import IndexRows
from tests.conftest import make_config

LIGHTHOUSE = """Lighthouse keepers of the northern coast

The lighthouse keepers of the northern coast kept the lamps burning through the long winter \
nights, and the keepers of the northern coast lighthouses were known along the whole coast.

Wages came partly in kind: the keepers were paid in coal and salt, with a small sum of money \
at midsummer.

Storms often cut the coast road for weeks, and supply boats were the only link between the \
lighthouses and the towns.

Most keepers served ten years; a few northern lighthouse families kept the same light for \
three generations.

The last keeper left the northern coast in 1962, when the lamps were automated.
"""

DOCS = [["keeper", "coast", "keeper"], ["coast", "road"], ["keeper", "paid", "coal", "salt", "money"], []]


@pytest.mark.parametrize("engine_name", ["fast", "rank-bm25"])
def test_term_scores_add_up_to_the_passage_score(engine_name: str) -> None:
    """Per-term parts computed from a passage's tokens sum to the index's BM25 score."""
    params = SearchParams(bm25=engine_name)
    searcher = Searcher.build(1, IndexRows([1, 2, 3, 4], [1, 1, 2, 2], [" ".join(d) for d in DOCS], [1, 2], ["a", "b"]),
                              params)
    query = ["keeper", "coast", "keeper", "unknown"]
    expected = searcher.passages.get_scores(query)
    for position, tokens in enumerate(DOCS):
        parts = searcher.term_scores(Counter(tokens), len(tokens), query)
        assert sum(parts[t] for t in query) == pytest.approx(expected[position], abs=1e-9)
        assert parts["unknown"] == 0.0


def test_within_discounts_topic_terms_but_keeps_the_idf_mass() -> None:
    """Inside an article about keepers, "keeper" weighs half; shares keep their denominator."""
    question = Question.of("How were the keepers paid?", {"keeper": 2.0, "paid": 3.0})
    inside = question.within(frozenset({"keeper", "lighthous"}), 0.5)
    assert dict(inside.weights) == {"keeper": 1.0, "paid": 3.0}
    assert inside.total == question.total == 5.0
    assert question.within(frozenset({"coast"}), 0.5) is question


async def _paragraphs(engine: Engine, question: str, keep: float) -> list[int]:
    params = AnswerParams(answer_threshold=0.0, rerank=RerankWeights(topic_terms=keep))
    answer = await answer_question(question, searcher=await engine.searcher(), store=engine.store,
                                   params=params, top=10)
    return [q.citation.paragraph for q in (*answer.quotes, *answer.more) if "Lighthouse" in q.citation.title]


async def test_topic_discount_lifts_the_passage_that_answers(tmp_path: Path, library: Path) -> None:
    """Every paragraph of the article is about lighthouse keepers; the one about pay rises."""
    (library / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, library)) as engine:
        await engine.reindex()
        question = "What were the keepers at the northern coast lighthouse paid with?"
        flat = await _paragraphs(engine, question, 1.0)
        discounted = await _paragraphs(engine, question, RerankWeights().topic_terms)
    assert discounted.index(2) < flat.index(2)
