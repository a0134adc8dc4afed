"""Question + ``Searcher`` + ``Store`` -> ``Answer``: quotes, highlights, citations.

The best passages become quotes: the exact passage text, its best sentence as the
highlight, and a citation. "What did X say (about Y)?" prefers passages where X is
quoted. A question whose terms the best passage barely covers is not answered; the
closest article titles are offered instead, never a random passage.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from index.answering.highlight import best_sentence
from index.answering.rerank import (
    PoolEvidence,
    Question,
    RerankWeights,
    evidence,
    pool_evidence,
    rerank_score,
    term_counts,
)
from index.answering.search import Hit, Searcher
from index.answering.thesaurus import thesaurus
from index.answering.word_rarity import english_frequencies, weigh_by_rarity
from index.errors import EmptyQuestion, QuestionTooLong
from index.ingest.speakers import SpeakerQuery, same_person, speaker_question
from index.models import Answer, Citation, Quote, Span
from index.store.database import PassageRow, Store
from index.tokenize import tokenize

_POOL = 50  # passages fetched and re-ranked per question
Ranked = tuple[Hit, PassageRow, float, list[int]]  # a hit, its passage, its score, preferred sentences
_MAX_QUOTES = 10


@dataclass(frozen=True, slots=True)
class AnswerParams:
    """How questions are read and when they count as answered."""

    max_question_chars: int = 1000
    answer_threshold: float = 0.45
    speaker_bonus: float = 1.0
    direct_quote: float = 2.0  # x speaker_bonus when the asked speaker is quoted directly
    reported: float = 0.25  # x speaker_bonus when the speaker is only reported ("X said that")
    topic_bonus: float = 1.0  # x the topic's coverage, for "what did X say about Y?"
    rerank: RerankWeights | None = RerankWeights()
    rerank_pool: int = 30
    related_words: bool = True  # re-ranking counts words the thesaurus relates to the question's
    english_rarity: bool = True  # question terms weigh by their rarity in English too (word_rarity)


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
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def citation(row: PassageRow) -> Citation:
    """Where a passage comes from."""
    return Citation(row.title, row.author, row.paragraph, display_path(row.path), row.url, row.date)


def term_weights(searcher: Searcher, terms: Sequence[str]) -> dict[str, float]:
    """idf of each distinct question term; unseen terms weigh as the rarest possible."""
    rare = math.log(max(searcher.size, 1) + 0.5) - math.log(0.5)
    weights = {}
    for term in dict.fromkeys(terms):
        idf = searcher.idf(term)
        title_idf = searcher.title_idf(term)
        weights[term] = max(idf if idf is not None else (rare if title_idf is None else 0.0), 0.0)
        if idf is None and title_idf is not None:
            weights[term] = max(title_idf, 0.0)
    return weights


def ranking_weights(weights: dict[str, float], question: str, params: AnswerParams) -> dict[str, float]:
    """The weight of each question term when ranking passages and deciding whether the
    question is answered: its idf here (``weights``) times its rarity in English
    (``index.answering.word_rarity``), unless ``params`` turn that off."""
    if not params.english_rarity:
        return weights
    return weigh_by_rarity(weights, question, english_frequencies())


def coverage(row: PassageRow, weights: dict[str, float]) -> float:
    """Share of the question's idf mass found in the passage or its title/author."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    in_text = term_counts(row.text)[0]  # cached: the re-ranking counted the same terms
    in_byline = set(tokenize(f"{row.title} {row.author or ''}"))
    return sum(w for t, w in weights.items() if t in in_text or t in in_byline) / total


def speaker_sentences(row: PassageRow, asked: SpeakerQuery, typo: bool = False) -> tuple[list[int], bool]:
    """Sentences of ``row`` where the asked speaker talks, and whether they are direct quotes.

    When the speaker is quoted directly, only those sentences count: the words they said,
    not the narration around them ("X believes…", "X told the BBC that…"). ``typo`` lets the
    surname be one edit off (see ``same_person``).
    """
    matches = [(sentence, direct) for name, sentence, direct in row.speakers
               if same_person(asked.name, name, typo=typo)]
    direct = [s for s, d in matches if d]
    return direct or [s for s, _ in matches], bool(direct)


def speakers_in(rows: Iterable[PassageRow], asked: SpeakerQuery) -> dict[int, tuple[list[int], bool]]:
    """``speaker_sentences`` of each row, by passage id. A misspelt name ("Negropont") is read
    one edit off only when no row quotes it as written."""
    rows = list(rows)
    found = {row.id: speaker_sentences(row, asked) for row in rows}
    if any(preferred for preferred, _ in found.values()):
        return found
    return {row.id: speaker_sentences(row, asked, typo=True) for row in rows}


