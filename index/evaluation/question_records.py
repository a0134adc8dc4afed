"""One record per question and system of a SQuAD run (``articlebot eval squad --per-question
FILE``, JSON Lines), so the misses can be read and counted without asking again.

Each record: ``system``, the question's SQuAD ``id``, the ``question`` asked, the ``article``
holding its answer and the ``top_article`` the system quoted first (file names in the run's
folder), the ``bold`` sentence, the ``gold`` answers, the hit flags (``rank`` of the first
passage holding an answer, ``hit1``, ``hit5``, ``bold_hit``, ``article_hit``), its
``confidence``, ``answered`` at the threshold a member gets, and ``ms``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from index.evaluation import metrics
from index.evaluation.squad import SquadQuestion, SquadSet, article_filename
from index.evaluation.systems import Response

Record = dict[str, Any]


def squad_records(system: str, data: SquadSet, questions: Sequence[SquadQuestion], responses: Sequence[Response],
                  threshold: float | None) -> Iterator[Record]:
    """``system``'s record for each question of ``data`` asked (``responses`` in the same order);
    ``answered`` at ``threshold`` (None: whenever it quoted something)."""
    for asked, response in zip(questions, responses):
        rank = metrics.hit_rank([hit.text for hit in response.hits], asked.answers)
        article = article_filename(asked.article, data.articles[asked.article])
        top = response.hits[0].source if response.hits else None
        yield {
            "system": system, "id": asked.qid, "question": asked.question, "article": article,
            "top_article": top, "bold": response.highlight, "gold": list(asked.answers), "rank": rank,
            "hit1": rank == 1, "hit5": rank is not None and rank <= 5,
            "bold_hit": metrics.contains_answer(response.highlight, asked.answers), "article_hit": top == article,
            "confidence": round(response.confidence, 4),
            "answered": bool(response.hits) and (threshold is None or response.confidence >= threshold),
            "ms": round(response.seconds * 1000, 2),
        }
