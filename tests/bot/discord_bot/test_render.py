"""bot.discord_bot.render: quotes, citations and messages stay escaped and within Discord's limits."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord_bot import render
from bot.discord_bot.text import EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX
from index.models import Answer, BadFile, Citation, ContextParagraph, Quote, ReindexReport, SourceInfo

TITLE = "US Not Concerned About Ukrainian Attacks in Russia Escalating the War"
CITATION = Citation(TITLE, "Dave DeCamp", 3, "seeds/000.txt")


def make_quote(parts: list[str], highlight: int, citation: Citation = CITATION) -> Quote:
    """A quote whose text is ``parts`` joined, highlighting ``parts[highlight]``."""
    start = sum(len(p) for p in parts[:highlight])
    end = start + len(parts[highlight])
    text = "".join(parts)
    return Quote(text, text[start:end], start, end, citation, 0, len(text), 1.0, 7, 1)


sentence = st.text(min_size=1, max_size=400).map(lambda s: s.replace("\n", " ") + ". ")
quotes = st.lists(sentence, min_size=1, max_size=40).flatmap(
    lambda parts: st.integers(0, len(parts) - 1).map(lambda i: make_quote(parts, i)))
citations = st.builds(Citation, st.text(max_size=500), st.none() | st.text(max_size=300),
                      st.integers(1, 10_000), st.text(max_size=50),
                      st.none() | st.just("https://example.com/a") | st.text(max_size=600))


def test_kirby_quote_bold_highlight_and_citation() -> None:
    """The highlighted sentence is bold and the citation line names title, author and ¶N."""
    quote = make_quote(["“It’s not like we’re going to go out and investigate this,” Kirby said. ",
                        "According to the Times, officials seem calm."], 0)
    assert render.quote_embed(quote).description == (
        "**“It’s not like we’re going to go out and investigate this,” Kirby said.** "
        "According to the Times, officials seem calm.\n\n"
        f"— {TITLE}, Dave DeCamp, ¶3")


def test_long_quote_is_cut_at_sentences_around_the_highlight() -> None:
    """A long quote keeps whole sentences around the highlight with "…" on both sides."""
    parts = [f"Sentence number {n} is here. " for n in range(40)]
    out = render.quote_markdown(make_quote(parts, 20), limit=120)
    assert out == ("… Sentence number 19 is here. **Sentence number 20 is here.** "
                   "Sentence number 21 is here. Sentence number 22 is here. …")


def test_too_long_highlight_is_cut_at_a_word() -> None:
    """A highlight longer than the budget is itself cut with "…" inside the bold."""
    out = render.quote_markdown(make_quote(["word " * 100], 0), limit=40)
    assert out == "**word word word word word word…**"


def test_citation_links_http_urls() -> None:
    """An http(s) url is appended to the citation line."""
    citation = Citation("T", None, 2, "s", "https://example.com/x")
    assert render.citation_line(citation) == "— T, ¶2 · https://example.com/x"


def test_citation_drops_non_http_urls() -> None:
    """A url that is not http(s) is left out."""
    assert render.citation_line(Citation("T", "A", 2, "s", "javascript:alert(1)")) == "— T, A, ¶2"


@settings(max_examples=150)
@given(quotes)
def test_quote_embed_fits_the_description_limit(quote: Quote) -> None:
    """Any quote renders within 4096 characters."""
    assert len(render.quote_embed(quote).description or "") <= EMBED_DESCRIPTION_MAX


@settings(max_examples=100)
@given(st.lists(quotes, min_size=1, max_size=10), st.integers(1, 10))
def test_quote_embeds_fit_one_message(chosen: list[Quote], per_message: int) -> None:
    """Up to ten quotes never exceed 6000 characters or the per-message embed count."""
    embeds = render.quote_embeds(chosen, per_message)
    assert (sum(len(e) for e in embeds) <= EMBEDS_TOTAL_MAX, len(embeds)) == (True, min(len(chosen), per_message))


@settings(max_examples=150)
@given(quotes, citations)
def test_every_quote_keeps_its_paragraph(quote: Quote, citation: Citation) -> None:
    """However long, the rendered quote ends with its ¶N (or the url after it)."""
    quote = make_quote([quote.text], 0, citation)
    description = render.quote_embed(quote).description or ""
    assert re.search(rf"¶{citation.paragraph}( · \S+)?$", description) is not None


@settings(max_examples=150)
@given(quotes)
def test_quotes_carry_no_working_mentions(quote: Quote) -> None:
    """No rendered quote contains @everyone, @here or a raw <@id> mention."""
    description = render.quote_embed(quote).description or ""
    assert re.search(r"@everyone|@here|<@[!&]?\d+>", description) is None


def test_not_found_names_the_closest_titles() -> None:
    """A "not found" lists the suggested titles, escaped."""
    answer = Answer("cake?", False, (), ("Cakes *and* pies", "Bread"))
    assert render.not_found_text(answer) == (
        "I couldn't find an answer to “cake?” in the articles.\nThe closest articles I have:\n"
        "• Cakes \\*and\\* pies\n• Bread\n"
        "Try naming one of them, or use `/sources` to see everything I know about.")


def test_not_found_without_suggestions() -> None:
    """Without suggestions, the "not found" points at /sources."""
    assert render.not_found_text(Answer("x", False)) == (
        "I couldn't find an answer to “x” in the articles.\n"
        "Try other words, or use `/sources` to see what I know about.")


def test_not_found_echoes_a_long_question_short_and_on_one_line() -> None:
    """A 900-character, several-line question is repeated as one line cut at a word with "…"."""
    question = "I was reading one of the business articles\n\nabout the price of oil " * 14
    first = render.not_found_text(Answer(question, False)).splitlines()[0]
    assert first.startswith("I couldn't find an answer to “I was reading one of the business articles about")
    assert first.endswith("…” in the articles.")
    assert len(first) <= render.ECHO_CHARS + len("I couldn't find an answer to “” in the articles.")


def test_reindex_report_counts() -> None:
    """The report's first line gives added/updated/removed/bad counts."""
    report = ReindexReport(added=2, updated=1, removed=3, bad=(BadFile("x.txt", "not text"),), articles=4,
                           passages=9, seconds=1.25)
    assert render.reindex_report_text(report).splitlines() == [
        "Reindex done: 2 added, 1 updated, 3 removed, 1 bad, 0 duplicates.",
        "The index now holds 4 articles (9 passages); took 1.2 s.",
        "• x.txt: not text",
    ]


