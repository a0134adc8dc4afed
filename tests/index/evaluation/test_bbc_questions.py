"""The BBC question judge: the expected article (or another listed one) first, the answer in bold."""

from __future__ import annotations

from pathlib import Path

from index.evaluation.bbc_questions import read_questions, score
from index.models import Answer, Citation, Quote


def quote(source: str, highlight: str) -> Quote:
    text = f"{highlight} More words follow."
    return Quote(text=text, highlight=highlight, highlight_start=0, highlight_end=len(highlight),
                 citation=Citation(f"title of {source}", None, 1, f"/archive/{source}", None, None),
                 start=0, end=len(text), score=1.0, passage_id=1, article_id=1)


def test_another_listed_article_stating_the_answer_counts(tmp_path: Path) -> None:
    """"a.txt|b.txt": a bold answer from b.txt is right; the same from c.txt is not."""
    tsv = tmp_path / "q.tsv"
    tsv.write_text("# comment\nsport/a.txt|sport/b.txt\tWho won?\tTorres\n", encoding="utf-8")
    questions = read_questions(tsv)
    assert questions[0].files == ("sport/a.txt", "sport/b.txt")
    answers = [Answer("Who won?", True, (quote(source, "Torres scored twice."),)) for source in
               ("sport/a.txt", "sport/b.txt", "sport/c.txt")]
    figures = [score("articlebot", questions, [a], [0.01], None, {}) for a in answers]
    assert [(f.right_article, f.bold_answer) for f in figures] == [(1.0, 1.0), (1.0, 1.0), (0.0, 0.0)]
