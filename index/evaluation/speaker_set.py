"""Build "what did X say?" / "what did X say about Y?" questions from a folder of articles.

X is each quoted speaker as written (``Mr Blair``), by full name (``Tony Blair``) and by
surname (``Blair``). Y is the article's subject: the two rarest words of its headline that
are not part of X's name. A reply is right when its top quote overlaps a quote by X — and,
when Y is given, lies in the article the question was made from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from index.evaluation.baseline import read_paragraphs
from index.evaluation.speaker_questions import QUESTION_VERBS, TITLES, QuoteSpan, extract_quotes
from index.evaluation.systems import Hit
from index.tokenize import STOPWORDS, words


@dataclass(frozen=True, slots=True)
class SpeakerQuestion:
    """A generated question; ``full`` requires the quote's full name to match ``name``."""

    question: str
    name: str
    surname: str
    full: bool
    topic: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerCorpus:
    """Every attributed quote of a folder, by article, and each article's headline."""

    quotes: dict[str, tuple[QuoteSpan, ...]]
    titles: dict[str, str]


def load_corpus(folder: Path) -> SpeakerCorpus:
    """Quotes and headlines of every ``*.txt`` file under ``folder`` (keys: relative paths)."""
    quotes: dict[str, tuple[QuoteSpan, ...]] = {}
    titles: dict[str, str] = {}
    for path in sorted(folder.rglob("*.txt")):
        rel = path.relative_to(folder).as_posix()
        text, paras = read_paragraphs(path, rel)
        if not paras:
            continue
        titles[rel] = paras[0].title
        quotes[rel] = tuple(extract_quotes(rel, text, [(p.start, p.end) for p in paras]))
    return SpeakerCorpus(quotes, titles)


def is_by(question: SpeakerQuestion, quote: QuoteSpan) -> bool:
    """True when ``quote`` is by the person ``question`` asks about."""
    if quote.surname != question.surname:
        return False
    return not question.full or question.name in (quote.full_name, quote.written) or (
        quote.full_name is None
    )


def names(quote: QuoteSpan) -> list[tuple[str, bool]]:
    """``(name, is full name)`` variants of a quote's speaker, deduplicated, in order."""
    first = quote.written.split()[0].rstrip(".")
    variants = [(quote.written, " " in quote.written and first not in TITLES)]
    if quote.full_name:
        variants.append((quote.full_name, True))
    variants.append((quote.surname, False))
    seen: dict[str, bool] = {}
    for name, full in variants:
        seen.setdefault(name, full)
    return list(seen.items())


def topic(title: str, exclude: str, df: Counter[str], n_docs: int, size: int = 2) -> str | None:
    """The ``size`` rarest headline words (not stopwords, not in ``exclude``, not in every
    headline), in headline order; ``None`` when no word qualifies."""
    banned = set(words(exclude))
    candidates = [
        w for w in dict.fromkeys(words(title))
        if w not in STOPWORDS and w not in banned and (df[w] < n_docs or n_docs == 1)
    ]
    rarest = sorted(candidates, key=lambda w: (df[w], candidates.index(w)))[:size]
    return " ".join(w for w in candidates if w in rarest) or None


def make_questions(corpus: SpeakerCorpus) -> list[SpeakerQuestion]:
    """"What did X say?" per distinct name, then "... about Y?" per article, speaker, name."""
    df: Counter[str] = Counter()
    for title in corpus.titles.values():
        df.update(set(words(title)))
    n_docs = len(corpus.titles)
    plain: dict[str, SpeakerQuestion] = {}
    about: dict[str, SpeakerQuestion] = {}
    for source, quotes in corpus.quotes.items():
        for quote in (q for q in quotes if q.verb in QUESTION_VERBS):
            for name, full in names(quote):
                q = f"What did {name} say?"
                plain.setdefault(q, SpeakerQuestion(q, name, quote.surname, full))
                y = topic(corpus.titles[source], quote.written + " " + (quote.full_name or ""), df, n_docs)
                if y is None:
                    continue
                q = f"What did {name} say about {y}?"
                about.setdefault(q, SpeakerQuestion(q, name, quote.surname, full, y, source))
    return [*plain.values(), *about.values()]


def judge(question: SpeakerQuestion, hit: Hit | None, corpus: SpeakerCorpus) -> bool:
    """True when ``hit`` overlaps a quote by X (in the question's article, if it names one)."""
    if hit is None or (question.source is not None and hit.source != question.source):
        return False
    return any(
        is_by(question, quote) and quote.start < hit.end and hit.start < quote.end
        for quote in corpus.quotes.get(hit.source, ())
    )

