"""Question + ``Searcher`` + ``Store`` -> ``Answer``: quotes, highlights, citations.

The best passages become quotes: the exact passage text, its best sentence as the
highlight, and a citation. "What did X say (about Y)?" prefers passages where X is
quoted. A question whose terms the best passage barely covers is not answered; the
closest article titles are offered instead, never a random passage.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from index.answering.absent_names import checked_names
from index.answering.answer_kinds import AnswerKind
from index.answering.compound_names import only_qualified
from index.answering.confidence import Evidence, answer_confidence
from index.answering.excerpt import excerpt_span, worth_showing
from index.answering.figure_passage import figure_first
from index.answering.hedges import hedge_note
from index.answering.highlighting import Highlighter, typed_bonus
from index.answering.lede import lede_gives_way
from index.answering.question_core import question_cores
from index.answering.question_language import foreign_language, not_english_note
from index.answering.ranking import (
    RankedPassage,
    Reading,
    coverage,
    distinct,
    largest_idf,
    rank,
    ranking_weights,
    speakers_in,
    term_weights,
)
from index.answering.rerank import Question, evidence
from index.answering.respell import respell
from index.answering.scope_mask import ScopeMask
from index.answering.search import Hit, Searcher
from index.answering.speaker_questions import SpeakerQuery, not_quoted_note, speaker_question
from index.answering.stored_terms import terms_of
from index.answering.thesaurus import thesaurus
from index.answering.word_rarity import english_frequencies
from index.config import QUOTES_SHOWN, AnswerParams
from index.errors import EmptyQuestion, QuestionTooLong
from index.models import Answer, Citation, Quote, Span
from index.store.database import Store
from index.store.rows import PassageRow
from index.store.thread_reads import PassageReads
from index.tokenize import tokenize

_POOL = 50  # passages fetched and re-ranked per question
_MAX_QUOTES = 10
# Coverage from which a passage (with its title) holds every question term. On SQuAD the
# model answers all such questions anyway; it is stated for archives too small for the
# re-ranked score to mean much ("Sam Lee balcony" naming an article's author and title).
_WHOLE = 0.999
# Coverage below which no answer is confident: the largest floor that leaves SQuAD's figures
# unchanged (docs/eval.md); a passage matching a few words strongly holds too little of the question.
_FLOOR = 0.25


def check_question(question: str, limit: int) -> str:
    """The question, trimmed; raises ``EmptyQuestion`` / ``QuestionTooLong``."""
    text = " ".join(question.split())
    if not text:
        raise EmptyQuestion("Ask a question: the message was empty.")
    if len(text) > limit:
        raise QuestionTooLong(f"That question is {len(text):,} characters long; please keep it under {limit:,}.")
    return text


def query_terms(question: str) -> tuple[list[str], SpeakerQuery | None]:
    """Search tokens for a question, and the speaker it asks about (if any)."""
    asked = speaker_question(question)
    if asked is None:
        return tokenize(question), None
    return tokenize(asked.name) + tokenize(asked.topic or ""), asked


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    return _relative(path, os.getcwd())


@lru_cache(maxsize=4096)
def _relative(path: str, cwd: str) -> str:
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def citation(row: PassageRow) -> Citation:
    """Where a passage comes from."""
    return Citation(row.title, row.author, row.paragraph, display_path(row.path), row.url, row.date)


def make_quote(row: PassageRow, score: float, highlighter: Highlighter, preferred: list[int]) -> Quote:
    """A quote of ``row`` with its best sentence highlighted."""
    spans = [Span(s, e) for s, e in row.sentences] or [Span(0, len(row.text))]
    chosen = highlighter.best(row.text, spans, preferred, terms_of(row))
    speaker = next((name for name, sentence, _ in row.speakers if sentence in preferred), None)
    return sentence_quote(row, chosen, score=score, speaker=speaker, spans=spans)


def sentence_quote(row: PassageRow, sentence: int, *, score: float = 0.0, speaker: str | None = None,
                   spans: Sequence[Span] | None = None) -> Quote:
    """A quote of ``row`` with its ``sentence``-th sentence (of ``spans``, by default its own) bold."""
    spans = spans or [Span(s, e) for s, e in row.sentences] or [Span(0, len(row.text))]
    bold, shown = spans[sentence], excerpt_span(spans, sentence)
    return Quote(text=row.text, highlight=row.text[bold.start:bold.end], highlight_start=bold.start,
                 highlight_end=bold.end, citation=citation(row), start=row.start, end=row.end, score=score,
                 passage_id=row.id, article_id=row.article_id, speaker=speaker,
                 excerpt_start=shown.start, excerpt_end=shown.end)


async def answer_question(question: str, *, searcher: Searcher, store: Store, params: AnswerParams,
                          top: int = QUOTES_SHOWN, article_id: int | None = None, every: bool = False,
                          mask: ScopeMask | None = None) -> Answer:
    """Answer ``question`` with up to ``top`` quotes worth reading (further ones in
    ``Answer.more``; ``every``: the member asked for ``top``, see ``worth_showing``), from the
    articles ``mask`` lets the asker's scope see (all without one)."""
    typed = check_question(question, params.max_question_chars)
    text, terms, hits, answer = await asyncio.to_thread(_answer, typed, searcher, store.thread_reads, params,
                                                        article_id, mask)
    shown, more = worth_showing(answer.quotes, top, params.further_quotes, every=every)
    answer = replace(answer, question=typed, quotes=shown, more=more, corrected=text if text != typed else "")
    if params.typed_answers:  # a name the archive or the quoted article never mentions
        answer = await checked_names(answer, text, typed, store, searcher)
    if not answer.answered and (language := foreign_language(typed, searcher.known)):
        answer = replace(answer, note=not_english_note(language))
    if answer.answered or article_id is not None:  # asked about one article: no others to offer
        return answer
    suggestions = tuple(await _suggestions(searcher, store, terms, hits, mask))
    return replace(answer, suggestions=suggestions)


