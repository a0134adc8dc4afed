"""A question's hits re-scored: lexical evidence, the asked speaker's quotes, the topic asked about."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.answering.highlighting import typed_answer_bonus
from index.answering.pool_evidence import pool_evidence
from index.answering.rerank import PoolEvidence, Question, evidence, rerank_score
from index.answering.search import Hit, Searcher
from index.answering.speaker_questions import SpeakerQuery, same_person
from index.answering.stored_terms import counts_of, terms_of
from index.answering.word_rarity import english_frequencies, weigh_by_rarity
from index.config import AnswerParams
from index.store.rows import PassageRow
from index.tokenize import tokenize


def largest_idf(passages: int) -> float:
    """The idf of a word no passage of an archive of ``passages`` holds: the largest there is."""
    return math.log(max(passages, 1) + 0.5) - math.log(0.5)


def term_weights(searcher: Searcher, terms: Sequence[str]) -> dict[str, float]:
    """idf of each distinct question term; unseen terms weigh as the rarest possible."""
    rare = largest_idf(searcher.size)
    weights = {}
    for term in dict.fromkeys(terms):
        idf, title_idf = searcher.weights(term)
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
    in_text = counts_of(row)[0]
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
    counts, length = counts_of(row)
    parts = searcher.term_scores(counts, length, asked)
    return sum(parts[t] for t in asked)


@dataclass(frozen=True, slots=True)
class RankedPassage:
    """A hit re-scored for the question, its passage, and the sentences to prefer (the asked speaker's)."""

    hit: Hit
    row: PassageRow
    score: float
    preferred: list[int]


@dataclass(frozen=True, slots=True)
class Reading:
    """How a question was read, for ranking its hits."""

    asked: SpeakerQuery | None  # "what did X say (about Y)?"
    topic_weights: dict[str, float]  # the terms of Y, weighed
    question: Question | None  # the question for the re-rank's evidence (None: BM25 order)
    searcher: Searcher | None = None  # to discount terms naming an article's topic
    terms: Sequence[str] = ()  # the query terms searched for


def rank(hits: list[Hit], rows: dict[int, PassageRow], reading: Reading, params: AnswerParams
         ) -> list[RankedPassage]:
    """Hits re-scored for the question, best first, with preferred sentences.

    The best ``params.rerank_pool`` hits are re-ranked by the lexical evidence of
    ``index.answering.rerank`` (with the searcher and the query terms, question terms naming the
    article's topic count less in its passages' BM25 and evidence); "what did X say
    (about Y)?" then prefers passages quoting X (and, among them, those about Y), in
    proportion to the best score.
    """
    scored = _rescored(hits, rows, reading, params)
    if reading.question is not None and params.rerank is not None and params.rerank.answer_near:
        scored = typed_answer_bonus(scored, reading.question, params.rerank.answer_near)
    top = max((score for _, _, score in scored), default=0.0)
    asked = reading.asked
    speaking = speakers_in((row for _, row, _ in scored), asked) if asked is not None else {}
    ranked = []
    for hit, row, score in scored:
        preferred: list[int] = []
        if asked is not None:
            preferred, direct = speaking[row.id]
            if preferred:
                share = params.direct_quote if direct else params.reported
                score += params.speaker_bonus * max(top, 1.0) * share
            if reading.topic_weights:  # "about Y": among X's quotes, the one about Y
                score += params.topic_bonus * max(top, 1.0) * coverage(row, reading.topic_weights)
        ranked.append(RankedPassage(hit, row, score, preferred))
    ranked.sort(key=lambda item: (-item.score, item.hit.passage_id))
    return ranked


def _rescored(hits: list[Hit], rows: dict[int, PassageRow], reading: Reading, params: AnswerParams
              ) -> list[tuple[Hit, PassageRow, float]]:
    """Each hit whose passage is still indexed, with its score after the lexical re-rank."""
    weights, question, searcher = params.rerank, reading.question, reading.searcher
    pool: dict[int, PoolEvidence] = {}
    if question is not None and weights is not None:
        ids = [h.passage_id for h in hits[:params.rerank_pool] if h.passage_id in rows]
        pool = dict(zip(ids, pool_evidence(question, [(rows[p].text, rows[p].sentences) for p in ids],
                                           [terms_of(rows[p]) for p in ids])))
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
                bm25 -= (1 - weights.topic_terms) * topic_score(searcher, reading.terms, row, topic)
            found = evidence(within, row.text, row.sentences, terms_of(row))
            score = rerank_score(bm25, found, within, weights, pool[hit.passage_id], hit.article_score)
        scored.append((hit, row, score))
    return scored


def distinct(ranked: list[RankedPassage]) -> list[RankedPassage]:
    """``ranked`` without passages repeating a better one's text word for word.

    Archives hold reposted and lightly edited copies of a story: the same paragraph twice
    in a reply says nothing new, and pushes a different passage out of view.
    """
    seen: set[str] = set()
    kept = []
    for item in ranked:
        key = " ".join(item.row.text.split()).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
