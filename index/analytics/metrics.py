"""Prometheus metrics: questions, refusals, answer time, reindex time and event-loop lag.

A ``Metrics`` owns its own ``CollectorRegistry`` (two bots in one process, as in tests, keep
their counts apart). ``serve`` exposes it in Prometheus' text format over HTTP on a daemon
thread (prometheus-client's own server), so a scrape never runs on the event loop.
``watch_loop_lag`` samples how late a periodic sleep wakes up.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server

from index.analytics.records import QuestionRecord

log = logging.getLogger(__name__)

ANSWER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REINDEX_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)
LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """The bot's Prometheus metrics, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter("articlebot_questions", "Questions answered or refused.", ["place"], registry=r)
        self.refusals = Counter("articlebot_refusals", "Questions answered with no quote.", ["place"], registry=r)
        self.answer_seconds = Histogram("articlebot_answer_seconds", "Time taken to answer a question.",
                                        buckets=ANSWER_BUCKETS, registry=r)
        self.reindex_seconds = Histogram("articlebot_reindex_seconds", "Duration of a reindex.",
                                         buckets=REINDEX_BUCKETS, registry=r)
        self.loop_lag_seconds = Histogram("articlebot_event_loop_lag_seconds",
                                          "How late a periodic event-loop wake-up was.",
                                          buckets=LAG_BUCKETS, registry=r)

    def observe_question(self, record: QuestionRecord) -> None:
        """Count one question (and its refusal) and its time taken."""
        place = record.origin.place
        self.questions.labels(place).inc()
        if not record.answered:
            self.refusals.labels(place).inc()
        self.answer_seconds.observe(record.seconds)

    def observe_reindex(self, seconds: float) -> None:
        """Record one reindex's duration."""
        self.reindex_seconds.observe(seconds)

    async def watch_loop_lag(self, interval: float) -> None:
        """Sample event-loop lag every ``interval`` seconds until cancelled."""
        while True:
            due = time.perf_counter() + interval
            await asyncio.sleep(interval)
            self.loop_lag_seconds.observe(max(0.0, time.perf_counter() - due))


@dataclass
class MetricsServer:
    """A running metrics endpoint; ``port`` is the one bound (useful when 0 was asked)."""

    server: WSGIServer
    thread: threading.Thread

    @property
    def port(self) -> int:
        """The TCP port the endpoint listens on."""
        return int(self.server.server_port)

    def close(self) -> None:
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve(metrics: Metrics, host: str, port: int) -> MetricsServer:
    """Serve ``metrics`` at ``http://host:port/metrics`` (port 0: any free port)."""
    server, thread = start_http_server(port, addr=host, registry=metrics.registry)
    found = MetricsServer(server, thread)
    log.info("Prometheus metrics on http://%s:%d/metrics", host, found.port)
    return found