def test_reindex_report_counts_duplicates_in_one_line_after_the_bad_files() -> None:
    """98 duplicates: counted on the first line and in one line naming three, relative to the
    article folder; the bad file keeps its own line."""
    root = Path("/work/shared/data")
    duplicates = tuple(BadFile(f"{root}/bbc-news/business/{n}.txt", "same text as x.txt; indexed once")
                       for n in range(98))
    report = ReindexReport(bad=(BadFile("/elsewhere/x.pdf", "not text"),), duplicates=duplicates, articles=4)
    lines = render.reindex_report_text(report, [root]).splitlines()
    assert (lines[0], lines[2:]) == ("Reindex done: 0 added, 0 updated, 0 removed, 1 bad, 98 duplicates.", [
        "• /elsewhere/x.pdf: not text",
        "Duplicates: 98 files repeat another file's text (indexed once): bbc\\-news/business/0.txt, "
        "bbc\\-news/business/1.txt, bbc\\-news/business/2.txt and 95 more; the log lists each.",
    ])


def test_reindex_report_with_one_duplicate_names_it() -> None:
    """One duplicate outside every folder: named with its path, singular words."""
    report = ReindexReport(duplicates=(BadFile("/tmp/copy.txt", "same text as a.txt; indexed once"),), articles=1)
    lines = render.reindex_report_text(report).splitlines()
    assert (lines[0], lines[2:]) == ("Reindex done: 0 added, 0 updated, 0 removed, 0 bad, 1 duplicate.", [
        "Duplicates: 1 file repeats another file's text (indexed once): /tmp/copy.txt; the log lists each."])


def test_reindex_report_with_many_long_bad_files_fits_a_message() -> None:
    """Hundreds of bad files with long reasons still fit 2000 characters."""
    bad = tuple(BadFile("p" * 500, "r" * 500) for _ in range(300))
    assert len(render.reindex_report_text(ReindexReport(bad=bad, articles=1))) <= 2000


def test_reindex_report_with_many_bad_files_and_duplicates_keeps_the_duplicates_line() -> None:
    """Bad files fill the message up to the limit, but the counted duplicates line stays."""
    bad = tuple(BadFile("p" * 500, "r" * 500) for _ in range(300))
    duplicates = tuple(BadFile("d" * 500, "same") for _ in range(300))
    text = render.reindex_report_text(ReindexReport(bad=bad, duplicates=duplicates, articles=1))
    assert (len(text) <= 2000, text.splitlines()[-1].startswith("Duplicates: 300 files repeat")) == (True, True)


def test_context_bolds_the_quoted_paragraph() -> None:
    """Context lists ¶N for each paragraph and bolds the quoted one."""
    embed = render.context_embed([ContextParagraph(2, "Before.", False), ContextParagraph(3, "Quoted.", True)])
    assert embed.description == "**¶2** Before.\n\n**¶3** **Quoted.**"


def test_context_of_huge_paragraphs_fits() -> None:
    """Three 5000-character paragraphs are cut to fit one embed."""
    paragraphs = [ContextParagraph(n, "Long sentence here. " * 250, n == 2) for n in (1, 2, 3)]
    assert len(render.context_embed(paragraphs).description or "") <= EMBED_DESCRIPTION_MAX


def test_sources_page_is_clamped() -> None:
    """Asking for a page past the end shows the last page."""
    sources = [SourceInfo(n, f"Title {n}", None, "s", None, 1) for n in range(12)]
    assert render.sources_embed(sources, 9).footer.text == "Page 2/2"


def test_cooldown_text_rounds_up_to_a_second() -> None:
    """Sub-second waits still say 1 s."""
    assert render.cooldown_text(0.2) == "You're asking quickly! Please try again in 1 s."
