"""The bot's side of question analytics: where a question came from, recording it off the
answer path, the metrics endpoint and the event-loop lag sampler.

Started by ``ArticleBot.setup_hook`` and closed by ``ArticleBot.close``. Nothing here may
fail or slow an answer: ``record`` only queues (``index.analytics.recorder``), and a database
that cannot be opened for analytics is logged and leaves the bot answering without them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord

from index.analytics.metrics import Metrics, MetricsServer, serve
from index.analytics.recorder import Recorder
from index.analytics.records import Origin, QuestionRecord, member_hash
from index.analytics.stats import StatsReport, gather_stats
from index.analytics.store import AnalyticsStore
from index.config import AnalyticsConfig, MetricsConfig
from index.models import Answer, ReindexReport

if TYPE_CHECKING:
    from index.engine import Engine

log = logging.getLogger(__name__)


def origin_of(user: discord.abc.User, guild: discord.Guild | None, channel_id: int | None) -> Origin:
    """Where a question from ``user`` came from: a guild channel or a DM."""
    return Origin(
        place="guild" if guild is not None else "dm",
        guild_id=str(guild.id) if guild is not None else None,
        channel_id=str(channel_id) if channel_id is not None else None,
        member_hash=member_hash(user.id),
        member_name=user.name,  # dropped before storing unless [analytics] store_member_names
    )


class BotAnalytics:
    """Question records, stats reads and metrics for one bot."""

    def __init__(self, config: AnalyticsConfig | None = None, metrics_config: MetricsConfig | None = None) -> None:
        self.config = config or AnalyticsConfig()
        self.metrics_config = metrics_config or MetricsConfig()
        self.metrics = Metrics()
        self.store: AnalyticsStore | None = None
        self.recorder: Recorder | None = None
        self.server: MetricsServer | None = None
        self._lag: asyncio.Task[None] | None = None
        self._engine: Engine | None = None

    async def start(self, engine: Engine) -> None:
        """Open the analytics connection, start the recorder, the endpoint and the lag sampler."""
        self._engine = engine
        engine.reindex_listeners.append(self._on_reindex)
        try:
            self.store = await AnalyticsStore.open(engine.config.db_path, database=engine.config.database)
        except Exception as error:  # noqa: BLE001 - the bot answers without analytics
            log.error("Question analytics are off: cannot open %s (%s).", engine.config.db_path, error)
        if self.store is not None and self.config.enabled:
            self.recorder = Recorder(self.store, self.config)
            self.recorder.start()
        port = self.metrics_config.port
        if port is not None:
            host = self.metrics_config.host
            try:
                self.server = await asyncio.to_thread(serve, self.metrics, host, port)
            except OSError as error:  # e.g. the port is taken: the bot still answers
                log.error("The metrics endpoint is off: cannot listen on %s:%d (%s).", host, port, error.strerror)
                return
            lag = self.metrics.watch_loop_lag(self.metrics_config.loop_lag_interval)
            self._lag = asyncio.get_running_loop().create_task(lag)

    def record(self, question: str, origin: Origin | None, answer: Answer | None, seconds: float,
               answer_key: str | None = None) -> None:
        """Count a question in the metrics and queue its record (``answer`` None: refused as
        unaskable; ``origin`` None: not a member's question, not recorded)."""
        answered = answer is not None and answer.answered and bool(answer.quotes)
        top = answer.quotes[0].citation.title if answered and answer is not None else None
        self.record_outcome(question, origin, answered, top, seconds, answer_key)

    def record_outcome(self, question: str, origin: Origin | None, answered: bool, top: str | None,
                       seconds: float, answer_key: str | None = None) -> None:
        """``record`` for a reply that is not quotes (e.g. "who wrote it?", answered from the
        article records): whether it answered, and the article it was about."""
        if origin is None:
            return
        record = QuestionRecord(question, origin, answered, seconds, top, answer_key)
        self.metrics.observe_question(record)
        if self.recorder is not None:
            self.recorder.record(record)

    async def forget(self, member_id: int) -> tuple[int, int]:
        """Delete a member's questions (those still queued too) and votes; how many of each."""
        if self.store is None:
            raise RuntimeError("question analytics are not available")
        if self.recorder is not None:
            await self.recorder.flush()
        return await self.store.forget(member_hash(member_id))

    async def report(self, days: int | None = None, guild_id: str | None = None) -> StatsReport:
        """The stats of the last ``days`` days (default ``stats_days``), questions still queued
        included; of server ``guild_id``'s questions only, when given."""
        if self.store is None:
            raise RuntimeError("question analytics are not available")
        if self.recorder is not None:
            await self.recorder.flush()
        return await gather_stats(self.store, days or self.config.stats_days,
                                  text_stored=self.config.store_question_text, guild_id=guild_id)

    def _on_reindex(self, report: ReindexReport) -> None:
        self.metrics.observe_reindex(report.seconds)

    async def close(self) -> None:
        """Write what is queued, stop the sampler and the endpoint, close the connection."""
        if self._engine is not None and self._on_reindex in self._engine.reindex_listeners:
            self._engine.reindex_listeners.remove(self._on_reindex)
        if self._lag is not None:
            self._lag.cancel()
            await asyncio.gather(self._lag, return_exceptions=True)
        if self.server is not None:
            await asyncio.to_thread(self.server.close)
            self.server = None
        if self.recorder is not None:
            await self.recorder.close()
        if self.store is not None:
            await self.store.close()
            self.store = None
