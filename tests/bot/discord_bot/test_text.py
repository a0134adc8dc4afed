"""bot.discord_bot.text: escaping and shortening text for Discord."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.discord_bot.text import clip, cut_sentences, cut_words, escape, escaped_fit, sentences


def test_escape_defuses_everyone() -> None:
    """@everyone gets a zero-width space after the @."""
    assert escape("hi @everyone") == "hi @\u200beveryone"


def test_escape_defuses_user_mentions() -> None:
    """A raw user mention keeps no working <@id> form."""
    assert escape("<@123456789012345678>") == "\\<@\u200b123456789012345678\\>"


def test_escape_makes_markdown_literal() -> None:
    """Bold, code, spoiler and underline markers get backslashes."""
    assert escape("*a* `b` ||c|| __d__") == "\\*a\\* \\`b\\` \\|\\|c\\|\\| \\_\\_d\\_\\_"


@given(st.text())
def test_escape_leaves_no_mass_mention(text: str) -> None:
    """No escaped text contains a working @everyone or @here."""
    out = escape(text)
    assert ("@everyone" in out, "@here" in out) == (False, False)


def test_sentences_split_after_sentence_ends() -> None:
    """Sentences end at . ! ? and keep their trailing space."""
    assert sentences("One. Two! Three") == ["One. ", "Two! ", "Three"]


def test_sentences_keep_closing_quotes() -> None:
    """A closing quote after the full stop stays with its sentence."""
    assert sentences("He said “no.” Then left.") == ["He said “no.” ", "Then left."]


@given(st.text())
def test_sentences_join_back_to_the_text(text: str) -> None:
    """Joining the pieces gives the text back, character for character."""
    assert "".join(sentences(text)) == text


def test_cut_sentences_keeps_whole_sentences() -> None:
    """Text over the limit keeps its leading whole sentences and ends with "…"."""
    assert cut_sentences("One two. Three four. Five six.", 22) == "One two. Three four. …"


def test_cut_sentences_falls_back_to_words() -> None:
    """When not even one sentence fits, the text is cut at a word."""
    assert cut_sentences("alpha beta gamma delta.", 12) == "alpha beta…"


def test_cut_words_at_a_word_boundary() -> None:
    """cut_words stops at the last space that fits."""
    assert cut_words("alpha beta gamma", 12) == "alpha beta…"


def test_clip_collapses_whitespace() -> None:
    """clip joins lines and runs of spaces before cutting."""
    assert clip("a\n\nb   c", 10) == "a b c"


@given(st.text(), st.integers(min_value=1, max_value=300))
def test_escaped_fit_never_exceeds_the_limit(text: str, limit: int) -> None:
    """The escaped, shortened text always fits."""
    assert len(escaped_fit(text, limit)) <= limit


@given(st.text(), st.integers(min_value=2, max_value=300))
def test_cut_sentences_never_exceeds_the_limit(text: str, limit: int) -> None:
    """cut_sentences always fits its limit."""
    assert len(cut_sentences(text, limit)) <= limit
