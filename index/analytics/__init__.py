"""Question analytics, Discord-free: what was asked, answered or refused, and how it went.

``records`` (one question as stored, and where it came from), ``store`` (the ``question_log``
table: add, prune, forget, the stats' reads), ``recorder`` (records queued off the answer path
and written by one background task), ``stats`` and ``gaps`` (the report an admin reads),
``chart`` (its PNG, optional matplotlib), ``metrics`` (the Prometheus endpoint). Their
defaults are ``AnalyticsConfig`` and ``MetricsConfig`` in ``index/config.py``.
"""
