"""Quote attribution and speaker-question generation on a tiny hand-made news folder."""

from __future__ import annotations

from pathlib import Path

from index.evaluation.speaker_questions import extract_quotes, full_name, quote_marks
from index.evaluation.speaker_set import (
    SpeakerQuestion,
    judge,
    load_corpus,
    make_questions,
)
from index.evaluation.systems import Hit

ARTICLE = (
    "Maternity pay to rise\n\n"
    "Trade Secretary Patricia Hewitt announced the plan on Sunday.\n\n"
    'Ms Hewitt said: "We will extend maternity pay to nine months." '
    '"It is a firm commitment," she said.\n\n'
    '"These plans are desperate," said Theresa May.\n\n'
    '"Small firms could be crippled by it," Microsoft said.\n'
)
SPORT = "Cup final tonight\n\nThe coach Arsene Wenger spoke.\n\n\"We are ready for the cup,\" Wenger said.\n"


def _quotes(text: str = ARTICLE):  # noqa: ANN202
    from index.evaluation.baseline import split_blocks

    return extract_quotes("a.txt", text, split_blocks(text)[1:])


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "politics").mkdir()
    (tmp_path / "sport").mkdir()
    (tmp_path / "politics" / "001.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sport" / "001.txt").write_text(SPORT, encoding="utf-8")
    return tmp_path


def test_quote_marks_close_an_unclosed_quote_at_the_next() -> None:
    """An unclosed quote ends before the next opening mark, which continues it."""
    para = '"One two three. "Four five six," he said.'
    assert [(para[s:e], c) for s, e, c in quote_marks(para)] == [("One two three.", False), ("Four five six,", True)]


def test_said_colon_before_the_quote() -> None:
    """``X said: "…"`` credits X, with the full name found elsewhere in the article."""
    first = _quotes()[0]
    assert (first.text, first.written, first.surname, first.full_name) == (
        "We will extend maternity pay to nine months.", "Ms Hewitt", "Hewitt", "Patricia Hewitt")


def test_pronoun_resolves_to_previous_speaker() -> None:
    """``"…," she said`` credits the article's previous named speaker."""
    assert _quotes()[1].written == "Ms Hewitt"


def test_said_after_the_quote() -> None:
    """``"…," said X`` credits X."""
    assert (_quotes()[2].written, _quotes()[2].full_name) == ("Theresa May", "Theresa May")


def test_single_word_without_person_is_not_a_speaker() -> None:
    """``"…," Microsoft said`` is dropped: nobody called Microsoft is named."""
    assert [q.surname for q in _quotes()] == ["Hewitt", "Hewitt", "May"]


def test_quote_offsets_index_the_article_text() -> None:
    """A quote's ``start``/``end`` cut its text out of the article."""
    quote = _quotes()[2]
    assert ARTICLE[quote.start:quote.end] == "These plans are desperate,"


def test_full_name_skips_roles() -> None:
    """A role word before the name is not part of the full name."""
    assert full_name("The coach Arsene Wenger spoke.", "Wenger") == "Arsene Wenger"


def test_make_questions_uses_written_full_and_surname(tmp_path: Path) -> None:
    """One plain question per distinct name form, before the "about" questions."""
    questions = [q.question for q in make_questions(load_corpus(_folder(tmp_path)))]
    assert questions[:6] == [
        "What did Ms Hewitt say?", "What did Patricia Hewitt say?", "What did Hewitt say?",
        "What did Theresa May say?", "What did May say?", "What did Wenger say?",
    ]


def test_about_questions_take_rare_headline_words(tmp_path: Path) -> None:
    """Y is the two rarest headline words, in headline order, with the article as source."""
    about = [q for q in make_questions(load_corpus(_folder(tmp_path))) if q.topic]
    assert about[0] == SpeakerQuestion(
        "What did Ms Hewitt say about maternity pay?", "Ms Hewitt", "Hewitt", False,
        "maternity pay", "politics/001.txt")


def test_judge_accepts_hit_overlapping_quote_by_x(tmp_path: Path) -> None:
    """A hit covering Theresa May's quote is right for "What did May say?"."""
    corpus = load_corpus(_folder(tmp_path))
    quote = corpus.quotes["politics/001.txt"][2]
    hit = Hit("…", "politics/001.txt", quote.start - 1, quote.end + 5, 1.0)
    assert judge(SpeakerQuestion("What did May say?", "May", "May", False), hit, corpus)