def _answer(typed: str, searcher: Searcher, reads: PassageReads, params: AnswerParams, article_id: int | None,
            mask: ScopeMask | None = None) -> tuple[str, list[str], list[Hit], Answer]:
    """Respell, search, read the passages and compose, all in the calling (worker) thread: one
    thread hop per question instead of one per step (see ``index.store.thread_reads``)."""
    text = searched_text(typed, searcher, params)
    terms, asked = query_terms(text)
    if not terms:
        raise EmptyQuestion("That question has no words to search for; name who or what you are asking about.")

    def searched(question: str, terms: list[str], asked: SpeakerQuery | None) -> tuple[list[Hit], Answer]:
        hits = searcher.search(terms, _POOL, article_id=article_id, mask=mask)
        rows = reads.passages_by_ids([h.passage_id for h in hits])
        return hits, _compose(question, terms, asked, hits, rows, searcher, params)

    hits, answer = searched(text, terms, asked)
    if answer.answered:
        return text, terms, hits, answer
    for core in question_cores(text, params.core_from_words, params.core_tries):  # a long question's ending
        core_terms, core_asked = query_terms(core)
        core_hits, core_answer = searched(core, core_terms, core_asked)
        if core_answer.answered:
            return text, core_terms, core_hits, core_answer
    return text, terms, hits, answer


def searched_text(question: str, searcher: Searcher, params: AnswerParams) -> str:
    """``question`` with its typos corrected (``index.answering.respell``): what is searched and
    quoted. A question in another language (``index.answering.question_language``) is searched
    as written: its words are no English typos."""
    if foreign_language(question, searcher.known):
        return question
    respelt = respell(question, searcher, english_frequencies() if params.english_rarity else None)
    return respelt.text if respelt else question


def _compose(text: str, terms: list[str], asked: SpeakerQuery | None, hits: list[Hit],
             rows: dict[int, PassageRow], searcher: Searcher, params: AnswerParams) -> Answer:
    """Re-rank, decide whether the question is answered and build the quotes (CPU only)."""
    idf = term_weights(searcher, terms)
    weights = ranking_weights(idf, text, params)
    topic_weights = _topic_weights(weights, asked)
    asking = Question.of(text, weights, thesaurus() if params.related_words else None)
    reading = Reading(asked, topic_weights, asking, searcher, terms)
    ranked = distinct(rank(hits, rows, reading, params))
    confidence = 0.0
    if ranked:
        confidence = 1.0 if ranked[0].preferred else _confidence(ranked, asking, searcher.size, params)
    if not ranked or confidence < params.answer_threshold:
        return Answer(text, False, confidence=confidence)
    if asked is None and params.typed_answers:
        kind = AnswerKind.of(text)
        ranked = lede_gives_way(ranked, [r.row for r in ranked], kind, params.lede_window, idf)
        ranked = figure_first(ranked, [r.row for r in ranked], kind, params.lede_window, idf, params.figure_first_share)
    highlighter = _highlighting(text, idf, asked, params)
    quotes = [make_quote(r.row, r.score, highlighter, r.preferred) for r in ranked[:_MAX_QUOTES]]
    note = not_quoted_note(asked) if asked and not ranked[0].preferred else hedge_note(quotes[0], highlighter)
    return Answer(text, True, tuple(quotes), confidence=confidence, note=note)


