"""The scaled configuration on one machine: the store on a throwaway PostgreSQL cluster and the
passages' index on Xapian partitions, each served by its own ``xapian-tcpsrv``, all on loopback.

``scaled_services`` starts them and yields the engine settings that use them (``database``,
``bm25 = "xapian"``, ``idf = "xapian"``, ``partitions``); everything is stopped and deleted at
the end. ``make eval-scaled`` and the scaled-eval test use it.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.bm25.partitions import load_xapian
from index.loopback.postgres import binaries, running_cluster
from index.loopback.xapian import serving_partitions

DATABASE_NAME = "articlebot_scaled"


class ServersMissing(RuntimeError):
    """PostgreSQL's or Xapian's programs are not installed; the message says which and how."""


def missing_servers() -> str | None:
    """One sentence naming what is not installed for the scaled configuration, or None."""
    if binaries() is None:
        return "no PostgreSQL server installed (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql"
    if shutil.which("xapian-tcpsrv") is None:
        return "xapian-tcpsrv is not installed: apt-get install xapian-tools"
    try:
        load_xapian()
    except ValueError as error:
        return str(error)
    return None


@contextlib.contextmanager
def scaled_services(work: Path, partitions: int = 2) -> Iterator[dict[str, Any]]:
    """PostgreSQL and ``partitions`` Xapian partition servers on loopback, their files under
    ``work``; yields the engine settings that put the store and the search on them."""
    missing = missing_servers()
    bin_dir = binaries()
    if missing is not None or bin_dir is None:
        raise ServersMissing(missing or "no PostgreSQL server installed")
    with running_cluster(bin_dir) as cluster, serving_partitions(work / "partitions", partitions) as served:
        yield {"database": cluster.new_database(DATABASE_NAME), "bm25": "xapian", "idf": "xapian",
               "partitions": served}
