"""Saying in an answer that part of a partitioned archive did not answer (``index.bm25.xapian_engine``)."""

from __future__ import annotations

from dataclasses import replace

from index.answering.search import Searcher
from index.models import Answer


def with_availability(answer: Answer, searcher: Searcher) -> Answer:
    """``answer``, saying first when search partitions did not answer (it comes from the rest)."""
    missing = searcher.unavailable
    if not missing:
        return answer
    total = len(searcher.params.partitions)
    rest = "the rest" if missing < total else "article titles only"
    said = f"Part of the archive is unavailable right now ({missing} of {total} search partitions did not answer)"
    if answer.answered:
        note = f"{said}, so this answer comes from {rest}."
    else:
        note = f"{said}, and {rest} held no answer; please ask again later."
    return replace(answer, note=" ".join(filter(None, (note, answer.note))))
