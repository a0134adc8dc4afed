"""Every default of the index library, once.

``EngineConfig`` is what ``Engine.open`` takes: where the database and articles live, plus the
search and answer parameter records. ``AnalyticsConfig`` and ``MetricsConfig`` say what
``index.analytics`` records about questions and where its Prometheus endpoint listens;
``SourcesConfig`` is what fetching pages and polling feeds take (``index.sources``).
``bot/settings.py`` reads their defaults from here, and
``config.example.toml`` documents each key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

QUOTES_SHOWN = 3
"""Quotes per answer (Discord shows at most three at once; "More" pages through the rest)."""
CHECK_AT_OPEN_MB = 64
"""Databases up to this size get a full page check at every open (see ``index.store.migrate``)."""

SPACE_PER_INPUT_BYTE = 4
"""A reindex needs about this many bytes of disk per byte of new article text (rows, tokens and
the BM25 index: the 5 MB BBC folder takes 11 MB of database and 8 MB of index)."""
SPACE_MARGIN_MB = 8
"""Room kept on top of that estimate for SQLite's write-ahead log."""


@dataclass(frozen=True, slots=True)
class SearchParams:
    """BM25 parameters (rank-bm25's BM25Okapi semantics) and how fields combine."""

    bm25: str = "fast"  # which BM25 implementation (index.bm25.protocol.ENGINES)
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    idf: str = "okapi"  # idf formula (index.bm25.idf.IDF_MODES); the xapian engine needs "xapian"
    # The xapian engine's partitions, "host:port=directory" each (index.bm25.partitions).
    partitions: tuple[str, ...] = ()
    title_weight: float = 0.3  # how much an article's title/dek/author match adds to its passages


@dataclass(frozen=True, slots=True)
class RerankWeights:
    """How much each piece of re-ranking evidence adds, in shares of the question's idf mass."""

    bm25: float = 1.0
    sentence: float = 0.75
    exact: float = 0.5
    pairs: float = 0.7
    prefix: float = 0.7
    answer_type: float = 0.35
    grams: float = 0.85
    sentence_grams: float = 0.8
    local_sentence: float = 0.45
    title: float = 0.3  # x the article's title/dek/author BM25 (already 0.3x in the BM25 score)
    # Inside an article, question terms its title/dek/author already match (its topic) say
    # little about which of its passages answers: they count this much in those passages'
    # BM25 and evidence (see ``Question.within``).
    topic_terms: float = 0.5
    # Question terms the passage lacks but says with a related word (``index.answering.thesaurus``):
    # in the passage, and the gain of its best sentence counting them.
    synonyms: float = 0.5
    sentence_synonyms: float = 0.5
    # A sentence holding a candidate of the kind asked for next to the question's words
    # (``index.answering.answer_sentence.answer_near``), among the best 10: neutral on SQuAD,
    # whose paragraphs nearly all hold names and numbers; it lifts the answering paragraph
    # over a news story's one-sentence lede (docs/eval.md).
    answer_near: float = 0.3
    # The best sentence goes the other way from the question's verb ("jumped" for "how much did
    # the shares fall?", ``index.answering.direction``).
    opposite: float = -0.5


@dataclass(frozen=True, slots=True)
class AnswerSentenceWeights:
    """Weights of ``index.answering.answer_sentence.SentenceFeatures``, in the same order:
    which sentence of a quote is bold (fitted on SQuAD, docs/eval.md)."""

    share: float = 1.3
    exact: float = 1.2
    pairs: float = 1.05
    local: float = 3.0
    candidate: float = 1.05
    near: float = 0.85
    previous: float = 1.1
    related: float = 3.0
    carried: float = 0.5
    # The sentence goes only the other way from the question's verb ("jumped" for "How much did the
    # shares fall?"): SQuAD and the BBC sets score the same at -1 and -3 (docs/eval.md, eighth
    # round); -3 keeps such a sentence from winning by the question's other words alone.
    opposite: float = -3.0