def _confidence(ranked: list[RankedPassage], asking: Question, passages: int, params: AnswerParams) -> float:
    """``index.answering.confidence`` of the best re-ranked passage (its coverage as before
    issue 12 without ``typed_answers``) in an archive of ``passages``.

    The model reads the re-ranked score without ``typed_bonus`` (it was fitted without it),
    and a passage holding less than ``_FLOOR`` of the question is never confident.
    """
    row = ranked[0].row
    covered = coverage(row, dict(asking.weights))
    if not params.typed_answers:
        return covered
    covered -= qualified_share(asking, row)
    if covered >= _WHOLE:  # every word of the question is there (or in the title): answered
        return 1.0
    if covered < _FLOOR:
        return 0.0
    missing = asking.kind is not None and not evidence(asking, row.text, row.sentences, terms_of(row)).answer_type
    score = ranked[0].score - (typed_bonus(row, asking, params.rerank.answer_near) if params.rerank else 0.0)
    elsewhere = len(ranked) > 1 and ranked[1].row.article_id != row.article_id
    seen = Evidence(covered, score / (asking.total or 1.0), missing, elsewhere, asking.total / largest_idf(passages))
    return answer_confidence(seen, params.confidence)


def qualified_share(asking: Question, row: PassageRow) -> float:
    """The share of the question's idf mass in words ``row`` holds only as part of another
    place's name ("Inner Mongolia" for "Mongolia": ``index.answering.compound_names``)."""
    odd = only_qualified(asking.text, f"{row.title}\n{row.text}")
    return sum(asking.weights.get(t, 0.0) for t in odd) / (asking.total or 1.0)


def _highlighting(question: str, idf: dict[str, float], asked: SpeakerQuery | None,
                  params: AnswerParams) -> Highlighter:
    """What chooses each quote's bold sentence (for answers and for answers re-quoted after
    a restart alike).

    They use the archive's own idf: English rarity finds the passage better but the sentence
    worse (SQuAD highlight 0.765 against 0.770). For "what did X say about Y?" the speaker's
    sentences are already preferred: among them, the one about Y rather than the one that
    repeats X's name.
    """
    weights = _topic_weights(idf, asked) or idf
    if asked:
        return Highlighter(weights)
    typed = params.sentence if params.typed_answers else None
    related = thesaurus() if params.related_words and typed else None
    return Highlighter(weights, Question.of(question, idf, related), typed, AnswerKind.of(question))


def _topic_weights(weights: dict[str, float], asked: SpeakerQuery | None) -> dict[str, float]:
    """The weights of the terms of Y in "what did X say about Y?" (empty otherwise)."""
    topic = tokenize(asked.topic) if asked and asked.topic else []
    return {t: weights[t] for t in topic if t in weights}


async def requote(question: str, passage_ids: Sequence[int], *, searcher: Searcher, store: Store,
                  params: AnswerParams) -> tuple[Quote, ...]:
    """Quotes of the given passages for ``question``, highlighted as in its answer.

    For answers given earlier (a button clicked after a restart): passages no longer
    indexed are left out; the scores are not known again and are 0.
    """
    question = await asyncio.to_thread(searched_text, question, searcher, params)
    terms, asked = query_terms(question)
    rows = await store.passages_by_ids(list(passage_ids))
    highlighter = _highlighting(question, term_weights(searcher, terms), asked, params)
    speaking = speakers_in(rows.values(), asked) if asked else {}
    quotes = []
    for passage_id in passage_ids:
        row = rows.get(passage_id)
        if row is not None:
            preferred = speaking[row.id][0] if asked else []
            quotes.append(make_quote(row, 0.0, highlighter, preferred))
    return tuple(quotes)


async def _suggestions(searcher: Searcher, store: Store, terms: list[str], hits: list[Hit],
                       mask: ScopeMask | None = None) -> list[str]:
    """Up to three titles closest to the question (by title match, then by passages).

    None when no word of the question is in any article: titles picked at random would
    read as "close" when they are not.
    """
    ids = [a for a, _ in sorted(searcher.article_scores(terms, mask=mask).items(), key=lambda kv: -kv[1])]
    ids += [h.article_id for h in hits]
    ordered = list(dict.fromkeys(ids))[:3]
    if not ordered:
        return []
    titles = await store.article_titles(searcher.generation, ordered)
    return [titles[i] for i in ordered if i in titles]
