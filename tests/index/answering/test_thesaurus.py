"""Related words: the shipped thesaurus, and questions worded unlike the passage that answers."""

from __future__ import annotations

from pathlib import Path

from index.answering.answer import answer_question
from index.answering.rerank import Question, evidence
from index.answering.thesaurus import read_thesaurus, thesaurus
from index.config import AnswerParams
from index.engine import Engine
from index.tokenize import stem
from tests.conftest import make_config

HARBOUR = """The harbour of Eastport

Ships in the harbour carry timber and wool, and the harbour master keeps the harbour records \
in the old customs house by the harbour wall.

Since 1850 a board of merchants has regulated the harbour, setting its dues and opening hours.

Fishing boats leave the harbour before dawn and come back in the afternoon.
"""


def test_read_thesaurus_pools_words_by_stem_without_stopwords_or_themselves() -> None:
    table = read_thesaurus([
        "# a comment\n",
        "govern\tregulate rule\n",
        "governing\tgovern control\n",
        "the\tthat\n",
        "teacher\tinstructor the\n",
        "\n",
    ])
    assert table[stem("govern")] == tuple(sorted({stem("regulate"), stem("rule"), stem("control")}))
    assert table[stem("teacher")] == (stem("instructor"),)
    assert "the" not in table and stem("the") not in table


def test_shipped_thesaurus_relates_common_paraphrases() -> None:
    table = thesaurus()
    assert stem("instructor") in table[stem("teacher")]
    assert stem("regulate") in table[stem("govern")]
    assert stem("government") in table[stem("govern")] or stem("governor") in table[stem("govern")]
    assert len(table) > 20_000


def test_evidence_counts_a_related_word_only_where_the_term_is_missing() -> None:
    question = Question.of("Who governs the harbour?", {"govern": 4.0, "harbour": 2.0}, thesaurus())
    text = "A board of merchants regulates the harbour."
    found = evidence(question, text, [(0, len(text))])
    assert found.synonyms == 4.0 / 6.0
    assert found.sentence_synonyms == 4.0 / 6.0
    plain = Question.of("Who governs the harbour?", {"govern": 4.0, "harbour": 2.0})
    assert evidence(plain, text, [(0, len(text))]).synonyms == 0.0
    said = "The council governs and regulates the harbour."
    assert evidence(question, said, [(0, len(said))]).synonyms == 0.0


async def _top_paragraph(engine: Engine, question: str, related_words: bool) -> int:
    params = AnswerParams(answer_threshold=0.0, related_words=related_words)
    answer = await answer_question(question, searcher=await engine.searcher(), store=engine.store,
                                   params=params, top=3)
    return answer.quotes[0].citation.paragraph


async def test_related_words_lift_the_passage_worded_differently(tmp_path: Path, library: Path) -> None:
    """"governs" is not in the article; "regulated" is, in the paragraph that answers."""
    (library / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    async with await Engine.open(make_config(tmp_path, library)) as engine:
        await engine.reindex()
        question = "Who governs the harbour?"
        assert await _top_paragraph(engine, question, related_words=False) != 2
        assert await _top_paragraph(engine, question, related_words=True) == 2