@dataclass(frozen=True, slots=True)
class ConfidenceWeights:
    """Logistic weights of ``index.answering.confidence``: how sure an answer is (fitted on
    SQuAD half-indexed, checked out of fold: docs/eval.md)."""

    coverage: float = 4.89
    score: float = 2.44
    kind_missing: float = -0.66
    elsewhere: float = -1.24  # the runner-up passage is from another article
    mass: float = 1.90  # x log(the question's idf mass / the archive's largest idf)
    bias: float = -12.43


@dataclass(frozen=True, slots=True)
class AnswerParams:
    """How questions are read and when they count as answered."""

    max_question_chars: int = 1000
    # A question counts as answered when the confidence that the best passage answers it
    # (``index.answering.confidence``, 0..1) is at least this (docs/eval.md).
    answer_threshold: float = 0.13
    speaker_bonus: float = 1.0
    direct_quote: float = 2.0  # x speaker_bonus when the asked speaker is quoted directly
    reported: float = 0.25  # x speaker_bonus when the speaker is only reported ("X said that")
    topic_bonus: float = 1.0  # x the topic's coverage, for "what did X say about Y?"
    rerank: RerankWeights | None = RerankWeights()
    rerank_pool: int = 30
    related_words: bool = True  # re-ranking counts words the thesaurus relates to the question's
    english_rarity: bool = True  # question terms weigh by their rarity in English too (word_rarity)
    sentence: AnswerSentenceWeights = AnswerSentenceWeights()
    confidence: ConfidenceWeights = ConfidenceWeights()
    # False: the bold sentence and the confidence (the top passage's coverage; threshold 0.45)
    # as before issue 12, for the evaluation's "before" rows only.
    typed_answers: bool = True
    # A lede (an article's first paragraph) lacking the kind of thing asked for is quoted after
    # the first of the next this-many - 1 passages of its article that holds one (index.answering.lede; 0: off).
    # 30, the re-ranked pool: other stories naming the subject often rank between a lede and the
    # paragraph below it that answers (5 until issue 12's seventh round; docs/eval.md).
    lede_window: int = 30
    # When the first quote holds no figure of the asked kind beside a question word, the passage of
    # its article among the next lede_window - 1 whose figure sits beside at least this share of the
    # question's idf mass (title words left out) is quoted first (index.answering.figure_passage;
    # 0: off). 0.3 lost answers on both SQuAD halves, 0.5 gains on both (docs/eval.md, tenth round).
    figure_first_share: float = 0.5
    # Quotes after the first are shown when they score at least this share of the first's
    # (index.answering.excerpt); the others wait behind "More".
    further_quotes: float = 0.85
    # A refused question of at least this many words is asked again by its last clauses (up
    # to ``core_tries`` of them, then fewer; index.answering.question_core; 0: off).
    core_from_words: int = 20
    core_tries: int = 3


@dataclass(frozen=True, slots=True)
class ConversationParams:
    """How conversations read follow-ups (``index.conversation``)."""

    expiry_seconds: float = 600.0  # a conversation forgets its last answer this long after it
    max_conversations: int = 10_000  # remembered at once; the least recently used go first
    # Quotes fetched when some will be dropped (already shown, another speaker, another date).
    pool: int = 10
    # A follow-up looked up in the article it follows needs this share of the usual evidence:
    # "how much did the shares fall?" names only part of what the article says ("fell"). One
    # that refers back with a pronoun ("who did he send it to?") takes the article's best passage.
    in_article_evidence: float = 0.5
    # A question naming someone or something starts fresh when the last article lacks one of
    # its words, except words English uses this much or more (Zipf: "many" 5.9, "say" 5.9,
    # "get" 6.3; "jobs" 5.0 counts): they say how a question asks, not what it is about.
    asking_words_zipf: float = 5.5
    listed_per_page: int = 10  # articles per page of an archive list (console and Discord)


DATABASE = ""
"""Where articles, passages and the bot's tables live: "" for the SQLite file ``db_path``, or a
PostgreSQL URL such as ``postgresql://articlebot@db.example:5432/articlebot`` (the index files,
the reindex lock and fetched pages stay beside ``db_path`` on each machine)."""


