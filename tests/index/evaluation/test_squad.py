"""SQuAD loading, article files and sampling on a tiny hand-made SQuAD file."""

from __future__ import annotations

from pathlib import Path

from index.evaluation import squad
from index.evaluation.scores import sample

TINY = {
    "version": "1.1",
    "data": [
        {
            "title": "Super_Bowl_50",
            "paragraphs": [
                {
                    "context": "The Broncos won.\nThey beat the Panthers.",
                    "qas": [
                        {"id": "q1", "question": " Who won? ",
                         "answers": [{"text": "Broncos", "answer_start": 4},
                                     {"text": "Broncos", "answer_start": 4},
                                     {"text": "The Broncos", "answer_start": 0}]},
                    ],
                },
                {"context": "It was in Santa Clara.", "qas": [
                    {"id": "q2", "question": "Where?", "answers": [{"text": "Santa Clara", "answer_start": 10}]}]},
            ],
        },
        {"title": "Oxygen", "paragraphs": [{"context": "O is element 8.", "qas": []}]},
    ],
}


def test_parse_squad_keeps_articles_and_questions_in_order() -> None:
    """Titles lose underscores; questions are stripped with deduplicated golds."""
    data = squad.parse_squad(TINY)
    assert [a.title for a in data.articles] == ["Super Bowl 50", "Oxygen"]
    assert data.questions[0] == squad.SquadQuestion("q1", "Who won?", ("Broncos", "The Broncos"), 0, 0)
    assert (data.questions[1].article, data.questions[1].paragraph) == (0, 1)


def test_paragraph_newlines_become_spaces() -> None:
    """A newline inside a context cannot split the paragraph in the article file."""
    assert squad.parse_squad(TINY).articles[0].paragraphs[0] == "The Broncos won. They beat the Panthers."


def test_article_text_is_the_seed_shape() -> None:
    """Title line, blank line, paragraphs separated by blank lines."""
    text = squad.article_text(squad.parse_squad(TINY).articles[0])
    assert text == "Super Bowl 50\n\nThe Broncos won. They beat the Panthers.\n\nIt was in Santa Clara.\n"


def test_write_articles_only_writes_chosen(tmp_path: Path) -> None:
    """``only`` limits the files written to the chosen article indexes."""
    written = squad.write_articles(squad.parse_squad(TINY), tmp_path, only=frozenset({1}))
    assert [p.name for p in written] == ["001_oxygen.txt"]


def test_split_halves_indexes_even_articles() -> None:
    """Articles 0, 2, 4 are indexed; 1, 3 are left out."""
    assert squad.split_halves(5) == (frozenset({0, 2, 4}), frozenset({1, 3}))


def test_sample_spreads_evenly() -> None:
    """3 of 9 items are items 0, 3 and 6."""
    assert sample(list(range(9)), 3) == [0, 3, 6]


def test_sample_without_limit_keeps_all() -> None:
    """No limit (or a limit past the end) keeps every item."""
    assert sample([1, 2], None) == sample([1, 2], 5) == [1, 2]
