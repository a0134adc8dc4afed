"""Running ``xapian-tcpsrv`` for a partition on this machine (tests, the parity command, the bench).

In production an admin (or a service manager) runs one ``xapian-tcpsrv`` per partition on the
machine that holds it::

    xapian-tcpsrv --interface 127.0.0.1 --port 33301 /srv/articlebot/part-0/passages

``PartitionServer`` does the same as a child process in its own process group, so ``kill``
takes down the server and the per-connection children it forked, like a machine going away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from index.bm25.partitions import DATABASE, Partition, parse_partitions, write_partitions
from index.loopback import free_port

START_TIMEOUT_S = 20.0


class PartitionServer:
    """One ``xapian-tcpsrv`` serving ``partition.directory/passages`` on its address."""

    def __init__(self, partition: Partition) -> None:
        self.partition = partition
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> PartitionServer:
        """Start the server and wait until it accepts connections (the database must exist)."""
        program = shutil.which("xapian-tcpsrv")
        if program is None:
            raise RuntimeError("xapian-tcpsrv is not installed (apt-get install xapian-tools)")
        part = self.partition
        command = [program, "--interface", part.host, "--port", str(part.port), str(part.directory / DATABASE)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"xapian-tcpsrv for {part} exited with status {self.process.returncode}")
            try:
                socket.create_connection((part.host, part.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"xapian-tcpsrv for {part} did not listen within {START_TIMEOUT_S:.0f} s")

    def kill(self) -> None:
        """Kill the server and its connection children at once (SIGKILL to its process group)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None


def partitions_in(root: Path, count: int, host: str = "127.0.0.1") -> tuple[str, ...]:
    """``count`` partition settings with folders under ``root`` and free loopback ports."""
    return tuple(f"{host}:{free_port(host)}={root / f'part-{i}'}" for i in range(count))


@contextlib.contextmanager
def serving_partitions(root: Path, count: int, host: str = "127.0.0.1") -> Iterator[tuple[str, ...]]:
    """``count`` partitions under ``root``, each served by its ``xapian-tcpsrv`` on a free loopback
    port; yields their settings and kills the servers at the end. Each starts on an empty build
    (the server needs a database to open); every reindex then writes a new build that the next
    connection serves."""
    partitions = partitions_in(root, count, host)
    parsed = parse_partitions(partitions)
    write_partitions([], parsed)
    servers: list[PartitionServer] = []
    try:
        servers.extend(PartitionServer(p).start() for p in parsed)
        yield partitions
    finally:
        for server in servers:
            server.kill()
