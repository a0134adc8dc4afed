"""Throwaway servers on loopback for the tests, the bench and ``make eval-scaled``: a PostgreSQL
cluster (``postgres``), Xapian partition servers (``xapian``), and both together as the scaled
configuration (``scaled``). Nothing in the bot's runtime imports this package: in production the
admin runs these servers.
"""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
