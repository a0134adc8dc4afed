"""The BBC question judge: the expected article (or another listed one) first, the answer in bold."""

from __future__ import annotations

from pathlib import Path

from index.evaluation.bbc_questions import read_questions, run_bbc_questions, score
from index.evaluation.runs import RunOptions
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


_STORY = ("A woman from Georgia is suing Hewlett Packard, saying its printer ink cartridges are "
          "programmed to expire on a certain date.\n\nThe lawsuit seeks damages for everyone who "
          "bought an HP printer since 2001.\n")


async def test_a_copy_of_the_story_under_another_title_is_the_right_article(tmp_path: Path) -> None:
    """The archive holds some stories twice with a word of the title changed: a quote of the
    copy's passage (which the expected file holds word for word) is from the right article,
    while a different story is not."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("US woman sues over cartridges\n\n" + _STORY)
    (archive / "b.txt").write_text("US woman sues over ink cartridges\n\n" + _STORY)
    (archive / "c.txt").write_text("Printer sales fall\n\nSales of home printers fell by a tenth last year.\n")
    questions = tmp_path / "questions.tsv"
    questions.write_text("a.txt\tWhich state is the woman suing Hewlett Packard from?\tGeorgia\n"
                         "b.txt\tWhich state is the woman suing Hewlett Packard from?\tGeorgia\n"
                         "c.txt\tWhich state is the woman suing Hewlett Packard from?\tGeorgia\n")
    run = await run_bbc_questions(archive, questions, RunOptions(baseline=False), reply_chars=None)
    assert run.scores[0].right_article == 2 / 3
