"""The rows a reindex's workers encode are the ones ``json`` would write."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from index.store.rows import NewArticle, NewPassage, encode, spans_json


@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), max_size=40))
def test_spans_are_written_as_json_writes_them(spans: list[tuple[int, int]]) -> None:
    assert spans_json(spans) == json.dumps(spans)


def test_an_encoded_passage_holds_json_spans_and_speakers() -> None:
    said = NewPassage(paragraph=1, part=0, start=0, end=20, text="“Oui,” said Zoë Ángel.", sentences=[(0, 20)],
                      speakers=[("Zoë Ángel", 0, True)], tokens=["oui", "said", "zoë", "ángel"], features=b"x")
    quiet = NewPassage(paragraph=2, part=0, start=21, end=30, text="Calm here.", sentences=[(21, 25), (26, 30)],
                       speakers=[], tokens=["calm"], features=None)
    article = NewArticle(path="a.txt", content_hash="h", title="T", dek=None, author=None, date=None, url=None,
                         encoding="utf-8", tokens=["t"], passages=[said, quiet])
    rows = encode(article).passages
    assert [row[5] for row in rows] == [json.dumps(p.sentences) for p in (said, quiet)]
    assert [row[6] for row in rows] == [json.dumps(p.speakers, ensure_ascii=False) for p in (said, quiet)]