def test_judge_rejects_wrong_speaker(tmp_path: Path) -> None:
    """A hit covering only May's quote is wrong for Hewitt."""
    corpus = load_corpus(_folder(tmp_path))
    quote = corpus.quotes["politics/001.txt"][2]
    hit = Hit("…", "politics/001.txt", quote.start, quote.end, 1.0)
    assert not judge(SpeakerQuestion("What did Hewitt say?", "Hewitt", "Hewitt", False), hit, corpus)


def test_judge_rejects_wrong_article_when_topic_given(tmp_path: Path) -> None:
    """With Y given, a quote by X in another article is wrong."""
    corpus = load_corpus(_folder(tmp_path))
    quote = corpus.quotes["sport/001.txt"][0]
    hit = Hit("…", "sport/001.txt", quote.start, quote.end, 1.0)
    asked = SpeakerQuestion("q", "Wenger", "Wenger", False, "maternity", "politics/001.txt")
    assert not judge(asked, hit, corpus)


def test_other_verbs_credit_but_make_no_question(tmp_path: Path) -> None:
    """``"…," X told reporters`` credits X for judging, but questions come from "said" only."""
    text = 'Cup win\n\nCoach Gil Cates spoke.\n\n"We have the machine ready," Gil Cates told reporters.\n'
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(q.written, q.verb) for q in corpus.quotes["a.txt"]] == [("Gil Cates", "told")]
    assert make_questions(corpus) == []


def test_quote_introduced_by_another_speech_verb_is_credited(tmp_path: Path) -> None:
    """``Cook acknowledged: "…"`` is Norman Cook's quote when judging (it used to count as nobody's)."""
    text = ('Big Beach\n\nNorman Cook played on the beach.\n\n'
            'Cook acknowledged: "The crowd was far bigger than we planned for."\n')
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(q.written, q.verb) for q in corpus.quotes["a.txt"]] == [("Cook", "acknowledged")]
    assert make_questions(corpus) == []


def test_month_name_can_be_a_surname() -> None:
    """``May said: "…"`` credits May when the article names Brian May."""
    text = 'Queen tour\n\nGuitarist Brian May spoke.\n\nMay said: "The band will tour again soon."\n'
    assert [(q.written, q.full_name) for q in _quotes(text)] == [("May", "Brian May")]


def test_verb_with_object_before_colon() -> None:
    """``X told BBC Sport: "…"`` credits X."""
    text = 'T\n\nCoach Mark Campese spoke.\n\nBut Campese told BBC Sport: "Robinson is living up to it."\n'
    assert [(q.written, q.full_name, q.verb) for q in _quotes(text)] == [("Campese", "Mark Campese", "told")]


def test_quote_ending_a_report_credits_the_reporter() -> None:
    """``X said the night was "one of the proudest of my career."`` credits X."""
    text = 'T\n\nBoss Rafael Benitez spoke.\n\nBenitez said the win was "one of the proudest nights of my career."\n'
    assert [(q.written, q.text) for q in _quotes(text)] == [("Benitez", "one of the proudest nights of my career.")]


def test_role_words_before_name_after_quote() -> None:
    """``"…," Warner producer Jeff Robinov said`` credits Jeff Robinov."""
    text = 'T\n\nNews.\n\n"We had a wonderful time there," Warner producer Jeff Robinov said.\n'
    assert [q.written for q in _quotes(text)] == ["Jeff Robinov"]


def test_bare_word_used_in_lower_case_is_no_name() -> None:
    """``"…," Little said`` is dropped when the article also writes "little"."""
    text = 'T\n\nJo Little spoke of little things.\n\n"We have done a lot of work," Little said.\n'
    assert _quotes(text) == []


def test_role_between_verb_and_name_credits_the_person_not_the_company() -> None:
    """``"…," said Virgin Blue chief executive Brett Godfrey`` is Brett Godfrey's quote: the judge
    made "What did Virgin Blue say?" of it and held his quote to be the company's."""
    text = ('T\n\nNews.\n\n"We will keep fares low this year," said Virgin Blue chief executive Brett Godfrey.\n\n'
            '"The merits of our case are strong," said chief executive Steven Theede.\n')
    assert [q.written for q in _quotes(text)] == ["Brett Godfrey", "Steven Theede"]