def article_topic(row: PassageRow) -> frozenset[str]:
    """The search terms of a passage's article's title, dek and author."""
    return frozenset(tokenize(" ".join(part for part in (row.title, row.dek, row.author) if part)))


def topic_score(searcher: Searcher, terms: Sequence[str], row: PassageRow, topic: frozenset[str]) -> float:
    """The part of ``row``'s BM25 score that its article's topic terms among ``terms`` make."""
    asked = [t for t in terms if t in topic]
    if not asked:
        return 0.0
    counts, length = term_counts(row.text)
    parts = searcher.term_scores(counts, length, asked)
    return sum(parts[t] for t in asked)


def rank(hits: list[Hit], rows: dict[int, PassageRow], asked: SpeakerQuery | None,
         params: AnswerParams, topic_weights: dict[str, float] | None = None,
         question: Question | None = None, searcher: Searcher | None = None,
         terms: Sequence[str] = ()) -> list[Ranked]:
    """Hits re-scored for the question, best first, with preferred sentences.

    The best ``params.rerank_pool`` hits are re-ranked by the lexical evidence of
    ``index.answering.rerank`` (with ``searcher`` and the query ``terms``, question terms naming the
    article's topic count less in its passages' BM25 and evidence); "what did X say
    (about Y)?" then prefers passages quoting X (and, among them, those about Y), in
    proportion to the best score.
    """
    weights = params.rerank
    pool: dict[int, PoolEvidence] = {}
    if question is not None and weights is not None:
        ids = [h.passage_id for h in hits[:params.rerank_pool] if h.passage_id in rows]
        pool = dict(zip(ids, pool_evidence(question, [(rows[p].text, rows[p].sentences) for p in ids])))
    topics: dict[int, frozenset[str]] = {}
    scored = []
    for hit in hits:
        row = rows.get(hit.passage_id)
        if row is None:
            continue  # removed by a reindex that committed meanwhile
        score = hit.score
        if question is not None and weights is not None and hit.passage_id in pool:
            within, bm25 = question, hit.score
            if searcher is not None and weights.topic_terms != 1.0:
                topic = topics.setdefault(row.article_id, article_topic(row))
                within = question.within(topic, weights.topic_terms)
                bm25 -= (1 - weights.topic_terms) * topic_score(searcher, terms, row, topic)
            found = evidence(within, row.text, row.sentences)
            score = rerank_score(bm25, found, within, weights, pool[hit.passage_id], hit.article_score)
        scored.append((hit, row, score))
    top = max((score for _, _, score in scored), default=0.0)
    speaking = speakers_in((row for _, row, _ in scored), asked) if asked is not None else {}
    ranked = []
    for hit, row, score in scored:
        preferred: list[int] = []
        if asked is not None:
            preferred, direct = speaking[row.id]
            if preferred:
                share = params.direct_quote if direct else params.reported
                score += params.speaker_bonus * max(top, 1.0) * share
            if topic_weights:  # "about Y": among X's quotes, the one about Y
                score += params.topic_bonus * max(top, 1.0) * coverage(row, topic_weights)
        ranked.append((hit, row, score, preferred))
    ranked.sort(key=lambda item: (-item[2], item[0].passage_id))
    return ranked


def make_quote(row: PassageRow, score: float, weights: dict[str, float], preferred: list[int],
               question: Question | None = None) -> Quote:
    """A quote of ``row`` with its best sentence highlighted."""
    spans = [Span(s, e) for s, e in row.sentences] or [Span(0, len(row.text))]
    best = spans[best_sentence(row.text, spans, weights, preferred, question)]
    speaker = next((name for name, sentence, _ in row.speakers if sentence in preferred), None)
    return Quote(
        text=row.text,
        highlight=row.text[best.start:best.end],
        highlight_start=best.start,
        highlight_end=best.end,
        citation=citation(row),
        start=row.start,
        end=row.end,
        score=score,
        passage_id=row.id,
        article_id=row.article_id,
        speaker=speaker,
    )


async def answer_question(question: str, *, searcher: Searcher, store: Store, params: AnswerParams,
                          top: int = 3, article_id: int | None = None) -> Answer:
    """Answer ``question`` with up to ``top`` quotes (further ones in ``Answer.more``)."""
    text = check_question(question, params.max_question_chars)
    terms, asked = query_terms(text)
    if not terms:
        raise EmptyQuestion("That question has no words to search for; name who or what you are asking about.")
    terms, hits = await asyncio.to_thread(_search, searcher, terms, article_id)
    rows = await store.passages_by_ids([h.passage_id for h in hits])
    answer = await asyncio.to_thread(_compose, text, terms, asked, hits, rows, searcher, params, top)
    if answer.answered or article_id is not None:  # asked about one article: no others to offer
        return answer
    suggestions = tuple(await _suggestions(searcher, store, terms, hits))
    return replace(answer, suggestions=suggestions)


