"""A throwaway PostgreSQL cluster for the tests and ``make eval-scaled``: Debian's server binaries,
a temporary data folder, a free loopback port, trust authentication, stopped and deleted at the end.

``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres`` user
(``runuser``); otherwise to the user running the tests. ``binaries()`` is None when no
PostgreSQL server is installed (``.ci/run`` installs Debian's ``postgresql`` package).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from index.loopback import free_port

SUPERUSER = "articlebot"
_names = count(1)


def binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` with ``initdb`` and ``pg_ctl``, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _as_owner() -> list[str]:
    """The command prefix that runs a server program as the cluster's owner."""
    if os.geteuid() != 0:
        return []
    pwd.getpwnam("postgres")  # KeyError: no postgres user to own the cluster
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class Cluster:
    """A running cluster: ``url(name)`` of its databases, ``new_database()`` for a fresh one;
    ``stop()`` and ``start()`` as an administrator would (e.g. to test reconnecting)."""

    port: int
    folder: Path
    pg_ctl: list[str]
    options: str

    def start(self) -> None:
        subprocess.run([*self.pg_ctl, "-o", self.options, "start"], check=True, capture_output=True, timeout=180)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*self.pg_ctl, "-m", mode, "stop"], check=True, capture_output=True, timeout=120)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str | None = None) -> str:
        """The URL of a new empty database (``CREATE DATABASE`` through psql), named ``name``
        or a fresh name."""
        name = name or f"test_{os.getpid()}_{next(_names)}"
        subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", self.url(), "-c", f"CREATE DATABASE {name}"],
                       check=True, capture_output=True, timeout=60)
        return self.url(name)


@contextlib.contextmanager
def running_cluster(bin_dir: Path) -> Iterator[Cluster]:
    """Start a cluster from ``bin_dir``'s programs; stop it and delete its files afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="articlebot-pg-"))
    owner = _as_owner()
    if owner:
        shutil.chown(folder, user="postgres")
    data, port = folder / "data", free_port()
    subprocess.run([*owner, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                    "--encoding=UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True, timeout=300)
    # No durability needed for a throwaway cluster: no fsync, so tests do not wait on the disk.
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
              "-c full_page_writes=off -c max_connections=200"
    pg_ctl = [*owner, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "120"]
    cluster = Cluster(port, folder, pg_ctl, options)
    cluster.start()
    try:
        yield cluster
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