@dataclass(frozen=True)
class EngineConfig:
    """Plain values the engine needs (the bot's settings are turned into this)."""

    db_path: Path = Path("data/articlebot.db")
    database: str = DATABASE
    article_dirs: tuple[Path, ...] = (Path("seeds"),)
    link_targets: tuple[Path, ...] = ()  # folders outside article_dirs that symbolic links may lead into
    max_file_bytes: int = 10_000_000
    check_at_open_mb: float = CHECK_AT_OPEN_MB
    top: int = QUOTES_SHOWN
    search: SearchParams = SearchParams()
    answer: AnswerParams = AnswerParams()
    batch_files: int = field(default=100, compare=False)

    @property
    def index_dir(self) -> Path:
        """Where the persisted BM25 indexes live, next to the database."""
        return self.db_path.with_name(self.db_path.name + ".index")

    @property
    def pages_dir(self) -> Path:
        """Where pages fetched from URLs are stored (and indexed like an article folder)."""
        return self.db_path.with_name(self.db_path.name + ".pages")

    @classmethod
    def from_flat(cls, values: Mapping[str, Any]) -> EngineConfig:
        """The config from flat keys as settings hold them (``k1``, ``db_path``…), paths as
        strings or ``Path`` and folder lists as lists or tuples."""
        values = dict(values)
        values["db_path"] = Path(values.get("db_path", cls.db_path))
        for key in ("article_dirs", "link_targets"):
            if key in values:
                values[key] = tuple(Path(d) for d in values[key])
        if "partitions" in values:
            values["partitions"] = tuple(values["partitions"])
        return cls().with_values(**values)

    def with_values(self, **values: Any) -> EngineConfig:
        """A copy with ``values`` set, each in the record that holds it (``k1`` in ``search``, …)."""
        search = {k: values.pop(k) for k in _names(SearchParams) & values.keys()}
        answer = {k: values.pop(k) for k in _names(AnswerParams) & values.keys()}
        unknown = values.keys() - _names(EngineConfig)
        if unknown:
            raise TypeError(f"unknown engine setting(s): {', '.join(sorted(unknown))}")
        return replace(self, search=replace(self.search, **search), answer=replace(self.answer, **answer), **values)


def _names(cls: type) -> set[str]:
    """The field names of a dataclass."""
    return {f.name for f in fields(cls)}


DAY = 86_400.0
"""Seconds in a day."""


@dataclass(frozen=True)
class AnalyticsConfig:
    """What is recorded about each question, and for how long."""

    enabled: bool = True
    retention_days: float = 90.0
    store_question_text: bool = True
    store_member_names: bool = False
    stats_days: int = 30  # the window /stats and `articlebot stats` report on by default

    @property
    def retention_seconds(self) -> float:
        """The retention in seconds."""
        return self.retention_days * DAY


@dataclass(frozen=True)
class MetricsConfig:
    """The Prometheus text endpoint: off (no port) unless configured, on loopback by default."""

    port: int | None = None
    host: str = "127.0.0.1"
    loop_lag_interval: float = 0.5  # seconds between event-loop lag samples


@dataclass(frozen=True)
class SourcesConfig:
    """How web pages and feeds are fetched (``index.sources``) and how often feeds are polled."""

    feeds: tuple[str, ...] = ()
    poll_minutes: float = 60.0
    max_page_bytes: int = 5_000_000
    timeout_seconds: float = 20.0
    max_redirects: int = 5
    allowed_networks: tuple[str, ...] = ()  # private or local networks that may be fetched from (CIDR)
    user_agent: str = "articlebot/0.1 (indexes articles an admin asked for)"


DM_ARCHIVES = ("shared", "all", "none")
"""What a direct message may search: the shared archive, every archive, or nothing."""


@dataclass(frozen=True)
class ScopePolicy:
    """How servers' own archives and the shared archive are seen (``[scopes]``, index/scopes.py)."""

    per_guild: bool = False  # /add, /feeds add and /reindex PATH fill the server's own archive
    dm_archive: str = "shared"  # one of DM_ARCHIVES
    guilds_see_shared: bool = True  # a server with folders of its own also sees the shared archive
    generation_poll_seconds: float = 2.0  # how often a bot process checks for another's reindex