def _search(searcher: Searcher, terms: list[str], article_id: int | None) -> tuple[list[str], list[Hit]]:
    """The query terms with typos corrected (see ``index.answering.spelling``), and their hits."""
    terms = searcher.corrected(terms)
    return terms, searcher.search(terms, _POOL, article_id=article_id)


def _compose(text: str, terms: list[str], asked: SpeakerQuery | None, hits: list[Hit],
             rows: dict[int, PassageRow], searcher: Searcher, params: AnswerParams, top: int) -> Answer:
    """Re-rank, decide whether the question is answered and build the quotes (CPU only)."""
    idf = term_weights(searcher, terms)
    weights = ranking_weights(idf, text, params)
    topic_weights = _topic_weights(weights, asked)
    asking = Question.of(text, weights, thesaurus() if params.related_words else None)
    ranked = distinct(rank(hits, rows, asked, params, topic_weights, asking, searcher, terms))
    confidence = 0.0
    if ranked:
        confidence = 1.0 if ranked[0][3] else coverage(ranked[0][1], weights)
    if not ranked or confidence < params.answer_threshold:
        return Answer(text, False, confidence=confidence)
    highlight, reading = _highlighting(text, idf, asked)
    quotes = [make_quote(row, score, highlight, preferred, reading)
              for _, row, score, preferred in ranked[:_MAX_QUOTES]]
    note = not_quoted_note(asked) if asked and not ranked[0][3] else ""
    return Answer(text, True, tuple(quotes[:top]), more=tuple(quotes[top:]), confidence=confidence, note=note)


def distinct(ranked: list[Ranked]) -> list[Ranked]:
    """``ranked`` without passages repeating a better one's text word for word.

    Archives hold reposted and lightly edited copies of a story: the same paragraph twice
    in a reply says nothing new, and pushes a different passage out of view.
    """
    seen: set[str] = set()
    kept = []
    for item in ranked:
        key = " ".join(item[1].text.split()).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def not_quoted_note(asked: SpeakerQuery) -> str:
    """What to say when "what did X say (about Y)?" finds passages but none quoting X."""
    about = f" about {asked.topic}" if asked.topic else ""
    return f"I found no quote by {asked.name}{about} in the articles; these are the closest passages."


def _highlighting(question: str, idf: dict[str, float], asked: SpeakerQuery | None
                  ) -> tuple[dict[str, float], Question | None]:
    """The weights and the question reading that choose each quote's bold sentence (for
    answers and for answers re-quoted after a restart alike).

    They use the archive's own idf: English rarity finds the passage better but the sentence
    worse (SQuAD highlight 0.765 against 0.770). For "what did X say about Y?" the speaker's
    sentences are already preferred: among them, the one about Y rather than the one that
    repeats X's name.
    """
    return _topic_weights(idf, asked) or idf, None if asked else Question.of(question, idf)


def _topic_weights(weights: dict[str, float], asked: SpeakerQuery | None) -> dict[str, float]:
    """The weights of the terms of Y in "what did X say about Y?" (empty otherwise)."""
    topic = tokenize(asked.topic) if asked and asked.topic else []
    return {t: weights[t] for t in topic if t in weights}


async def requote(question: str, passage_ids: Sequence[int], *, searcher: Searcher, store: Store) -> tuple[Quote, ...]:
    """Quotes of the given passages for ``question``, highlighted as in its answer.

    For answers given earlier (a button clicked after a restart): passages no longer
    indexed are left out; the scores are not known again and are 0.
    """
    terms, asked = query_terms(question)
    terms = await asyncio.to_thread(searcher.corrected, terms)
    rows = await store.passages_by_ids(list(passage_ids))
    highlight, reading = _highlighting(question, term_weights(searcher, terms), asked)
    speaking = speakers_in(rows.values(), asked) if asked else {}
    quotes = []
    for passage_id in passage_ids:
        row = rows.get(passage_id)
        if row is not None:
            preferred = speaking[row.id][0] if asked else []
            quotes.append(make_quote(row, 0.0, highlight, preferred, reading))
    return tuple(quotes)


async def _suggestions(searcher: Searcher, store: Store, terms: list[str], hits: list[Hit]) -> list[str]:
    """Up to three titles closest to the question (by title match, then by passages).

    None when no word of the question is in any article: titles picked at random would
    read as "close" when they are not.
    """
    ids = [a for a, _ in sorted(searcher.article_scores(terms).items(), key=lambda kv: -kv[1])]
    ids += [h.article_id for h in hits]
    ordered = list(dict.fromkeys(ids))[:3]
    if not ordered:
        return []
    titles = await store.article_titles(searcher.generation, ordered)
    return [titles[i] for i in ordered if i in titles]
